# This file makes an installed sqlkc usable from other builds, on top of what
# runtime/CMakeLists.txt (bin/sqlkc-dev-broker, lib/libsqlkcrt.a,
# include/sqlkc/*.h) and compiler/CMakeLists.txt (bin/sqlkc) install:
#   lib/cmake/Sqlkc/SqlkcConfig.cmake, SqlkcConfigVersion.cmake, SqlkcAddJob.cmake
#       find_package(Sqlkc) and sqlkc_add_job(<target> SQL <file.sql>)
#   lib/pkgconfig/sqlkcrt.pc
#       cc job.c $(pkg-config --cflags --libs sqlkcrt)
# It also gives sqlkc's own build the same Sqlkc::sqlkc and Sqlkc::sqlkcrt names
# and sqlkc_add_job, for examples/ and tests/. The top-level CMakeLists.txt
# includes it after add_subdirectory(runtime) and add_subdirectory(compiler).
include(CMakePackageConfigHelpers)

add_library(Sqlkc::sqlkcrt ALIAS sqlkcrt)
add_executable(Sqlkc::sqlkc ALIAS sqlkc)
include(${CMAKE_CURRENT_LIST_DIR}/SqlkcAddJob.cmake)

set(SQLKC_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Sqlkc)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/SqlkcConfig.cmake.in
  ${PROJECT_BINARY_DIR}/SqlkcConfig.cmake
  INSTALL_DESTINATION ${SQLKC_CMAKE_DIR}
  PATH_VARS CMAKE_INSTALL_BINDIR CMAKE_INSTALL_LIBDIR CMAKE_INSTALL_INCLUDEDIR)
# Before 1.0 a minor release may change the runtime ABI (SQLKC_RT_ABI).
write_basic_package_version_file(${PROJECT_BINARY_DIR}/SqlkcConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/SqlkcConfig.cmake
  ${PROJECT_BINARY_DIR}/SqlkcConfigVersion.cmake
  ${CMAKE_CURRENT_LIST_DIR}/SqlkcAddJob.cmake
  DESTINATION ${SQLKC_CMAKE_DIR})

# The .pc file finds its prefix from its own location (${pcfiledir}), so that
# `cmake --install build --prefix P` and DESTDIR both give a working file.
function(sqlkc_pc_dir var dir)
  if(IS_ABSOLUTE "${dir}")
    set(${var} "${dir}" PARENT_SCOPE)
  else()
    set(${var} "\${prefix}/${dir}" PARENT_SCOPE)
  endif()
endfunction()
set(SQLKC_PC_PREFIX "\${pcfiledir}")
if(NOT IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  file(RELATIVE_PATH SQLKC_PC_UP /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
  string(REGEX REPLACE "/$" "" SQLKC_PC_UP "${SQLKC_PC_UP}")
  set(SQLKC_PC_PREFIX "\${pcfiledir}/${SQLKC_PC_UP}")
endif()
sqlkc_pc_dir(SQLKC_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
sqlkc_pc_dir(SQLKC_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/sqlkcrt.pc.in ${PROJECT_BINARY_DIR}/sqlkcrt.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/sqlkcrt.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# The installed tree, checked as a user meets it (scripts/check-install.sh).
if(SQLKC_TESTS)
  enable_testing()
  add_test(NAME install/package
    COMMAND ${PROJECT_SOURCE_DIR}/scripts/check-install.sh ${PROJECT_BINARY_DIR})
endif()
