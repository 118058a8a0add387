// kto/web/pages.h — the HTML pages of `kto serve`, rendered from plain view
// structs. The server fills the structs (from the store and the analysis)
// and serves the strings; this module reads no store and knows no HTTP.
//
//   web::ArticlePage page;
//   page.id = article.external_id; page.title = ...; page.text = ...;
//   page.highlights = web::HighlightsFromStored(*analysis, page.title, page.text);
//   page.panel = *kb::ArticlePanel(*store, article.id);
//   std::string html = web::RenderArticlePage(page);
//
// Every function returns a complete UTF-8 HTML document (Russian) with the
// styles inline and no script; every text of the structs is escaped, and
// the only URLs in attributes are kto's own paths (ArticlePath, PersonPath)
// and an article's url when IsSafeLinkUrl. Dates are ISO-8601 text
// («2026-03-05» or «2026-03-05T10:00:00Z»), shown as «5 марта 2026»; other
// text is shown as given. The browser tests of `kto serve` (and news sites
// styling the panel) select by the classes kto-panel, kto-panel-person,
// kto-person-name, kto-position, kto-articles, kto-person-title, kto-chart,
// kto-position-item, kto-quote, kto-article-item, kto-search,
// kto-search-hit, kto-hit, kto-person-hit, kto-analyze and
// ent ent-per|ent-org|ent-loc: keep them.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kto/kb/kb.h"
#include "kto/web/highlight.h"

namespace kto::web {

// An article in a list.
struct ArticleLink {
  std::string id;  // the id of /articles/<id> (the external id), not encoded
  std::string title;
  std::string date;    // ISO-8601; may be empty
  std::string source;  // may be empty
};

// A list page's position: 1-based page number and whether a next page exists.
struct Pager {
  size_t page = 1;
  bool has_more = false;
};

// `/`: the latest articles and the week's most mentioned persons.
struct HomePage {
  std::vector<ArticleLink> latest;
  std::vector<kb::PanelEntry> top_persons;  // most articles first
  std::string top_from, top_to;             // the week shown (ISO dates); empty: all time
};
std::string RenderHomePage(const HomePage& page);

// `/articles/ID`: the article with its entities marked, and its panel.
struct ArticlePage {
  std::string id;  // external id, not encoded
  std::string title, text;
  std::string url;     // shown, and a link only when IsSafeLinkUrl
  std::string source;  // may be empty
  std::string date;    // may be empty
  std::vector<Highlight> highlights;
  std::vector<kb::PanelEntry> panel;  // persons in order of first mention
};
std::string RenderArticlePage(const ArticlePage& page);

// One position of a person, with the sentence that states it (SentenceAround
// of its latest evidence gives `sentence` and the phrase's place in it).
struct PositionView {
  std::string title;  // «губернатор» (shown capitalized)
  std::string org;    // may be empty
  bool former = false;
  std::string first_seen, last_seen;         // ISO dates; may be empty
  int64_t evidence_count = 0;                // articles stating it
  std::string sentence;                      // the sentence of its latest evidence; may be empty
  int64_t phrase_start = 0, phrase_end = 0;  // the phrase: code points into `sentence`
  std::string article_id;                    // that evidence's article (external id); may be empty
  std::string article_title;
  // Given by a known-persons list (kto kb import), with the list's dates
  // (ISO; may be empty).
  bool imported = false;
  std::string imported_from{}, imported_to{};
};

// A month of the mentions chart.
struct MonthCount {
  std::string month;  // «YYYY-MM»
  int64_t articles = 0;
};

// A person mentioned in the same articles.
struct CoMentionView {
  int64_t kb_id = 0;
  std::string name;
  int64_t shared_articles = 0;
};

struct QuoteView {
  std::string text;  // the quoted words
  std::string date;
  std::string article_id;  // external id; may be empty
  std::string article_title;
};

// `/persons/ID`: a person's dossier.
struct PersonPage {
  int64_t kb_id = 0;
  std::string name;  // display name
  std::string surname, first_name, patronymic;
  std::vector<std::string> aliases;  // the written forms seen
  std::optional<kb::LastPosition> last_position;
  int64_t articles = 0;
  std::string first_seen, last_seen;
  std::vector<PositionView> positions;  // latest first
  std::vector<MonthCount> months;       // oldest first; missing months count 0
  std::vector<CoMentionView> co_mentioned;
  std::vector<QuoteView> quotes;          // latest first
  std::vector<ArticleLink> article_list;  // one page of the person's articles, newest first
  Pager article_pager;                    // links ?page=N
};
std::string RenderPersonPage(const PersonPage& page);

// `/top`: the rating over a period.
struct TopPage {
  std::string from, to;                 // the form's values (YYYY-MM-DD); may be empty
  std::vector<kb::PanelEntry> persons;  // most articles first; articles = in the period
  std::string error;                    // a message about the form (a bad date); may be empty
};
std::string RenderTopPage(const TopPage& page);

// A snippet of a found article: plain pieces, the matches marked.
struct SearchHitView {
  ArticleLink article;
  std::vector<std::pair<std::string, bool>> snippet;  // (text, is_match)
};

// `/search?q=`: persons and articles.
struct SearchPage {
  std::string query;
  std::vector<kb::PanelEntry> persons;
  std::vector<SearchHitView> hits;
  int64_t total = 0;  // articles found in all
  Pager pager;        // links /search?q=…&page=N
  std::string error;  // a message (query too long, search unavailable); may be empty
};
std::string RenderSearchPage(const SearchPage& page);

// `/analyze`: the form, and the analysis of what was sent.
struct AnalyzePage {
  std::string title, text;  // the form's values
  bool analyzed = false;    // a result to show
  std::vector<Highlight> highlights;
  std::vector<kb::PanelEntry> panel;
  std::string error;  // may be empty
};
std::string RenderAnalyzePage(const AnalyzePage& page);

// `/embed/articles/ID/panel`: the panel alone, a small document for an
// iframe; its styles read the CSS variables --kto-font, --kto-fg, --kto-bg,
// --kto-accent, --kto-muted (set on :root: one place to restyle it); links
// open in a new tab.
std::string RenderEmbedPanel(const std::vector<kb::PanelEntry>& panel);

// An error page: «404 — Страница не найдена» and the message.
std::string RenderErrorPage(int status, std::string_view message);

// «5 марта 2026» for «2026-03-05…»; `iso` itself when it is no date.
std::string HumanDate(std::string_view iso);

}  // namespace kto::web
