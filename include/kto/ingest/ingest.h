// kto/ingest/ingest.h — articles from files, standard input and URLs.
//
// Ingestion is a module of its own, beside `store` and before it in the
// pipeline, not a part of it and not a part of the CLI: it needs libxml2
// (HTML, RSS/Atom) and libcurl (http(s) feeds), which the store and the
// readers of the store (panel, person, the HTTP service) must not link, and
// the HTTP service of a later issue will ingest feeds too, so it is not
// CLI-only. It depends only on `text` and yields plain SourceArticle values;
// the caller (`kto ingest`) maps them onto store::ArticleInput.
//
// Formats (see docs/cli.md, «kto ingest»):
//   JSON lines  {"id", "title", "text", "published_at", "source", "url"} per
//               line; "text" required; a bad line is rejected with its line
//               number and the others are read
//   plain text  the whole file is one article; its id is the file path
//   HTML        one article per page (html.h); its id is the file path
//   RSS / Atom  one article per item (feed.h); from a file or an http(s) URL
// The format comes from ReadOptions::format, else from the file extension,
// else from the content (SniffFormat). Dates are normalized (date.h).
//
// Thread safety: ReadArticles may run on several threads at once (for
// different inputs; standard input is one).
#pragma once

#include <functional>
#include <istream>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "kto/ingest/fetch.h"
#include "kto/status.h"
#include "kto/text/doc.h"

namespace kto::ingest {

enum class Format { kAuto, kJsonLines, kText, kHtml, kFeed };

struct SourceArticle {
  std::string external_id, url, source, published_at, title;
  std::string text;    // valid UTF-8, not blank
  std::string origin;  // where it came from, for messages: «news.jsonl:3», «feed.xml item 2»
  size_t line = 0;     // JSON lines: the line number (from 1); 0 otherwise
  bool numeric_id = false;  // JSON lines: "id" was an integer (external_id holds it)
};

// The largest article (title and text, in bytes) read by default. Names
// are compared within an article: a text of tens of megabytes naming
// thousands of persons costs seconds and hundreds of megabytes
// (BENCHMARKS.md «Pathological input»), and no news article comes near it.
inline constexpr size_t kDefaultMaxArticleBytes = size_t{4} << 20;

// OK, or kInvalidInput saying that an article of `bytes` (title and text)
// is larger than `max_bytes`.
Status CheckArticleSize(size_t bytes, size_t max_bytes);

struct ReadOptions {
  Format format = Format::kAuto;
  Utf8Policy utf8 = Utf8Policy::kStrict;
  FetchOptions fetch;
  size_t max_article_bytes = kDefaultMaxArticleBytes;  // larger ones are rejected
};

struct ReadSummary {
  size_t accepted = 0;  // handed to the sink
  size_t rejected = 0;  // handed to the reject callback
};

// Receives each article as soon as it is read; an error stops the reading
// and ReadArticles returns it.
using ArticleSink = std::function<Status(SourceArticle&&)>;
// Receives each rejected line, item or file with the reason.
using RejectSink = std::function<void(const std::string& origin, const Status& why)>;

// The format a file name's extension names: .jsonl .ndjson -> JSON lines;
// .txt -> text; .html .htm .xhtml -> HTML; .rss .atom .xml -> feed; else kAuto.
Format FormatFromExtension(std::string_view path);

// The format of content starting with `head`: «{» -> JSON lines; markup with
// <rss, <feed or <rdf:RDF -> feed; other markup -> HTML; else text.
Format SniffFormat(std::string_view head);

// Reads `input`: a file path, "-" for standard input, or an http(s) URL
// (fetched whole first: a failed fetch hands nothing to the sink). Bad
// lines, items and whole files (a feed that is not XML, a text that is not
// UTF-8 under kStrict, a page without text) go to `reject`. Fails only when
// the input cannot be opened, read or fetched (kNotFound, kIoError,
// kInvalidArgument for a folder or a non-http URL), or when the sink fails.
// Blank input yields no article and no rejection.
Result<ReadSummary> ReadArticles(const std::string& input, const ReadOptions& options,
                                 const ArticleSink& sink, const RejectSink& reject);

// The JSON lines reader of ReadArticles, for callers that read JSON lines
// themselves (the analysis commands): reads `in` to its end, `first_line`
// being the number of its next line. Blank lines are skipped; a line that is
// not a JSON object with a string "text" (and, when present, a string or
// integer "id" and string "title", "source", "url", "published_at") goes to
// `reject` as «name:N» with the reason; the others go to `sink`. Unlike
// ReadArticles it keeps a blank "text" and "published_at" as written.
// Invalid UTF-8 follows `utf8`. Fails only when `in` cannot be read or the
// sink fails.
Result<ReadSummary> ReadJsonLines(std::istream& in, const std::string& name, size_t first_line,
                                  Utf8Policy utf8, const ArticleSink& sink,
                                  const RejectSink& reject,
                                  size_t max_article_bytes = kDefaultMaxArticleBytes);

// One article from a parsed JSON object with the fields of a JSON line,
// checked as ingestion checks one (the date normalized, the text not blank):
// the HTTP API's POST /api/v1/articles. kInvalidInput says what is wrong.
// REQUIRES: strings in `object` are valid UTF-8.
Result<SourceArticle> ArticleFromJson(const nlohmann::json& object);

}  // namespace kto::ingest
