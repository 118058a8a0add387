#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kto/ingest/date.h"
#include "kto/ingest/feed.h"
#include "kto/ingest/html.h"
#include "kto/ingest/ingest.h"
#include "kto/text/case.h"
#include "kto/text/utf8.h"
#include "libxml.h"

namespace kto::ingest {
namespace {

namespace fs = std::filesystem;

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

// Applies the UTF-8 policy to a field; an error under kStrict.
Status CheckUtf8(std::string* value, Utf8Policy policy, const char* field) {
  auto bad = text::FindInvalidUtf8(*value);
  if (!bad) return Status();
  if (policy == Utf8Policy::kLenient) {
    *value = text::ReplaceInvalidUtf8(*value);
    return Status();
  }
  return Status::InvalidInput(std::string("invalid UTF-8 in ") + field + " at byte " +
                              std::to_string(bad->byte_offset) + ": " + bad->reason +
                              " (use --lenient to replace bad bytes with U+FFFD)");
}

// The fields of a JSON article object (text and date as written), or why not.
Result<SourceArticle> ArticleFields(const nlohmann::json& object) {
  if (!object.is_object()) return Status::InvalidInput("expected a JSON object");
  SourceArticle a;
  const auto text = object.find("text");
  if (text == object.end() || !text->is_string())
    return Status::InvalidInput("the object has no string field \"text\"");
  a.text = text->get<std::string>();
  if (const auto id = object.find("id"); id != object.end() && !id->is_null()) {
    if (id->is_string()) {
      a.external_id = id->get<std::string>();
    } else if (id->is_number_integer()) {
      a.external_id = id->dump();
      a.numeric_id = true;
    } else {
      return Status::InvalidInput("field \"id\" must be a string or an integer");
    }
  }
  for (const auto& [key, field] : {std::pair<const char*, std::string*>{"title", &a.title},
                                   {"source", &a.source},
                                   {"url", &a.url},
                                   {"published_at", &a.published_at}}) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) continue;
    if (!it->is_string())
      return Status::InvalidInput(std::string("field \"") + key + "\" must be a string");
    *field = it->get<std::string>();
  }
  return a;
}

// One JSON line -> an article (text and date as written), or why not.
Result<SourceArticle> ParseJsonLine(std::string line, Utf8Policy policy) {
  if (auto bad = text::FindInvalidUtf8(line)) {
    if (policy == Utf8Policy::kStrict) {
      return Status::InvalidInput("invalid UTF-8 at byte " + std::to_string(bad->byte_offset) +
                                  " of the line: " + bad->reason +
                                  " (use --lenient to replace bad bytes with U+FFFD)");
    }
    line = text::ReplaceInvalidUtf8(line);
  }
  const nlohmann::json object = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded()) return Status::InvalidInput("not valid JSON");
  return ArticleFields(object);
}

// What ingestion adds to a JSON line: a readable date (normalized) and text.
Status CheckArticle(SourceArticle* a) {
  if (!a->published_at.empty()) {
    auto date = NormalizeDate(a->published_at);
    if (!date) {
      return Status::InvalidInput("field \"published_at\" is not a date: \"" + a->published_at +
                                  "\" (use ISO-8601, e.g. 2026-11-28T10:15:00+03:00)");
    }
    a->published_at = *date;
  }
  if (IsBlank(a->text)) return Status::InvalidInput("field \"text\" is blank");
  return Status();
}

Status ReadLines(std::istream& in, const std::string& name, size_t line_number, Utf8Policy utf8,
                 size_t max_article_bytes, const std::function<Status(SourceArticle&&)>& accept,
                 const std::function<void(const std::string&, const Status&)>& reject) {
  std::string line;
  for (; std::getline(in, line); ++line_number) {
    if (IsBlank(line)) continue;
    if (line.back() == '\r') line.pop_back();
    const std::string origin = name + ":" + std::to_string(line_number);
    auto parsed = ParseJsonLine(std::move(line), utf8);
    if (!parsed.ok()) {
      reject(origin, parsed.status());
      continue;
    }
    parsed->origin = origin;
    parsed->line = line_number;
    if (Status s = CheckArticleSize(parsed->title.size() + parsed->text.size(), max_article_bytes);
        !s.ok()) {
      reject(origin, s);
      continue;
    }
    if (Status s = accept(std::move(parsed).value()); !s.ok()) return s;
  }
  if (in.bad()) return Status::IoError("cannot read " + name);
  return Status();
}

