#include "kto/text/utf8.h"

#include <cstdio>
#include <cstring>

namespace kto::text {
namespace {

constexpr bool IsContinuation(unsigned char b) {
  return (b & 0xC0) == 0x80;
}

// Length of the valid sequence starting at bytes[i], or 0 with *reason set.
// For an invalid sequence, *bad_length is the length of its maximal subpart
// (at least 1), so repair can skip exactly that much.
size_t ValidSequenceLength(std::string_view s, size_t i, const char** reason, size_t* bad_length) {
  const auto* b = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  const unsigned char b0 = b[i];
  *bad_length = 1;
  if (b0 < 0x80) return 1;
  if (b0 < 0xC2) {
    *reason = IsContinuation(b0) ? "unexpected continuation byte" : "overlong encoding";
    return 0;
  }
  size_t need;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 < 0xE0) {
    need = 2;
  } else if (b0 < 0xF0) {
    need = 3;
    if (b0 == 0xE0) lo = 0xA0;  // overlong below U+0800
    if (b0 == 0xED) hi = 0x9F;  // UTF-16 surrogates U+D800..U+DFFF
  } else if (b0 < 0xF5) {
    need = 4;
    if (b0 == 0xF0) lo = 0x90;  // overlong below U+10000
    if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    *reason = "byte that never appears in UTF-8";
    return 0;
  }
  for (size_t k = 1; k < need; ++k) {
    if (i + k >= n) {
      *reason = "truncated sequence at end of input";
      *bad_length = k;
      return 0;
    }
    const unsigned char c = b[i + k];
    const bool in_range = k == 1 ? (c >= lo && c <= hi) : IsContinuation(c);
    if (!in_range) {
      if (k == 1 && IsContinuation(c)) {
        *reason = b0 == 0xED ? "encoded surrogate"
                             : (b0 == 0xF4 ? "code point above U+10FFFF" : "overlong encoding");
      } else {
        *reason = "truncated sequence";
      }
      *bad_length = k;
      return 0;
    }
  }
  return need;
}

// Skips ASCII eight bytes at a time; returns the first non-ASCII index.
size_t SkipAscii(std::string_view s, size_t i) {
  while (i + 8 <= s.size()) {
    uint64_t word;
    std::memcpy(&word, s.data() + i, 8);
    if (word & 0x8080808080808080ULL) break;
    i += 8;
  }
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

}  // namespace

std::optional<Utf8Error> FindInvalidUtf8(std::string_view bytes) {
  const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  size_t i = SkipAscii(bytes, 0);
  while (i < n) {
    const unsigned char b0 = b[i];
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    // Fast path for two-byte sequences: all of Cyrillic.
    if (b0 >= 0xC2 && b0 < 0xE0 && i + 1 < n && IsContinuation(b[i + 1])) {
      i += 2;
      continue;
    }
    const char* reason = "";
    size_t bad = 0;
    const size_t len = ValidSequenceLength(bytes, i, &reason, &bad);
    if (len == 0) return Utf8Error{i, reason};
    i += len;
  }
  return std::nullopt;
}

Status ValidateUtf8(std::string_view bytes) {
  if (auto error = FindInvalidUtf8(bytes)) {
    return Status::InvalidInput("invalid UTF-8 at byte " + std::to_string(error->byte_offset) +
                                ": " + error->reason);
  }
  return Status::Ok();
}

std::string EscapeControlBytes(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (const char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    } else {
      out += ch;
    }
  }
  return out;
}

std::string ReplaceInvalidUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  size_t i = 0;
  while (i < bytes.size()) {
    const size_t ascii_end = SkipAscii(bytes, i);
    out.append(bytes.data() + i, ascii_end - i);
    i = ascii_end;
    if (i >= bytes.size()) break;
    const char* reason = "";
    size_t bad = 0;
    const size_t len = ValidSequenceLength(bytes, i, &reason, &bad);
    if (len > 0) {
      out.append(bytes.data() + i, len);
      i += len;
    } else {
      out.append("\xEF\xBF\xBD");
      i += bad;
    }
  }
  return out;
}

size_t CountCodePoints(std::string_view valid_utf8) {
  size_t count = 0;
  for (const char c : valid_utf8) count += !IsContinuation(static_cast<unsigned char>(c));
  return count;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::u32string DecodeUtf8(std::string_view valid_utf8) {
  std::u32string out;
  out.reserve(valid_utf8.size());
  for (const char* p = valid_utf8.data(); p < valid_utf8.data() + valid_utf8.size();)
    out.push_back(DecodeValid(p));
  return out;
}

std::string EncodeUtf8(std::u32string_view code_points) {
  std::string out;
  out.reserve(code_points.size() * 2);
  for (char32_t cp : code_points) AppendUtf8(cp, &out);
  return out;
}

uint64_t CodePointCounter::ToCodePoints(size_t byte_offset) {
  if (byte_offset < byte_) {
    byte_ = 0;
    code_points_ = 0;
  }
  code_points_ += CountCodePoints(text_.substr(byte_, byte_offset - byte_));
  byte_ = byte_offset;
  return code_points_;
}

std::string_view FirstCodePoints(std::string_view s, size_t n) {
  size_t i = 0;
  for (size_t count = 0; i < s.size() && count < n; ++count) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return s.substr(0, i);
}

std::string_view LastCodePoints(std::string_view s, size_t n) {
  size_t i = s.size();
  for (size_t count = 0; i > 0 && count < n; ++count) {
    --i;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  }
  return s.substr(i);
}

}  // namespace kto::text
