// kto/ingest/fetch.h — downloading a feed or a page over HTTP(S) (libcurl).
//
// Only http:// and https:// (redirects too); redirects followed up to 5; a
// response with HTTP status >= 400 is an error; the body is limited in size
// and the whole transfer in time. Nothing is cached or retried.
//
// Thread safety: Fetch() may run on several threads at once.
#pragma once

#include <cstddef>
#include <string>

#include "kto/status.h"

namespace kto::ingest {

struct FetchOptions {
  long timeout_ms = 30000;          // the whole transfer
  long connect_timeout_ms = 10000;  // establishing the connection
  size_t max_bytes = 64u << 20;     // a larger body is an error
};

struct FetchResponse {
  std::string body;
  std::string content_type;  // as the server sent it, "" when absent
  std::string final_url;     // after redirects
};

// True for strings starting with http:// or https:// (case-insensitive).
bool IsHttpUrl(const std::string& s);

// GETs `url`. Errors (kIoError) name the url and what failed: "cannot fetch
// URL: Couldn't connect to server", "... HTTP status 404", "... timed out".
Result<FetchResponse> Fetch(const std::string& url, const FetchOptions& options = {});

}  // namespace kto::ingest
