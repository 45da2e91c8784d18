# This file registers the compiler-level end-to-end tests (tests/e2e/test_*.sh
# other than the runtime smoke test): each compiles SQL with sqlkc, starts its
# own sqlkc-dev-broker, drives it with kcat and checks the sink byte for byte.
# Included by tests/CMakeLists.txt. Exit code 77 = skipped (kcat missing).
# Run them alone with: ctest --test-dir build -R '^e2e/' --output-on-failure
set(SQLKC_E2E_DIR ${CMAKE_CURRENT_LIST_DIR}/e2e)
foreach(e2e_case pageviews:300 insert_only:180 job_cli:300 aggregates:180 raw:120 raw_charset:120 keyed_source:120
    metadata:120 avro_sink:120 avro_source:120 csv_sink:120 csv_source:120 csv_escape:120 changelog:120
    changelog_restart:120 buffered_sink:120 minibatch:120 avro_confluent:180 format_matrix:300 format_matrix_raw:180
    nested_json:120 headers:120 nested_avro:120 nested_csv:120 nested_minibatch:120 nested_confluent:180
    avro_timestamp_mapping:120 avro_json:120 seed:120 casts:120 hints:120 restore:240 restore_changelog:240)
  string(REPLACE ":" ";" e2e_parts ${e2e_case})
  list(GET e2e_parts 0 e2e_name)
  list(GET e2e_parts 1 e2e_timeout)
  add_test(NAME e2e/${e2e_name}
    COMMAND bash ${SQLKC_E2E_DIR}/test_${e2e_name}.sh
            $<TARGET_FILE:sqlkc> $<TARGET_FILE:sqlkc-dev-broker>)
  set_tests_properties(e2e/${e2e_name} PROPERTIES
    TIMEOUT ${e2e_timeout} SKIP_RETURN_CODE 77 LABELS e2e)
endforeach()
