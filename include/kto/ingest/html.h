// kto/ingest/html.h — the article in a news web page.
//
// ExtractHtml() parses a page with libxml2's HTML parser (tolerant of broken
// markup, no network access) and keeps what a reader would call the article:
//   * the root: the <article> with the most text, else <main> / role="main",
//     else <body>;
//   * dropped: script, style, noscript, template, nav, header, footer, aside,
//     form, button, iframe, svg, figcaption and media elements; elements that
//     are hidden (hidden, aria-hidden="true", display:none); elements whose
//     class or id names boilerplate (menu, nav, sidebar, share, social,
//     comments, related, advert/ads, banner, cookie, subscribe, breadcrumbs,
//     promo, footer, header); blocks whose text is mostly links; and short
//     stock lines («Читайте также», «Поделиться», «Реклама», «Фото: ...»);
//   * kept: the text of block elements (paragraphs, headings, list items,
//     quotes, table cells) as paragraphs separated by a blank line, white
//     space collapsed;
//   * metadata: title from og:title, else <title>, else the first <h1>; the
//     date from article:published_time, else itemprop="datePublished", else
//     the first <time datetime>; the url from <link rel="canonical">, else
//     og:url; the source from og:site_name.
//
// Thread safety: functions may run on several threads at once.
#pragma once

#include <string>
#include <string_view>

#include "kto/status.h"
#include "kto/text/doc.h"

namespace kto::ingest {

struct HtmlArticle {
  std::string title;
  std::string published_at;  // normalized (see date.h), or empty
  std::string url;           // canonical url, or empty
  std::string source;        // site name, or empty
  std::string text;          // paragraphs joined by "\n\n"; valid UTF-8
};

// The page `html` (bytes as read). The encoding is the declared charset
// (<meta charset>, http-equiv, XML declaration), UTF-8 when none. Invalid
// UTF-8 in a page read as UTF-8 is refused with its byte offset under
// kStrict and replaced with U+FFFD under kLenient; so is a charset no
// decoder knows (under kLenient the page is then read as UTF-8). Broken
// markup never fails: the parser recovers. Fails with kInvalidInput only for
// encoding problems, and only under kStrict.
Result<HtmlArticle> ExtractHtml(std::string_view html, Utf8Policy utf8 = Utf8Policy::kStrict);

// The text of an HTML fragment (a feed item's description): the same
// paragraph rules with no root selection and no metadata. Invalid UTF-8 is
// replaced with U+FFFD.
std::string HtmlFragmentText(std::string_view html);

}  // namespace kto::ingest
