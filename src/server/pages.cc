// The web pages (HTML, Russian): each handler reads the store in one read
// transaction, fills the web module's view and sends what it renders. Every
// page is served with a Content-Security-Policy that allows no script and
// no resource from elsewhere; only /embed/... may be framed (by the origins
// of ServerOptions::frame_ancestors).
#include "kto/web/pages.h"

#include <ctime>
#include <iostream>
#include <string>
#include <vector>

#include "context.h"
#include "http.h"
#include "kto/kb/kb.h"
#include "kto/kb/person_search.h"
#include "kto/link/article_text.h"
#include "kto/link/linker.h"
#include "kto/pipeline/ingestor.h"
#include "kto/text/utf8.h"
#include "kto/web/highlight.h"

namespace kto::server {
namespace {

using httplib::Request;
using httplib::Response;

constexpr size_t kArticlesPerPage = 20;
constexpr size_t kMaxQueryBytes = 1000;

// The policy of every page but the embedded panel: nothing but our inline
// styles, and no framing.
constexpr const char* kPagePolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'";

void SendHtml(Response& res, int status, std::string html) {
  res.status = status;
  res.set_header("Content-Security-Policy", kPagePolicy);
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "same-origin");
  res.set_content(std::move(html), "text/html; charset=utf-8");
}

void SendErrorPage(Response& res, int status, std::string_view message) {
  SendHtml(res, status, web::RenderErrorPage(status, message));
}

// Runs `body` on a reader connection in one read transaction; a failure
// becomes an error page (404 for kNotFound).
void ReadPage(Context& context, Response& res, const std::function<Status(store::Store&)>& body) {
  auto store = context.readers->Borrow();
  Status status =
      store.ok() ? (*store)->ReadTransaction([&] { return body(**store); }) : store.status();
  if (status.ok()) return;
  if (status.code() == StatusCode::kNotFound) return SendErrorPage(res, 404, status.message());
  std::cerr << "kto serve: " << status.message() << "\n";
  SendErrorPage(res, 500, "Внутренняя ошибка сервера");
}

// A 1-based ?page=N; nullopt (a 400 page sent) when it is not a number in range.
std::optional<size_t> PageParam(const Request& req, Response& res) {
  if (!req.has_param("page")) return 1;
  const std::string value = req.get_param_value("page");
  if (value.empty() || value.size() > 6 ||
      value.find_first_not_of("0123456789") != std::string::npos || std::stoul(value) == 0) {
    SendErrorPage(res, 400, "Номер страницы должен быть числом от 1 до 999999");
    return std::nullopt;
  }
  return std::stoul(value);
}

web::ArticleLink ToLink(const store::ArticleSummary& a) {
  return {a.external_id.empty() ? std::to_string(a.id) : a.external_id, a.title, a.date, a.source};
}

// The external id of a stored article, and its title (for links).
Result<web::ArticleLink> LinkOf(store::Store& store, int64_t article_id) {
  auto article = store.GetArticle(article_id);
  if (!article.ok()) return article.status();
  if (!*article) return web::ArticleLink{};
  const store::Article& a = **article;
  return web::ArticleLink{a.external_id.empty() ? std::to_string(a.id) : a.external_id, a.title,
                          a.published_at, a.source};
}

// ISO date of `days` days before today (UTC).
std::string DaysAgo(int days) {
  const std::time_t t = std::time(nullptr) - static_cast<std::time_t>(days) * 86400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
  return buffer;
}

Result<std::vector<kb::PanelEntry>> TopEntries(store::Store& store, const store::Period& period,
                                               size_t limit) {
  auto top = store.TopPersons(period, limit);
  if (!top.ok()) return top.status();
  std::vector<int64_t> ids;
  for (const store::PersonCount& c : *top) ids.push_back(c.person_id);
  auto entries = kb::PersonEntries(store, ids);
  if (!entries.ok()) return entries.status();
  for (size_t i = 0; i < entries->size(); ++i) (*entries)[i].articles = (*top)[i].articles;
  return entries;
}

void Home(Context& context, const Request&, Response& res) {
  ReadPage(context, res, [&](store::Store& store) -> Status {
    web::HomePage page;
    auto latest = store.LatestArticles(kArticlesPerPage, 0);
    if (!latest.ok()) return latest.status();
    for (const store::ArticleSummary& a : *latest) page.latest.push_back(ToLink(a));
    // The week's most mentioned; over all time when the week has nobody
    // (an archive, or a quiet week).
    page.top_from = DaysAgo(7);
    page.top_to = DaysAgo(0);
    auto top = TopEntries(store, {page.top_from + "T00:00:00Z", page.top_to + "T24"}, 10);
    if (top.ok() && top->empty()) {
      page.top_from.clear();
      page.top_to.clear();
      top = TopEntries(store, {}, 10);
    }
    if (!top.ok()) return top.status();
    page.top_persons = std::move(top).value();
    SendHtml(res, 200, web::RenderHomePage(page));
    return Status();
  });
}

void ArticlePage(Context& context, const Request& req, Response& res) {
  const std::string id = PathRest(req, "/articles/");
  ReadPage(context, res, [&](store::Store& store) -> Status {
    auto found = store.FindArticleByExternalId(id);
    if (!found.ok()) return found.status();
    if (!*found) return Status::NotFound("Статьи «" + id + "» нет");
    const store::Article& a = **found;
    auto analysis = store.ReadAnalysis(a.id);
    if (!analysis.ok()) return analysis.status();
    auto panel = kb::PanelOfMentions(store, analysis->mentions);
    if (!panel.ok()) return panel.status();
    web::ArticlePage page;
    page.id = id;
    page.title = a.title;
    page.text = a.text;
    page.url = a.url;
    page.source = a.source;
    page.date = a.published_at;
    page.highlights = web::HighlightsFromStored(*analysis, a.title, a.text);
    page.panel = std::move(panel).value();
    SendHtml(res, 200, web::RenderArticlePage(page));
    return Status();
  });
}

void EmbedPanel(Context& context, const Request& req, Response& res) {
  std::string_view raw = RawPathRest(req, "/embed/articles/");
  constexpr std::string_view kPanel = "/panel";
  if (raw.size() <= kPanel.size() || raw.substr(raw.size() - kPanel.size()) != kPanel)
    return SendErrorPage(res, 404, "Нет такой страницы");
  raw.remove_suffix(kPanel.size());
  const std::string id = PercentDecode(raw);
  ReadPage(context, res, [&](store::Store& store) -> Status {
    auto found = store.FindArticleByExternalId(id);
    if (!found.ok()) return found.status();
    if (!*found) return Status::NotFound("Статьи «" + id + "» нет");
    auto panel = kb::ArticlePanel(store, (*found)->id);
    if (!panel.ok()) return panel.status();
    const std::string& ancestors = context.options.frame_ancestors;
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
                   "frame-ancestors " +
                       (ancestors.empty() ? std::string("*") : ancestors));
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_content(web::RenderEmbedPanel(*panel), "text/html; charset=utf-8");
    return Status();
  });
}

