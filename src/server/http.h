// Small helpers of the handlers: JSON errors with their HTTP status, the id
// in a path, bounded query parameters.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kto/status.h"

namespace kto::server {

// {"error": {"code": CODE, "message": MESSAGE}} with `status`.
void SendError(httplib::Response& res, int status, std::string_view code, std::string_view message);
// The status and error code for a failed engine or store call: kNotFound ->
// 404, kInvalidInput/kInvalidArgument -> 422, others -> 500 (the message of a
// 500 is logged, the client gets a generic one).
void SendStatus(httplib::Response& res, const Status& status);

void SendJson(httplib::Response& res, int status, std::string body);

// The rest of the raw request target after `prefix` (up to «?»), with its
// percent-encoding decoded: an article id may contain «/» (sent as %2F).
// Empty when the target does not start with `prefix`.
std::string PathRest(const httplib::Request& req, std::string_view prefix);
// The same, raw (still percent-encoded).
std::string_view RawPathRest(const httplib::Request& req, std::string_view prefix);
std::string PercentDecode(std::string_view s);

// An integer query parameter in [min, max], `fallback` when absent;
// nullopt (and a 400 answer sent) when it is not such a number.
std::optional<int64_t> IntParam(const httplib::Request& req, httplib::Response& res,
                                const char* name, int64_t fallback, int64_t min, int64_t max);
// A «YYYY-MM-DD» date parameter as a period bound (an inclusive end day
// becomes the bound after it); "" when absent; nullopt (400 sent) when
// malformed.
std::optional<std::string> DateParam(const httplib::Request& req, httplib::Response& res,
                                     const char* name, bool end);

// The media type of the request without parameters, lower case.
std::string MediaType(const httplib::Request& req);

// Whether `given` equals `expected`, in time independent of where they differ.
bool ConstantTimeEquals(std::string_view given, std::string_view expected);

}  // namespace kto::server
