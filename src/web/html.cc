#include "kto/web/html.h"

#include "kto/text/utf8.h"

namespace kto::web {
namespace {

// `text` as valid UTF-8, repaired only when needed (the usual case copies nothing).
template <typename F>
void WithValidUtf8(std::string_view text, F&& body) {
  if (!text::FindInvalidUtf8(text)) return body(text);
  const std::string repaired = text::ReplaceInvalidUtf8(text);
  body(std::string_view(repaired));
}

std::string Escape(std::string_view text) {
  std::string out;
  WithValidUtf8(text, [&](std::string_view valid) {
    out.reserve(valid.size() + valid.size() / 8);
    for (char c : valid) {
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&#39;";
          break;
        case '\0':
          out += "\xEF\xBF\xBD";
          break;  // U+FFFD: HTML forbids NUL
        default:
          out += c;
      }
    }
  });
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
  auto starts_with = [&](std::string_view prefix) {
    if (url.size() <= prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
      char c = url[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != prefix[i]) return false;
    }
    return true;
  };
  if (!starts_with("http://") && !starts_with("https://")) return false;
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
