// The CLI's commands write their JSON with the render module's writer (the
// server shares it); this keeps the short name in kto::cli.
#pragma once

#include "kto/render/json_writer.h"

namespace kto::cli {

using render::JsonWriter;

}  // namespace kto::cli