// Whether code points [start, end) of `text` are `phrase`. The store keeps
// no title flag for a position's evidence: its span is in the title or in
// the text, and this tells which.
bool SpanHolds(std::string_view text, int64_t start, int64_t end, std::string_view phrase) {
  if (start < 0 || end < start) return false;
  const std::u32string cps = text::DecodeUtf8(text);
  if (end > static_cast<int64_t>(cps.size())) return false;
  return text::EncodeUtf8(std::u32string_view(cps).substr(start, end - start)) == phrase;
}

Status FillPositions(store::Store& store, const kb::PersonRecord& record, web::PersonPage* page) {
  for (const store::Position& p : record.positions) {
    web::PositionView view;
    view.title = p.title;
    view.org = p.org;
    view.former = p.former;
    view.first_seen = p.first_seen;
    view.last_seen = p.last_seen;
    view.evidence_count = p.evidence_count;
    view.imported = p.imported;
    view.imported_from = p.imported_from;
    view.imported_to = p.imported_to;
    auto evidence = store.PositionEvidenceRows(p.id, 1);
    if (!evidence.ok()) return evidence.status();
    if (!evidence->empty()) {
      const store::PositionEvidence& e = evidence->front();
      auto article = store.GetArticle(e.article_id);
      if (!article.ok()) return article.status();
      if (*article) {
        const store::Article& a = **article;
        const bool in_title = !SpanHolds(a.text, e.start, e.end, e.text) &&
                              SpanHolds(a.title, e.start, e.end, e.text);
        web::SentenceExcerpt excerpt =
            web::SentenceAround(in_title ? a.title : a.text, e.start, e.end);
        view.sentence = std::move(excerpt.sentence);
        view.phrase_start = excerpt.start;
        view.phrase_end = excerpt.end;
        view.article_id = (*article)->external_id;
        view.article_title = (*article)->title;
      }
    }
    page->positions.push_back(std::move(view));
  }
  return Status();
}

