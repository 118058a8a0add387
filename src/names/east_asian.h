// Internal: Chinese, Korean and Vietnamese names as Russian news write them — the
// surname first, then the given name, whose last word alone declines when it
// ends in a consonant: «Ван Цзюня» (Ван Цзюнь), «Чэнь Шаопина» (Чэнь
// Шаопин), «Пак Мин Хёна» (Пак Мин Хён). The dictionary and petrovich's rules
// know none of these words, and read «Ли Вэйминем» as a first name and a
// surname.
//
// Chinese words are recognized by the Palladius system of transcription (the
// Russian standard): a surname is one of its syllables, a given name one or
// two of them («Шао|пин»). Korean names are recognized by their surname
// (Ким, Пак, Мун, ...) and given-name words of at most three letters («Мин
// Хён», «Сон Ир»). Vietnamese names by their surname (Нгуен, Фам, ...),
// which alone declines («с Нгуеном Ван Тхиеу»).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kto/names/petrovich.h"  // Case

namespace kto::names::internal {

struct EastAsianName {
  // Each word in the nominative, written as in the text: the surname first
  // («Си», «Цзиньпин»; «Ким», «Чен», «Ын»).
  std::vector<std::string> words;
  Case seen_as = Case::kNominative;  // from the last word's ending
  bool declined = false;             // the last word had a case ending: a man's name
};

// `words`: the words of a mention, as written (capitalized). A name when
// there are two or three words, the first an East Asian surname and the
// others given-name words; nullopt otherwise («Ким Кардашьян», «Ян Гус»).
std::optional<EastAsianName> ParseEastAsianName(std::span<const std::string_view> words);

}  // namespace kto::names::internal
