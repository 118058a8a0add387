# kto_embed_text(TARGET DATA_FILE): compiles the text file DATA_FILE (CSS,
# a template) into generated/<file name>.inc at build time, a C++ raw string
# literal TARGET's sources include where the text is wanted:
#
#   constexpr std::string_view kStyle =
#   #include "style.css.inc"
#   ;
function(kto_embed_text target data)
  get_filename_component(name "${data}" NAME)
  kto_generated_source(${target} ${data} ${name}.inc
                       "${PROJECT_SOURCE_DIR}/cmake/gen_embed_text.cmake")
endfunction()
