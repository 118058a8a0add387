#include "fuzz_util.h"

#include <fcntl.h>

#include <iterator>

namespace kto::fuzz {

PatchedFile::PatchedFile(const std::string& original) : path_(ScratchPath("patched.bin")) {
  std::ifstream in(original, std::ios::binary);
  original_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  Expect(!original_.empty(), "the model to damage cannot be read");
  bytes_ = original_;
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_TRUNC, 0600);
  Expect(fd_ >= 0, "the scratch copy cannot be created");
  Write(0, bytes_.size());
}

PatchedFile::~PatchedFile() {
  ::close(fd_);
  ::unlink(path_.c_str());
}

void PatchedFile::Write(size_t offset, size_t n) {
  Expect(::pwrite(fd_, bytes_.data() + offset, n, static_cast<off_t>(offset)) ==
             static_cast<ssize_t>(n),
         "the scratch copy cannot be written");
}

const std::string& PatchedFile::Apply(const uint8_t* data, size_t size, bool fix_checksum) {
  for (size_t i = 0; i + 5 <= size; i += 5) {
    uint32_t offset;
    std::memcpy(&offset, data + i, 4);
    const size_t at = offset % bytes_.size();
    bytes_[at] = static_cast<char>(data[i + 4]);
    Write(at, 1);
    touched_.push_back(at);
  }
  constexpr size_t kChecksum = 8;
  if (fix_checksum && bytes_.size() >= kChecksum) {
    const size_t at = bytes_.size() - kChecksum;
    const uint64_t sum = base::Checksum(bytes_.data(), at);
    std::memcpy(bytes_.data() + at, &sum, kChecksum);
    Write(at, kChecksum);
    for (size_t i = 0; i < kChecksum; ++i) touched_.push_back(at + i);
  }
  return path_;
}

void AnalyzeText(const facts::ArticleAnalyzer& analyzer, std::string_view text) {
  facts::ArticleAnalyzer::State state(analyzer);
  auto doc = Doc::FromUtf8(std::string(text));
  Expect(doc.ok(), "the text to analyze is not valid UTF-8");
  (void)analyzer.Analyze(&*doc, &state);
}

void PatchedFile::Restore() {
  for (size_t at : touched_) {
    bytes_[at] = original_[at];
    Write(at, 1);
  }
  touched_.clear();
}

}  // namespace kto::fuzz
