// kto bench STAGE --input PATH [--repeat N]: runs one pipeline stage over a
// corpus on one thread and prints one JSON line of what it measured.
//
// Stages: tokenize, morph, morph-uncached, ner, analyze (the whole
// single-article pipeline of `kto analyze`), store (storing articles into a
// fresh SQLite file per pass, WITHOUT analysis: the storage half of
// `kto ingest`) and ingest (all of `kto ingest`: storing, analysis on
// --threads, linking and writing, into a fresh file per pass). What a stage loads (dictionary,
// model) is loaded before the timed loop and reported apart; everything done per document is timed.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "kto/morph/analyzer.h"
#include "kto/ner/ner.h"
#include "kto/pipeline/ingestor.h"
#include "kto/pipeline/search_tokenizer.h"
#include "kto/render/json_writer.h"
#include "kto/store/store.h"
#include "kto/text/segment.h"

namespace kto::cli {
namespace {

namespace fs = std::filesystem;

struct BenchArgs {
  std::string stage;
  std::string input;
  std::string model, dict;
  int repeat = 1;
  std::string save_words;
  int threads = 0;  // ingest: analysis threads; 0: the number of cores
  std::string db;   // store, ingest: an empty store to fill instead of a fresh file per pass
};

double Milliseconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since)
      .count();
}

double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double CurrentRssMb() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) /
         (1024.0 * 1024.0);
}

double PeakRssMb() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

// One stage. Prepare (not timed) loads what the stage needs; BeginPass and
// Run are timed; Run returns the tokens document `i` produced.
class Stage {
 public:
  virtual ~Stage() = default;
  virtual Status Prepare(const BenchArgs&, const std::vector<std::string>&) { return Status::Ok(); }
  virtual Status BeginPass() { return Status::Ok(); }
  virtual Result<size_t> Run(size_t i, const std::string& text) = 0;
  virtual Status EndPass() { return Status::Ok(); }
  // Figures of its own (load time, memory), added to the output line.
  virtual void Report(render::JsonWriter*) const {}
};

class TokenizeStage : public Stage {
 public:
  Result<size_t> Run(size_t, const std::string& text) override {
    auto doc = Doc::FromUtf8(text);
    if (!doc.ok()) return doc.status();
    text::Segment(&doc.value());
    return doc->tokens.size();
  }
};

// The morphology of every word token, through the per-thread cache as the
// pipeline does (`morph`) or afresh (`morph-uncached`). Word tokens are found
// before the timed loop, so analysis alone is measured.
class MorphStage : public Stage {
 public:
  explicit MorphStage(bool cached) : cached_(cached) {}

  Status Prepare(const BenchArgs& args, const std::vector<std::string>& texts) override {
    for (const std::string& text : texts) {
      auto doc = Doc::FromUtf8(text);
      if (!doc.ok()) return doc.status();
      text::Tokenize(&doc.value());
      auto& words = words_.emplace_back();
      for (const Token& token : doc->tokens)
        if (token.kind == TokenKind::kWord) words.emplace_back(doc->TextOf(token));
    }
    if (!args.save_words.empty()) {
      std::ofstream out(args.save_words, std::ios::binary);
      for (const auto& words : words_)
        for (const std::string& word : words) out << word << '\n';
      if (!out.flush()) return Status::IoError("cannot write " + args.save_words);
    }
    rss_before_mb_ = CurrentRssMb();
    const auto start = std::chrono::steady_clock::now();
    const pipeline::ModelPaths paths = ToModelPaths(args.dict, "");
    const std::string path = pipeline::DictionaryPath(paths);
    auto analyzer = pipeline::OpenDictionary(paths);
    if (!analyzer.ok()) return analyzer.status();
    analyzer_ = std::move(analyzer).value();
    load_ms_ = Milliseconds(start);
    rss_loaded_mb_ = CurrentRssMb();
    std::error_code ec;
    file_mb_ = static_cast<double>(fs::file_size(path, ec)) / 1e6;
    cache_ = std::make_unique<morph::AnalyzerCache>(analyzer_);
    return Status::Ok();
  }

  Result<size_t> Run(size_t i, const std::string&) override {
    for (const std::string& word : words_[i]) {
      if (cached_) {
        cache_->Analyze(word);
      } else {
        analyzer_->Analyze(word, &parses_);
      }
    }
    return words_[i].size();
  }

  // The dictionary's resident memory: what mapping it and analyzing the
  // corpus added (pages of the file touched, tables, the word cache).
  void Report(render::JsonWriter* json) const override {
    json->Key("dict_load_ms").Double(load_ms_).Key("dict_file_mb").Double(file_mb_);
    json->Key("rss_dict_loaded_mb").Double(rss_loaded_mb_ - rss_before_mb_);
    json->Key("rss_dict_after_run_mb").Double(CurrentRssMb() - rss_before_mb_);
  }

 private:
  bool cached_;
  std::vector<std::vector<std::string>> words_;
  std::shared_ptr<const morph::Analyzer> analyzer_;
  std::unique_ptr<morph::AnalyzerCache> cache_;
  morph::ParseList parses_;
  double load_ms_ = 0, file_mb_ = 0, rss_before_mb_ = 0, rss_loaded_mb_ = 0;
};

