#include "kto/web/highlight.h"

#include "kto/link/article_text.h"
#include "kto/text/utf8.h"
#include "kto/web/html.h"
#include "markup.h"

namespace kto::web {
namespace {

const char* KindClass(EntityKind kind) {
  switch (kind) {
    case EntityKind::kPerson:
      return "ent ent-per";
    case EntityKind::kOrganization:
      return "ent ent-org";
    case EntityKind::kLocation:
      return "ent ent-loc";
  }
  return "ent";
}

// Whether `written` stands at code points [start, end) of `text`.
bool StandsAt(std::string_view text, int64_t start, int64_t end, std::string_view written) {
  if (start < 0 || end <= start || written.empty() || text::FindInvalidUtf8(text)) return false;
  const std::string_view from =
      text.substr(text::FirstCodePoints(text, static_cast<size_t>(start)).size());
  return text::FirstCodePoints(from, static_cast<size_t>(end - start)) == written;
}

void AddEntities(const std::vector<store::EntityMention>& mentions, EntityKind kind,
                 std::string_view title, std::string_view text, std::vector<Highlight>* out) {
  for (const store::EntityMention& m : mentions) {
    Highlight h{m.start, m.end, false, kind, m.name, 0};
    if (StandsAt(text, m.start, m.end, m.text)) {
      out->push_back(std::move(h));
    } else if (StandsAt(title, m.start, m.end, m.text)) {
      h.in_title = true;
      out->push_back(std::move(h));
    }
  }
}

void AddLive(const link::ArticleSpans& spans, const std::vector<facts::MentionFact>& mentions,
             EntityKind kind, int64_t kb_id, std::vector<Highlight>* out) {
  for (const facts::MentionFact& m : mentions) {
    if (m.tokens.begin >= m.tokens.end) continue;
    const link::ArticleSpan s = spans.Locate(m.tokens);
    out->push_back(Highlight{s.start, s.end, s.in_title, kind, m.normal, kb_id});
  }
}

}  // namespace

std::vector<Highlight> HighlightsFromStored(const store::ArticleAnalysis& analysis,
                                            std::string_view title, std::string_view text) {
  std::vector<Highlight> out;
  for (const store::Mention& m : analysis.mentions)
    out.push_back(
        Highlight{m.start, m.end, m.in_title, EntityKind::kPerson, m.normal, m.person_id});
  AddEntities(analysis.organizations, EntityKind::kOrganization, title, text, &out);
  AddEntities(analysis.locations, EntityKind::kLocation, title, text, &out);
  return out;
}

std::vector<Highlight> HighlightsFromLive(const Doc& doc, size_t title_code_points,
                                          const facts::ArticleAnalysis& analysis,
                                          const std::vector<int64_t>& person_ids) {
  const link::ArticleSpans spans(doc, title_code_points);
  std::vector<Highlight> out;
  for (size_t i = 0; i < analysis.persons.size(); ++i)
    AddLive(spans, analysis.persons[i].mentions, EntityKind::kPerson,
            i < person_ids.size() ? person_ids[i] : 0, &out);
  for (const facts::EntityFact& e : analysis.organizations)
    AddLive(spans, e.mentions, EntityKind::kOrganization, 0, &out);
  for (const facts::EntityFact& e : analysis.locations)
    AddLive(spans, e.mentions, EntityKind::kLocation, 0, &out);
  return out;
}

namespace internal {

std::vector<MarkupSpan> HighlightMarkup(const std::vector<Highlight>& highlights, bool in_title) {
  std::vector<MarkupSpan> spans;
  for (const Highlight& h : highlights) {
    if (h.in_title != in_title) continue;
    MarkupSpan s{h.start, h.end, "", ""};
    s.open = std::string("<mark class=\"") + KindClass(h.kind) + "\" title=\"" +
             EscapeAttribute(h.normal) + "\">";
    s.close = "</mark>";
    if (h.kind == EntityKind::kPerson && h.kb_id > 0) {
      s.open += "<a href=\"" + PersonPath(h.kb_id) + "\">";
      s.close = "</a></mark>";
    }
    spans.push_back(std::move(s));
  }
  return spans;
}

}  // namespace internal

std::string HighlightedHtml(std::string_view text, const std::vector<Highlight>& highlights,
                            bool in_title) {
  return internal::MarkedHtml(text, internal::HighlightMarkup(highlights, in_title));
}

}  // namespace kto::web
