// kto ingest [--db PATH] INPUT...: stores articles from JSON lines, plain
// text, HTML pages and RSS/Atom feeds (files, standard input, http(s) URLs)
// in the store, idempotently (docs/store.md), in batches of one transaction
// each. Prints a progress line on a terminal and a summary at the end.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "json_writer.h"
#include "kb_pipeline.h"
#include "kto/ingest/ingest.h"
#include "kto/store/store.h"

namespace kto::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// ---- analysis and linking -------------------------------------------------
//
// Every article that is new or whose text changed is analyzed
// (facts::ArticleAnalyzer, on --threads threads), its persons linked to the
// KB (link::Linker) and the analysis written (store::Store::WriteAnalysis),
// inside the batch's transaction, in input order. Without a model
// (--no-analysis, or no model file) articles stay marked needs_analysis and a
// later run with a model analyzes that backlog.
struct Analysis {
  std::unique_ptr<ParallelAnalyzer> analyzer;
  std::unique_ptr<link::Linker> linker;
};

struct Counts {
  size_t added = 0, unchanged = 0, updated = 0, rejected = 0, analyzed = 0;
  size_t Stored() const { return added + unchanged + updated; }
};

// The number of articles an input holds, when it is cheap to know: one per
// text or HTML file, one per non-blank line of a JSON lines file; unknown for
// feeds, URLs and standard input.
std::optional<size_t> EstimateArticles(const std::string& input, ingest::Format format) {
  if (input == "-" || ingest::IsHttpUrl(input)) return std::nullopt;
  std::ifstream file(input, std::ios::binary);
  if (!file) return 0;
  if (format == ingest::Format::kAuto) format = ingest::FormatFromExtension(input);
  if (format == ingest::Format::kAuto) {
    std::string head(4096, '\0');
    file.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(file.gcount()));
    format = ingest::SniffFormat(head);
    file.clear();
    file.seekg(0);
  }
  if (format == ingest::Format::kFeed) return std::nullopt;
  if (format != ingest::Format::kJsonLines) return 1;
  size_t lines = 0;
  std::string line;
  while (std::getline(file, line))
    if (line.find_first_not_of(" \t\r") != std::string::npos) ++lines;
  return lines;
}

// The progress line on stderr, drawn only when stderr is a terminal and at
// most five times a second.
class Progress {
 public:
  explicit Progress(std::optional<size_t> total)
      : enabled_(::isatty(STDERR_FILENO) == 1), total_(total), start_(Clock::now()) {}

  void Update(size_t done, bool force = false) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
    char line[160];
    if (total_ && *total_ > 0) {
      const size_t left = *total_ > done ? *total_ - done : 0;
      const long eta = rate > 0 ? static_cast<long>(static_cast<double>(left) / rate + 0.5) : 0;
      std::snprintf(line, sizeof line,
                    "\r\033[Kkto ingest: %zu/%zu articles (%.0f%%), %.0f/s, ETA %ld:%02ld", done,
                    *total_, 100.0 * static_cast<double>(done) / static_cast<double>(*total_), rate,
                    eta / 60, eta % 60);
    } else {
      std::snprintf(line, sizeof line, "\r\033[Kkto ingest: %zu articles, %.0f/s", done, rate);
    }
    std::fputs(line, stderr);
    drawn_ = true;
  }

  // Clears the line before other messages and at the end.
  void Clear() {
    if (!drawn_) return;
    std::fputs("\r\033[K", stderr);
    drawn_ = false;
  }

 private:
  bool enabled_;
  std::optional<size_t> total_;
  Clock::time_point start_;
  Clock::time_point last_{};
  bool drawn_ = false;
};

store::ArticleInput ToStoreInput(ingest::SourceArticle&& a) {
  store::ArticleInput in;
  in.external_id = std::move(a.external_id);
  in.url = std::move(a.url);
  in.source = std::move(a.source);
  in.published_at = std::move(a.published_at);
  in.title = std::move(a.title);
  in.text = std::move(a.text);
  return in;
}

class Ingester {
 public:
  Ingester(store::Store& store, size_t batch_size, Progress& progress, Analysis* analysis)
      : store_(store), batch_size_(batch_size), progress_(progress), analysis_(analysis) {}

  const Counts& counts() const { return counts_; }
  // True once a batch could not be written (the store's error was returned).
  bool store_failed() const { return store_failed_; }

  void Reject(const std::string& origin, const Status& why) {
    progress_.Clear();
    std::cerr << "kto ingest: " << origin << ": " << why.message() << "\n";
    ++counts_.rejected;
  }

  Status Add(ingest::SourceArticle&& article) {
    origins_.push_back(std::move(article.origin));
    pending_.push_back(ToStoreInput(std::move(article)));
    if (pending_.size() >= batch_size_) return Flush();
    progress_.Update(counts_.Stored() + counts_.rejected + pending_.size());
    return Status();
  }

