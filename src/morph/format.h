// The binary morphology dictionary (ru-morph.bin): constants and hashes
// shared by the builder (kto-build-dict) and the reader. The file is a
// container (kto/base/container.h) with these sections, specified in
// docs/formats/morph-dict.md; change both together and bump kFormatVersion on
// any incompatible change.
//
// Thread safety: constants and pure functions.
#pragma once

#include <cstddef>
#include <cstdint>

#include "kto/base/hash.h"

namespace kto::morph::format {

inline constexpr char kMagic[8] = {'K', 'T', 'O', 'M', 'O', 'R', 'P', 'H'};
// 2: P(tag|word) as a hash table (was a DAWG); 3: the shared container.
inline constexpr uint32_t kFormatVersion = 3;

// Section kinds (every section's index is 0).
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

// The hash of a word's CP1251 bytes: FNV-1a 64.
inline uint64_t WordHash(const char* bytes, size_t size) {
  return base::Fnv1a(bytes, size);
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
