#include "kto/link/article_text.h"

#include "kto/text/utf8.h"

namespace kto::link {

std::string AnalyzedText(const std::string& title, const std::string& text) {
  return title.empty() ? text : title + "\n\n" + text;
}

ArticleSpans::ArticleSpans(const Doc& doc, size_t title_code_points)
    : doc_(doc), title_(static_cast<int64_t>(title_code_points)) {
  text::CodePointCounter counter(doc.text());
  begin_.reserve(doc.tokens.size());
  end_.reserve(doc.tokens.size());
  for (const Token& t : doc.tokens) {
    begin_.push_back(static_cast<int64_t>(counter.ToCodePoints(t.begin)));
    end_.push_back(static_cast<int64_t>(counter.ToCodePoints(t.end)));
  }
}

ArticleSpan ArticleSpans::Locate(const TokenSpan& r) const {
  ArticleSpan span{begin_[r.begin], end_[r.end - 1], false};
  if (title_ == 0) return span;
  span.in_title = span.start < title_;
  if (!span.in_title) {  // past the title and the «\n\n» after it
    span.start -= title_ + 2;
    span.end -= title_ + 2;
  }
  return span;
}

std::string_view ArticleSpans::Text(const TokenSpan& r) const {
  const size_t b = doc_.tokens[r.begin].begin;
  return doc_.text().substr(b, doc_.tokens[r.end - 1].end - b);
}

}  // namespace kto::link
