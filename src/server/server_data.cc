#include "server_data.h"

namespace kto::server {

const std::string_view kOpenApiJson =
#include "openapi.json.inc"
    ;

}  // namespace kto::server
