#include "kto/names/first_names.h"

#include <algorithm>
#include <iterator>
#include <string>

#include "kto/text/normalize.h"
#include "remembered.h"

namespace kto::names {
namespace {

struct ShortForm {
  std::string_view short_form;  // lower case, ё as е
  std::string_view full;
};

// src/names/data/first_name_short_forms.txt. Sorted, for binary search.
constexpr ShortForm kShortForms[] = {
#include "first_name_short_forms.inc"
};
static_assert(std::is_sorted(std::begin(kShortForms), std::end(kShortForms),
                             [](const ShortForm& x, const ShortForm& y) {
                               return x.short_form < y.short_form ||
                                      (x.short_form == y.short_form && x.full < y.full);
                             }),
              "keep src/names/data/first_name_short_forms.txt sorted (LC_ALL=C sort)");

// «Меланья» and «Мелания», «Наталья» and «Наталия»: one name in two
// spellings, compared as the second; then the spellings of a transcription
// («Дэниел», «Дениэл»: text::SpellingKey).
std::string FirstNameKey(std::string_view name) {
  std::string key = text::MatchKey(name);
  constexpr std::string_view kSoftSign = "ья";
  if (key.ends_with(kSoftSign)) key.replace(key.size() - kSoftSign.size(), kSoftSign.size(), "ия");
  return text::SpellingKey(key);
}

}  // namespace

bool IsShortFormOf(std::string_view short_form, std::string_view full) {
  const std::string s = internal::Remembered<internal::MatchKeyOf>(short_form),
                    f = internal::Remembered<internal::MatchKeyOf>(full);
  const auto range = std::equal_range(
      std::begin(kShortForms), std::end(kShortForms), ShortForm{s, {}},
      [](const ShortForm& x, const ShortForm& y) { return x.short_form < y.short_form; });
  return std::any_of(range.first, range.second, [&](const ShortForm& e) { return e.full == f; });
}

bool SameFirstName(std::string_view a, std::string_view b) {
  // (The same spelling first: most comparisons, and no key to compute.)
  return a == b || internal::Remembered<FirstNameKey>(a) == internal::Remembered<FirstNameKey>(b) ||
         IsShortFormOf(a, b) || IsShortFormOf(b, a);
}

}  // namespace kto::names
