#include "markup.h"

#include <algorithm>

#include "kto/text/utf8.h"
#include "kto/web/html.h"

namespace kto::web::internal {
namespace {

// Byte offset of every code point of valid UTF-8, and of the end.
std::vector<size_t> CodePointOffsets(std::string_view valid) {
  std::vector<size_t> offsets;
  offsets.reserve(valid.size() + 1);
  const char* p = valid.data();
  const char* end = p + valid.size();
  while (p < end) {
    offsets.push_back(static_cast<size_t>(p - valid.data()));
    text::DecodeValid(p);
  }
  offsets.push_back(valid.size());
  return offsets;
}

// The spans that can be drawn over `length` code points: clipped, non-empty,
// in order and not overlapping.
std::vector<MarkupSpan> Drawable(std::vector<MarkupSpan> spans, int64_t length) {
  for (MarkupSpan& s : spans) {
    s.start = std::clamp<int64_t>(s.start, 0, length);
    s.end = std::clamp<int64_t>(s.end, 0, length);
  }
  std::erase_if(spans, [](const MarkupSpan& s) { return s.start >= s.end; });
  std::stable_sort(spans.begin(), spans.end(), [](const MarkupSpan& a, const MarkupSpan& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  std::vector<MarkupSpan> kept;
  for (MarkupSpan& s : spans)
    if (kept.empty() || s.start >= kept.back().end) kept.push_back(std::move(s));
  return kept;
}

void AppendEscaped(std::string_view text, bool line_breaks, std::string* out) {
  if (!line_breaks) {
    *out += EscapeText(text);
    return;
  }
  size_t from = 0;
  for (size_t nl = text.find('\n'); nl != std::string_view::npos; nl = text.find('\n', from)) {
    *out += EscapeText(text.substr(from, nl - from));
    *out += "<br>\n";
    from = nl + 1;
  }
  *out += EscapeText(text.substr(from));
}

std::string MarkedValid(std::string_view valid, const std::vector<size_t>& offsets,
                        std::vector<MarkupSpan> spans, bool line_breaks) {
  const auto length = static_cast<int64_t>(offsets.size() - 1);
  std::string out;
  size_t at = 0;  // bytes written so far
  for (const MarkupSpan& s : Drawable(std::move(spans), length)) {
    const size_t begin = offsets[s.start], end = offsets[s.end];
    AppendEscaped(valid.substr(at, begin - at), line_breaks, &out);
    out += s.open;
    AppendEscaped(valid.substr(begin, end - begin), line_breaks, &out);
    out += s.close;
    at = end;
  }
  AppendEscaped(valid.substr(at), line_breaks, &out);
  return out;
}

bool IsBlankLine(std::string_view line) {
  return line.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

}  // namespace

std::string MarkedHtml(std::string_view text, std::vector<MarkupSpan> spans, bool line_breaks) {
  std::string repaired;
  if (text::FindInvalidUtf8(text)) text = repaired = text::ReplaceInvalidUtf8(text);
  return MarkedValid(text, CodePointOffsets(text), std::move(spans), line_breaks);
}

std::string ParagraphsHtml(std::string_view text, const std::vector<MarkupSpan>& given) {
  std::string repaired;
  if (text::FindInvalidUtf8(text)) text = repaired = text::ReplaceInvalidUtf8(text);
  const std::vector<size_t> offsets = CodePointOffsets(text);
  // Overlaps are settled over the whole text, before the paragraphs cut spans.
  const std::vector<MarkupSpan> spans = Drawable(given, static_cast<int64_t>(offsets.size() - 1));
  auto code_point_at = [&](size_t byte) {
    return static_cast<int64_t>(std::lower_bound(offsets.begin(), offsets.end(), byte) -
                                offsets.begin());
  };
  std::string out;
  // A paragraph: the lines from `first` up to a blank line.
  auto flush = [&](size_t first, size_t last) {
    if (first >= last) return;
    std::string_view body = text.substr(first, last - first);
    while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.remove_suffix(1);
    if (IsBlankLine(body)) return;
    const int64_t base = code_point_at(first), limit = code_point_at(first + body.size());
    std::vector<MarkupSpan> local;
    for (const MarkupSpan& s : spans) {
      if (s.end <= base || s.start >= limit) continue;  // another paragraph's
      MarkupSpan shifted = s;
      shifted.start -= base;
      shifted.end -= base;
      local.push_back(std::move(shifted));
    }
    out += "<p>";
    out += MarkedHtml(body, std::move(local), /*line_breaks=*/true);
    out += "</p>\n";
  };
  size_t paragraph = 0, line = 0;
  while (line < text.size()) {
    size_t next = text.find('\n', line);
    next = next == std::string_view::npos ? text.size() : next + 1;
    if (IsBlankLine(text.substr(line, next - line))) {
      flush(paragraph, line);
      paragraph = next;
    }
    line = next;
  }
  flush(paragraph, text.size());
  return out;
}

}  // namespace kto::web::internal
