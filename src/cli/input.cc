#include "input.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <vector>

#include "kto/text/utf8.h"

namespace kto::cli {
namespace {

namespace fs = std::filesystem;

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

void Report(const std::string& origin, const Status& status) {
  std::cerr << "kto: " << origin << ": " << status.message() << "\n";
}

// One JSON line -> a document, or an error naming what is wrong.
Result<InputDoc> ParseJsonLine(std::string line, size_t line_number, const std::string& name,
                               Utf8Policy policy) {
  const std::string origin = name + ":" + std::to_string(line_number);
  if (auto bad = text::FindInvalidUtf8(line)) {
    if (policy == Utf8Policy::kStrict) {
      return Status::InvalidInput("invalid UTF-8 at byte " + std::to_string(bad->byte_offset) +
                                  " of the line: " + bad->reason +
                                  " (use --lenient to replace bad bytes with U+FFFD)");
    }
    line = text::ReplaceInvalidUtf8(line);
  }
  nlohmann::json object = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded()) return Status::InvalidInput("not valid JSON");
  if (!object.is_object()) return Status::InvalidInput("expected a JSON object");
  const auto text = object.find("text");
  if (text == object.end() || !text->is_string())
    return Status::InvalidInput("the object has no string field \"text\"");
  std::string id_json = std::to_string(line_number);
  if (const auto id = object.find("id"); id != object.end()) {
    if (!id->is_string() && !id->is_number_integer())
      return Status::InvalidInput("field \"id\" must be a string or an integer");
    id_json = id->dump();
  }
  std::string title;
  if (const auto t = object.find("title"); t != object.end() && !t->is_null()) {
    if (!t->is_string()) return Status::InvalidInput("field \"title\" must be a string");
    title = t->get<std::string>();
  }
  auto doc = Doc::FromUtf8(text->get<std::string>(), policy);
  if (!doc.ok()) return doc.status();
  return InputDoc{std::move(id_json), origin, std::move(doc).value(), std::move(title)};
}

Result<ReadSummary> ReadStream(std::istream& in, const std::string& name,
                               const InputOptions& options, const DocSink& sink) {
  ReadSummary summary;
  InputFormat format = options.format;
  std::string line, leading;  // leading: blank lines read before the format was known
  size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (format == InputFormat::kAuto) {
      if (IsBlank(line)) {
        leading += line;
        if (!in.eof()) leading += '\n';
        continue;
      }
      format = line[line.find_first_not_of(" \t\r\n\f\v")] == '{' ? InputFormat::kJsonLines
                                                                  : InputFormat::kText;
    }
    if (format == InputFormat::kText) {
      std::string text = std::move(leading);
      text += line;
      if (!in.eof()) text += '\n';
      text.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      if (in.bad()) return Status::IoError("cannot read " + name);
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
    if (IsBlank(line)) continue;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto parsed = ParseJsonLine(std::move(line), line_number, name, options.utf8);
    if (!parsed.ok()) {
      Report(name + ":" + std::to_string(line_number), parsed.status());
      ++summary.rejected;
      continue;
    }
    ++summary.accepted;
    sink(std::move(parsed).value());
  }
  if (in.bad()) return Status::IoError("cannot read " + name);
  if (format != InputFormat::kJsonLines && summary.accepted + summary.rejected == 0) {
    // Empty or blank input in text mode is one empty document.
    auto doc = Doc::FromUtf8(std::move(leading), options.utf8);
    if (doc.ok()) {
      ++summary.accepted;
      sink(InputDoc{nlohmann::json(name).dump(), name, std::move(doc).value(), ""});
    }
  }
  return summary;
}

// BSNLP raw files start with four header lines: id, language, date, URL.
bool IsBsnlpRaw(const fs::path& path) {
  return path.parent_path().filename() == "raw";
}

std::string DropLines(std::string text, int lines) {
  size_t pos = 0;
  for (int i = 0; i < lines && pos != std::string::npos; ++i) {
    pos = text.find('\n', pos);
    if (pos != std::string::npos) ++pos;
  }
  return pos == std::string::npos ? std::string() : text.substr(pos);
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
          auto stripped = Doc::FromUtf8(DropLines(std::string(doc.doc.text()), 4));
          sink(InputDoc{doc.id_json, doc.origin, std::move(stripped).value(), doc.title});
        });
    if (!summary.ok()) return summary.status();
    total.accepted += summary->accepted;
    total.rejected += summary->rejected;
  }
  return total;
}

}  // namespace kto::cli
