# This file registers tests beyond the per-file unit tests (included by
# tests/CMakeLists.txt): the runtime's end-to-end smoke test, which runs a
# hand-written job against sqlkc-dev-broker with kcat. Exit code 77 = skipped
# (kcat missing).
add_executable(smoke_job e2e/smoke_job.c)
target_link_libraries(smoke_job PRIVATE sqlkcrt)
add_test(NAME e2e/runtime_smoke
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/e2e/test_runtime_smoke.sh
          $<TARGET_FILE:sqlkc-dev-broker> $<TARGET_FILE:smoke_job>)
set_tests_properties(e2e/runtime_smoke PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77)
