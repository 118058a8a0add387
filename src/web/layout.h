// Internal: the shared page shell and the pieces several pages show.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kto/kb/kb.h"
#include "kto/web/pages.h"

namespace kto::web::internal {

// Which nav entry is the current page.
enum class Nav { kNone, kHome, kTop, kAnalyze };

// A complete document: head with the styles, the header (site name, search
// form holding `query`, nav), `main_html` in <main>, the footer. `title` is
// plain text (escaped here).
std::string Page(std::string_view title, Nav current, std::string_view main_html,
                 std::string_view query = {});

// «Президент (Республика Беларусь)»: the title capitalized as kb::PanelLine does.
std::string PositionText(std::string_view title, std::string_view org);

// The content of one panel line: the name (a link when in the KB), «Последняя
// должность: …» when known, the number of articles. `new_tab`: links open in
// a new tab (the embedded panel).
std::string PersonLine(const kb::PanelEntry& entry, bool new_tab);

// <section class="kto-panel"> with <h2>Анализ</h2> and a line per person.
std::string PanelSection(const std::vector<kb::PanelEntry>& panel, bool new_tab);

// <div class="kto-meta"> with an article's date and source, "" when neither is known.
std::string ArticleMeta(const ArticleLink& article);

// <ul> of <li class="kto-article-item">: each article's link, date and
// source; `none` (plain text) when there is no article.
std::string ArticleList(const std::vector<ArticleLink>& articles, std::string_view none);

// <time datetime="ISO">5 марта 2026</time>, or "" for an empty date.
std::string TimeHtml(std::string_view iso);

// The Russian form of a noun for n: «статья» (1, 21), «статьи» (2-4), «статей».
std::string_view PluralWord(int64_t n, std::string_view one, std::string_view few,
                            std::string_view many);
// «1 статья», «3 статьи», «5 статей»: n and the form for it.
std::string CountOf(int64_t n, std::string_view one, std::string_view few, std::string_view many);

// <nav class="kto-pager"> with «назад» / «ещё» links: `base` is a path with
// its query («/persons/7?» or «/search?q=…&»), completed with «page=N».
std::string PagerHtml(const Pager& pager, std::string_view base);

}  // namespace kto::web::internal
