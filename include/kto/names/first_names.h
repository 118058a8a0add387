// kto/names/first_names.h — short forms of first names.
//
// News call people by short forms as well as full names: «Лиза» for
// Елизавета, «Влад» for Владислав, «Билл» for Уильям. A short form matches
// each full name it may stand for («Саша»: Александр and Александра; «Слава»:
// Вячеслав, Владислав, Ярослав, Станислав); the caller's other evidence
// (surname, gender) decides between them.
//
// Thread safety: pure functions over a constant table.
#pragma once

#include <string_view>

namespace kto::names {

// Is `short_form` a known short form of the full first name `full`? Both in
// the nominative; compared case-insensitively, ё as е.
bool IsShortFormOf(std::string_view short_form, std::string_view full);

// The same first name: equal (ё as е; «-ья» as «-ия»: «Наталья», «Наталия»;
// the spellings of a transcription, text::SpellingKey: «Дэниел», «Дениэл»),
// or one a short form of the other.
bool SameFirstName(std::string_view a, std::string_view b);

}  // namespace kto::names
