// kto/text/utf8.h — UTF-8 validation, repair and offset conversion.
//
// Every kto entry point takes UTF-8. Strict callers reject invalid input with
// ValidateUtf8(), which names the first bad byte; lenient callers repair it
// with ReplaceInvalidUtf8(). Everything downstream may then assume valid
// UTF-8 (well-formed per RFC 3629: no overlongs, no surrogates, <= U+10FFFF).
//
// Internally kto works with byte offsets; every printed offset is a Unicode
// code point offset (a Python string index). CodePointCounter converts.
//
// Thread safety: free functions are pure; a CodePointCounter is per-thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kto/status.h"

namespace kto::text {

struct Utf8Error {
  size_t byte_offset = 0;   // offset of the first byte of the bad sequence
  const char* reason = "";  // static string, e.g. "overlong encoding"
};

// The first invalid sequence in `bytes`, or nullopt when all of it is valid.
std::optional<Utf8Error> FindInvalidUtf8(std::string_view bytes);

// OK, or kInvalidInput with "invalid UTF-8 at byte N: reason".
Status ValidateUtf8(std::string_view bytes);

// A copy of `bytes` in which every maximal invalid subsequence is replaced by
// U+FFFD (the W3C/Unicode "substitution of maximal subparts" practice).
std::string ReplaceInvalidUtf8(std::string_view bytes);

// Number of code points in valid UTF-8.
size_t CountCodePoints(std::string_view valid_utf8);

// Decodes one code point of valid UTF-8 at `p`, advancing `p`.
// REQUIRES: p points to the start of a valid sequence.
inline char32_t DecodeValid(const char*& p) {
  const auto b0 = static_cast<unsigned char>(*p);
  if (b0 < 0x80) {
    ++p;
    return b0;
  }
  const auto b1 = static_cast<unsigned char>(p[1]) & 0x3F;
  if (b0 < 0xE0) {
    p += 2;
    return (char32_t(b0 & 0x1F) << 6) | b1;
  }
  const auto b2 = static_cast<unsigned char>(p[2]) & 0x3F;
  if (b0 < 0xF0) {
    p += 3;
    return (char32_t(b0 & 0x0F) << 12) | (char32_t(b1) << 6) | b2;
  }
  const auto b3 = static_cast<unsigned char>(p[3]) & 0x3F;
  p += 4;
  return (char32_t(b0 & 0x07) << 18) | (char32_t(b1) << 12) | (char32_t(b2) << 6) | b3;
}

// `bytes` with each control byte (below 0x20, and 0x7f) written as «\xNN»:
// input quoted in a log line or a message on a terminal can then neither
// forge a line nor send the terminal an escape sequence.
std::string EscapeControlBytes(std::string_view bytes);

// Appends the UTF-8 encoding of `cp` (REQUIRES: a valid scalar value).
void AppendUtf8(char32_t cp, std::string* out);

// Whole-string conversions for code that works on code points (short
// strings: names, rule tables). REQUIRES: valid input.
std::u32string DecodeUtf8(std::string_view valid_utf8);
std::string EncodeUtf8(std::u32string_view code_points);

// The first / last `n` code points of valid UTF-8 (all of it when shorter).
std::string_view FirstCodePoints(std::string_view valid_utf8, size_t n);
std::string_view LastCodePoints(std::string_view valid_utf8, size_t n);

// Converts byte offsets into code point offsets of one text. Queries in
// non-decreasing order cost O(distance moved); a query behind the previous one
// restarts from the beginning. REQUIRES: offsets on code point boundaries.
class CodePointCounter {
 public:
  explicit CodePointCounter(std::string_view valid_utf8) : text_(valid_utf8) {}
  uint64_t ToCodePoints(size_t byte_offset);

 private:
  std::string_view text_;
  size_t byte_ = 0;
  uint64_t code_points_ = 0;
};

}  // namespace kto::text
