#include "kto/ingest/fetch.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

#include "dynlib.h"
#include "libxml.h"

namespace kto::ingest {
namespace {

struct Sink {
  std::string* body;
  size_t max_bytes;
  bool too_large = false;
};

size_t Write(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const size_t n = size * count;
  if (sink->body->size() + n > sink->max_bytes) {
    sink->too_large = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  sink->body->append(data, n);
  return n;
}

// The libcurl functions kto calls, loaded on the first fetch (dynlib.h).
// Never call libcurl directly: that would link it into every start. (The
// members are not named after the functions: curl.h makes some of those
// names macros.)
struct LibCurl {
  // Once per process.
  decltype(&::curl_global_init) global_init;
  // One transfer (the variadic ones spelled out).
  decltype(&::curl_easy_init) easy_init;
  CURLcode (*easy_setopt)(CURL* curl, CURLoption option, ...);
  decltype(&::curl_easy_perform) easy_perform;
  CURLcode (*easy_getinfo)(CURL* curl, CURLINFO info, ...);
  decltype(&::curl_easy_cleanup) easy_cleanup;
  // The message of an error code.
  decltype(&::curl_easy_strerror) easy_strerror;
};

Status LoadInto(LibCurl* curl) {
  auto lib = DynamicLibrary::Load("libcurl.so.4", "libcurl4");
  if (!lib.ok()) return lib.status();
  // clang-format off
  Status status = lib->Resolve({
      {"curl_global_init", &curl->global_init}, {"curl_easy_init", &curl->easy_init},
      {"curl_easy_setopt", &curl->easy_setopt}, {"curl_easy_perform", &curl->easy_perform},
      {"curl_easy_getinfo", &curl->easy_getinfo}, {"curl_easy_strerror", &curl->easy_strerror},
      {"curl_easy_cleanup", &curl->easy_cleanup}});
  // clang-format on
  if (!status.ok()) return status;
  curl->global_init(CURL_GLOBAL_DEFAULT);
  return Status();
}

// libcurl, loaded and initialized once per process.
Result<const LibCurl*> LoadLibCurl() {
  static std::once_flag once;
  static LibCurl curl;
  static Status status;
  std::call_once(once, [] { status = LoadInto(&curl); });
  if (!status.ok()) return status;
  return &curl;
}

}  // namespace

bool IsHttpUrl(const std::string& s) {
  const std::string lower = Lower(s.substr(0, 8));
  return lower.rfind("http://", 0) == 0 || lower.rfind("https://", 0) == 0;
}

Result<FetchResponse> Fetch(const std::string& url, const FetchOptions& options) {
  const std::string what = "cannot fetch " + url + ": ";
  if (!IsHttpUrl(url)) return Status::InvalidArgument(what + "only http(s) URLs are supported");
  auto loaded = LoadLibCurl();
  if (!loaded.ok()) return Status(loaded.status().code(), what + loaded.status().message());
  const LibCurl& lib = **loaded;
  auto cleanup = [&lib](CURL* c) { lib.easy_cleanup(c); };
  std::unique_ptr<CURL, decltype(cleanup)> curl(lib.easy_init(), cleanup);
  if (!curl) return Status::Internal(what + "curl_easy_init failed");
  FetchResponse response;
  Sink sink{&response.body, options.max_bytes};
  char error[CURL_ERROR_SIZE] = {};
  CURL* c = curl.get();
  lib.easy_setopt(c, CURLOPT_URL, url.c_str());
  lib.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  lib.easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  lib.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  lib.easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
  lib.easy_setopt(c, CURLOPT_TIMEOUT_MS, options.timeout_ms);
  lib.easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, options.connect_timeout_ms);
  lib.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  lib.easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // whatever curl can decode
  lib.easy_setopt(c, CURLOPT_USERAGENT, "kto/0.1 (news ingestion)");
  lib.easy_setopt(c, CURLOPT_WRITEFUNCTION, Write);
  lib.easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  lib.easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  const CURLcode rc = lib.easy_perform(c);
  if (sink.too_large) {
    return Status::IoError(what + "the response is larger than " +
                           std::to_string(options.max_bytes) + " bytes");
  }
  if (rc != CURLE_OK) {
    return Status::IoError(what + (error[0] != '\0' ? error : lib.easy_strerror(rc)));
  }
  long status = 0;
  lib.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 400) return Status::IoError(what + "HTTP status " + std::to_string(status));
  char* type = nullptr;
  if (lib.easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type != nullptr)
    response.content_type = type;
  char* final_url = nullptr;
  if (lib.easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &final_url) == CURLE_OK && final_url != nullptr)
    response.final_url = final_url;
  return response;
}

}  // namespace kto::ingest
