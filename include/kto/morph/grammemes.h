// kto/morph/grammemes.h — a set of grammemes as a 128-bit set.
//
// Bit numbers are the dictionary's grammeme ids (Analyzer::GrammemeId()); a
// tag's grammemes come from Analyzer::TagGrammemes(). Thread safety: a value.
#pragma once

#include <bit>
#include <cstdint>

namespace kto::morph {

class Grammemes {
 public:
  static constexpr int kMaxGrammemes = 128;

  constexpr Grammemes() = default;
  constexpr Grammemes(uint64_t low, uint64_t high) : bits_{low, high} {}

  constexpr bool Has(int id) const { return (bits_[id >> 6] >> (id & 63)) & 1; }
  constexpr void Set(int id) { bits_[id >> 6] |= uint64_t{1} << (id & 63); }
  constexpr void Reset(int id) { bits_[id >> 6] &= ~(uint64_t{1} << (id & 63)); }
  // True when every grammeme of `other` is here.
  constexpr bool Contains(const Grammemes& other) const {
    return (bits_[0] & other.bits_[0]) == other.bits_[0] &&
           (bits_[1] & other.bits_[1]) == other.bits_[1];
  }
  constexpr bool empty() const { return (bits_[0] | bits_[1]) == 0; }
  constexpr int count() const { return std::popcount(bits_[0]) + std::popcount(bits_[1]); }
  constexpr uint64_t word(int i) const { return bits_[i]; }

  constexpr Grammemes operator|(const Grammemes& o) const {
    return {bits_[0] | o.bits_[0], bits_[1] | o.bits_[1]};
  }
  constexpr Grammemes operator&(const Grammemes& o) const {
    return {bits_[0] & o.bits_[0], bits_[1] & o.bits_[1]};
  }
  constexpr Grammemes operator~() const { return {~bits_[0], ~bits_[1]}; }
  constexpr bool operator==(const Grammemes&) const = default;

 private:
  uint64_t bits_[2] = {0, 0};
};

}  // namespace kto::morph