// Months from the first counted to the last, the missing ones with 0.
std::vector<web::MonthCount> FillMonths(const std::vector<store::MonthCount>& counted) {
  std::vector<web::MonthCount> months;
  if (counted.empty()) return months;
  auto parse = [](const std::string& m) {
    return std::stoi(m.substr(0, 4)) * 12 + std::stoi(m.substr(5, 2)) - 1;
  };
  size_t next = 0;
  const int first = parse(counted.front().month), last = parse(counted.back().month);
  for (int m = first; m <= last && m - first < 600; ++m) {
    char label[16];
    std::snprintf(label, sizeof label, "%04d-%02d", m / 12, m % 12 + 1);
    int64_t articles = 0;
    if (next < counted.size() && parse(counted[next].month) == m)
      articles = counted[next++].articles;
    months.push_back({label, articles});
  }
  return months;
}

void PersonPage(Context& context, const Request& req, Response& res) {
  const std::string id = PathRest(req, "/persons/");
  if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos)
    return SendErrorPage(res, 404, "Нет такой персоны");
  const int64_t kb_id = std::stoll(id);
  const auto page_number = PageParam(req, res);
  if (!page_number) return;
  ReadPage(context, res, [&](store::Store& store) -> Status {
    auto record = kb::GetPersonRecord(store, kb_id, /*co_mentioned=*/10, /*quotes=*/10,
                                      /*evidence=*/1);
    if (!record.ok()) return record.status();
    web::PersonPage page;
    const store::Person& p = record->person;
    page.kb_id = p.id;
    page.name = p.display_name;
    page.surname = p.surname;
    page.first_name = p.first_name;
    page.patronymic = p.patronymic;
    page.aliases = record->aliases;
    page.last_position = record->last_position;
    page.articles = record->articles;
    page.first_seen = record->first_seen;
    page.last_seen = record->last_seen;
    if (Status s = FillPositions(store, *record, &page); !s.ok()) return s;
    auto months = store.PersonMonthlyCounts(kb_id);
    if (!months.ok()) return months.status();
    page.months = FillMonths(*months);
    for (const auto& [other, shared] : record->co_mentioned)
      page.co_mentioned.push_back({other.id, other.display_name, shared});
    for (const store::PersonQuote& q : record->quotes) {
      auto link = LinkOf(store, q.quote.article_id);
      if (!link.ok()) return link.status();
      page.quotes.push_back({q.quote.text, q.date, link->id, link->title});
    }
    auto articles =
        store.PersonArticles(kb_id, kArticlesPerPage + 1, (*page_number - 1) * kArticlesPerPage);
    if (!articles.ok()) return articles.status();
    page.article_pager = {*page_number, articles->size() > kArticlesPerPage};
    if (articles->size() > kArticlesPerPage) articles->pop_back();
    for (const store::ArticleSummary& a : *articles) page.article_list.push_back(ToLink(a));
    SendHtml(res, 200, web::RenderPersonPage(page));
    return Status();
  });
}

// A «YYYY-MM-DD» form value, or "" with page->error set.
std::string FormDate(const Request& req, const char* name, std::string* error) {
  const std::string value = req.get_param_value(name);
  if (value.empty()) return "";
  bool ok = value.size() == 10 && value[4] == '-' && value[7] == '-';
  for (size_t i = 0; ok && i < value.size(); ++i)
    if (i != 4 && i != 7) ok = value[i] >= '0' && value[i] <= '9';
  if (!ok) {
    *error = "Дата должна быть в виде ГГГГ-ММ-ДД";
    return "";
  }
  return value;
}

void TopPage(Context& context, const Request& req, Response& res) {
  web::TopPage page;
  page.from = FormDate(req, "from", &page.error);
  page.to = FormDate(req, "to", &page.error);
  ReadPage(context, res, [&](store::Store& store) -> Status {
    const store::Period period{page.from.empty() ? "" : page.from + "T00:00:00Z",
                               page.to.empty() ? "" : page.to + "T24"};
    auto top = TopEntries(store, period, 50);
    if (!top.ok()) return top.status();
    page.persons = std::move(top).value();
    SendHtml(res, page.error.empty() ? 200 : 400, web::RenderTopPage(page));
    return Status();
  });
}

