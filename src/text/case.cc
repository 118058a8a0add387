#include "kto/text/case.h"

#include <utf8proc.h>

#include "chars.h"
#include "kto/text/utf8.h"

namespace kto::text {

namespace internal {
char32_t ToLowerSlow(char32_t c) {
  return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c)));
}
char32_t ToUpperSlow(char32_t c) {
  return static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(c)));
}
}  // namespace internal

bool IsUpper(char32_t c) {
  return internal::Classify(c) == internal::CharClass::kUpper;
}
bool IsLower(char32_t c) {
  return internal::Classify(c) == internal::CharClass::kLower;
}
bool IsLetter(char32_t c) {
  return internal::IsLetter(internal::Classify(c));
}

std::u32string Lower(std::u32string_view s) {
  std::u32string out(s);
  for (char32_t& c : out) c = ToLower(c);
  return out;
}

void LowerInto(std::string_view valid_utf8, std::string* out) {
  out->clear();
  for (const char* p = valid_utf8.data(); p < valid_utf8.data() + valid_utf8.size();)
    AppendUtf8(ToLower(DecodeValid(p)), out);
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string Capitalized(std::string_view valid_utf8) {
  if (valid_utf8.empty()) return {};
  const char* p = valid_utf8.data();
  const char32_t first = DecodeValid(p);
  std::string out;
  out.reserve(valid_utf8.size() + 1);
  AppendUtf8(ToUpper(first), &out);
  out.append(p, valid_utf8.data() + valid_utf8.size());
  return out;
}

size_t UnicodeSpaceLength(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (IsAsciiSpace(static_cast<char>(c))) return 1;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;
  if (c == 0xE2 && i + 2 < s.size()) {
    const auto c1 = static_cast<unsigned char>(s[i + 1]);
    const auto c2 = static_cast<unsigned char>(s[i + 2]);
    // U+2000..U+200A, U+2028, U+2029, U+202F, U+205F
    if (c1 == 0x80 && (c2 <= 0x8A || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF)) return 3;
    if (c1 == 0x81 && c2 == 0x9F) return 3;
  }
  if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x80)
    return 3;  // U+3000
  return 0;
}

size_t AppendCollapsingSpaces(std::string_view s, Spaces spaces, bool* pending_space,
                              std::string* out) {
  size_t copied = 0;
  for (size_t i = 0; i < s.size();) {
    const size_t space =
        spaces == Spaces::kAscii ? (IsAsciiSpace(s[i]) ? 1 : 0) : UnicodeSpaceLength(s, i);
    if (space > 0) {
      *pending_space = !out->empty();
      i += space;
      continue;
    }
    if (*pending_space) out->push_back(' ');
    *pending_space = false;
    out->push_back(s[i++]);
    ++copied;
  }
  return copied;
}

std::string CollapseSpaces(std::string_view s, Spaces spaces) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  AppendCollapsingSpaces(s, spaces, &pending_space, &out);
  return out;
}

}  // namespace kto::text
