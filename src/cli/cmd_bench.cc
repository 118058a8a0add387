// kto bench STAGE --input PATH [--repeat N]: runs one pipeline stage over a
// corpus on one thread and prints one JSON line of what it measured.
//
// Stage "store" is not an analysis stage: it stores every document as a new
// article (store::Store::UpsertArticle, batches of 500 per transaction) into
// a fresh SQLite file per pass, WITHOUT analysis or linking; it measures the
// storage half of `kto ingest` (content hash, lookups, inserts, commits).
// Stage "ingest" is the whole of it: storing, analysis (on --threads
// threads), linking and writing each article's analysis (the article texts
// only: titles and dates are not read).
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "json_writer.h"
#include "kb_pipeline.h"
#include "kto/ner/ner.h"
#include "kto/store/store.h"
#include "kto/text/segment.h"

namespace kto::cli {
namespace {

// What stages load before the timed loop (models) and reuse (scratch).
struct StageContext {
  std::unique_ptr<ner::Model> ner_model;
  ner::State ner_state;
  ner::Annotations ner_found;
};

// A stage takes one document's text and returns the number of tokens it
// produced. Everything the stage needs per document (validation, copies)
// happens inside, so it is measured.
using Stage = std::function<size_t(const std::string& text, StageContext& context)>;

const std::map<std::string, Stage>& Stages() {
  static const auto* stages = new std::map<std::string, Stage>{
      {"tokenize",
       [](const std::string& text, StageContext&) {
         auto doc = Doc::FromUtf8(text);
         text::Segment(&doc.value());
         return doc->tokens.size();
       }},
      {"ner",  // end to end: validation, tokens, sentences, features, decoding
       [](const std::string& text, StageContext& context) {
         auto doc = Doc::FromUtf8(text);
         text::Segment(&doc.value());
         ner::Tag(*context.ner_model, *doc, &context.ner_state, &context.ner_found);
         return doc->tokens.size();
       }},
  };
  return *stages;
}

constexpr const char* kStoreStage = "store";
constexpr const char* kIngestStage = "ingest";

// Seconds spent ingesting `texts` as `kto ingest` does — storing, analysis on
// `analyzer`'s threads, linking and writing — into a fresh SQLite file, in
// batches of 500, `repeat` times (loading the model is not timed).
Result<double> TimeIngest(const std::vector<std::string>& texts, int repeat,
                          ParallelAnalyzer& analyzer) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("kto_bench_ingest_" + std::to_string(getpid()));
  double seconds = 0;
  for (int pass = 0; pass < repeat; ++pass) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    auto store = store::Open((dir / "bench.db").string());
    if (!store.ok()) return store.status();
    auto linker = std::move(link::Linker::Create(store->get()).value());
    const auto start = std::chrono::steady_clock::now();
    for (size_t begin = 0; begin < texts.size(); begin += 500) {
      Status status = (*store)->Transaction([&]() -> Status {
        std::vector<int64_t> ids;
        std::vector<ArticleText> todo;
        for (size_t i = begin; i < std::min(texts.size(), begin + 500); ++i) {
          store::ArticleInput article;
          article.external_id = std::to_string(i);
          article.text = texts[i];
          auto r = (*store)->UpsertArticle(article);
          if (!r.ok() && r.status().code() != StatusCode::kInvalidInput) return r.status();
          if (!r.ok() || r->outcome == store::UpsertOutcome::kUnchanged) continue;
          ids.push_back(r->article_id);
          todo.push_back(ArticleText{"", texts[i]});
        }
        return analyzer.AnalyzeInOrder(todo, [&](size_t k, const AnalyzedArticle& a) {
          return LinkAndWrite(**store, *linker, ids[k], "", a).status();
        });
      });
      if (!status.ok()) return status;
    }
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  return seconds;
}

// Seconds spent storing `texts` into a fresh SQLite file, `repeat` times
// (opening the file and creating the schema are not timed).
Result<double> TimeStore(const std::vector<std::string>& texts, int repeat) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("kto_bench_store_" + std::to_string(getpid()));
  double seconds = 0;
  for (int pass = 0; pass < repeat; ++pass) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    auto store = store::Open((dir / "bench.db").string());
    if (!store.ok()) return store.status();
    const auto start = std::chrono::steady_clock::now();
    for (size_t begin = 0; begin < texts.size(); begin += 500) {
      Status status = (*store)->Transaction([&] {
        for (size_t i = begin; i < std::min(texts.size(), begin + 500); ++i) {
          store::ArticleInput article;
          article.external_id = std::to_string(i);
          article.text = texts[i];
          auto r = (*store)->UpsertArticle(article);
          if (!r.ok() && r.status().code() != StatusCode::kInvalidInput) return r.status();
        }
        return Status();
      });
      if (!status.ok()) return status;
    }
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  return seconds;
}