  // Writes the pending articles in one transaction; on failure none of them
  // is stored and the error is returned.
  Status Flush() {
    if (pending_.empty()) return Status();
    Counts batch;
    std::vector<std::pair<std::string, Status>> rejected;
    const Status status = store_.Transaction([&] {
      batch = Counts();
      rejected.clear();
      std::vector<std::pair<int64_t, size_t>> todo;  // (article id, index in pending_)
      for (size_t i = 0; i < pending_.size(); ++i) {
        auto result = store_.UpsertArticle(pending_[i]);
        if (!result.ok()) {
          if (result.status().code() != StatusCode::kInvalidInput) return result.status();
          rejected.emplace_back(origins_[i], result.status());
          continue;
        }
        switch (result->outcome) {
          case store::UpsertOutcome::kNew:
            ++batch.added;
            break;
          case store::UpsertOutcome::kUpdated:
            ++batch.updated;
            break;
          case store::UpsertOutcome::kUnchanged:
            ++batch.unchanged;
            continue;
        }
        todo.emplace_back(result->article_id, i);
      }
      if (analysis_ == nullptr || todo.empty()) return Status();
      std::vector<ArticleText> texts;
      for (const auto& [id, i] : todo)
        texts.push_back(ArticleText{pending_[i].title, pending_[i].text});
      return analysis_->analyzer->AnalyzeInOrder(
          texts, [&](size_t k, const AnalyzedArticle& analyzed) -> Status {
            const auto& [id, i] = todo[k];
            auto linked =
                LinkAndWrite(store_, *analysis_->linker, id, pending_[i].published_at, analyzed);
            if (!linked.ok()) return linked.status();
            ++batch.analyzed;
            return Status();
          });
    });
    pending_.clear();
    origins_.clear();
    if (!status.ok()) {
      store_failed_ = true;
      return status;
    }
    for (const auto& [origin, why] : rejected) Reject(origin, why);
    counts_.added += batch.added;
    counts_.unchanged += batch.unchanged;
    counts_.updated += batch.updated;
    counts_.analyzed += batch.analyzed;
    progress_.Update(counts_.Stored() + counts_.rejected);
    return Status();
  }

 private:
  store::Store& store_;
  size_t batch_size_;
  Progress& progress_;
  Analysis* analysis_;
  std::vector<store::ArticleInput> pending_;
  std::vector<std::string> origins_;
  Counts counts_;
  bool store_failed_ = false;
};

ingest::Format ParseFormat(const std::string& name) {
  if (name == "jsonl") return ingest::Format::kJsonLines;
  if (name == "text") return ingest::Format::kText;
  if (name == "html") return ingest::Format::kHtml;
  if (name == "feed") return ingest::Format::kFeed;
  return ingest::Format::kAuto;
}

}  // namespace

