#include "kto/ingest/date.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>

namespace kto::ingest {
namespace {

// A small cursor over the date text.
struct Cursor {
  std::string_view s;
  size_t i = 0;

  bool Done() const { return i >= s.size(); }
  char Peek() const { return Done() ? '\0' : s[i]; }
  bool Eat(char c) {
    if (Peek() != c) return false;
    ++i;
    return true;
  }
  void SkipSpaces() {
    while (!Done() && (s[i] == ' ' || s[i] == '\t')) ++i;
  }
  // Exactly `n` digits (n > 0), or any count 1..max when `n` is 0.
  bool Number(int n, int* out, int max = 4) {
    int v = 0, count = 0;
    while (!Done() && std::isdigit(static_cast<unsigned char>(s[i])) &&
           (n > 0 ? count < n : count < max)) {
      v = v * 10 + (s[i++] - '0');
      ++count;
    }
    *out = v;
    return n > 0 ? count == n : count > 0;
  }
  std::string Word() {
    std::string w;
    while (!Done() && std::isalpha(static_cast<unsigned char>(s[i])))
      w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(s[i++]))));
    return w;
  }
};

bool IsLeap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2));
}

struct Fields {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int offset_minutes = 0;  // local time = UTC + offset
};

std::optional<std::string> Format(const Fields& f) {
  if (f.year < 1000 || f.year > 9999 || f.month < 1 || f.month > 12 || f.day < 1 ||
      f.day > DaysInMonth(f.year, f.month) || f.hour > 23 || f.minute > 59 || f.second > 60)
    return std::nullopt;
  int64_t t = DaysFromCivil(f.year, f.month, f.day) * 86400 + f.hour * 3600 + f.minute * 60 +
              std::min(f.second, 59) - int64_t{f.offset_minutes} * 60;
  const int64_t days = (t >= 0 ? t : t - 86399) / 86400;
  const int64_t secs = t - days * 86400;
  int y, m, d;
  CivilFromDays(days, &y, &m, &d);
  if (y < 1000 || y > 9999) return std::nullopt;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d,
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  return std::string(buf);
}

// "+03:00", "+0300", "-05", "Z" at the cursor; true when none or a valid one.
bool NumericZone(Cursor& c, int* offset) {
  if (c.Eat('Z') || c.Eat('z')) return true;
  const char sign = c.Peek();
  if (sign != '+' && sign != '-') return true;
  ++c.i;
  int h = 0, m = 0;
  if (!c.Number(2, &h)) return false;
  if (c.Eat(':')) {
    if (!c.Number(2, &m)) return false;
  } else if (std::isdigit(static_cast<unsigned char>(c.Peek()))) {
    if (!c.Number(2, &m)) return false;
  }
  if (h > 23 || m > 59) return false;
  *offset = (sign == '-' ? -1 : 1) * (h * 60 + m);
  return true;
}

std::optional<std::string> ParseIso(std::string_view s) {
  Cursor c{s};
  Fields f;
  if (!c.Number(4, &f.year) || !c.Eat('-') || !c.Number(2, &f.month) || !c.Eat('-') ||
      !c.Number(2, &f.day))
    return std::nullopt;
  if (!c.Done()) {
    if (!c.Eat('T') && !c.Eat('t') && !c.Eat(' ')) return std::nullopt;
    if (!c.Number(2, &f.hour) || !c.Eat(':') || !c.Number(2, &f.minute)) return std::nullopt;
    if (c.Eat(':')) {
      if (!c.Number(2, &f.second)) return std::nullopt;
      if (c.Eat('.') || c.Eat(',')) {
        int fraction = 0;
        if (!c.Number(0, &fraction, 9)) return std::nullopt;
      }
    }
    c.SkipSpaces();
    if (!NumericZone(c, &f.offset_minutes)) return std::nullopt;
  }
  if (!c.Done()) return std::nullopt;
  return Format(f);
}

std::optional<std::string> ParseRfc822(std::string_view s) {
  static constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};
  Cursor c{s};
  Fields f;
  c.SkipSpaces();
  if (std::isalpha(static_cast<unsigned char>(c.Peek()))) {  // optional day name
    c.Word();
    if (!c.Eat(',')) return std::nullopt;
    c.SkipSpaces();
  }
  if (!c.Number(0, &f.day, 2)) return std::nullopt;
  c.SkipSpaces();
  const std::string month = c.Word();
  if (month.size() < 3) return std::nullopt;
  for (int i = 0; i < 12; ++i)
    if (month.compare(0, 3, kMonths[i]) == 0) f.month = i + 1;
  if (f.month == 0) return std::nullopt;
  c.SkipSpaces();
  if (!c.Number(0, &f.year, 4)) return std::nullopt;
  if (f.year < 100) f.year += f.year < 50 ? 2000 : 1900;
  c.SkipSpaces();
  if (!c.Done()) {
    if (!c.Number(0, &f.hour, 2) || !c.Eat(':') || !c.Number(2, &f.minute)) return std::nullopt;
    if (c.Eat(':') && !c.Number(2, &f.second)) return std::nullopt;
    c.SkipSpaces();
    if (c.Peek() == '+' || c.Peek() == '-') {
      if (!NumericZone(c, &f.offset_minutes)) return std::nullopt;
    } else if (!c.Done()) {
      const std::string zone = c.Word();
      static constexpr std::pair<const char*, int> kZones[] = {
          {"est", -5}, {"edt", -4}, {"cst", -6}, {"cdt", -5},
          {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7}};
      for (const auto& [name, hours] : kZones)
        if (zone == name) f.offset_minutes = hours * 60;
    }
  }
  c.SkipSpaces();
  if (!c.Done()) return std::nullopt;
  return Format(f);
}

}  // namespace

std::optional<std::string> NormalizeDate(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  if (text.size() >= 10 && std::isdigit(static_cast<unsigned char>(text[0])) && text[4] == '-')
    return ParseIso(text);
  return ParseRfc822(text);
}

}  // namespace kto::ingest
