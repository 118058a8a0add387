// kto/text/mapped_file.h — a file mapped read-only into memory.
//
// Dictionaries and models are binary files read in place: mapped once,
// shared read-only by every thread, paged in by the kernel as they are used.
// MappedFile owns the mapping and unmaps it when destroyed. An empty file is
// not mapped (its data() is null); callers check sizes and formats.
//
// Thread safety: immutable after Open.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "kto/status.h"

namespace kto::text {

class MappedFile {
 public:
  // Maps `path`. `what` names the file in error messages («NER model
  // models/ner-ru.bin»); `missing_hint` follows the message for a file that
  // does not exist («; pass --model PATH ...»). Errors: NotFound, IoError.
  static Result<std::unique_ptr<MappedFile>> Open(const std::string& path, std::string_view what,
                                                  std::string_view missing_hint);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const char* data() const { return static_cast<const char*>(map_); }
  size_t size() const { return size_; }

 private:
  MappedFile() = default;
  void* map_ = nullptr;
  size_t size_ = 0;
};

}  // namespace kto::text
