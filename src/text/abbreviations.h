// Internal: the abbreviations that keep their dot, and whether each may end a
// sentence. Keys are lower case with their dots: «г.», «т.е.», «им.».
#pragma once

#include <string_view>

namespace kto::text::internal {

enum class Abbreviation {
  kUnknown,
  kInner,   // never ends a sentence: «им.», «ул.», «проф.», «т.е.»
  kMayEnd,  // ends one when a capitalized word follows: «др.», «млн.», «т.д.»
  kYear,    // «г.», «гг.»: ends one only after a number («в 1990 г. Он ...»)
};

// REQUIRES: `lowercase_with_dots` already lower-cased.
Abbreviation LookupAbbreviation(std::string_view lowercase_with_dots);

}  // namespace kto::text::internal
