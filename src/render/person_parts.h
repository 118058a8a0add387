// Pieces of a person's JSON that the analysis object and the KB record share.
#pragma once

#include <string_view>

#include "kto/render/json_writer.h"

namespace kto::render {

// "m", "f", or null for an empty (unknown) gender code.
inline void WriteGender(std::string_view code, JsonWriter* json) {
  if (code.empty())
    json->Null();
  else
    json->String(code);
}

}  // namespace kto::render
