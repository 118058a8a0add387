// Reading the documents a command works on: plain text files, JSON lines
// ({"id": ..., "text": ...}) from a file or standard input, and corpus
// folders (brat .txt files, BSNLP raw files) for benchmarks and evaluation.
#pragma once

#include <functional>
#include <string>

#include "kto/ingest/ingest.h"
#include "kto/status.h"
#include "kto/text/doc.h"

namespace kto::cli {

enum class InputFormat {
  kAuto,       // JSON lines when the first non-blank line starts with «{», else plain text
  kText,       // the whole input is one document
  kJsonLines,  // one JSON object per line
};

struct InputOptions {
  InputFormat format = InputFormat::kAuto;
  Utf8Policy utf8 = Utf8Policy::kStrict;
  size_t max_article_bytes = ingest::kDefaultMaxArticleBytes;  // larger ones are rejected
};

struct InputDoc {
  std::string id_json;  // the document id as JSON, echoed in the output
  std::string origin;   // «file.jsonl:3», for messages
  Doc doc;              // valid UTF-8, not yet tokenized
  std::string title;    // JSON lines' optional "title" (valid UTF-8); empty otherwise
};

struct ReadSummary {
  size_t accepted = 0;
  size_t rejected = 0;  // each reported on stderr with its origin
};

using DocSink = std::function<void(InputDoc&&)>;

// Reads `path` ("-" for standard input) and hands every good document to
// `sink` as soon as it is read; a bad line or document is reported on stderr
// and skipped, so nothing before or after it is lost. Fails only when the
// input cannot be opened or read.
Result<ReadSummary> ReadDocuments(const std::string& path, const InputOptions& options,
                                  const DocSink& sink);

// Reads a benchmark or evaluation corpus: a file as above, or a folder
// searched recursively for *.txt (plain text; BSNLP raw files lose their four
// header lines; BSNLP «annotated» folders are skipped) and *.jsonl files, in
// sorted path order.
Result<ReadSummary> ReadCorpus(const std::string& path, const DocSink& sink);

}  // namespace kto::cli
