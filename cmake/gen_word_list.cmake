# Compiles a word list (a data file of kto) into C++ initializers, at build
# time: cmake -DIN=list.txt -DOUT=list.inc -DMODE=words|records [-DSOURCE=name]
# -P gen_word_list.cmake (SOURCE: how the output names IN; IN by default).
#
# The data file: UTF-8 text, one entry per line, fields separated by spaces or
# tabs; `#` starts a comment that runs to the end of the line; blank lines are
# skipped. A field holds no `"`, `\`, `;` or `#`.
#   MODE=words    every field becomes one string:  "f1", "f2", ...
#   MODE=records  every line becomes one record:   {"f1", "f2"},
# The C++ side includes the result inside a braced initializer
# (kto_word_list in cmake/KtoWordList.cmake).
cmake_minimum_required(VERSION 3.25)

if(NOT DEFINED SOURCE)
  set(SOURCE "${IN}")
endif()
if(NOT MODE STREQUAL "words" AND NOT MODE STREQUAL "records")
  message(FATAL_ERROR "gen_word_list.cmake: MODE must be words or records, not '${MODE}'")
endif()
file(STRINGS "${IN}" lines ENCODING UTF-8)
set(out "// Generated from ${SOURCE} by cmake/gen_word_list.cmake: edit that file instead.\n")
set(entries 0)
foreach(line IN LISTS lines)
  string(REGEX REPLACE "#.*$" "" line "${line}")
  string(STRIP "${line}" line)
  if(line STREQUAL "")
    continue()
  endif()
  if(line MATCHES "[\"\\\\]")
    message(FATAL_ERROR "${IN}: a field holds a quote or a backslash: ${line}")
  endif()
  string(REGEX REPLACE "[ \t]+" ";" fields "${line}")
  set(quoted "")
  foreach(field IN LISTS fields)
    list(APPEND quoted "\"${field}\"")
  endforeach()
  list(JOIN quoted ", " joined)
  if(MODE STREQUAL "records")
    string(APPEND out "{${joined}},\n")
  else()
    string(APPEND out "${joined},\n")
  endif()
  math(EXPR entries "${entries} + 1")
endforeach()
if(entries EQUAL 0)
  message(FATAL_ERROR "${IN}: no entries")
endif()
file(WRITE "${OUT}" "${out}")
