// Internal to kto_link: the score of a KB candidate for a person of an
// article, and how a linked person's name grows. Pure functions, tested in
// score_test.cc with hand-built values.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kto/store/store.h"

namespace kto::link::internal {

// A person's name parts; `first` and `patronymic` hold either the full part
// («Владимир») or an initial («В.»). `gender` is "m", "f" or "".
struct NameParts {
  std::string surname, first, patronymic, gender;
  bool surname_first = false;  // a Chinese or Korean name, written «Си Цзиньпин»
};

// What the article tells about the person being linked.
struct ArticleSide {
  NameParts name;
  std::vector<std::pair<std::string, std::string>> positions;  // (title, org), not former
  // Sorted and unique: organizations and places named in the article, the
  // surname match keys of the article's other persons.
  std::vector<std::string> organizations, locations, co_surnames;
  std::string date;  // ISO-8601 UTC or empty
};

// What the KB knows about a candidate.
struct CandidateSide {
  NameParts name;
  std::vector<store::Position> positions;
  store::PersonContext context;
};

// True for an initial: one letter and a dot («В.»).
bool IsInitial(const std::string& part);

// How two name parts agree: -1 conflict, 0 one of them missing, 1 an initial
// agrees with a full part or an equal initial, 2 equal full parts.
// `first_names`: a full name also matches its short forms («Лиза», «Елизавета»).
int ComparePart(const std::string& a, const std::string& b, bool first_names = false);

// The candidate's score, or nullopt when the names conflict (first name,
// patronymic or gender). Weights are in score.cc.
std::optional<double> ScoreCandidate(const ArticleSide& article, const CandidateSide& candidate);

// The KB name grown by the article's: a missing part filled, an initial
// replaced by the full part, an unknown gender set. REQUIRES: compatible names.
NameParts Grow(const NameParts& kb, const NameParts& article);

// «Имя Отчество Фамилия» (initials as they are: «В. В. Мазур», but a
// patronymic's initial beside a full first name left out: «Пётр Ясенев»);
// «Фамилия Имя» for a name written surname first («Си Цзиньпин»).
std::string DisplayName(const NameParts& name);

}  // namespace kto::link::internal