void AddIngestCommand(CLI::App& app, int* exit_code) {
  struct Args {
    std::vector<std::string> inputs;
    std::string db = "kto.db";
    std::string format = "auto";
    bool lenient = false;
    size_t batch = 500;
    bool json = false;
    long timeout_s = 30;
    bool no_analysis = false;
    size_t threads = 0;
    std::string dict, model;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "ingest", "Store articles (JSON lines, text, HTML, RSS/Atom files or URLs) in the database");
  cmd->add_option("inputs", args->inputs,
                  "Files, http(s) feed or page URLs, or - for standard input")
      ->required();
  cmd->add_option("--db", args->db, "Database: a file path or sqlite:PATH")->capture_default_str();
  cmd->add_option("--format", args->format, "Input format: auto, jsonl, text, html or feed")
      ->check(CLI::IsMember({"auto", "jsonl", "text", "html", "feed"}))
      ->capture_default_str();
  cmd->add_flag("--lenient", args->lenient,
                "Replace invalid UTF-8 with U+FFFD instead of rejecting the article");
  cmd->add_option("--batch", args->batch, "Articles per transaction")
      ->check(CLI::Range(size_t{1}, size_t{1000000}))
      ->capture_default_str();
  cmd->add_option("--timeout", args->timeout_s, "Seconds allowed for fetching one URL")
      ->check(CLI::Range(1L, 3600L))
      ->capture_default_str();
  cmd->add_flag("--json", args->json, "Print the summary as one JSON line");
  cmd->add_flag("--no-analysis", args->no_analysis,
                "Store the articles only; a later run with a model analyzes them");
  cmd->add_option("--threads", args->threads, "Analysis threads (default: the number of cores)");
  AddDictFlag(*cmd, &args->dict);
  cmd->add_option("--model", args->model,
                  "NER model (default: $KTO_NER_MODEL, else the committed one)");
  cmd->callback([args, exit_code] {
    const auto start = Clock::now();
    auto opened = store::Open(args->db);
    if (!opened.ok()) {
      std::cerr << "kto ingest: " << opened.status().message() << "\n";
      *exit_code = ExitCodeFor(opened.status());
      return;
    }
    store::Store& store = **opened;

    // The analysis: an explicit --model must load; the default one may be
    // absent (articles are then stored for a later analysis).
    Analysis analysis;
    Analysis* with_analysis = nullptr;
    if (!args->no_analysis) {
      const size_t threads =
          args->threads > 0 ? args->threads : std::max(1u, std::thread::hardware_concurrency());
      auto analyzer = ParallelAnalyzer::Open(args->dict, args->model, threads);
      if (analyzer.ok()) {
        analysis.analyzer = std::move(analyzer).value();
        analysis.linker = std::move(link::Linker::Create(&store).value());
        with_analysis = &analysis;
      } else if (!args->model.empty() || analyzer.status().code() != StatusCode::kNotFound) {
        std::cerr << "kto ingest: " << analyzer.status().message() << "\n";
        *exit_code = kExitBadData;
        return;
      } else {
        std::cerr
            << "kto ingest: " << analyzer.status().message()
            << "; articles are stored without analysis (give --model, or set KTO_NER_MODEL)\n";
      }
    }

    ingest::ReadOptions options;
    options.format = ParseFormat(args->format);
    options.utf8 = args->lenient ? Utf8Policy::kLenient : Utf8Policy::kStrict;
    options.fetch.timeout_ms = args->timeout_s * 1000;

    std::optional<size_t> total = 0;
    for (const std::string& input : args->inputs) {
      const auto n = EstimateArticles(input, options.format);
      total = total && n ? std::optional<size_t>(*total + *n) : std::nullopt;
    }
    Progress progress(total);
    Ingester ingester(store, args->batch, progress, with_analysis);
    int code = kExitOk;
    bool store_failed = false;
    for (const std::string& input : args->inputs) {
      auto summary = ingest::ReadArticles(
          input, options, [&](ingest::SourceArticle&& a) { return ingester.Add(std::move(a)); },
          [&](const std::string& origin, const Status& why) { ingester.Reject(origin, why); });
      Status status = summary.status();
      if (status.ok()) status = ingester.Flush();
      if (!status.ok()) {
        // A store failure may come from the sink (during reading) or the flush.
        const bool from_store = ingester.store_failed();
        progress.Clear();
        const bool named = from_store || status.message().find(input) != std::string::npos;
        std::cerr << "kto ingest: " << (named ? "" : input + ": ") << status.message() << "\n";
        if (code == kExitOk || code == kExitBadInput) code = ExitCodeFor(status);
        if (from_store) {
          store_failed = true;
          break;
        }
        // What was read before the error of this input is still stored.
        if (Status flushed = ingester.Flush(); !flushed.ok()) {
          std::cerr << "kto ingest: " << flushed.message() << "\n";
          code = ExitCodeFor(flushed);
          store_failed = true;
          break;
        }
      }
    }
    progress.Update(ingester.counts().Stored() + ingester.counts().rejected, /*force=*/true);
    progress.Clear();

    // The backlog: articles stored earlier without analysis, or analyzed by
    // an older version.
    size_t backlog = 0;
    if (with_analysis && !store_failed) {
      auto done = AnalyzeBacklog(store, *analysis.linker, *analysis.analyzer, args->batch);
      if (!done.ok()) {
        std::cerr << "kto ingest: " << done.status().message() << "\n";
        code = ExitCodeFor(done.status());
        store_failed = true;
      } else {
        backlog = *done;
      }
    }

    const Counts& c = ingester.counts();
    const size_t analyzed = c.analyzed + backlog;
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::string out;
    if (args->json) {
      JsonWriter json(&out);
      json.BeginObject()
          .Key("db")
          .String(args->db)
          .Key("new")
          .Int(static_cast<int64_t>(c.added))
          .Key("unchanged")
          .Int(static_cast<int64_t>(c.unchanged))
          .Key("updated")
          .Int(static_cast<int64_t>(c.updated))
          .Key("rejected")
          .Int(static_cast<int64_t>(c.rejected))
          .Key("analyzed")
          .Int(static_cast<int64_t>(analyzed))
          .Key("seconds")
          .Double(seconds)
          .EndObject();
      out += "\n";
    } else {
      char line[256];
      std::snprintf(
          line, sizeof line,
          "%s: %zu new, %zu unchanged, %zu updated, %zu rejected, %zu analyzed (%.2f s)%s\n",
          args->db.c_str(), c.added, c.unchanged, c.updated, c.rejected, analyzed, seconds,
          store_failed ? "; the failed batch was not stored" : "");
      out = line;
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
    if (code == kExitOk && c.rejected > 0) code = kExitBadInput;
    *exit_code = code;
  });
}

}  // namespace kto::cli
