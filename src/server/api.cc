// The JSON API under /api/v1 and the service routes (/healthz, /readyz,
// /metrics). docs/api.md documents every route; openapi.json describes them.
#include <httplib.h>

#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "context.h"
#include "http.h"
#include "kto/ingest/ingest.h"
#include "kto/kb/kb.h"
#include "kto/kb/person_search.h"
#include "kto/link/article_text.h"
#include "kto/link/linker.h"
#include "kto/pipeline/ingestor.h"
#include "kto/render/analysis_json.h"
#include "kto/render/json_writer.h"
#include "kto/render/kb_json.h"
#include "kto/text/utf8.h"
#include "server_data.h"

namespace kto::server {
namespace {

using httplib::Request;
using httplib::Response;

// Most a list route gives at once.
constexpr int64_t kMaxLimit = 100;

// Runs `body` on a reader connection in one read transaction (a snapshot);
// failures become their HTTP status.
void Read(Context& context, Response& res, const std::function<Status(store::Store&)>& body) {
  auto store = context.readers->Borrow();
  if (!store.ok()) return SendStatus(res, store.status());
  store::Store& s = **store;
  const Status status = s.ReadTransaction([&] { return body(s); });
  if (!status.ok()) SendStatus(res, status);
}

std::string JsonString(std::string_view value) {
  std::string out;
  render::JsonWriter(&out).String(value);
  return out;
}

// The stored article's analysis object with KB fields (`kto panel --json`).
Status WriteStoredAnalysis(store::Store& store, const store::Article& article,
                           render::JsonWriter* json) {
  auto stored = render::ReadStoredAnalysis(store, article.id);
  if (!stored.ok()) return stored.status();
  render::WriteStoredAnalysisJson(article, *stored, json);
  return Status();
}

Result<store::Article> FindArticle(store::Store& store, const std::string& id) {
  auto article = store.FindArticleByExternalId(id);
  if (!article.ok()) return article.status();
  if (!*article) return Status::NotFound("no article with id " + JsonString(id));
  return std::move(**article);
}

// ---- POST /api/v1/analyze ---------------------------------------------------

// The article of an analyze request: JSON {"title"?, "text"} or plain text.
// Sends the error and returns false when the body is not one.
bool ReadAnalyzeBody(const Request& req, Response& res, size_t max_article_bytes,
                     pipeline::ArticleText* article) {
  const std::string type = MediaType(req);
  if (type == "text/plain") {
    article->text = req.body;
  } else if (type == "application/json") {
    const nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_discarded()) {
      SendError(res, 400, "malformed_json", "the body is not valid JSON");
      return false;
    }
    if (!body.is_object() || !body.contains("text") || !body["text"].is_string() ||
        (body.contains("title") && !body["title"].is_string() && !body["title"].is_null())) {
      SendError(res, 422, "not_an_article",
                "expected an object with a string \"text\" and an optional string \"title\"");
      return false;
    }
    article->text = body["text"].get<std::string>();
    if (body.contains("title") && body["title"].is_string())
      article->title = body["title"].get<std::string>();
  } else {
    SendError(res, 415, "unsupported_media_type",
              "send application/json ({\"title\", \"text\"}) or text/plain");
    return false;
  }
  if (Status s =
          ingest::CheckArticleSize(article->title.size() + article->text.size(), max_article_bytes);
      !s.ok()) {
    SendError(res, 413, "too_large", s.message());
    return false;
  }
  for (const std::string* field : {&article->title, &article->text}) {
    if (auto bad = text::FindInvalidUtf8(*field)) {
      SendError(res, 400, "invalid_utf8",
                "invalid UTF-8 at byte " + std::to_string(bad->byte_offset) + ": " + bad->reason);
      return false;
    }
  }
  return true;
}

void Analyze(Context& context, const Request& req, Response& res) {
  pipeline::ArticleText article;
  if (!ReadAnalyzeBody(req, res, context.options.max_article_bytes, &article)) return;
  auto doc = Doc::FromUtf8(link::AnalyzedText(article.title, article.text));
  if (!doc.ok()) return SendError(res, 413, "too_large", doc.status().message());
  auto state = context.states->Borrow();
  if (!state.ok()) return SendStatus(res, state.status());
  const facts::ArticleAnalysis analysis = context.analyzer->Analyze(&*doc, &**state);
  const size_t title_code_points = text::CountCodePoints(article.title);
  Read(context, res, [&](store::Store& store) -> Status {
    auto linker = link::Linker::Create(&store);
    if (!linker.ok()) return linker.status();
    auto entries = pipeline::PreviewKbEntries(store, **linker, analysis);
    if (!entries.ok()) return entries.status();
    std::string out;
    render::JsonWriter json(&out);
    render::WriteAnalysisJson("null", *doc, title_code_points, analysis, &*entries, &json);
    SendJson(res, 200, std::move(out));
    return Status();
  });
}

// ---- POST /api/v1/articles --------------------------------------------------

const char* OutcomeName(pipeline::Outcome outcome) {
  switch (outcome) {
    case pipeline::Outcome::kNew:
      return "new";
    case pipeline::Outcome::kUnchanged:
      return "unchanged";
    case pipeline::Outcome::kUpdated:
      return "updated";
    case pipeline::Outcome::kRejected:
      break;
  }
  return "rejected";
}

// One posted article, or why it is refused (`malformed`: not JSON at all).
struct Posted {
  std::string id;  // as given, for the answer
  std::optional<store::ArticleInput> article;
  std::string error;
  bool malformed = false;
};

Posted ParsePosted(std::string_view line, size_t max_article_bytes) {
  Posted posted;
  const nlohmann::json object = nlohmann::json::parse(line, nullptr, false);
  if (object.is_discarded()) {
    posted.malformed = true;
    posted.error = "not valid JSON";
    return posted;
  }
  if (object.is_object() && object.contains("id") && object["id"].is_string())
    posted.id = object["id"].get<std::string>();
  auto article = ingest::ArticleFromJson(object);
  if (!article.ok()) {
    posted.error = article.status().message();
  } else if (Status s = ingest::CheckArticleSize(article->title.size() + article->text.size(),
                                                 max_article_bytes);
             !s.ok()) {
    posted.error = s.message();
  } else if (article->external_id.empty() || article->numeric_id) {
    posted.error = "field \"id\" must be a non-empty string";
  } else {
    posted.article = pipeline::ToStoreInput(std::move(article).value());
  }
  return posted;
}

// The articles of a POST body: one JSON object, or JSON lines. Sends the
// error and returns false when the body as a whole is refused.
bool ReadPostedArticles(const Request& req, Response& res, size_t max_article_bytes,
                        std::vector<Posted>* posted, bool* lines) {
  const std::string type = MediaType(req);
  *lines = type == "application/x-ndjson" || type == "application/jsonl";
  if (!*lines && type != "application/json") {
    SendError(res, 415, "unsupported_media_type",
              "send application/json (one article) or application/x-ndjson (one per line)");
    return false;
  }
  if (auto bad = text::FindInvalidUtf8(req.body)) {
    SendError(res, 400, "invalid_utf8",
              "invalid UTF-8 at byte " + std::to_string(bad->byte_offset) + ": " + bad->reason);
    return false;
  }
  if (!*lines) {
    posted->push_back(ParsePosted(req.body, max_article_bytes));
    const Posted& one = posted->back();
    if (one.malformed) {
      SendError(res, 400, "malformed_json", "the body is not valid JSON");
      return false;
    }
    if (!one.article) {
      SendError(res, 422, "not_an_article", one.error);
      return false;
    }
    return true;
  }
  std::string_view body = req.body;
  while (!body.empty()) {
    const size_t end = body.find('\n');
    std::string_view line = body.substr(0, end);
    body = end == std::string_view::npos ? std::string_view() : body.substr(end + 1);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    posted->push_back(ParsePosted(line, max_article_bytes));
  }
  if (posted->empty()) {
    SendError(res, 400, "empty_body", "the body holds no article");
    return false;
  }
  return true;
}

void WriteRejected(const Posted& posted, render::JsonWriter* json) {
  json->BeginObject().Key("id").String(posted.id).Key("status").String("rejected");
  json->Key("error")
      .BeginObject()
      .Key("code")
      .String(posted.malformed ? "malformed_json" : "not_an_article")
      .Key("message")
      .String(posted.error)
      .EndObject()
      .EndObject();
}

void PostArticles(Context& context, const Request& req, Response& res) {
  if (!context.options.api_key.empty()) {
    const std::string auth = req.get_header_value("Authorization");
    const std::string_view prefix = "Bearer ";
    if (auth.rfind(prefix, 0) != 0 ||
        !ConstantTimeEquals(std::string_view(auth).substr(prefix.size()),
                            context.options.api_key)) {
      res.set_header("WWW-Authenticate", "Bearer");
      return SendError(res, 401, "unauthorized",
                       "writing needs the header «Authorization: Bearer KEY»");
    }
  }
  std::vector<Posted> posted;
  bool lines = false;
  if (!ReadPostedArticles(req, res, context.options.max_article_bytes, &posted, &lines)) return;

  std::vector<store::ArticleInput> accepted;
  for (Posted& p : posted)
    if (p.article) accepted.push_back(*p.article);
  auto written = [&] {
    OutsideGate waiting_for_the_writer(*context.admission);  // so POSTs are written in groups
    return context.writer->Write(std::move(accepted));
  }();
  if (!written.ok()) return SendStatus(res, written.status());

  bool changed = false, stored = false;
  for (const pipeline::ArticleResult& r : *written) {
    changed |= r.outcome == pipeline::Outcome::kNew || r.outcome == pipeline::Outcome::kUpdated;
    stored |= r.outcome != pipeline::Outcome::kRejected;
    context.metrics.CountIngested(OutcomeName(r.outcome), 1);
  }
  context.metrics.CountIngested("rejected", static_cast<int64_t>(posted.size() - written->size()));
  if (!stored && !lines) {
    return SendError(res, 422, "not_an_article", written->front().rejection.message());
  }

  Read(context, res, [&](store::Store& store) -> Status {
    std::string out;
    size_t next = 0;  // the next of `written`, in the order of the accepted articles
    for (const Posted& p : posted) {
      render::JsonWriter json(&out);
      if (!p.article) {
        WriteRejected(p, &json);
      } else {
        const pipeline::ArticleResult& r = (*written)[next++];
        if (r.outcome == pipeline::Outcome::kRejected) {
          Posted refused = p;
          refused.error = r.rejection.message();
          WriteRejected(refused, &json);
        } else {
          auto article = store.GetArticle(r.article_id);
          if (!article.ok()) return article.status();
          if (!*article) return Status::Internal("a stored article vanished");
          json.BeginObject().Key("id").String(p.id).Key("status").String(OutcomeName(r.outcome));
          json.Key("analysis");
          if (Status s = WriteStoredAnalysis(store, **article, &json); !s.ok()) return s;
          json.EndObject();
        }
      }
      out += '\n';
    }
    res.status = changed ? 201 : 200;
    res.set_content(std::move(out), lines ? "application/x-ndjson; charset=utf-8"
                                          : "application/json; charset=utf-8");
    return Status();
  });
}

// ---- GET /api/v1/articles/{id}[/panel] ----------------------------------------

void WriteArticleFields(const store::Article& a, render::JsonWriter* json) {
  json->Key("id").String(a.external_id).Key("article_id").Int(a.id);
  json->Key("title").String(a.title).Key("text").String(a.text);
  json->Key("url").String(a.url).Key("source").String(a.source);
  json->Key("published_at").String(a.published_at).Key("ingested_at").String(a.ingested_at);
  json->Key("updated_at").String(a.updated_at);
}

void GetArticle(Context& context, const Request& req, Response& res) {
  std::string_view raw = RawPathRest(req, "/api/v1/articles/");
  constexpr std::string_view kPanel = "/panel";
  const bool panel = raw.size() > kPanel.size() && raw.substr(raw.size() - kPanel.size()) == kPanel;
  if (panel) raw.remove_suffix(kPanel.size());
  const std::string id = PercentDecode(raw);
  Read(context, res, [&](store::Store& store) -> Status {
    auto article = FindArticle(store, id);
    if (!article.ok()) return article.status();
    std::string out;
    render::JsonWriter json(&out);
    if (panel) {
      if (Status s = WriteStoredAnalysis(store, *article, &json); !s.ok()) return s;
    } else {
      json.BeginObject();
      WriteArticleFields(*article, &json);
      json.Key("analysis");
      if (Status s = WriteStoredAnalysis(store, *article, &json); !s.ok()) return s;
      json.EndObject();
    }
    SendJson(res, 200, std::move(out));
    return Status();
  });
}

// ---- persons ------------------------------------------------------------------

void WriteArticleSummary(const store::ArticleSummary& a, render::JsonWriter* json) {
  json->BeginObject().Key("id").String(a.external_id).Key("article_id").Int(a.id);
  json->Key("title").String(a.title).Key("date").String(a.date);
  json->Key("source").String(a.source).Key("url").String(a.url).EndObject();
}

void GetPerson(Context& context, const Request& req, Response& res) {
  const std::string id = PathRest(req, "/api/v1/persons/");
  int64_t kb_id = 0;
  if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos ||
      (kb_id = std::stoll(id)) <= 0)
    return SendError(res, 404, "not_found", "no person with kb id " + JsonString(id));
  const auto quotes_limit = IntParam(req, res, "quotes_limit", 10, 0, kMaxLimit);
  if (!quotes_limit) return;
  const auto quotes_offset = IntParam(req, res, "quotes_offset", 0, 0, 1'000'000);
  if (!quotes_offset) return;
  const auto articles_limit = IntParam(req, res, "articles_limit", 20, 0, kMaxLimit);
  if (!articles_limit) return;
  const auto articles_offset = IntParam(req, res, "articles_offset", 0, 0, 1'000'000);
  if (!articles_offset) return;
  Read(context, res, [&](store::Store& store) -> Status {
    auto record = kb::GetPersonRecord(store, kb_id, /*co_mentioned=*/10, /*quotes=*/0,
                                      /*evidence=*/10);
    if (!record.ok()) return record.status();
    auto quotes = store.PersonQuotes(kb_id, *quotes_limit, *quotes_offset);
    if (!quotes.ok()) return quotes.status();
    record->quotes = std::move(quotes).value();
    auto articles = store.PersonArticles(kb_id, *articles_limit, *articles_offset);
    if (!articles.ok()) return articles.status();
    std::string out;
    render::JsonWriter json(&out);
    json.BeginObject();
    render::WritePersonRecordFields(*record, {}, &json);
    json.Key("quotes_offset").Int(*quotes_offset).Key("articles_offset").Int(*articles_offset);
    json.Key("article_list").BeginArray();
    for (const store::ArticleSummary& a : *articles) WriteArticleSummary(a, &json);
    json.EndArray().EndObject();
    SendJson(res, 200, std::move(out));
    return Status();
  });
}

