# This file turns each templates/*.in file into a C string constant named
# tpl_<basename> (dots and dashes become underscores) in one generated source.
separate_arguments(FILES)
set(out "/* Generated from templates/ by cmake/embed.cmake. Do not edit. */\n#include <stddef.h>\n")
foreach(f ${FILES})
  get_filename_component(name ${f} NAME)
  string(REGEX REPLACE "\\.in$" "" name ${name})
  string(REGEX REPLACE "[^A-Za-z0-9]" "_" name ${name})
  file(READ ${f} hex HEX)
  string(LENGTH "${hex}" hexlen)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(APPEND out "const char tpl_${name}[] = {${bytes} 0};\n")
endforeach()
file(WRITE ${OUT} "${out}")
