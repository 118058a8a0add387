// kto/text/case.h — letter case and white space of short strings: the
// helpers every module used to write for itself.
//
// Case follows Unicode: the simple case mappings and the general categories
// of utf8proc (Lu and Lt are upper case, Ll lower case). ASCII and the
// Russian alphabet take a fast path. Matching keys (NFC, ё folded) are
// MatchKey's business (normalize.h), not these functions'.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kto::text {

namespace internal {
char32_t ToLowerSlow(char32_t c);
char32_t ToUpperSlow(char32_t c);
}  // namespace internal

// Unicode simple lower / upper case of one code point.
inline char32_t ToLower(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 0x20 : c;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;  // А..Я
  if (c >= 0x430 && c <= 0x44F) return c;         // а..я
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;  // Ѐ..Џ, Ё among them
  return internal::ToLowerSlow(c);
}
inline char32_t ToUpper(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') ? c - 0x20 : c;
  if (c >= 0x430 && c <= 0x44F) return c - 0x20;  // а..я
  if (c >= 0x410 && c <= 0x42F) return c;         // А..Я
  if (c >= 0x450 && c <= 0x45F) return c - 0x50;  // ѐ..џ, ё among them
  return internal::ToUpperSlow(c);
}

// General category Lu or Lt / Ll / any letter (L*).
bool IsUpper(char32_t c);
bool IsLower(char32_t c);
bool IsLetter(char32_t c);

// Every code point lower case.
std::u32string Lower(std::u32string_view s);
// Replaces *out with `valid_utf8` lower case; reuses its buffer.
void LowerInto(std::string_view valid_utf8, std::string* out);

// ASCII letters lower case, every other byte as it is: for protocol words
// (HTML attributes, MIME types, charsets, file extensions).
std::string AsciiLower(std::string_view s);

// The first code point upper case, the rest as written: «министр финансов»
// -> «Министр финансов», «ёлочный» -> «Ёлочный». REQUIRES: valid UTF-8.
std::string Capitalized(std::string_view valid_utf8);

// ASCII white space: space, \t, \n, \v, \f, \r.
inline bool IsAsciiSpace(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

// The length of the white space that starts at s[i], 0 when none: ASCII
// white space, NBSP, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F and
// U+3000 (the spaces and line separators news sites use).
size_t UnicodeSpaceLength(std::string_view s, size_t i);

enum class Spaces {
  kAscii,    // IsAsciiSpace
  kUnicode,  // UnicodeSpaceLength
};

// Appends `s` to *out with every run of white space made one space, none at
// the start of *out; a run at the end of `s` is left pending in
// *pending_space, for the next call to write when more text follows. Returns
// the number of bytes of `s` copied (white space not counted).
size_t AppendCollapsingSpaces(std::string_view s, Spaces spaces, bool* pending_space,
                              std::string* out);

// `s` with every run of white space made one space, trimmed at both ends.
std::string CollapseSpaces(std::string_view s, Spaces spaces = Spaces::kAscii);

}  // namespace kto::text
