#include "kto/base/container.h"

#include <cstdio>
#include <cstring>
#include <fstream>

#include "kto/base/hash.h"

namespace kto::base {
namespace {

// The header, at offset 0 (docs/formats/container.md).
struct Header {
  char magic[8];
  uint32_t version;
  uint32_t section_count;
  uint64_t file_bytes;    // the whole file, the 8-byte checksum at the end included
  uint32_t header_bytes;  // kContainerHeaderBytes + section_count * kContainerEntryBytes
  uint32_t flags;         // format-specific
};
static_assert(sizeof(Header) == kContainerHeaderBytes);

struct Entry {
  uint32_t kind;
  uint32_t index;
  uint64_t offset;
  uint64_t bytes;
};
static_assert(sizeof(Entry) == kContainerEntryBytes);

constexpr size_t kChecksumBytes = 8;

}  // namespace

uint64_t Checksum(const void* data, size_t bytes) {
  const auto* p = static_cast<const unsigned char*>(data);
  uint64_t h = kFnvOffset;
  size_t i = 0;
  for (; i + 8 <= bytes; i += 8) {
    uint64_t word;
    std::memcpy(&word, p + i, 8);
    h = (h ^ word) * kFnvPrime;
  }
  for (; i < bytes; ++i) h = (h ^ p[i]) * kFnvPrime;
  return h;
}

Result<Container> Container::Parse(std::string_view file, const char (&magic)[8], uint32_t version,
                                   bool verify_checksum) {
  const uint64_t size = file.size();
  if (size < kContainerHeaderBytes + kChecksumBytes)
    return Status::Corrupt("truncated (" + std::to_string(size) + " bytes)");
  Header h;
  std::memcpy(&h, file.data(), sizeof h);
  if (std::memcmp(h.magic, magic, sizeof h.magic) != 0)
    return Status::Corrupt("bad magic (not this kind of kto file)");
  if (h.version != version)
    return Status::Corrupt("format version " + std::to_string(h.version) +
                           ", this kto reads version " + std::to_string(version));
  if (h.file_bytes != size)
    return Status::Corrupt("truncated or with trailing bytes: the header says " +
                           std::to_string(h.file_bytes) + " bytes, the file has " +
                           std::to_string(size));
  const uint64_t body = size - kChecksumBytes;
  if (h.section_count > kContainerMaxSections ||
      h.header_bytes != kContainerHeaderBytes + uint64_t{h.section_count} * kContainerEntryBytes ||
      h.header_bytes > body)
    return Status::Corrupt("bad section table");
  if (verify_checksum) {
    uint64_t stored;
    std::memcpy(&stored, file.data() + body, kChecksumBytes);
    if (Checksum(file.data(), body) != stored)
      return Status::Corrupt("checksum mismatch (damaged)");
  }
  Container c;
  c.flags_ = h.flags;
  c.sections_.reserve(h.section_count);
  for (uint32_t i = 0; i < h.section_count; ++i) {
    Entry e;
    std::memcpy(&e, file.data() + kContainerHeaderBytes + i * kContainerEntryBytes, sizeof e);
    if (e.offset % kContainerAlignment != 0 || e.offset < h.header_bytes || e.offset > body ||
        e.bytes > body - e.offset)
      return Status::Corrupt("section " + std::to_string(i) + " out of bounds");
    c.sections_.push_back({e.kind, e.index, file.substr(e.offset, e.bytes)});
  }
  return c;
}

const ContainerSection* Container::Find(uint32_t kind, uint32_t index) const {
  for (const ContainerSection& s : sections_)
    if (s.kind == kind && s.index == index) return &s;
  return nullptr;
}

ContainerWriter::ContainerWriter(const char (&magic)[8], uint32_t version, uint32_t flags)
    : version_(version), flags_(flags) {
  std::memcpy(magic_, magic, sizeof magic_);
}

void ContainerWriter::Add(uint32_t kind, uint32_t index, std::string bytes) {
  sections_.push_back({kind, index, std::move(bytes)});
}

std::string ContainerWriter::Bytes() const {
  Header h{};
  std::memcpy(h.magic, magic_, sizeof h.magic);
  h.version = version_;
  h.section_count = static_cast<uint32_t>(sections_.size());
  h.header_bytes =
      static_cast<uint32_t>(kContainerHeaderBytes + sections_.size() * kContainerEntryBytes);
  h.flags = flags_;
  std::vector<Entry> table;
  uint64_t pos = h.header_bytes;
  for (const Pending& s : sections_) {
    pos = (pos + kContainerAlignment - 1) / kContainerAlignment * kContainerAlignment;
    table.push_back({s.kind, s.index, pos, s.bytes.size()});
    pos += s.bytes.size();
  }
  h.file_bytes = pos + kChecksumBytes;
  std::string file;
  file.reserve(h.file_bytes);
  file.append(reinterpret_cast<const char*>(&h), sizeof h);
  file.append(reinterpret_cast<const char*>(table.data()), table.size() * sizeof(Entry));
  for (size_t i = 0; i < sections_.size(); ++i) {
    file.resize(table[i].offset, '\0');
    file += sections_[i].bytes;
  }
  const uint64_t sum = Checksum(file.data(), file.size());
  file.append(reinterpret_cast<const char*>(&sum), sizeof sum);
  return file;
}

Status ContainerWriter::WriteFile(const std::string& path) const {
  const std::string file = Bytes();
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(file.data(), static_cast<std::streamsize>(file.size()));
    if (!out.flush()) {
      std::remove(temp.c_str());
      return Status::IoError("cannot write " + temp);
    }
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    return Status::IoError("cannot rename " + temp + " to " + path);
  }
  return Status::Ok();
}

}  // namespace kto::base
