// kto/web/html.h — the small pieces every kto page is built from: escaping
// text for HTML, percent-encoding ids for URLs, checking a URL before it
// becomes a link.
//
//   out += "<a href=\"/articles/" + web::PercentEncode(external_id) + "\">";
//   out += web::EscapeText(title) + "</a>";
//
// Every function repairs invalid UTF-8 (each bad sequence becomes U+FFFD),
// so its output is always valid UTF-8 whatever the input.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kto::web {

// `text` safe as the content of an element: & < > escaped (and " ' too, so
// the same string is also safe inside a quoted attribute).
std::string EscapeText(std::string_view text);
// `value` safe inside a double- or single-quoted attribute value.
std::string EscapeAttribute(std::string_view value);

// `value` with every byte except the unreserved ones of RFC 3986 (A-Z a-z
// 0-9 - . _ ~) written as %XX (upper-case hex): one path segment or one
// query value. «a/b c» -> «a%2Fb%20c»; Cyrillic becomes its UTF-8 bytes.
std::string PercentEncode(std::string_view value);

// Whether `url` may be used as a link's href: it starts with http:// or
// https:// (ASCII case ignored) and holds no control character or space.
// Anything else (javascript:, data:, relative paths) is shown as text only.
bool IsSafeLinkUrl(std::string_view url);

// The paths of kto's own pages.
std::string ArticlePath(std::string_view external_id);  // «/articles/<PercentEncode(id)>»
std::string PersonPath(int64_t kb_id);                  // «/persons/<id>»

}  // namespace kto::web
