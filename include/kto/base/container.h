// kto/base/container.h — the one file layout of kto's binary files.
//
// The morphology dictionary, the NER model and the positions model are
// containers: a header (the file's own magic and format version), a table of
// sections, the sections aligned for reading in place from a read-only
// mapping, and a checksum (kto/base/hash.h) at the end. The layout is
// specified in docs/formats/container.md; each file's format says which
// sections it has and what they hold.
//
//   base::ContainerWriter w(kMagic, kFormatVersion);
//   w.Add(kSectionMeta, 0, meta);
//   Status s = w.WriteFile(path);
//   ...
//   auto c = base::Container::Parse(mapped_bytes, kMagic, kFormatVersion);
//   if (!c.ok()) return c.status();           // kCorrupt, says what is wrong
//   const base::ContainerSection* meta = c->Find(kSectionMeta);
//
// The reader refuses a truncated, foreign, newer or older, damaged or hostile
// file with a kCorrupt status and never reads outside the bytes it is given;
// the sections it returns lie inside them. What is inside a section is for
// the caller to check.
//
// Thread safety: Container is immutable after Parse; ContainerWriter is a
// plain value, one thread at a time.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kto/status.h"

namespace kto::base {

static_assert(std::endian::native == std::endian::little,
              "kto's binary files are little-endian and read in place");

inline constexpr size_t kContainerHeaderBytes = 32;
inline constexpr size_t kContainerEntryBytes = 24;
inline constexpr size_t kContainerAlignment = 64;  // of every section's offset
inline constexpr size_t kContainerMaxSections = 1024;

struct ContainerSection {
  uint32_t kind = 0;   // what the section holds, per file format
  uint32_t index = 0;  // which one, when a format has several of a kind (0 otherwise)
  std::string_view bytes;
};

class Container {
 public:
  // Reads the header and section table of `file` (not copied: the sections
  // point into it). `magic` and `version` are what the caller reads; any
  // other version is refused. With `verify_checksum` false the checksum is
  // not computed (the bounds are still checked). Errors: kCorrupt.
  static Result<Container> Parse(std::string_view file, const char (&magic)[8], uint32_t version,
                                 bool verify_checksum = true);

  uint32_t flags() const { return flags_; }  // the header's format-specific flags
  std::span<const ContainerSection> sections() const { return sections_; }
  // The first section of `kind` and `index`, or nullptr.
  const ContainerSection* Find(uint32_t kind, uint32_t index = 0) const;

 private:
  uint32_t flags_ = 0;
  std::vector<ContainerSection> sections_;
};

class ContainerWriter {
 public:
  ContainerWriter(const char (&magic)[8], uint32_t version, uint32_t flags = 0);

  // Appends a section; sections are written in the order added.
  void Add(uint32_t kind, uint32_t index, std::string bytes);
  // The whole file.
  std::string Bytes() const;
  // Writes Bytes() to `path` beside it, then renames it over `path`: a
  // process that has the old file mapped keeps reading the old file, and a
  // half-written file never has the name. Errors: kIoError.
  Status WriteFile(const std::string& path) const;

 private:
  struct Pending {
    uint32_t kind, index;
    std::string bytes;
  };
  char magic_[8];
  uint32_t version_, flags_;
  std::vector<Pending> sections_;
};

}  // namespace kto::base