struct Reader {
  const ReadOptions& options;
  const ArticleSink& sink;
  const RejectSink& reject;
  ReadSummary summary;

  void Reject(const std::string& origin, const Status& why) {
    ++summary.rejected;
    reject(origin, why);
  }

  Status Accept(SourceArticle&& a) {
    if (Status s = CheckArticleSize(a.title.size() + a.text.size(), options.max_article_bytes);
        !s.ok()) {
      Reject(a.origin, s);
      return Status();
    }
    ++summary.accepted;
    return sink(std::move(a));
  }

  // Streams JSON lines; `first_line` is the number of the next line of `in`.
  Status JsonLines(std::istream& in, const std::string& name, size_t first_line) {
    return ReadLines(
        in, name, first_line, options.utf8, options.max_article_bytes,
        [&](SourceArticle&& a) {
          if (Status s = CheckArticle(&a); !s.ok()) {
            Reject(a.origin, s);
            return Status();
          }
          return Accept(std::move(a));
        },
        [&](const std::string& origin, const Status& why) { Reject(origin, why); });
  }

  Status Text(std::string content, const std::string& name, const std::string& id) {
    if (Status s = CheckUtf8(&content, options.utf8, "the text"); !s.ok()) {
      Reject(name, s);
      return Status();
    }
    SourceArticle a;
    a.external_id = id;
    a.text = std::move(content);
    a.origin = name;
    return Accept(std::move(a));
  }

  Status Html(const std::string& content, const std::string& name, const std::string& id,
              const std::string& url) {
    auto page = ExtractHtml(content, options.utf8);
    if (!page.ok()) {
      Reject(name, page.status());
      return Status();
    }
    if (IsBlank(page->text)) {
      Reject(name, Status::InvalidInput("no article text found in the page"));
      return Status();
    }
    SourceArticle a;
    a.external_id = id;
    a.url = !page->url.empty() ? page->url : url;
    a.source = page->source;
    a.published_at = page->published_at;
    a.title = page->title;
    a.text = std::move(page->text);
    a.origin = name;
    return Accept(std::move(a));
  }

  Status Feed(std::string content, const std::string& name) {
    if (options.utf8 == Utf8Policy::kLenient && IsUtf8Name(DeclaredCharset(content)) &&
        text::FindInvalidUtf8(content)) {
      content = text::ReplaceInvalidUtf8(content);
    }
    auto items = ParseFeed(content);
    if (!items.ok()) {
      Reject(name, items.status());
      return Status();
    }
    size_t n = 0;
    for (FeedItem& item : *items) {
      const std::string origin = name + " item " + std::to_string(++n);
      if (IsBlank(item.text)) {
        Reject(origin, Status::InvalidInput("the item has no text"));
        continue;
      }
      SourceArticle a{std::move(item.external_id),
                      std::move(item.url),
                      std::move(item.source),
                      std::move(item.published_at),
                      std::move(item.title),
                      std::move(item.text),
                      origin};
      if (Status s = Accept(std::move(a)); !s.ok()) return s;
    }
    return Status();
  }

  // A whole input in memory, by format.
  Status Content(std::string content, Format format, const std::string& name, const std::string& id,
                 const std::string& url) {
    if (format == Format::kAuto) format = SniffFormat(content);
    switch (format) {
      case Format::kJsonLines: {
        std::istringstream in(std::move(content));
        return JsonLines(in, name, 1);
      }
      case Format::kHtml:
        return Html(content, name, id, url);
      case Format::kFeed:
        return Feed(std::move(content), name);
      case Format::kText:
      case Format::kAuto:
        return Text(std::move(content), name, id);
    }
    return Status();
  }

