# This file registers the schema registry tests (included by
# tests/CMakeLists.txt): the registry client against the test registry
# tests/registry/registry_server.py, which the test starts itself.
add_executable(test_registry_client ${CMAKE_CURRENT_LIST_DIR}/registry/test_registry_client.c)
target_link_libraries(test_registry_client PRIVATE sqlkcrt ${CMOCKA_LIB})
target_compile_definitions(test_registry_client PRIVATE
  REGISTRY_SERVER="${CMAKE_CURRENT_LIST_DIR}/registry/registry_server.py")
add_test(NAME registry/client COMMAND test_registry_client)
set_tests_properties(registry/client PROPERTIES TIMEOUT 120)
