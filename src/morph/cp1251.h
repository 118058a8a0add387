// Windows-1251 <-> Unicode for the dictionary's keys. The DAWGs of the az
// package store words as CP1251 bytes (one byte per Russian letter), so a
// lookup converts the word once and then walks bytes.
//
// Thread safety: pure functions over constant tables.
#pragma once

#include <cstdint>
#include <string>

namespace kto::morph::cp1251 {

// Unicode of bytes 0x80..0xFF (0 for the one unassigned byte, 0x98).
inline constexpr char16_t kHigh[128] = {
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,  // 80
    0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,  // 88
    0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90
    0x0000, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,  // 98
    0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,  // A0
    0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,  // A8
    0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,  // B0
    0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,  // B8
    0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,  // C0: А..
    0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F, 0x0420, 0x0421, 0x0422, 0x0423,
    0x0424, 0x0425, 0x0426, 0x0427, 0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,
    0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437,  // E0: а..
    0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F, 0x0440, 0x0441, 0x0442, 0x0443,
    0x0444, 0x0445, 0x0446, 0x0447, 0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
};

inline constexpr char kYo = '\xB8';  // ё
inline constexpr char kYe = '\xE5';  // е

// The CP1251 byte of `cp`, or -1 when CP1251 has none.
inline int FromUnicode(char32_t cp) {
  if (cp < 0x80) return static_cast<int>(cp);
  if (cp >= 0x410 && cp <= 0x44F) return static_cast<int>(cp - 0x410 + 0xC0);
  for (int i = 0; i < 64; ++i)
    if (kHigh[i] == cp && cp != 0) return 0x80 + i;
  return -1;
}

inline char32_t ToUnicode(unsigned char byte) {
  return byte < 0x80 ? char32_t(byte) : char32_t(kHigh[byte - 0x80]);
}

// Appends the UTF-8 of CP1251 bytes.
// Appends the UTF-8 of cp1251 `bytes`: at most 3 bytes each, written in
// place (cheaper than a push_back per byte).
inline void AppendUtf8(std::string_view bytes, std::string* out) {
  const size_t old_size = out->size();
  out->resize(old_size + 3 * bytes.size());
  char* w = out->data() + old_size;
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      *w++ = c;
      continue;
    }
    const char32_t cp = kHigh[b - 0x80];
    if (cp < 0x800) {
      *w++ = static_cast<char>(0xC0 | (cp >> 6));
      *w++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      *w++ = static_cast<char>(0xE0 | (cp >> 12));
      *w++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *w++ = static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  out->resize(static_cast<size_t>(w - out->data()));
}

}  // namespace kto::morph::cp1251
