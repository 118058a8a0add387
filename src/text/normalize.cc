#include "kto/text/normalize.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>

#include "kto/text/case.h"
#include "kto/text/utf8.h"

namespace kto::text {

namespace {

// False when `valid_utf8` is NFC for sure: ASCII and precomposed Cyrillic
// are, unless a combining mark follows.
bool MayChangeUnderNfc(std::string_view valid_utf8) {
  for (const char* p = valid_utf8.data(); p < valid_utf8.data() + valid_utf8.size();) {
    const char32_t cp = DecodeValid(p);
    if (cp >= 0x300 && !(cp >= 0x400 && cp <= 0x4FF) && !(cp >= 0x2000 && cp <= 0x206F))
      return true;
  }
  return false;
}

// UTF-8 of `cp` at `out`; returns the end.
char* EncodeUtf8At(char32_t cp, char* out) {
  if (cp < 0x80) {
    *out++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out++ = static_cast<char>(0xC0 | (cp >> 6));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out++ = static_cast<char>(0xE0 | (cp >> 12));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out++ = static_cast<char>(0xF0 | (cp >> 18));
    *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

}  // namespace

std::string Nfc(std::string_view valid_utf8) {
  // Fast path: utf8proc only for text that may change.
  if (!MayChangeUnderNfc(valid_utf8)) return std::string(valid_utf8);
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(valid_utf8.data()),
                   static_cast<utf8proc_ssize_t>(valid_utf8.size()), &out,
                   static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n < 0) return std::string(valid_utf8);  // cannot happen for valid input
  std::string result(reinterpret_cast<char*>(out), static_cast<size_t>(n));
  std::free(out);
  return result;
}

std::string MatchKey(std::string_view valid_utf8, MatchKeyOptions options) {
  // Most words are NFC already: read them in place, without a copy.
  std::string nfc;
  std::string_view source = valid_utf8;
  if (MayChangeUnderNfc(valid_utf8)) {
    nfc = Nfc(valid_utf8);
    source = nfc;
  }
  if (!options.lowercase && !options.fold_yo) return std::string(source);
  // Written in place (cheaper than appending byte by byte); a lower-case
  // letter may take a byte more than its capital («Ⱥ» -> «ⱥ»).
  std::string out(source.size() + 8, '\0');
  char* end = out.data();
  for (const char* p = source.data(); p < source.data() + source.size();) {
    if (out.data() + out.size() - end < 4) {
      const size_t used = static_cast<size_t>(end - out.data());
      out.resize(2 * out.size());
      end = out.data() + used;
    }
    char32_t cp = DecodeValid(p);
    if (options.lowercase) cp = ToLower(cp);
    if (options.fold_yo) {
      if (cp == 0x0451) cp = 0x0435;  // ё -> е
      if (cp == 0x0401) cp = 0x0415;  // Ё -> Е
    }
    end = EncodeUtf8At(cp, end);
  }
  out.resize(static_cast<size_t>(end - out.data()));
  return out;
}

std::string SpellingKey(std::string_view valid_utf8) {
  const std::string key = MatchKey(valid_utf8);
  // (Cyrillic letters are two bytes led by 0xD0 or 0xD1.)
  const bool cyrillic = std::any_of(key.begin(), key.end(), [](char b) {
    return static_cast<unsigned char>(b) == 0xD0 || static_cast<unsigned char>(b) == 0xD1;
  });
  // Latin letters that look like Cyrillic ones, in a Cyrillic word.
  constexpr std::pair<char32_t, char32_t> kLookalikes[] = {{U'a', U'а'}, {U'e', U'е'}, {U'o', U'о'},
                                                           {U'p', U'р'}, {U'c', U'с'}, {U'x', U'х'},
                                                           {U'y', U'у'}, {U'k', U'к'}};
  std::string out;
  out.reserve(key.size());
  char32_t last = 0;
  for (const char* p = key.data(); p < key.data() + key.size();) {
    char32_t c = DecodeValid(p);
    if (c == 0x0300 || c == 0x0301) continue;  // a stress mark: «Жозе́»
    const bool cyrillic_letter = c >= 0x0400 && c <= 0x04FF;
    if (!cyrillic_letter) {
      if (c >= 0x80) {  // «é» -> «e»: the letter without its accent
        utf8proc_int32_t parts[4];
        utf8proc_int32_t boundclass = 0;
        if (utf8proc_decompose_char(static_cast<utf8proc_int32_t>(c), parts, 4, UTF8PROC_DECOMPOSE,
                                    &boundclass) > 0)
          c = static_cast<char32_t>(parts[0]);
      }
      for (const auto& [latin, cyrillic_lookalike] : kLookalikes)
        if (cyrillic && c == latin) c = cyrillic_lookalike;
    }
    if (c == U'э') c = U'е';
    if (c == U'ь' || c == U'ъ') continue;
    if (c == last && c >= 0x0400 && c <= 0x04FF) continue;  // «сс» -> «с»
    AppendUtf8(c, &out);
    last = c;
  }
  return out;
}

}  // namespace kto::text

namespace kto::text {

std::string CopyCase(std::string_view lower, std::string_view original) {
  // Parts end at a hyphen or an apostrophe: «Лебедева-Крылова», «О’Брайен».
  auto part_end = [](const std::u32string& s, size_t from) {
    return std::min(s.find_first_of(U"-’'", from), s.size());
  };
  std::u32string out = DecodeUtf8(lower);
  const std::u32string orig = DecodeUtf8(original);
  size_t o = 0, i = 0;
  while (i < out.size()) {
    const size_t out_end = part_end(out, i), orig_end = part_end(orig, o);
    const bool capital = o < orig.size() && IsUpper(orig[o]);
    bool all_capitals = orig_end > o + 1;
    for (size_t k = o; k < orig_end && all_capitals; ++k) all_capitals = IsUpper(orig[k]);
    for (size_t k = i; k < out_end; ++k)
      out[k] = (all_capitals || (k == i && capital)) ? ToUpper(out[k]) : ToLower(out[k]);
    i = out_end + 1;
    o = std::min(orig_end + 1, orig.size());
  }
  return EncodeUtf8(out);
}

std::string CapitalsAsName(std::string_view word) {
  std::u32string u = DecodeUtf8(word);
  size_t letters = 0;
  for (char32_t c : u) {
    if (c == U'-' || c == U'’' || c == U'\'') continue;
    if (!(c >= 0x0400 && c <= 0x052F) || !IsUpper(c)) return {};
    ++letters;
  }
  if (letters < 2) return {};
  bool part_start = true;
  for (char32_t& c : u) {
    const bool joiner = c == U'-' || c == U'’' || c == U'\'';
    if (!joiner && !part_start) c = ToLower(c);
    part_start = joiner;
  }
  return EncodeUtf8(u);
}

}  // namespace kto::text