// End to end: validation, tokens, sentences, features, decoding.
class NerStage : public Stage {
 public:
  Status Prepare(const BenchArgs& args, const std::vector<std::string>&) override {
    const auto start = std::chrono::steady_clock::now();
    auto model = LoadNerModel(args.model, args.dict);
    if (!model.ok()) return model.status();
    model_ = std::move(model).value();
    load_ms_ = Milliseconds(start);
    return Status::Ok();
  }
  Result<size_t> Run(size_t, const std::string& text) override {
    auto doc = Doc::FromUtf8(text);
    if (!doc.ok()) return doc.status();
    text::Segment(&doc.value());
    ner::Tag(*model_, *doc, &state_, &found_);
    return doc->tokens.size();
  }
  void Report(render::JsonWriter* json) const override {
    json->Key("model_load_ms").Double(load_ms_);
  }

 private:
  std::unique_ptr<ner::Model> model_;
  ner::State state_;
  ner::Annotations found_;
  double load_ms_ = 0;
};

// The whole single-article pipeline of `kto analyze`, output aside.
class AnalyzeStage : public Stage {
 public:
  Status Prepare(const BenchArgs& args, const std::vector<std::string>&) override {
    const auto start = std::chrono::steady_clock::now();
    auto analyzer = pipeline::OpenArticleAnalyzer(ToModelPaths(args.dict, args.model));
    if (!analyzer.ok()) return analyzer.status();
    analyzer_ = std::move(analyzer).value();
    state_ = std::make_unique<facts::ArticleAnalyzer::State>(*analyzer_);
    load_ms_ = Milliseconds(start);
    return Status::Ok();
  }
  Result<size_t> Run(size_t, const std::string& text) override {
    auto doc = Doc::FromUtf8(text);
    if (!doc.ok()) return doc.status();
    const facts::ArticleAnalysis analysis = analyzer_->Analyze(&doc.value(), state_.get());
    persons_ += analysis.persons.size();
    return doc->tokens.size();
  }
  void Report(render::JsonWriter* json) const override {
    json->Key("load_ms").Double(load_ms_).Key("persons").Int(static_cast<int64_t>(persons_));
  }

 private:
  std::unique_ptr<facts::ArticleAnalyzer> analyzer_;
  std::unique_ptr<facts::ArticleAnalyzer::State> state_;
  double load_ms_ = 0;
  size_t persons_ = 0;
};

// Every document stored as a new article into a fresh SQLite file per pass
// (batches of 500 per transaction), without analysis; with an analyzer
// (the ingest stage), also analyzed, linked and written: `kto ingest` through
// pipeline::Ingestor. Opening the file and creating the schema are timed too:
// they are part of every pass. With --db, the store given (it must be
// empty; PostgreSQL: written as a shared store, as `kto ingest` does), one
// pass. Reports the seconds spent storing, linking and writing apart from
// the analysis (IngestCounts::store_seconds).
class StoreStage : public Stage {
 public:
  explicit StoreStage(bool analyze) : analyze_(analyze) {}
  ~StoreStage() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  Status Prepare(const BenchArgs& args, const std::vector<std::string>&) override {
    db_ = args.db;
    if (!db_.empty() && args.repeat != 1)
      return Status::InvalidArgument("--db takes one pass (--repeat 1): it must start empty");
    if (!analyze_) return Status::Ok();
    model_paths_ = ToModelPaths(args.dict, args.model);
    auto opened = pipeline::ParallelAnalyzer::Open(model_paths_,
                                                   static_cast<size_t>(std::max(0, args.threads)));
    if (!opened.ok()) return opened.status();
    analyzer_ = std::move(opened).value();
    return Status::Ok();
  }
  Status BeginPass() override {
    std::string spec = db_;
    if (spec.empty()) {
      fs::remove_all(dir_);
      fs::create_directories(dir_);
      spec = (dir_ / "bench.db").string();
    }
    // With analysis, the store keeps the search index as `kto ingest`'s does.
    auto store = analyze_ ? pipeline::OpenStore(spec, model_paths_) : store::Open(spec);
    if (!store.ok()) return store.status();
    store_ = std::move(store).value();
    if (auto articles = store_->CountArticles(); !articles.ok() || *articles != 0)
      return articles.ok() ? Status::InvalidArgument("the store of --db must be empty")
                           : articles.status();
    pipeline::IngestOptions options;
    options.shared_store = store::IsServerSpec(spec);
    auto ingestor = pipeline::Ingestor::Open(store_.get(), analyzer_.get(), options);
    if (!ingestor.ok()) return ingestor.status();
    ingestor_ = std::move(ingestor).value();
    return Status::Ok();
  }
  Result<size_t> Run(size_t i, const std::string& text) override {
    store::ArticleInput article;
    article.external_id = std::to_string(i);
    article.text = text;
    if (Status s = ingestor_->Add(std::move(article)); !s.ok()) return s;
    return size_t{0};
  }
  Status EndPass() override {
    Status s = ingestor_->Flush();
    store_seconds_ += ingestor_->counts().store_seconds;
    ingestor_.reset();
    store_.reset();
    return s;
  }
  void Report(render::JsonWriter* json) const override {
    json->Key("store_seconds").Double(store_seconds_);
  }

