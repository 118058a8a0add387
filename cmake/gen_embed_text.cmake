# Writes a text file (a data file of kto) as a C++ raw string literal, at
# build time: cmake -DIN=style.css -DOUT=style.css.inc [-DSOURCE=name] -P
# gen_embed_text.cmake (SOURCE: how the output names IN; IN by default).
# The file must not hold the literal's closing delimiter )kto_text".
cmake_minimum_required(VERSION 3.25)

if(NOT DEFINED SOURCE)
  set(SOURCE "${IN}")
endif()
file(READ "${IN}" content)
string(FIND "${content}" ")kto_text\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${IN}: holds the delimiter )kto_text\"")
endif()
file(WRITE "${OUT}"
     "// Generated from ${SOURCE} by cmake/gen_embed_text.cmake: edit that file instead.\nR\"kto_text(${content})kto_text\"\n")
