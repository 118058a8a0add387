# kto_generated_source(TARGET DATA_FILE OUTPUT_NAME SCRIPT [-DNAME=VALUE...]):
# runs the cmake script SCRIPT at build time to turn DATA_FILE into
# generated/OUTPUT_NAME (given -DIN, -DSOURCE, -DOUT and the extra
# definitions) and lets TARGET's sources include it.
function(kto_generated_source target data output script)
  get_filename_component(data "${data}" ABSOLUTE)
  set(generated "${CMAKE_CURRENT_BINARY_DIR}/generated")
  file(RELATIVE_PATH source "${PROJECT_SOURCE_DIR}" "${data}")
  get_filename_component(name "${output}" NAME_WE)
  add_custom_command(
    OUTPUT "${generated}/${output}"
    COMMAND ${CMAKE_COMMAND} -DIN=${data} -DSOURCE=${source} -DOUT=${generated}/${output} ${ARGN}
            -P ${script}
    DEPENDS "${data}" "${script}"
    COMMENT "Generating ${output}"
    VERBATIM)
  target_sources(${target} PRIVATE "${generated}/${output}")
  target_include_directories(${target} PRIVATE "${generated}")
endfunction()

# kto_word_list(TARGET DATA_FILE MODE): compiles the word list DATA_FILE
# (format: cmake/gen_word_list.cmake) into generated/<name>.inc at build time
# and lets TARGET's sources include it:
#
#   constexpr std::string_view kStems[] = {
#   #include "speech_verb_stems.inc"
#   };
function(kto_word_list target data mode)
  get_filename_component(name "${data}" NAME_WE)
  kto_generated_source(${target} ${data} ${name}.inc "${PROJECT_SOURCE_DIR}/cmake/gen_word_list.cmake"
                       -DMODE=${mode})
endfunction()
