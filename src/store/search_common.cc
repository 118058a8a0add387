#include "search_common.h"

#include <algorithm>
#include <cctype>

namespace kto::store {
namespace {

int Number(std::string_view s, size_t pos, size_t n) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

// Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

std::pair<int, int> SnippetWindow(const std::vector<std::pair<int, int>>& matches,
                                  int column_tokens, int size) {
  size_t best = 0, best_count = 0;
  for (size_t i = 0, j = 0; i < matches.size(); ++i) {
    while (j < matches.size() && matches[j].first < matches[i].first + size) ++j;
    if (j - i > best_count) best = i, best_count = j - i;
  }
  const int start = matches[best].first;
  const int spare = size - (matches[best + best_count - 1].first - start + 1);
  const int first = std::max(0, std::min(start - spare / 2, column_tokens - size));
  return {first, std::min(column_tokens, first + size)};
}

std::optional<int64_t> UnixSeconds(std::string_view date) {
  // "YYYY-MM-DDTHH:MM:SSZ": each field's digits and the mark before them.
  static constexpr struct {
    size_t pos, size;
  } kFields[] = {{0, 4}, {5, 2}, {8, 2}, {11, 2}, {14, 2}, {17, 2}};
  static constexpr std::string_view kPattern = "0000-00-00T00:00:00Z";
  int values[6] = {1970, 1, 1, 0, 0, 0};
  size_t used = 0;
  for (size_t f = 0; f < 6 && date.size() >= kFields[f].pos + kFields[f].size; ++f) {
    if (f > 0 && date[kFields[f].pos - 1] != kPattern[kFields[f].pos - 1]) return std::nullopt;
    for (size_t i = kFields[f].pos; i < kFields[f].pos + kFields[f].size; ++i)
      if (!std::isdigit(static_cast<unsigned char>(date[i]))) return std::nullopt;
    values[f] = Number(date, kFields[f].pos, kFields[f].size);
    used = kFields[f].pos + kFields[f].size;
  }
  const std::string_view rest = date.substr(used);
  if (used == 0 || !(rest.empty() || (used == 19 && rest == "Z"))) return std::nullopt;
  if (values[1] < 1 || values[1] > 12 || values[2] < 1 || values[2] > 31) return std::nullopt;
  const int64_t seconds = DaysFromCivil(values[0], values[1], values[2]) * 86400 +
                          values[3] * 3600 + values[4] * 60 + values[5];
  return std::clamp<int64_t>(seconds, 0, (int64_t{1} << 33) - 1);
}

}  // namespace kto::store
