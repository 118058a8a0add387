// kto/link/article_text.h — the «title + text» convention: an article with a
// title is analyzed as one text, «title\n\ntext», and every span found in it
// is given back in code points into the title or into the text (the body).
// The store, `kto analyze --json` and the HTTP API all give offsets this way.
//
//   auto doc = Doc::FromUtf8(link::AnalyzedText(title, text));
//   ... analyze *doc ...
//   const link::ArticleSpans spans(*doc, text::CountCodePoints(title));
//   link::ArticleSpan s = spans.Locate(mention.tokens);  // s.in_title, s.start, s.end
//
// Thread safety: ArticleSpans is immutable after construction; it refers to
// the Doc, which must outlive it and not change.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kto/facts/article.h"
#include "kto/text/doc.h"

namespace kto::link {

// The text the analyzer reads for an article: «title\n\ntext», or the text
// alone when the title is empty.
std::string AnalyzedText(const std::string& title, const std::string& text);

// Where a span of tokens lies: [start, end) in code points into the title
// (in_title) or into the text.
struct ArticleSpan {
  int64_t start = 0, end = 0;
  bool in_title = false;
};

// The code point offsets of the tokens of an analyzed text, mapped back onto
// the article's title and text.
class ArticleSpans {
 public:
  // `doc` is what the analyzer read (AnalyzedText); `title_code_points` the
  // title's length in code points, 0 when the article has no title.
  ArticleSpans(const Doc& doc, size_t title_code_points);

  // REQUIRES: r a non-empty range of doc's tokens.
  ArticleSpan Locate(const TokenSpan& r) const;
  // The analyzed text of tokens r, from the first one's start to the last one's end.
  std::string_view Text(const TokenSpan& r) const;

 private:
  const Doc& doc_;
  int64_t title_;
  std::vector<int64_t> begin_, end_;
};

}  // namespace kto::link
