// kto/names/listed_name.h — a person's full name as a list writes it.
//
// A known-persons list (kto kb import, docs/formats/known-persons.md) names
// each person in the nominative, surname first:
//   «Кедров Игорь Павлович»    -> surname Кедров, first Игорь, patronymic Павлович, male
//   «Игорь Павлович Кедров»    -> the same: a patronymic as the middle word
//                                 means «Имя Отчество Фамилия»
//   «Лебедева Анна»            -> surname Лебедева, first Анна; female by the surname
//   «Алиев Тимур Рашид оглы»   -> patronymic «Рашид оглы», male
//   «КЕДРОВ Игорь Павлович»    -> capitals written as a name: «Кедров»
// Unlike NameParser, no morphology: the list says which word is which, and
// only the endings of src/names/data/listed_name_endings.txt are read. A
// patronymic's ending gives the gender, else a typical surname ending
// («-ов»/«-ова», «-ин»/«-ина», «-ский»/«-ская»), else it stays unknown. Two
// words are always «Фамилия Имя»: «Игорь Кедров» would be read as a first
// name «Кедров» (nothing in two words tells the order apart).
//
// Thread safety: pure functions over constant tables.
#pragma once

#include <string_view>

#include "kto/names/person_name.h"
#include "kto/status.h"

namespace kto::names {

// The parts of `name` (any white space between words; NFC applied): a
// PersonName with surname, first, patronymic (or empty), gender and `normal`
// (the words as read, in their order). Errors (kInvalidInput, the message
// says what is wrong): invalid UTF-8, fewer than two or more than three
// words (a two-word Turkic patronymic counts as one), a word that is not a
// name (digits, punctuation other than a hyphen or an apostrophe, an
// initial), more than 200 characters.
Result<PersonName> ParseListedName(std::string_view name);

}  // namespace kto::names
