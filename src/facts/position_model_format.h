// Internal: the layout of a positions model file (docs/formats/positions-model.md),
// shared by the loader (position_model.cc) and the trainer (train_positions.cc).
// The hash functions and the checksum are the NER model's (src/ner/hash.h,
// docs/formats/ner-model.md), so both formats specify them once.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../ner/hash.h"

namespace kto::ner::internal {
// FNV-1a 64 over little-endian 8-byte words, then the remaining bytes
// (defined in src/ner/model.cc).
uint64_t FileChecksum(const void* data, size_t bytes);
}  // namespace kto::ner::internal

namespace kto::facts::internal {

inline constexpr char kPositionMagic[8] = {'K', 'T', 'O', 'P', 'O', 'S', '\r', '\n'};
inline constexpr uint32_t kPositionFormatVersion = 2;  // 2: list templates 35, 36
inline constexpr uint32_t kMinBucketBits = 8, kMaxBucketBits = 24;

struct PositionFileHeader {
  char magic[8];
  uint32_t version;
  uint32_t bucket_bits;
  uint64_t file_bytes;      // checksum included
  float scale;              // weight = int16 value * scale
  float threshold;          // probability
  uint32_t meta_bytes;      // META text at offset 64
  uint32_t weights_offset;  // multiple of 64
  uint8_t reserved[24];
};
static_assert(sizeof(PositionFileHeader) == 64);

inline uint32_t PositionBucket(uint64_t feature, uint32_t bits) {
  return ner::internal::Bucket(feature, bits);
}

}  // namespace kto::facts::internal