void SearchPersons(Context& context, const Request& req, Response& res) {
  const std::string query = req.get_param_value("q");
  if (query.empty()) return SendError(res, 400, "bad_parameter", "parameter q is required");
  if (query.size() > 1000)
    return SendError(res, 400, "bad_parameter", "parameter q is longer than 1000 bytes");
  if (text::FindInvalidUtf8(query))
    return SendError(res, 400, "invalid_utf8", "parameter q is not valid UTF-8");
  const auto limit = IntParam(req, res, "limit", 10, 1, kMaxLimit);
  if (!limit) return;
  Read(context, res, [&](store::Store& store) -> Status {
    auto found = kb::SearchPersons(store, *context.morph, query, *limit);
    if (!found.ok()) return found.status();
    std::string out;
    render::JsonWriter json(&out);
    json.BeginObject().Key("persons").BeginArray();
    for (const kb::PanelEntry& e : *found) {
      json.BeginObject().Key("name").String(e.name);
      render::WriteKbFields(e, &json);
      json.EndObject();
    }
    json.EndArray().EndObject();
    SendJson(res, 200, std::move(out));
    return Status();
  });
}

// ---- top and search -------------------------------------------------------------

void Top(Context& context, const Request& req, Response& res) {
  const auto from = DateParam(req, res, "from", false);
  if (!from) return;
  const auto to = DateParam(req, res, "to", true);
  if (!to) return;
  const auto limit = IntParam(req, res, "limit", 20, 1, kMaxLimit);
  if (!limit) return;
  Read(context, res, [&](store::Store& store) -> Status {
    auto top = store.TopPersons(store::Period{*from, *to}, *limit);
    if (!top.ok()) return top.status();
    std::string out;
    render::JsonWriter json(&out);
    json.BeginObject().Key("persons").BeginArray();
    std::vector<int64_t> ids;
    for (const store::PersonCount& c : *top) ids.push_back(c.person_id);
    auto entries = kb::PersonEntries(store, ids);
    if (!entries.ok()) return entries.status();
    for (size_t i = 0; i < entries->size(); ++i) {
      (*entries)[i].articles = (*top)[i].articles;  // in the period
      render::WriteTopEntryJson(static_cast<int64_t>(i) + 1, (*entries)[i], &json);
    }
    json.EndArray().EndObject();
    SendJson(res, 200, std::move(out));
    return Status();
  });
}

