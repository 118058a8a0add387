// The binary morphology dictionary (ru-morph.bin): constants and the checksum
// shared by the builder (kto-build-dict) and the reader. The layout is
// specified in docs/formats/morph-dict.md; change both together and bump
// kFormatVersion on any incompatible change.
//
// Thread safety: constants and a pure function.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace kto::morph::format {

static_assert(std::endian::native == std::endian::little,
              "the dictionary is little-endian and read in place");

inline constexpr char kMagic[8] = {'K', 'T', 'O', 'M', 'O', 'R', 'P', 'H'};
inline constexpr uint32_t kFormatVersion = 2;  // 2: P(tag|word) as a hash table (was a DAWG)
inline constexpr size_t kHeaderSize = 64;
inline constexpr size_t kSectionEntrySize = 24;
inline constexpr size_t kAlignment = 8;

// Header, at offset 0 (all fields little-endian):
//   0  magic[8]            "KTOMORPH"
//   8  u32 format_version  kFormatVersion
//   12 u32 section_count
//   16 u64 file_size       the whole file, bytes
//   24 u64 checksum        Checksum() of bytes [kHeaderSize, file_size)
//   32 reserved[32]        zero
// Section table at kHeaderSize: section_count entries of
//   u32 id, u32 reserved (0), u64 offset, u64 size
// Section data: each at an offset that is a multiple of kAlignment.
enum SectionId : uint32_t {
  kMeta = 1,  // UTF-8 text, "key=value" lines: source package, counts
  // A DAWG in the dawgdic layout: units (u32 each) and guide (2 bytes per unit).
  kWordsUnits = 10,
  kWordsGuide = 11,
  kPred0Units = 12,  // prediction suffixes for paradigm prefix 0 (""), 1 ("по"), 2 ("наи")
  kPred0Guide = 13,
  kPred1Units = 14,
  kPred1Guide = 15,
  kPred2Units = 16,
  kPred2Guide = 17,
  // P(tag|word): a hash table, ProbabilityKey(word, tag) -> round(P * 1e6);
  // u64 capacity (a power of two), then capacity u64 keys (0 = empty), then
  // capacity u32 values. Linear probing from ProbabilitySlot(key).
  kProbabilities = 18,
  // String tables: an index of count+1 u32 offsets into a data section.
  kSuffixIndex = 20,  // paradigm suffixes, CP1251
  kSuffixData = 21,
  kPrefixIndex = 22,  // paradigm prefixes, CP1251
  kPrefixData = 23,
  kTagIndex = 24,  // tags in OpenCorpora internal notation, ASCII
  kTagData = 25,
  kGrammemeIndex = 26,  // grammeme names, ASCII
  kGrammemeData = 27,
  kGrammemeParents = 28,  // u32 per grammeme: index of its parent, or kNoParent
  kTagGrammemes = 29,     // 2 x u64 per tag: bit g set when the tag has grammeme g
  kParadigmIndex = 30,    // count+1 u32 offsets (in u16 units) into kParadigmData
  kParadigmData = 31,     // u16: suffix ids[n], tag ids[n], prefix ids[n]
};

inline constexpr uint32_t kNoParent = 0xFFFFFFFFu;
inline constexpr size_t kMaxGrammemes = 128;

// 64-bit checksum of `size` bytes (size a multiple of 8: sections are
// padded). Per little-endian u64 word w: h = rotl(h ^ w, 29) * K; starts at
// K ^ size. Fast enough to verify the whole file at every load.
inline uint64_t Checksum(const unsigned char* data, size_t size) {
  constexpr uint64_t kK = 0x9E3779B97F4A7C15ull;
  uint64_t h = kK ^ static_cast<uint64_t>(size);
  for (size_t i = 0; i + 8 <= size; i += 8) {
    uint64_t w;
    std::memcpy(&w, data + i, 8);
    h = std::rotl(h ^ w, 29) * kK;
  }
  return h;
}

// FNV-1a 64 of a word's CP1251 bytes.
inline uint64_t WordHash(const char* bytes, size_t size) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < size; ++i)
    h = (h ^ static_cast<unsigned char>(bytes[i])) * 0x100000001b3ull;
  return h;
}

// The key of (word, tag id) in the probability table: never 0.
inline uint64_t ProbabilityKey(uint64_t word_hash, uint32_t tag) {
  uint64_t k = word_hash ^ ((static_cast<uint64_t>(tag) + 1) * 0x9E3779B97F4A7C15ull);
  k ^= k >> 33;
  k *= 0xFF51AFD7ED558CCDull;
  k ^= k >> 33;
  return k == 0 ? 1 : k;
}

inline uint64_t ProbabilitySlot(uint64_t key, uint64_t capacity) {
  return (key ^ (key >> 29)) & (capacity - 1);
}

}  // namespace kto::morph::format
