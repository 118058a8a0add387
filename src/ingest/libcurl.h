// libcurl, loaded on first use (dynlib.h): the fetcher and the date reader
// share one table of its functions.
// Thread safety: LoadLibCurl may run on several threads at once; the
// functions are then used as libcurl allows (one easy handle per thread).
#pragma once

#include <curl/curl.h>

#include "kto/status.h"

namespace kto::ingest {

// The libcurl functions kto calls. Never call libcurl directly: that would
// link it into every start. (The members are not named after the functions:
// curl.h makes some of those names macros.)
struct LibCurl {
  // One transfer (the variadic ones spelled out).
  decltype(&::curl_easy_init) easy_init;
  CURLcode (*easy_setopt)(CURL* curl, CURLoption option, ...);
  decltype(&::curl_easy_perform) easy_perform;
  CURLcode (*easy_getinfo)(CURL* curl, CURLINFO info, ...);
  decltype(&::curl_easy_cleanup) easy_cleanup;
  // The message of an error code.
  decltype(&::curl_easy_strerror) easy_strerror;
  // The time a date in an HTTP or mail header names; -1 when unreadable.
  decltype(&::curl_getdate) getdate;
};

// libcurl.so.4, loaded and initialized (curl_global_init) by the first call;
// the same table afterwards. Fails with kNotFound when it cannot be loaded.
Result<const LibCurl*> LoadLibCurl();

}  // namespace kto::ingest
