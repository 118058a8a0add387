// SentenceAround: the evidence sentence of a position, cut by kto's own
// sentence splitter (initials and abbreviations do not end a sentence).
#include <algorithm>

#include "kto/text/case.h"
#include "kto/text/doc.h"
#include "kto/text/segment.h"
#include "kto/text/utf8.h"
#include "kto/web/highlight.h"

namespace kto::web {

SentenceExcerpt SentenceAround(std::string_view text, int64_t start, int64_t end,
                               size_t max_code_points) {
  if (start < 0 || end <= start) return {};
  auto doc = Doc::FromUtf8(std::string(text), Utf8Policy::kLenient);
  if (!doc.ok()) return {};
  const std::u32string code_points = text::DecodeUtf8(doc->text());
  if (end > static_cast<int64_t>(code_points.size())) return {};
  text::Segment(&*doc);
  // The sentences holding the span's first and last code points (code
  // point offsets of their tokens), else the span alone.
  text::CodePointCounter counter(doc->text());
  int64_t from = start, to = end;
  for (const Sentence& s : doc->sentences) {
    if (s.begin >= s.end) continue;
    const auto b = static_cast<int64_t>(counter.ToCodePoints(doc->tokens[s.begin].begin));
    const auto e = static_cast<int64_t>(counter.ToCodePoints(doc->tokens[s.end - 1].end));
    if (e <= start) continue;
    if (b >= end) break;
    from = std::min(from, b);
    to = std::max(to, e);
  }
  // Too long: a window around the span, cut between words.
  auto is_space = [](char32_t c) { return c < 0x80 ? text::IsAsciiSpace(char(c)) : c == 0xA0; };
  std::u32string prefix, suffix;
  const auto max = static_cast<int64_t>(max_code_points);
  if (to - from > max) {
    const int64_t context = std::max<int64_t>(0, (max - (end - start)) / 2);
    if (start - from > context) {
      from = start - context;
      while (from < start && !is_space(code_points[from - 1])) ++from;
      prefix = U"… ";
    }
    if (to - end > context) {
      to = end + context;
      while (to > end && !is_space(code_points[to])) --to;
      suffix = U" …";
    }
  }
  SentenceExcerpt out;
  out.sentence = text::EncodeUtf8(prefix + code_points.substr(from, to - from) + suffix);
  out.start = start - from + static_cast<int64_t>(prefix.size());
  out.end = end - from + static_cast<int64_t>(prefix.size());
  return out;
}

}  // namespace kto::web
