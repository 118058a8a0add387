# kto_embed_text(TARGET DATA_FILE): compiles the text file DATA_FILE (CSS,
# a template) into generated/<name>.inc at build time, a C++ raw string
# literal TARGET's sources include where the text is wanted:
#
#   constexpr std::string_view kStyle =
#   #include "style.css.inc"
#   ;
function(kto_embed_text target data)
  get_filename_component(name "${data}" NAME)
  get_filename_component(data "${data}" ABSOLUTE)
  set(generated "${CMAKE_CURRENT_BINARY_DIR}/generated")
  set(script "${PROJECT_SOURCE_DIR}/cmake/gen_embed_text.cmake")
  file(RELATIVE_PATH source "${PROJECT_SOURCE_DIR}" "${data}")
  add_custom_command(
    OUTPUT "${generated}/${name}.inc"
    COMMAND ${CMAKE_COMMAND} -DIN=${data} -DSOURCE=${source} -DOUT=${generated}/${name}.inc
            -P ${script}
    DEPENDS "${data}" "${script}"
    COMMENT "Embedding ${name}"
    VERBATIM)
  target_sources(${target} PRIVATE "${generated}/${name}.inc")
  target_include_directories(${target} PRIVATE "${generated}")
endfunction()
