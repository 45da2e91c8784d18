# This file defines sqlkc_add_job(<target> SQL <file.sql> [GEN_ARGS <arg>...]):
# an executable <target> built from the C that `sqlkc gen` writes for file.sql
# (regenerated when the .sql file or sqlkc changes), linked with the runtime.
# It needs the targets Sqlkc::sqlkc and Sqlkc::sqlkcrt: SqlkcConfig.cmake imports
# them from an installation, cmake/install.cmake aliases them in sqlkc's own build.
function(sqlkc_add_job target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "SQL" "GEN_ARGS")
  if(NOT arg_SQL)
    message(FATAL_ERROR "sqlkc_add_job(${target}): SQL <file.sql> is required")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "sqlkc_add_job(${target}): unexpected arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  cmake_path(ABSOLUTE_PATH arg_SQL BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}"
    OUTPUT_VARIABLE sql)
  set(c "${CMAKE_CURRENT_BINARY_DIR}/${target}.sqlkc.c")
  add_custom_command(OUTPUT "${c}"
    COMMAND Sqlkc::sqlkc gen "${sql}" -o "${c}" ${arg_GEN_ARGS}
    DEPENDS "${sql}" Sqlkc::sqlkc
    COMMENT "sqlkc gen ${arg_SQL}"
    VERBATIM)
  add_executable(${target} "${c}")
  target_compile_features(${target} PRIVATE c_std_11)
  target_link_libraries(${target} PRIVATE Sqlkc::sqlkcrt)
endfunction()
