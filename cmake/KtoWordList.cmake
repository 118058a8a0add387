# kto_word_list(TARGET DATA_FILE MODE): compiles the word list DATA_FILE
# (format: cmake/gen_word_list.cmake) into generated/<name>.inc at build time
# and lets TARGET's sources include it:
#
#   constexpr std::string_view kStems[] = {
#   #include "speech_verb_stems.inc"
#   };
function(kto_word_list target data mode)
  get_filename_component(name "${data}" NAME_WE)
  get_filename_component(data "${data}" ABSOLUTE)
  set(generated "${CMAKE_CURRENT_BINARY_DIR}/generated")
  set(script "${PROJECT_SOURCE_DIR}/cmake/gen_word_list.cmake")
  file(RELATIVE_PATH source "${PROJECT_SOURCE_DIR}" "${data}")
  add_custom_command(
    OUTPUT "${generated}/${name}.inc"
    COMMAND ${CMAKE_COMMAND} -DIN=${data} -DSOURCE=${source} -DOUT=${generated}/${name}.inc
            -DMODE=${mode} -P ${script}
    DEPENDS "${data}" "${script}"
    COMMENT "Compiling the word list ${name}"
    VERBATIM)
  target_sources(${target} PRIVATE "${generated}/${name}.inc")
  target_include_directories(${target} PRIVATE "${generated}")
endfunction()