void Search(Context& context, const Request& req, Response& res) {
  store::SearchQuery query;
  query.text = req.get_param_value("q");
  if (query.text.size() > 1000)
    return SendError(res, 400, "bad_parameter", "parameter q is longer than 1000 bytes");
  if (text::FindInvalidUtf8(query.text))
    return SendError(res, 400, "invalid_utf8", "parameter q is not valid UTF-8");
  const auto person = IntParam(req, res, "person", 0, 1, INT64_MAX);  // absent: anyone
  if (!person) return;
  query.person_id = *person;
  if (query.text.find_first_not_of(" \t") == std::string::npos && query.person_id == 0)
    return SendError(res, 400, "bad_parameter", "give q (words to find) or person (a kb id)");
  const auto from = DateParam(req, res, "from", false);
  if (!from) return;
  const auto to = DateParam(req, res, "to", true);
  if (!to) return;
  query.period = store::Period{*from, *to};
  const auto limit = IntParam(req, res, "limit", 20, 1, kMaxLimit);
  if (!limit) return;
  const auto offset = IntParam(req, res, "offset", 0, 0, 100'000);
  if (!offset) return;
  query.limit = *limit;
  query.offset = *offset;
  Read(context, res, [&](store::Store& store) -> Status {
    auto found = store.SearchArticles(query);
    if (!found.ok()) return found.status();
    std::string out;
    render::JsonWriter json(&out);
    json.BeginObject().Key("total").Int(found->total).Key("articles").BeginArray();
    for (const store::SearchHit& hit : found->hits) {
      const store::ArticleSummary& a = hit.article;
      json.BeginObject().Key("id").String(a.external_id).Key("article_id").Int(a.id);
      json.Key("title").String(a.title).Key("date").String(a.date);
      json.Key("source").String(a.source).Key("url").String(a.url);
      // The snippet as text, and its matches as code point ranges into it.
      std::string snippet;
      std::vector<std::pair<size_t, size_t>> matches;
      size_t code_points = 0;
      for (const auto& [piece, is_match] : hit.snippet.pieces) {
        const size_t n = text::CountCodePoints(piece);
        if (is_match) matches.emplace_back(code_points, code_points + n);
        snippet += piece;
        code_points += n;
      }
      json.Key("snippet").String(snippet).Key("highlights").BeginArray();
      for (const auto& [start, end] : matches)
        json.BeginObject()
            .Key("start")
            .Int(static_cast<int64_t>(start))
            .Key("end")
            .Int(static_cast<int64_t>(end))
            .EndObject();
      json.EndArray().EndObject();
    }
    json.EndArray().EndObject();
    SendJson(res, 200, std::move(out));
    return Status();
  });
}

// ---- service routes ---------------------------------------------------------------

// Unready: the reason goes to the log, not to the client (it may name the
// store's path or database host).
void SendNotReady(Response& res, const Status& why) {
  std::cerr << "kto serve: not ready: " << why.message() << "\n";
  SendError(res, 503, "not_ready", "the store cannot be read (the reason is logged)");
}

void Ready(Context& context, const Request&, Response& res) {
  auto store = context.readers->Borrow();
  if (!store.ok()) return SendNotReady(res, store.status());
  auto count = (*store)->CountArticles();
  if (!count.ok()) return SendNotReady(res, count.status());
  std::string out;
  render::JsonWriter(&out)
      .BeginObject()
      .Key("status")
      .String("ready")
      .Key("articles")
      .Int(*count)
      .EndObject();
  SendJson(res, 200, std::move(out));
}

}  // namespace

