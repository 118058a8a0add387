// Internal: character classes for the tokenizer, from utf8proc's Unicode
// tables, cached for the Basic Multilingual Plane so the hot loop does one
// array read per character.
#pragma once

#include <cstdint>

namespace kto::text::internal {

enum class CharClass : uint8_t {
  kOther,
  kSpace,      // Zs and tabs; not line breaks
  kLineBreak,  // \n, \r, U+2028, U+2029, \v, \f, U+0085
  kUpper,      // Lu, Lt
  kLower,      // Ll
  kLetter,     // Lm, Lo: letters without case
  kDigit,      // Nd
  kMark,       // Mn, Mc, Me: combining marks belong to the letter before them
  kFormat,     // Cf: soft hyphen, zero-width joiners; invisible inside words
  kPunct,      // P*
  kSymbol,     // S*, No, Nl
};

// 65,536 entries, one per BMP code point; built once, never freed.
const CharClass* BmpClasses();
CharClass ClassifyOutsideBmp(char32_t cp);

inline CharClass Classify(char32_t cp) {
  static const CharClass* const bmp = BmpClasses();
  return cp < 0x10000 ? bmp[cp] : ClassifyOutsideBmp(cp);
}

inline bool IsLetter(CharClass c) {
  return c == CharClass::kUpper || c == CharClass::kLower || c == CharClass::kLetter;
}
inline bool IsWordChar(CharClass c) {
  return IsLetter(c) || c == CharClass::kDigit || c == CharClass::kMark;
}
inline bool IsCyrillic(char32_t cp) {
  return cp >= 0x0400 && cp <= 0x052F;
}
inline bool IsLatin(char32_t cp) {
  return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= 0xC0 && cp <= 0x24F);
}
// Hyphens that join word parts (not dashes): - U+2010 U+2011.
inline bool IsJoiningHyphen(char32_t cp) {
  return cp == '-' || cp == 0x2010 || cp == 0x2011;
}
// Apostrophes that join word parts: ' U+2019 U+02BC.
inline bool IsApostrophe(char32_t cp) {
  return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

}  // namespace kto::text::internal
