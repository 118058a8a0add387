// kto/names/petrovich.h — declension of Russian personal names by rule.
//
// The rules are petrovich's (npm package «petrovich» 0.2.1: suffix rules and
// exceptions for surnames, first names and patronymics, by gender), compiled
// into the engine at build time. They decline a name given in the nominative
// into the other five cases, and — run backwards — propose nominatives for a
// name seen in an oblique case, which is how kto normalizes names the
// dictionary does not know («Сакибу Нисару» -> «Сакиб Нисар»).
//
//   Decline("Кедров", NamePart::kSurname, Gender::kMale, Case::kInstrumental)  // "Кедровым"
//   GuessNominatives("Лебедевой", NamePart::kSurname, Gender::kFemale)  // {"Лебедева", ...}
//
// Capitalization follows the input: «КЕДРОВ» -> «КЕДРОВЫМ», «Кедров» ->
// «Кедровым». Hyphenated names decline part by part («Лебедева-Крылова»).
//
// Thread safety: pure functions over immutable tables.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kto/names/types.h"

namespace kto::names {

enum class NamePart : uint8_t { kSurname, kFirstName, kPatronymic };

// The form of `nominative` in `grammatical_case`. With Gender::kUnknown only
// rules that hold for both genders apply. REQUIRES: valid UTF-8.
std::string Decline(std::string_view nominative, NamePart part, Gender gender,
                    Case grammatical_case);

struct NominativeGuess {
  std::string nominative;
  Case seen_as = Case::kNominative;  // the case that declines it to the form
};

// Every (nominative, case) such that Decline() turns the nominative into
// `form` in that case, for `gender` (both genders when kUnknown). The first
// guess is always the form itself as a nominative; the others follow by case.
std::vector<NominativeGuess> GuessNominatives(std::string_view form, NamePart part, Gender gender);

}  // namespace kto::names
