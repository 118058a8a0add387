#include "kto/ingest/fetch.h"

#include <memory>

#include "kto/text/case.h"
#include "libcurl.h"

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

}  // namespace

bool IsHttpUrl(const std::string& s) {
  const std::string lower = text::AsciiLower(s.substr(0, 8));
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
