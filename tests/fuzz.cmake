# This file hooks the fuzz targets and their corpus replay into the tests
# (included last by tests/CMakeLists.txt); tests/fuzz/CMakeLists.txt has them.
add_subdirectory(${CMAKE_CURRENT_SOURCE_DIR}/fuzz)