void AddApiRoutes(Routes& routes) {
  routes.Get("/healthz", "/healthz", [](Context&, const Request&, Response& res) {
    SendJson(res, 200, R"({"status":"ok"})");
  });
  routes.Get("/readyz", "/readyz", Ready);
  routes.Get("/metrics", "/metrics", [](Context& context, const Request&, Response& res) {
    res.set_content(context.metrics.Render(), "text/plain; version=0.0.4; charset=utf-8");
  });
  routes.Get("/api/v1/openapi.json", "/api/v1/openapi.json",
             [](Context&, const Request&, Response& res) {
               res.set_content(std::string(kOpenApiJson), "application/json; charset=utf-8");
             });
  routes.Post("/api/v1/analyze", "/api/v1/analyze", Analyze);
  routes.Post("/api/v1/articles", "/api/v1/articles", PostArticles);
  routes.Get("/api/v1/articles/.+/panel", "/api/v1/articles/{id}/panel", GetArticle);
  routes.Get("/api/v1/articles/.+", "/api/v1/articles/{id}", GetArticle);
  routes.Get("/api/v1/persons", "/api/v1/persons", SearchPersons);
  routes.Get("/api/v1/persons/.+", "/api/v1/persons/{kb_id}", GetPerson);
  routes.Get("/api/v1/top", "/api/v1/top", Top);
  routes.Get("/api/v1/search", "/api/v1/search", Search);
}

}  // namespace kto::server
