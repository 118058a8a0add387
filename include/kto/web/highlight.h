// kto/web/highlight.h — entity spans to mark in an article's title and text,
// and the conversion from what the analysis gives.
//
//   std::vector<web::Highlight> h = web::HighlightsFromStored(*analysis, title, text);
//   std::string html = web::HighlightedHtml(text, h, /*in_title=*/false);
//
// Spans are Unicode code point offsets [start, end) into the title
// (in_title) or the text, as everywhere in kto (link/article_text.h).
// Rendering never trusts them: a span out of range is clipped or dropped,
// an empty one dropped, and of overlapping spans the one starting first
// (the longer one at the same start) is kept and the others dropped, so
// the marks never cut a character and never cross.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kto/facts/article.h"
#include "kto/store/store.h"
#include "kto/text/doc.h"

namespace kto::web {

enum class EntityKind { kPerson, kOrganization, kLocation };

// One entity mention to mark.
struct Highlight {
  int64_t start = 0, end = 0;  // code points into the title or the text
  bool in_title = false;
  EntityKind kind = EntityKind::kPerson;
  std::string normal;  // the normal form, shown on hover: «Игорь Кедров»
  int64_t kb_id = 0;   // persons: the KB id (the mark links to the dossier); 0 = none
};

// The marks of a stored analysis: person mentions (kb id = their person id),
// organizations and locations. The store keeps no title flag for
// organizations and locations, so each is placed where its written text
// stands at its offsets (text first, then title) and dropped when neither.
std::vector<Highlight> HighlightsFromStored(const store::ArticleAnalysis& analysis,
                                            std::string_view title, std::string_view text);

// The marks of a live analysis of `doc` (link::AnalyzedText of the title and
// text; `title_code_points` the title's length, 0 without a title).
// `person_ids[i]` is the KB id of analysis.persons[i] (shorter or empty:
// the rest have none).
std::vector<Highlight> HighlightsFromLive(const Doc& doc, size_t title_code_points,
                                          const facts::ArticleAnalysis& analysis,
                                          const std::vector<int64_t>& person_ids = {});

// The sentence of `text` that holds the span [start, end) of code points
// (a position's phrase), and the span's place in it: what a dossier shows as
// the evidence of a position. A sentence longer than `max_code_points` is
// cut around the span, with «…» where it was cut. Empty when the span is
// not within the text.
struct SentenceExcerpt {
  std::string sentence;
  int64_t start = 0, end = 0;  // the span: code points into `sentence`
};
SentenceExcerpt SentenceAround(std::string_view text, int64_t start, int64_t end,
                               size_t max_code_points = 400);

// `text` escaped, with the highlights whose in_title equals `in_title`
// marked: <mark class="ent ent-per|ent-org|ent-loc" title="NORMAL">, a
// person with a kb id holding <a href="/persons/ID">. No paragraph markup.
std::string HighlightedHtml(std::string_view text, const std::vector<Highlight>& highlights,
                            bool in_title);

}  // namespace kto::web
