// kto/base/hash.h — the feature hash and the file checksum.
//
// Both are part of kto's binary formats (docs/formats/container.md): the
// feature hash decides which weight of a NER or positions model a feature
// reads, the checksum guards every model and dictionary file. Changing
// anything here changes what existing files mean, so it requires new format
// versions of every file that uses it.
//
//   feature  = FNV-1a 64 (offset basis 0xcbf29ce484222325, prime 0x100000001b3)
//              over the feature's key bytes;
//   bucket   = Fmix64(feature) >> (64 - bucket_bits)  (MurmurHash3's 64-bit finalizer);
//   checksum = FNV-1a 64 steps over little-endian 8-byte words
//              (h = (h ^ word) * prime), then over the remaining bytes one by one.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kto::base {

inline constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
inline constexpr uint64_t kFnvPrime = 0x100000001b3ULL;

inline uint64_t Fnv1a(const void* data, size_t n, uint64_t h = kFnvOffset) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < n; ++i) {
    h ^= p[i];
    h *= kFnvPrime;
  }
  return h;
}
inline uint64_t Fnv1a(std::string_view s, uint64_t h = kFnvOffset) {
  return Fnv1a(s.data(), s.size(), h);
}
inline uint64_t FnvByte(uint8_t b, uint64_t h) {
  return (h ^ b) * kFnvPrime;
}
// The 8 bytes of `v`, little-endian first.
inline uint64_t FnvU64(uint64_t v, uint64_t h) {
  for (int i = 0; i < 8; ++i) h = FnvByte(static_cast<uint8_t>(v >> (8 * i)), h);
  return h;
}

inline uint64_t Fmix64(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

// The weight row of a feature in a table of 2^bucket_bits rows.
// REQUIRES: 1 <= bucket_bits <= 32.
inline uint32_t Bucket(uint64_t feature_hash, uint32_t bucket_bits) {
  return static_cast<uint32_t>(Fmix64(feature_hash) >> (64 - bucket_bits));
}

// The checksum of kto's binary files (see above). Fast enough to verify a
// whole dictionary at every load.
uint64_t Checksum(const void* data, size_t bytes);

}  // namespace kto::base