  // A file or standard input: JSON lines stream, other formats are read whole.
  Status Stream(std::istream& in, const std::string& name, const std::string& id, Format format) {
    // Skip leading white space, keeping it (offsets of a text file count it).
    std::string prefix;
    size_t lines = 0;
    while (in && std::isspace(in.peek())) {
      const char c = static_cast<char>(in.get());
      prefix.push_back(c);
      lines += c == '\n';
    }
    if (in.bad()) return Status::IoError("cannot read " + name);
    if (in.peek() == std::char_traits<char>::eof()) return Status();  // blank input
    if (format == Format::kJsonLines || (format == Format::kAuto && in.peek() == '{'))
      return JsonLines(in, name, lines + 1);
    std::string content = std::move(prefix);
    content.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) return Status::IoError("cannot read " + name);
    return Content(std::move(content), format, name, id, "");
  }
};

}  // namespace

Result<SourceArticle> ArticleFromJson(const nlohmann::json& object) {
  auto article = ArticleFields(object);
  if (!article.ok()) return article;
  if (Status s = CheckArticle(&*article); !s.ok()) return s;
  return article;
}

Format FormatFromExtension(std::string_view path) {
  const std::string ext = text::AsciiLower(fs::path(path).extension().string());
  if (ext == ".jsonl" || ext == ".ndjson") return Format::kJsonLines;
  if (ext == ".txt") return Format::kText;
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return Format::kHtml;
  if (ext == ".rss" || ext == ".atom" || ext == ".xml") return Format::kFeed;
  return Format::kAuto;
}

Format SniffFormat(std::string_view head) {
  size_t i = 0;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // BOM
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  if (i == head.size()) return Format::kText;
  if (head[i] == '{') return Format::kJsonLines;
  if (head[i] != '<') return Format::kText;
  const std::string lower = text::AsciiLower(head.substr(i, 2048));
  for (std::string_view feed : {"<rss", "<feed", "<rdf:rdf"})
    if (lower.find(feed) != std::string::npos) return Format::kFeed;
  return Format::kHtml;
}

Result<ReadSummary> ReadArticles(const std::string& input, const ReadOptions& options,
                                 const ArticleSink& sink, const RejectSink& reject) {
  Reader reader{options, sink, reject, {}};
  Status status;
  if (input == "-") {
    status = reader.Stream(std::cin, "stdin", "", options.format);
  } else if (IsHttpUrl(input)) {
    auto response = Fetch(input, options.fetch);
    if (!response.ok()) return response.status();
    Format format = options.format;
    if (format == Format::kAuto) {
      const std::string type = text::AsciiLower(response->content_type);
      if (type.find("rss") != std::string::npos || type.find("atom") != std::string::npos)
        format = Format::kFeed;
    }
    status = reader.Content(std::move(response->body), format, input, "",
                            response->final_url.empty() ? input : response->final_url);
  } else {
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      return Status::InvalidArgument(input + " is a folder, not a file");
    }
    std::ifstream file(input, std::ios::binary);
    if (!file) return Status::NotFound("cannot open " + input);
    const Format format =
        options.format != Format::kAuto ? options.format : FormatFromExtension(input);
    // A file's id is its path as given, normalized (./a/../b.txt -> b.txt).
    status = reader.Stream(file, input, fs::path(input).lexically_normal().string(), format);
  }
  if (!status.ok()) return status;
  return reader.summary;
}

Status CheckArticleSize(size_t bytes, size_t max_bytes) {
  if (bytes <= max_bytes) return Status();
  return Status::InvalidInput("the article has " + std::to_string(bytes) +
                              " bytes, more than the limit of " + std::to_string(max_bytes) +
                              " (--max-article-mb)");
}

Result<ReadSummary> ReadJsonLines(std::istream& in, const std::string& name, size_t first_line,
                                  Utf8Policy utf8, const ArticleSink& sink,
                                  const RejectSink& reject, size_t max_article_bytes) {
  ReadSummary summary;
  Status status = ReadLines(
      in, name, first_line, utf8, max_article_bytes,
      [&](SourceArticle&& a) {
        ++summary.accepted;
        return sink(std::move(a));
      },
      [&](const std::string& origin, const Status& why) {
        ++summary.rejected;
        reject(origin, why);
      });
  if (!status.ok()) return status;
  return summary;
}

}  // namespace kto::ingest
