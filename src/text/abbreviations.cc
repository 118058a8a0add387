#include "abbreviations.h"

#include <algorithm>
#include <iterator>
#include <string>

#include "kto/text/utf8.h"

namespace kto::text::internal {
namespace {

struct Entry {
  std::string_view key;
  std::string_view kind;  // inner, may-end or year
};

// src/text/data/abbreviations.txt, which says what the kinds mean.
constexpr Entry kEntries[] = {
#include "abbreviations.inc"
};
static_assert(std::is_sorted(std::begin(kEntries), std::end(kEntries),
                             [](const Entry& a, const Entry& b) { return a.key < b.key; }),
              "keep src/text/data/abbreviations.txt sorted by key (LC_ALL=C sort)");

constexpr Abbreviation KindOf(std::string_view kind) {
  return kind == "inner"     ? Abbreviation::kInner
         : kind == "may-end" ? Abbreviation::kMayEnd
         : kind == "year"    ? Abbreviation::kYear
                             : Abbreviation::kUnknown;
}
static_assert(std::all_of(std::begin(kEntries), std::end(kEntries),
                          [](const Entry& e) { return KindOf(e.kind) != Abbreviation::kUnknown; }),
              "src/text/data/abbreviations.txt: a kind is not inner, may-end or year");

}  // namespace

Abbreviation LookupAbbreviation(std::string_view key) {
  const auto it = std::lower_bound(std::begin(kEntries), std::end(kEntries), key,
                                   [](const Entry& e, std::string_view k) { return e.key < k; });
  if (it != std::end(kEntries) && it->key == key) return KindOf(it->kind);
  // Any other chain of short lower-case parts with dots is an inner abbreviation:
  // «и.о.», «н.э.», «с.-х.»
  size_t parts = 0, part_len = 0;
  for (const char* p = key.data(); p < key.data() + key.size();) {
    const char32_t cp = DecodeValid(p);
    if (cp == '.') {
      if (part_len == 0 || part_len > 3) return Abbreviation::kUnknown;
      ++parts;
      part_len = 0;
    } else {
      ++part_len;
    }
  }
  return parts >= 2 && part_len == 0 ? Abbreviation::kInner : Abbreviation::kUnknown;
}

}  // namespace kto::text::internal
