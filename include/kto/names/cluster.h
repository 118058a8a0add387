// kto/names/cluster.h — which person mentions of one article are one person.
//
// «губернатор Игорь Кедров», «Кедров», «И. П. Кедров», «Игорь Павлович»
// are one person; «Дмитрий Ольховский» and «В. А. Ольховский» are two (their
// first names differ), and a later bare «Ольховский» goes to the one
// mentioned last. Surnames compare across genders («Кедрова» may be the
// genitive of «Кедров»), first names against initials. A cluster's name is
// the fullest the mentions give: parts missing from one mention are filled
// from the others (a patronymic seen once makes the display name
// «Игорь Павлович Кедров»).
//
// Thread safety: pure function.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "kto/names/person_name.h"

namespace kto::names {

struct PersonCluster {
  PersonName name;                 // the fullest name; `normal` of the first full mention
  std::vector<uint32_t> mentions;  // indices into the input, in order
};

// Groups `mentions` (in text order). Families and groups stay clusters of
// their own and never merge with a person. `same_as`, when not empty, has
// one entry per mention: the index of an earlier mention the text says is
// the same person (the original spelling in brackets, «Томас Шефер (Thomas
// Schäfer)»), or -1; such a mention joins that person without adding to its
// name.
std::vector<PersonCluster> ClusterPersons(std::span<const PersonName> mentions,
                                          std::span<const int> same_as = {});

// The surname as a matching key: its spelling key (text::SpellingKey: lower
// case, ё as е, «Кассиев» as «Касиев»), a woman's form as the man's
// («Кедрова» -> «кедров», «Сосновская» -> «сосновский»).
std::string SurnameKey(std::string_view surname);

// The consonants of a name as classes shared by its Latin and Cyrillic
// spellings (vowels, й, ь and h dropped, з/с one class, «дж» = j = g before
// e/i, sch/sh/ch = ш/щ/ч): «Schäfer» and «Шефер» -> «ШФР», «Angelo» and
// «Анджело» -> «НЖЛ». Clustering merges a Latin and a Cyrillic spelling of a
// name in one article when their keys agree.
std::string TransliterationKey(std::string_view name);

}  // namespace kto::names
