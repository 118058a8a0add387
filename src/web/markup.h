// Internal: escaped text with spans wrapped in tags, and paragraphs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kto/web/highlight.h"

namespace kto::web::internal {

// A span of code points [start, end) to wrap in `open` ... `close` (trusted
// markup, made by this module).
struct MarkupSpan {
  int64_t start = 0, end = 0;
  std::string open, close;
};

// `text` escaped with `spans` wrapped; offsets relative to `text`. Spans out
// of range are clipped, empty ones dropped; of overlapping ones the first
// (the longer at the same start) is kept. With `line_breaks`, each \n
// becomes <br>. Invalid UTF-8 is repaired first (offsets then count the
// repaired text).
std::string MarkedHtml(std::string_view text, std::vector<MarkupSpan> spans,
                       bool line_breaks = false);

// The same for a text of paragraphs: each run of lines separated by a blank
// line becomes <p>…</p> (line breaks inside kept as <br>); a span crossing a
// paragraph break is wrapped on each side. Blank text gives "".
std::string ParagraphsHtml(std::string_view text, const std::vector<MarkupSpan>& spans);

// The markup of the highlights whose in_title equals `in_title`.
std::vector<MarkupSpan> HighlightMarkup(const std::vector<Highlight>& highlights, bool in_title);

}  // namespace kto::web::internal
