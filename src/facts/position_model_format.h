// Internal: the layout of a positions model file (docs/formats/positions-model.md),
// shared by the loader (position_model.cc) and the trainer (train_positions.cc).
// The file is a container (kto/base/container.h); features are hashed and
// bucketed as kto/base/hash.h specifies.
#pragma once

#include <cstddef>
#include <cstdint>

#include "kto/base/hash.h"

namespace kto::facts::internal {

inline constexpr char kPositionMagic[8] = {'K', 'T', 'O', 'P', 'O', 'S', '\r', '\n'};
// 2: list templates 35, 36; 3: the shared container (same weights).
inline constexpr uint32_t kPositionFormatVersion = 3;
inline constexpr uint32_t kMinBucketBits = 8, kMaxBucketBits = 24;

// Section kinds (every index is 0).
enum PositionSection : uint32_t {
  kPositionMeta = 1,     // UTF-8 "key=value\n" lines
  kPositionParams = 2,   // PositionParams
  kPositionWeights = 3,  // int16 [2^bucket_bits]
};

struct PositionParams {
  uint32_t bucket_bits;
  float scale;      // weight = int16 value * scale
  float threshold;  // probability
  uint32_t reserved;
};
static_assert(sizeof(PositionParams) == 16);

inline uint32_t PositionBucket(uint64_t feature, uint32_t bits) {
  return base::Bucket(feature, bits);
}

}  // namespace kto::facts::internal
