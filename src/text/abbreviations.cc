#include "abbreviations.h"

#include <algorithm>
#include <array>
#include <string>

#include "kto/text/utf8.h"

namespace kto::text::internal {
namespace {

struct Entry {
  std::string_view key;
  Abbreviation kind;
};

constexpr Abbreviation I = Abbreviation::kInner;
constexpr Abbreviation E = Abbreviation::kMayEnd;
constexpr Abbreviation Y = Abbreviation::kYear;

// Sorted by key (byte order), checked by a test.
constexpr std::array kEntries = std::to_array<Entry>({
    {"акад.", I}, {"англ.", I},   {"апр.", I},   {"арх.", I},   {"афр.", I},  {"б.", I},
    {"бул.", I},  {"в.", E},      {"вв.", E},    {"вкл.", I},   {"г.", Y},    {"гг.", Y},
    {"ген.", I},  {"гл.", I},     {"гос.", I},   {"гр.", I},    {"д.", I},    {"дек.", I},
    {"деп.", I},  {"дер.", I},    {"долл.", E},  {"доц.", I},   {"др.", E},   {"ед.", I},
    {"жен.", I},  {"з.", I},      {"зав.", I},   {"зам.", I},   {"илл.", I},  {"им.", I},
    {"ин.", I},   {"иностр.", I}, {"кв.", I},    {"кг.", E},    {"км.", E},   {"кн.", I},
    {"коп.", E},  {"корп.", I},   {"корр.", I},  {"кр.", I},    {"куб.", I},  {"лат.", I},
    {"м.", E},    {"мин.", E},    {"млн.", E},   {"млрд.", E},  {"муж.", I},  {"н.э.", E},
    {"наб.", I},  {"напр.", I},   {"нем.", I},   {"нояб.", I},  {"о.", I},    {"обл.", I},
    {"ок.", I},   {"окт.", I},    {"п.", I},     {"пгт.", I},   {"пер.", I},  {"пл.", I},
    {"пос.", I},  {"пр.", E},     {"пред.", I},  {"просп.", I}, {"проф.", I}, {"р.", I},
    {"ред.", I},  {"респ.", I},   {"рис.", I},   {"руб.", E},   {"рус.", I},  {"с.", I},
    {"св.", I},   {"сек.", E},    {"сент.", I},  {"см.", I},    {"соч.", I},  {"ср.", I},
    {"ст.", I},   {"стр.", I},    {"т.", I},     {"т.д.", E},   {"т.е.", I},  {"т.к.", I},
    {"т.н.", I},  {"т.п.", E},    {"тел.", I},   {"тов.", I},   {"трлн.", E}, {"тыс.", E},
    {"ул.", I},   {"фр.", I},     {"франц.", I}, {"ч.", E},     {"чел.", E},  {"чл.", I},
    {"ш.", I},    {"экз.", I},    {"янв.", I},
});

}  // namespace

Abbreviation LookupAbbreviation(std::string_view key) {
  const auto it = std::lower_bound(kEntries.begin(), kEntries.end(), key,
                                   [](const Entry& e, std::string_view k) { return e.key < k; });
  if (it != kEntries.end() && it->key == key) return it->kind;
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

void LowerCaseShort(std::string_view in, std::string* out) {
  out->clear();
  for (const char* p = in.data(); p < in.data() + in.size();) {
    char32_t cp = DecodeValid(p);
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 0x0410 && cp <= 0x042F)) {
      cp += 0x20;
    } else if (cp >= 0x0400 && cp <= 0x040F) {
      cp += 0x50;  // Ѐ..Џ, including Ё
    }
    AppendUtf8(cp, out);
  }
}

}  // namespace kto::text::internal