void SearchPage(Context& context, const Request& req, Response& res) {
  web::SearchPage page;
  page.query = req.get_param_value("q");
  const auto page_number = PageParam(req, res);
  if (!page_number) return;
  page.pager.page = *page_number;
  if (page.query.size() > kMaxQueryBytes || text::FindInvalidUtf8(page.query)) {
    page.error = "Запрос слишком длинный или испорчен";
    page.query.clear();
    return SendHtml(res, 400, web::RenderSearchPage(page));
  }
  if (page.query.find_first_not_of(" \t") == std::string::npos)
    return SendHtml(res, 200, web::RenderSearchPage(page));
  ReadPage(context, res, [&](store::Store& store) -> Status {
    auto persons = kb::SearchPersons(store, *context.morph, page.query, 5);
    if (!persons.ok()) return persons.status();
    page.persons = std::move(persons).value();
    store::SearchQuery query;
    query.text = page.query;
    query.limit = kArticlesPerPage;
    query.offset = (*page_number - 1) * kArticlesPerPage;
    auto found = store.SearchArticles(query);
    if (!found.ok()) return found.status();
    page.total = found->total;
    page.pager.has_more = static_cast<int64_t>(query.offset + found->hits.size()) < found->total;
    for (store::SearchHit& hit : found->hits)
      page.hits.push_back({ToLink(hit.article), std::move(hit.snippet.pieces)});
    SendHtml(res, 200, web::RenderSearchPage(page));
    return Status();
  });
}

// The analyze form's field: multipart (the page's form) or urlencoded.
std::string FormField(const Request& req, const char* name) {
  if (req.has_file(name)) return req.get_file_value(name).content;
  return req.get_param_value(name);
}

void AnalyzePage(Context& context, const Request& req, Response& res) {
  web::AnalyzePage page;
  if (req.method != "POST") return SendHtml(res, 200, web::RenderAnalyzePage(page));
  page.title = FormField(req, "title");
  page.text = FormField(req, "text");
  if (text::FindInvalidUtf8(page.title) || text::FindInvalidUtf8(page.text)) {
    page.title.clear();
    page.text.clear();
    page.error = "Текст не в кодировке UTF-8";
    return SendHtml(res, 400, web::RenderAnalyzePage(page));
  }
  if (page.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    page.error = "Вставьте текст статьи";
    return SendHtml(res, 200, web::RenderAnalyzePage(page));
  }
  auto doc = Doc::FromUtf8(link::AnalyzedText(page.title, page.text));
  if (!doc.ok()) {
    page.error = "Текст слишком длинный";
    return SendHtml(res, 413, web::RenderAnalyzePage(page));
  }
  auto state = context.states->Borrow();
  if (!state.ok()) return SendErrorPage(res, 500, "Внутренняя ошибка сервера");
  const facts::ArticleAnalysis analysis = context.analyzer->Analyze(&*doc, &**state);
  ReadPage(context, res, [&](store::Store& store) -> Status {
    auto linker = link::Linker::Create(&store);
    if (!linker.ok()) return linker.status();
    auto entries = pipeline::PreviewKbEntries(store, **linker, analysis);
    if (!entries.ok()) return entries.status();
    std::vector<int64_t> ids;
    for (const kb::PanelEntry& e : *entries) ids.push_back(e.person_id);
    page.analyzed = true;
    page.highlights =
        web::HighlightsFromLive(*doc, text::CountCodePoints(page.title), analysis, ids);
    // The panel: persons (not families or groups), as the stored panel shows them.
    for (size_t i = 0; i < entries->size(); ++i)
      if (!analysis.persons[i].name.family && !analysis.persons[i].name.group)
        page.panel.push_back((*entries)[i]);
    SendHtml(res, 200, web::RenderAnalyzePage(page));
    return Status();
  });
}

}  // namespace

void AddPageRoutes(Routes& routes) {
  routes.Get("/", "/", Home);
  routes.Get("/articles/.+", "/articles/{id}", ArticlePage);
  routes.Get("/embed/articles/.+", "/embed/articles/{id}/panel", EmbedPanel);
  routes.Get("/persons/.+", "/persons/{kb_id}", PersonPage);
  routes.Get("/top", "/top", TopPage);
  routes.Get("/search", "/search", SearchPage);
  routes.Get("/analyze", "/analyze", AnalyzePage);
  routes.Post("/analyze", "/analyze", AnalyzePage);
}

bool IsPagePath(std::string_view path) {
  return path.substr(0, 5) != "/api/" && path != "/healthz" && path != "/readyz" &&
         path != "/metrics";
}

void SendPageError(httplib::Response& res, int status, std::string_view message) {
  SendErrorPage(res, status, message);
}

}  // namespace kto::server
