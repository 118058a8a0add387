#include "libcurl.h"

#include <mutex>

#include "dynlib.h"

namespace kto::ingest {
namespace {

Status LoadInto(LibCurl* curl) {
  auto lib = DynamicLibrary::Load("libcurl.so.4", "libcurl4");
  if (!lib.ok()) return lib.status();
  decltype(&::curl_global_init) global_init = nullptr;  // once per process
  // clang-format off
  Status status = lib->Resolve({
      {"curl_global_init", &global_init}, {"curl_easy_init", &curl->easy_init},
      {"curl_easy_setopt", &curl->easy_setopt}, {"curl_easy_perform", &curl->easy_perform},
      {"curl_easy_getinfo", &curl->easy_getinfo}, {"curl_easy_strerror", &curl->easy_strerror},
      {"curl_easy_cleanup", &curl->easy_cleanup}, {"curl_getdate", &curl->getdate}});
  // clang-format on
  if (!status.ok()) return status;
  global_init(CURL_GLOBAL_DEFAULT);
  return Status();
}

}  // namespace

Result<const LibCurl*> LoadLibCurl() {
  static std::once_flag once;
  static LibCurl curl;
  static Status status;
  std::call_once(once, [] { status = LoadInto(&curl); });
  if (!status.ok()) return status;
  return &curl;
}

}  // namespace kto::ingest