 private:
  bool analyze_;
  double store_seconds_ = 0;
  fs::path dir_ =
      fs::temp_directory_path() /
      ((analyze_ ? "kto_bench_ingest_" : "kto_bench_store_") + std::to_string(getpid()));
  std::unique_ptr<pipeline::ParallelAnalyzer> analyzer_;
  pipeline::ModelPaths model_paths_;
  std::string db_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<pipeline::Ingestor> ingestor_;
};

std::unique_ptr<Stage> MakeStage(const std::string& name) {
  if (name == "ingest") return std::make_unique<StoreStage>(true);
  if (name == "tokenize") return std::make_unique<TokenizeStage>();
  if (name == "morph") return std::make_unique<MorphStage>(true);
  if (name == "morph-uncached") return std::make_unique<MorphStage>(false);
  if (name == "ner") return std::make_unique<NerStage>();
  if (name == "analyze") return std::make_unique<AnalyzeStage>();
  if (name == "store") return std::make_unique<StoreStage>(false);
  return nullptr;
}

// Runs the stage over every text `repeat` times; returns wall seconds and
// adds the tokens produced to *tokens.
Result<double> TimeStage(Stage& stage, const std::vector<std::string>& texts, int repeat,
                         size_t* tokens) {
  const auto start = std::chrono::steady_clock::now();
  for (int pass = 0; pass < repeat; ++pass) {
    if (Status s = stage.BeginPass(); !s.ok()) return s;
    for (size_t i = 0; i < texts.size(); ++i) {
      auto produced = stage.Run(i, texts[i]);
      if (!produced.ok()) return produced.status();
      *tokens += *produced;
    }
    if (Status s = stage.EndPass(); !s.ok()) return s;
  }
  return Milliseconds(start) / 1000.0;
}

}  // namespace

void AddBenchCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<BenchArgs>();
  CLI::App* cmd = app.add_subcommand("bench", "Measure one pipeline stage on one thread");
  cmd->add_option("stage", args->stage,
                  "tokenize, morph, morph-uncached, ner, analyze, store (storing articles "
                  "without analysis) or ingest (storing, analysis, linking)")
      ->required()
      ->check(CLI::IsMember(
          {"tokenize", "morph", "morph-uncached", "ner", "analyze", "store", "ingest"}));
  cmd->add_option("--input", args->input, "Plain text file, JSON lines file, or corpus folder")
      ->required();
  cmd->add_option("--repeat", args->repeat, "Passes over the corpus")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  AddNerModelFlag(*cmd, &args->model);
  AddDictFlag(*cmd, &args->dict);
  cmd->add_option("--threads", args->threads,
                  "Analysis threads of the ingest stage (default: the number of cores)");
  cmd->add_option("--db", args->db,
                  "store, ingest: fill this empty store (a file or postgresql://...) instead of "
                  "a fresh file per pass");
  cmd->add_option("--save-words", args->save_words,
                  "morph stages: also write the word tokens analyzed, one per line (to time "
                  "Az.js on them)");
  cmd->callback([args, exit_code] {
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
    std::unique_ptr<Stage> stage = MakeStage(args->stage);
    if (Status s = stage->Prepare(*args, texts); !s.ok()) {
      std::cerr << "kto bench: " << s.message() << "\n";
      *exit_code = ExitCodeFor(s);
      return;
    }
    size_t tokens = 0;
    const double cpu_start = ThreadCpuSeconds();
    auto seconds = TimeStage(*stage, texts, args->repeat, &tokens);
    const double cpu_seconds = ThreadCpuSeconds() - cpu_start;
    if (!seconds.ok()) {
      std::cerr << "kto bench: " << seconds.status().message() << "\n";
      *exit_code = ExitCodeFor(seconds.status());
      return;
    }
    const double docs = static_cast<double>(texts.size()) * args->repeat;
    const double total_bytes = static_cast<double>(bytes) * args->repeat;
    std::string out;
    render::JsonWriter json(&out);
    json.BeginObject().Key("stage").String(args->stage);
    json.Key("docs").Int(static_cast<int64_t>(docs));
    json.Key("bytes").Int(static_cast<int64_t>(total_bytes));
    json.Key("tokens").Int(static_cast<int64_t>(tokens));
    json.Key("seconds").Double(*seconds);
    json.Key("docs_per_s").Double(docs / *seconds);
    json.Key("tokens_per_s").Double(static_cast<double>(tokens) / *seconds);
    json.Key("mb_per_s").Double(total_bytes / 1e6 / *seconds);
    json.Key("peak_rss_mb").Double(PeakRssMb());
    // CPU time of the measuring thread: the figure to trust on a busy machine.
    json.Key("cpu_seconds").Double(cpu_seconds);
    json.Key("tokens_per_cpu_s").Double(static_cast<double>(tokens) / cpu_seconds);
    stage->Report(&json);
    json.EndObject();
    std::cout << out << std::endl;
  });
}

}  // namespace kto::cli
