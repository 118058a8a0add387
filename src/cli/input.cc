#include "input.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <vector>

#include "kto/eval/corpus.h"
#include "kto/ingest/ingest.h"

namespace kto::cli {
namespace {

namespace fs = std::filesystem;

void Report(const std::string& origin, const Status& status) {
  std::cerr << "kto: " << origin << ": " << status.message() << "\n";
}

// A JSON line as ingest::ReadJsonLines read it -> a document. Its id: the
// JSON "id" as written (a string or an integer), else the line number.
Result<InputDoc> FromJsonLine(ingest::SourceArticle&& a) {
  std::string id_json = a.external_id.empty() ? std::to_string(a.line)
                        : a.numeric_id        ? a.external_id
                                              : nlohmann::json(a.external_id).dump();
  // The reader checked the UTF-8 of the whole line; only the size may fail.
  auto doc = Doc::FromUtf8(std::move(a.text), Utf8Policy::kLenient);
  if (!doc.ok()) return doc.status();
  return InputDoc{std::move(id_json), std::move(a.origin), std::move(doc).value(),
                  std::move(a.title)};
}

Result<ReadSummary> ReadStream(std::istream& in, const std::string& name,
                               const InputOptions& options, const DocSink& sink) {
  ReadSummary summary;
  // Leading white space decides nothing; it stays part of a text document.
  std::string leading;
  size_t lines = 0;
  if (options.format != InputFormat::kJsonLines) {
    while (in && std::isspace(in.peek())) {
      const char c = static_cast<char>(in.get());
      leading.push_back(c);
      lines += c == '\n';
    }
    if (in.bad()) return Status::IoError("cannot read " + name);
  }
  const bool json = options.format == InputFormat::kJsonLines ||
                    (options.format == InputFormat::kAuto && in.peek() == '{');
  if (json) {
    auto read = ingest::ReadJsonLines(
        in, name, lines + 1, options.utf8,
        [&](ingest::SourceArticle&& a) {
          auto doc = FromJsonLine(std::move(a));
          if (!doc.ok()) return doc.status();
          sink(std::move(doc).value());
          return Status();
        },
        [&](const std::string& origin, const Status& why) { Report(origin, why); },
        options.max_article_bytes);
    if (!read.ok()) return read.status();
    return ReadSummary{read->accepted, read->rejected};
  }
  // Plain text, the whole input one document (blank input: one empty document).
  std::string text = std::move(leading);
  text.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) return Status::IoError("cannot read " + name);
  if (Status s = ingest::CheckArticleSize(text.size(), options.max_article_bytes); !s.ok()) {
    Report(name, s);
    ++summary.rejected;
    return summary;
  }
  auto doc = Doc::FromUtf8(std::move(text), options.utf8);
  if (!doc.ok()) {
    Report(name, doc.status());
    ++summary.rejected;
  } else {
    ++summary.accepted;
    sink(InputDoc{nlohmann::json(name).dump(), name, std::move(doc).value(), ""});
  }
  return summary;
}

// BSNLP raw files start with four header lines: id, language, date, URL.
bool IsBsnlpRaw(const fs::path& path) {
  return path.parent_path().filename() == "raw";
}

}  // namespace

Result<ReadSummary> ReadDocuments(const std::string& path, const InputOptions& options,
                                  const DocSink& sink) {
  if (path == "-") return ReadStream(std::cin, "stdin", options, sink);
  if (fs::is_directory(path)) return Status::InvalidArgument(path + " is a folder, not a file");
  std::ifstream file(path, std::ios::binary);
  if (!file) return Status::NotFound("cannot open " + path);
  return ReadStream(file, path, options, sink);
}

Result<ReadSummary> ReadCorpus(const std::string& path, const DocSink& sink) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return ReadDocuments(path, {}, sink);
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_directory() && it->path().filename() == "annotated") {
      it.disable_recursion_pending();
      continue;
    }
    const auto ext = it->path().extension();
    if (it->is_regular_file() && (ext == ".txt" || ext == ".jsonl")) files.push_back(it->path());
  }
  if (ec) return Status::IoError("cannot list " + path + ": " + ec.message());
  std::sort(files.begin(), files.end());
  ReadSummary total;
  for (const fs::path& file : files) {
    const bool bsnlp = IsBsnlpRaw(file);
    auto summary = ReadDocuments(
        file.string(),
        {file.extension() == ".jsonl" ? InputFormat::kJsonLines : InputFormat::kText},
        [&](InputDoc&& doc) {
          if (!bsnlp) return sink(std::move(doc));
          auto stripped = Doc::FromUtf8(eval::DropLines(doc.doc.text(), 4));
          if (!stripped.ok()) return Report(doc.origin, stripped.status());
          sink(InputDoc{doc.id_json, doc.origin, std::move(stripped).value(), doc.title});
        });
    if (!summary.ok()) return summary.status();
    total.accepted += summary->accepted;
    total.rejected += summary->rejected;
  }
  return total;
}

}  // namespace kto::cli
