#include "kto/text/normalize.h"

#include <utf8proc.h>

#include <cstdlib>

#include "kto/text/utf8.h"

namespace kto::text {

std::string Nfc(std::string_view valid_utf8) {
  // Fast path: ASCII and precomposed Cyrillic are already NFC unless a
  // combining mark follows; utf8proc handles everything else.
  bool may_change = false;
  for (const char* p = valid_utf8.data(); p < valid_utf8.data() + valid_utf8.size();) {
    const char32_t cp = DecodeValid(p);
    if (cp >= 0x300 && !(cp >= 0x400 && cp <= 0x4FF) && !(cp >= 0x2000 && cp <= 0x206F)) {
      may_change = true;
      break;
    }
  }
  if (!may_change) return std::string(valid_utf8);
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
  const std::string nfc = Nfc(valid_utf8);
  if (!options.lowercase && !options.fold_yo) return nfc;
  std::string out;
  out.reserve(nfc.size());
  for (const char* p = nfc.data(); p < nfc.data() + nfc.size();) {
    char32_t cp = DecodeValid(p);
    if (options.lowercase)
      cp = static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
    if (options.fold_yo) {
      if (cp == 0x0451) cp = 0x0435;  // ё -> е
      if (cp == 0x0401) cp = 0x0415;  // Ё -> Е
    }
    AppendUtf8(cp, &out);
  }
  return out;
}

}  // namespace kto::text
