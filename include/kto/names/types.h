// kto/names/types.h — the grammatical words names and facts share: a
// person's gender, the six cases, and a set of cases as one byte.
//
// A CaseSet has bit Case c at 1 << c: {genitive, accusative} is
// CaseBit(Case::kGenitive) | CaseBit(Case::kAccusative). kAnyCase, every
// bit, stands for "unknown" as well as for an indeclinable word.
//
// Thread safety: values.
#pragma once

#include <cstdint>

namespace kto::names {

enum class Gender : uint8_t { kUnknown, kMale, kFemale };

// In the order of the dictionary's nomn gent datv accs ablt loct
// (morph::GrammemeIds::cases).
enum class Case : uint8_t {
  kNominative,
  kGenitive,
  kDative,
  kAccusative,
  kInstrumental,
  kPrepositional,
};
inline constexpr int kCaseCount = 6;

using CaseSet = uint8_t;
constexpr CaseSet CaseBit(Case c) {
  return static_cast<CaseSet>(1 << static_cast<int>(c));
}
inline constexpr CaseSet kAnyCase = (1 << kCaseCount) - 1;

}  // namespace kto::names
