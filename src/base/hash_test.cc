// The hash functions are part of the model formats: their values are pinned.
#include "kto/base/hash.h"

#include <gtest/gtest.h>

#include <string>

namespace kto::base {
namespace {

TEST(Hash, FeatureHashValuesArePinned) {
  EXPECT_EQ(Fnv1a(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(Fnv1a("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(Fnv1a("Кедров"), 0xd7d9a78f7a5ccfd9ULL);
  EXPECT_EQ(Fmix64(Fnv1a("a")), 0x82a2a958a9bece5bULL);
  EXPECT_EQ(Bucket(Fnv1a("a"), 20), 535082u);
  EXPECT_EQ(FnvU64(0x0102030405060708ULL, kFnvOffset),
            Fnv1a(std::string("\x08\x07\x06\x05\x04\x03\x02\x01", 8)));
}

TEST(Hash, ChecksumStepsOverWordsThenBytes) {
  EXPECT_EQ(Checksum("", 0), kFnvOffset);
  // Fewer than 8 bytes: plain FNV-1a.
  EXPECT_EQ(Checksum("abc", 3), Fnv1a("abc"));
  // One whole word: one step.
  const std::string word = "abcdefgh";
  uint64_t w = 0;
  for (int i = 7; i >= 0; --i) w = (w << 8) | static_cast<unsigned char>(word[i]);
  EXPECT_EQ(Checksum(word.data(), 8), (kFnvOffset ^ w) * kFnvPrime);
  EXPECT_EQ(Checksum("abcdefghij", 10),
            Fnv1a(std::string_view("ij"), (kFnvOffset ^ w) * kFnvPrime));
}

}  // namespace
}  // namespace kto::base
