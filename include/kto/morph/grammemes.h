// kto/morph/grammemes.h — a set of grammemes as a 128-bit set, and the ids
// of the grammemes the engine reads.
//
// Bit numbers are the dictionary's grammeme ids (Analyzer::GrammemeId()); a
// tag's grammemes come from Analyzer::TagGrammemes(). Thread safety: values.
#pragma once

#include <array>
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

// The dictionary ids of the grammemes later stages (NER features, names,
// facts) read, looked up once when the dictionary is opened
// (Analyzer::Ids()). Named after their OpenCorpora names; -1 for one the
// dictionary lacks, which HasGrammeme() reads as absent.
struct GrammemeIds {
  // Parts of speech.
  int noun = -1, adjf = -1, prtf = -1, numr = -1, verb = -1, prep = -1, conj = -1;
  // Number, gender («Ms-f»: either gender, «судья»), animacy, tense.
  int sing = -1, plur = -1, masc = -1, femn = -1, neut = -1, ms_f = -1, anim = -1, inan = -1,
      past = -1;
  // Proper names: first name, surname, patronymic, initial, place,
  // organization, abbreviation, trademark; «Fixd»: indeclinable.
  int name = -1, surn = -1, patr = -1, init = -1, geox = -1, orgn = -1, abbr = -1, trad = -1,
      fixd = -1;
  // The six cases, in the order nomn gent datv accs ablt loct (that of
  // names::Case); then the vocative.
  std::array<int, 6> cases = {-1, -1, -1, -1, -1, -1};
  int voct = -1;
};

// Whether `g` has grammeme `id`; false for -1 (a grammeme the dictionary lacks).
constexpr bool HasGrammeme(const Grammemes& g, int id) {
  return id >= 0 && g.Has(id);
}

}  // namespace kto::morph
