#include "kto/web/html.h"

#include "kto/text/case.h"
#include "kto/text/utf8.h"

namespace kto::web {
namespace {

// The reference that stands for `c` in escaped text, or "" when c stays.
std::string_view Entity(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return "&#39;";
    case '\0':
      return "\xEF\xBF\xBD";  // U+FFFD: HTML forbids NUL
    default:
      return "";
  }
}

std::string Escape(std::string_view text) {
  std::string repaired;
  if (text::FindInvalidUtf8(text)) text = repaired = text::ReplaceInvalidUtf8(text);
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    const std::string_view entity = Entity(c);
    if (entity.empty())
      out += c;
    else
      out += entity;
  }
  return out;
}

}  // namespace

std::string EscapeText(std::string_view text) {
  return Escape(text);
}

std::string EscapeAttribute(std::string_view value) {
  return Escape(value);
}

std::string PercentEncode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    const auto b = static_cast<unsigned char>(c);
    if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' ||
        b == '.' || b == '_' || b == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    }
  }
  return out;
}

bool IsSafeLinkUrl(std::string_view url) {
  const std::string head = text::AsciiLower(url.substr(0, 8));
  auto scheme = [&](std::string_view prefix) {  // and something after it
    return head.starts_with(prefix) && url.size() > prefix.size();
  };
  if (!scheme("http://") && !scheme("https://")) return false;
  for (char c : url)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return false;
  return !text::FindInvalidUtf8(url);
}

std::string ArticlePath(std::string_view external_id) {
  return "/articles/" + PercentEncode(external_id);
}

std::string PersonPath(int64_t kb_id) {
  return "/persons/" + std::to_string(kb_id);
}

}  // namespace kto::web