double PeakRssMb() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

}  // namespace

void AddBenchCommand(CLI::App& app, int* exit_code) {
  struct Args {
    std::string stage;
    std::string input;
    std::string model, dict;
    int repeat = 1;
    size_t threads = 0;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("bench", "Measure one pipeline stage on one thread");
  std::vector<std::string> names;
  for (const auto& [name, stage] : Stages()) names.push_back(name);
  names.push_back(kStoreStage);
  names.push_back(kIngestStage);
  cmd->add_option("stage", args->stage,
                  "Stage to measure (store: storing articles, without analysis; ingest: storing, "
                  "analysis on --threads threads, linking)")
      ->required()
      ->check(CLI::IsMember(names));
  cmd->add_option("--input", args->input, "Plain text file, JSON lines file, or corpus folder")
      ->required();
  cmd->add_option("--repeat", args->repeat, "Passes over the corpus")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--model", args->model, "NER model for the ner stage (default as for kto ner)");
  AddDictFlag(*cmd, &args->dict);
  cmd->add_option("--threads", args->threads,
                  "Analysis threads of the ingest stage (default: the number of cores)");
  cmd->callback([args, exit_code] {
    StageContext context;
    std::unique_ptr<ParallelAnalyzer> analyzer;
    if (args->stage == kIngestStage) {
      const size_t threads =
          args->threads > 0 ? args->threads : std::max(1u, std::thread::hardware_concurrency());
      auto opened = ParallelAnalyzer::Open(args->dict, args->model, threads);
      if (!opened.ok()) {
        std::cerr << "kto bench: " << opened.status().message() << "\n";
        *exit_code = kExitBadData;
        return;
      }
      analyzer = std::move(opened).value();
    }
    if (args->stage == "ner") {
      const auto load_start = std::chrono::steady_clock::now();
      auto model = LoadNerModel(args->model, args->dict);
      if (!model.ok()) {
        std::cerr << "kto bench: " << model.status().message() << "\n";
        *exit_code = kExitBadData;
        return;
      }
      context.ner_model = std::move(model).value();
      std::cerr << "kto bench: model loaded in "
                << std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                             load_start)
                       .count()
                << " ms\n";
    }
    std::vector<std::string> texts;
    size_t bytes = 0;
    auto summary = ReadCorpus(args->input, [&](InputDoc&& input) {
      bytes += input.doc.text().size();
      texts.emplace_back(input.doc.text());
    });
    if (*exit_code = ReadOutcome("bench", summary); *exit_code != kExitOk) return;
    if (texts.empty()) {
      std::cerr << "kto bench: no documents in " << args->input << "\n";
      *exit_code = kExitBadInput;
      return;
    }
    size_t tokens = 0;
    double seconds = 0;
    if (args->stage == kStoreStage || args->stage == kIngestStage) {
      auto timed = args->stage == kStoreStage ? TimeStore(texts, args->repeat)
                                              : TimeIngest(texts, args->repeat, *analyzer);
      if (!timed.ok()) {
        std::cerr << "kto bench: " << timed.status().message() << "\n";
        *exit_code = ExitCodeFor(timed.status());
        return;
      }
      seconds = *timed;
    } else {
      const Stage& stage = Stages().at(args->stage);
      const auto start = std::chrono::steady_clock::now();
      for (int pass = 0; pass < args->repeat; ++pass)
        for (const std::string& text : texts) tokens += stage(text, context);
      seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    const double docs = static_cast<double>(texts.size()) * args->repeat;
    const double total_bytes = static_cast<double>(bytes) * args->repeat;
    std::string out;
    JsonWriter json(&out);
    json.BeginObject()
        .Key("stage")
        .String(args->stage)
        .Key("docs")
        .Int(static_cast<int64_t>(docs))
        .Key("bytes")
        .Int(static_cast<int64_t>(total_bytes))
        .Key("tokens")
        .Int(static_cast<int64_t>(tokens))
        .Key("seconds")
        .Double(seconds)
        .Key("docs_per_s")
        .Double(docs / seconds)
        .Key("tokens_per_s")
        .Double(static_cast<double>(tokens) / seconds)
        .Key("mb_per_s")
        .Double(total_bytes / 1e6 / seconds)
        .Key("peak_rss_mb")
        .Double(PeakRssMb())
        .EndObject();
    std::cout << out << std::endl;
  });
}

}  // namespace kto::cli
