// Data files the server serves as they are, embedded at build time.
#pragma once

#include <string_view>

namespace kto::server {

// The OpenAPI 3.1 description of the API (data/openapi.json).
extern const std::string_view kOpenApiJson;

}  // namespace kto::server
