#include "kto/ingest/date.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "libcurl.h"

namespace kto::ingest {
namespace {

using std::chrono::sys_seconds;

// "YYYY-MM-DDTHH:MM:SSZ" of `t`, for years 1000..9999 (four digits).
std::optional<std::string> FormatUtc(sys_seconds t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{t - day};
  const int year = static_cast<int>(date.year());
  if (year < 1000 || year > 9999) return std::nullopt;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", year,
                static_cast<int>(static_cast<unsigned>(date.month())),
                static_cast<int>(static_cast<unsigned>(date.day())),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return std::string(buf);
}

// ISO 8601 / RFC 3339 is read here: curl_getdate does not read it, and
// std::chrono::parse, which would, is not in GCC 12's libstdc++ (it came in
// GCC 14).

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
};

// "+03:00", "+0300", "-05", "Z" at the cursor; true when none or a valid one.
bool NumericZone(Cursor& c, int* offset_minutes) {
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
  *offset_minutes = (sign == '-' ? -1 : 1) * (h * 60 + m);
  return true;
}

std::optional<std::string> ParseIso(std::string_view s) {
  Cursor c{s};
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, offset_minutes = 0;
  if (!c.Number(4, &year) || !c.Eat('-') || !c.Number(2, &month) || !c.Eat('-') ||
      !c.Number(2, &day))
    return std::nullopt;
  if (!c.Done()) {
    if (!c.Eat('T') && !c.Eat('t') && !c.Eat(' ')) return std::nullopt;
    if (!c.Number(2, &hour) || !c.Eat(':') || !c.Number(2, &minute)) return std::nullopt;
    if (c.Eat(':')) {
      if (!c.Number(2, &second)) return std::nullopt;
      if (c.Eat('.') || c.Eat(',')) {
        int fraction = 0;
        if (!c.Number(0, &fraction, 9)) return std::nullopt;
      }
    }
    c.SkipSpaces();
    if (!NumericZone(c, &offset_minutes)) return std::nullopt;
  }
  if (!c.Done()) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{year},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (year < 1000 || !date.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  // A leap second (:60) is kept in its minute.
  return FormatUtc(std::chrono::sys_days{date} + std::chrono::hours{hour} +
                   std::chrono::minutes{minute - offset_minutes} +
                   std::chrono::seconds{std::min(second, 59)});
}

// True when `s` is two ASCII digits.
bool TwoDigits(std::string_view s) {
  return s.size() == 2 && std::isdigit(static_cast<unsigned char>(s[0])) &&
         std::isdigit(static_cast<unsigned char>(s[1]));
}

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

// The month (1..12) a word names in full or by a prefix of three letters or
// more («Nov», «Sept», «December»); 0 for any other word.
unsigned MonthOfWord(std::string_view lower) {
  if (lower.size() < 3) return 0;
  for (size_t m = 0; m < kMonths.size(); ++m)
    if (kMonths[m].starts_with(lower)) return static_cast<unsigned>(m + 1);
  return 0;
}

// False when the text names a day its month does not have («31 Feb 2026»,
// «29 Feb 2027»): curl_getdate would roll it over into the next month, and
// a feed that writes it has a broken date, refused as an ISO one is. The
// day is the first number of one or two digits that is not part of a time
// («10:15»); the year, a four-digit number not after a sign (a zone
// «+0300»); without a four-digit year, 29 February is taken as possible.
bool DayFitsMonth(std::string_view s) {
  unsigned month = 0, day = 0;
  int year = 0;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t end = i;
    if (std::isalpha(c)) {
      std::string lower;
      while (end < s.size() && std::isalpha(static_cast<unsigned char>(s[end])))
        lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(s[end++]))));
      if (month == 0) month = MonthOfWord(lower);
    } else if (std::isdigit(c)) {
      while (end < s.size() && std::isdigit(static_cast<unsigned char>(s[end]))) ++end;
      const bool in_time = (i > 0 && s[i - 1] == ':') || (end < s.size() && s[end] == ':');
      const bool after_sign = i > 0 && (s[i - 1] == '+' || s[i - 1] == '-');
      const std::string_view digits = s.substr(i, end - i);
      if (digits.size() <= 2 && !in_time && day == 0) {
        day = static_cast<unsigned>(std::stoi(std::string(digits)));
      } else if (digits.size() == 4 && !after_sign && year == 0) {
        year = std::stoi(std::string(digits));
      }
    } else {
      ++end;
    }
    i = end;
  }
  if (month == 0 || day == 0) return true;             // nothing to check: curl decides
  const std::chrono::year y{year != 0 ? year : 2000};  // 2000: a leap year
  return std::chrono::year_month_day{y, std::chrono::month{month}, std::chrono::day{day}}.ok();
}

// The text with what curl_getdate misses rewritten into what it reads:
// month names longer than three letters («December», «Sept») shortened to
// three, a zone offset with a colon («+03:00») without it, and Moscow time
// («MSK», the zone of Russian feeds) as its offset.
std::string ForCurl(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (std::isalpha(c)) {
      size_t end = i;
      std::string lower;
      while (end < s.size() && std::isalpha(static_cast<unsigned char>(s[end])))
        lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(s[end++]))));
      if (lower.size() > 3 && MonthOfWord(lower) != 0) {
        out.append(s.substr(i, 3));
      } else if (lower == "msk") {
        out.append("+0300");
      } else {
        out.append(s.substr(i, end - i));
      }
      i = end;
    } else if ((c == '+' || c == '-') && TwoDigits(s.substr(i + 1, 2)) &&
               s.substr(i + 3, 1) == ":" && TwoDigits(s.substr(i + 4, 2))) {
      out.append(s.substr(i, 3)).append(s.substr(i + 4, 2));
      i += 6;
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

// RFC 822 / 1123 (as in RSS), RFC 850, asctime and the like, by libcurl.
std::optional<std::string> ParseWithCurl(std::string_view s) {
  if (!DayFitsMonth(s)) return std::nullopt;
  auto curl = LoadLibCurl();
  if (!curl.ok()) return std::nullopt;
  const std::time_t t = (*curl)->getdate(ForCurl(s).c_str(), nullptr);
  if (t == -1) return std::nullopt;
  return FormatUtc(sys_seconds{std::chrono::seconds{t}});
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
  return ParseWithCurl(text);
}

}  // namespace kto::ingest
