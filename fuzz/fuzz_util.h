// What the fuzz targets share: a failed expectation that libFuzzer reports
// as a crash, the models the engine targets load once, and the scratch file
// through which the loaders read a fuzzed model (they map a path).
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "kto/base/hash.h"
#include "kto/facts/article.h"
#include "kto/pipeline/models.h"
#include "kto/text/utf8.h"

namespace kto::fuzz {

// Aborts (libFuzzer saves the input as a crash) when `ok` is false: a
// broken contract is a finding like a sanitizer report.
inline void Expect(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "kto fuzz: broken expectation: %s\n", what);
  std::abort();
}

inline std::string_view AsText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

inline void ExpectValidUtf8(std::string_view text, const char* what) {
  Expect(!text::FindInvalidUtf8(text).has_value(), what);
}

// The committed models and the dictionary the fuzz build compiled
// (fuzz/CMakeLists.txt defines the paths).
inline pipeline::ModelPaths Models() {
  pipeline::ModelPaths paths;
  paths.dictionary = KTO_FUZZ_MORPH_DICT;
  paths.ner_model = KTO_FUZZ_NER_MODEL;
  paths.positions_model = KTO_FUZZ_POSITIONS_MODEL;
  return paths;
}

// A file of this process named `name` for the loaders to map, in $TMPDIR
// (or /tmp).
inline std::string ScratchPath(const char* name) {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/kto-fuzz-" +
         std::to_string(::getpid()) + "-" + name;
}

// Whether `data` starts as a container of kto does (its magic's «KTO»).
inline bool IsContainer(const uint8_t* data, size_t size) {
  return size >= 3 && std::memcmp(data, "KTO", 3) == 0;
}

// Writes `bytes` to a scratch file as a container (docs/formats/container.md)
// with its size field and checksum made right, so that mutations reach the
// checks of the sections instead of stopping at the checksum (which the
// container tests cover). Shorter inputs are written as they are.
inline const std::string& WriteContainer(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  constexpr size_t kSizeField = 16, kHeader = 32, kChecksum = 8;
  if (bytes.size() >= kHeader + kChecksum) {
    const uint64_t file_bytes = bytes.size();
    std::memcpy(bytes.data() + kSizeField, &file_bytes, sizeof file_bytes);
    const uint64_t sum = base::Checksum(bytes.data(), bytes.size() - kChecksum);
    std::memcpy(bytes.data() + bytes.size() - kChecksum, &sum, kChecksum);
  }
  static const std::string path = ScratchPath("whole.bin");
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), bytes.size());
  return path;
}

// A real model file damaged in place: Apply() writes the fuzzer's bytes
// over a scratch copy at the offsets they name, Restore() puts the original
// bytes back. Rewriting a few bytes of a file of megabytes, instead of the
// file, keeps an execution in milliseconds.
class PatchedFile {
 public:
  // Reads `original` and writes the scratch copy. Aborts when it cannot.
  explicit PatchedFile(const std::string& original);
  ~PatchedFile();

  // Applies 5-byte records of `data` (u32 offset modulo the file's size, u8
  // value); with `fix_checksum`, writes the checksum of the damaged bytes
  // too, so that the loader reads past its check. Returns the copy's path.
  const std::string& Apply(const uint8_t* data, size_t size, bool fix_checksum);
  void Restore();

 private:
  void Write(size_t offset, size_t n);

  std::string bytes_, original_, path_;
  std::vector<size_t> touched_;
  int fd_ = -1;
};

// The file a loader target reads for the input `data`: the whole file when
// it starts as a container (IsContainer), else `real` with the input's
// patches. real.Restore() after loading undoes them (and does nothing after
// a whole file).
inline const std::string& FileOf(PatchedFile& real, const uint8_t* data, size_t size,
                                 bool fix_checksum) {
  return IsContainer(data, size) ? WriteContainer(data, size)
                                 : real.Apply(data, size, fix_checksum);
}

// Analyzes `text` with `analyzer`: what a model loaded from a fuzzed file
// must survive.
void AnalyzeText(const facts::ArticleAnalyzer& analyzer, std::string_view text);

}  // namespace kto::fuzz
