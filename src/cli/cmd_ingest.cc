// kto ingest [--db PATH|URL] INPUT...: stores articles from JSON lines, plain
// text, HTML pages and RSS/Atom feeds (files, standard input, http(s) URLs)
// in the store, idempotently (docs/store.md), in batches of one transaction
// each (a PostgreSQL store, which other processes may write at the same
// time: one transaction per article, pipeline/ingestor.h). Prints a
// progress line on a terminal and a summary at the end.
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
#include "kto/ingest/ingest.h"
#include "kto/pipeline/ingestor.h"
#include "kto/pipeline/search_tokenizer.h"
#include "kto/render/json_writer.h"
#include "kto/store/store.h"
#include "kto/text/utf8.h"

namespace kto::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Storing, analysis and linking are the engine's (pipeline::Ingestor): every
// article that is new or whose text changed is analyzed on --threads
// threads, its persons linked and its analysis written inside its batch's
// transaction. Without a model (--no-analysis, or no default model file)
// articles stay marked needs_analysis and a later run with a model analyzes
// that backlog. This file reads the inputs, draws the progress and prints
// the summary.

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

ingest::Format ParseFormat(const std::string& name) {
  if (name == "jsonl") return ingest::Format::kJsonLines;
  if (name == "text") return ingest::Format::kText;
  if (name == "html") return ingest::Format::kHtml;
  if (name == "feed") return ingest::Format::kFeed;
  return ingest::Format::kAuto;
}

struct IngestArgs {
  std::vector<std::string> inputs;
  std::string db = "kto.db";
  std::string format = "auto";
  bool lenient = false;
  size_t max_article_mb = ingest::kDefaultMaxArticleBytes >> 20;
  size_t batch = 500;
  bool json = false;
  long timeout_s = 30;
  bool no_analysis = false;
  size_t threads = 0;
  int64_t lease_s = 300;
  std::string dict, model;
  PositionsFlags positions;
};

// The analyzer, or null when articles are stored without analysis: with
// --no-analysis, or when the default model or dictionary is absent (an
// explicitly given file must load). On an error returns its exit code.
int OpenIngestAnalyzer(const IngestArgs& args, std::unique_ptr<pipeline::ParallelAnalyzer>* out) {
  if (args.no_analysis) return kExitOk;
  auto analyzer = pipeline::ParallelAnalyzer::Open(
      ToModelPaths(args.dict, args.model, args.positions), args.threads);
  if (analyzer.ok()) {
    *out = std::move(analyzer).value();
    return kExitOk;
  }
  const bool explicit_files =
      !args.dict.empty() || !args.model.empty() || !args.positions.model.empty();
  if (explicit_files || analyzer.status().code() != StatusCode::kModelMissing)
    return Report("ingest", analyzer.status());
  std::cerr << "kto ingest: " << analyzer.status().message()
            << "; articles are stored without analysis (give --model, or set KTO_NER_MODEL)\n";
  return kExitOk;
}

// The last line: counts and time, as text or one JSON object.
std::string Summary(const IngestArgs& args, const pipeline::IngestCounts& c, size_t rejected,
                    double seconds, bool store_failed) {
  std::string out;
  if (args.json) {
    render::JsonWriter json(&out);
    json.BeginObject()
        .Key("db")
        .String(store::SpecForDisplay(args.db))
        .Key("new")
        .Int(static_cast<int64_t>(c.added))
        .Key("unchanged")
        .Int(static_cast<int64_t>(c.unchanged))
        .Key("updated")
        .Int(static_cast<int64_t>(c.updated))
        .Key("rejected")
        .Int(static_cast<int64_t>(rejected))
        .Key("analyzed")
        .Int(static_cast<int64_t>(c.analyzed))
        .Key("store_seconds")
        .Double(c.store_seconds)
        .Key("seconds")
        .Double(seconds)
        .EndObject();
    out += "\n";
    return out;
  }
  char line[256];
  std::snprintf(line, sizeof line,
                "%s: %zu new, %zu unchanged, %zu updated, %zu rejected, %zu analyzed (%.2f s)%s\n",
                store::SpecForDisplay(args.db).c_str(), c.added, c.unchanged, c.updated, rejected,
                c.analyzed, seconds, store_failed ? "; the failed batch was not stored" : "");
  return line;
}

// Reads every input into the ingestor. Returns the exit code so far;
// *store_failed when a batch could not be written (reading stops there).
int ReadInputs(const IngestArgs& args, pipeline::Ingestor& ingestor, Progress& progress,
               size_t* reader_rejected, bool* store_failed) {
  ingest::ReadOptions options;
  options.format = ParseFormat(args.format);
  options.utf8 = args.lenient ? Utf8Policy::kLenient : Utf8Policy::kStrict;
  options.max_article_bytes = args.max_article_mb << 20;
  options.fetch.timeout_ms = args.timeout_s * 1000;
  auto done = [&] {
    const pipeline::IngestCounts& c = ingestor.counts();
    return c.Stored() + c.rejected + *reader_rejected + ingestor.pending();
  };
  auto add = [&](ingest::SourceArticle&& a) {
    std::string origin = std::move(a.origin);
    Status status = ingestor.Add(pipeline::ToStoreInput(std::move(a)), std::move(origin));
    if (!status.ok()) *store_failed = true;  // Add fails only when a batch cannot be written
    progress.Update(done());
    return status;
  };
  auto reject = [&](const std::string& origin, const Status& why) {
    progress.Clear();
    std::cerr << "kto ingest: " << text::EscapeControlBytes(origin + ": " + why.message()) << "\n";
    ++*reader_rejected;
  };
  int code = kExitOk;
  for (const std::string& input : args.inputs) {
    auto summary = ingest::ReadArticles(input, options, add, reject);
    Status status = summary.status();
    if (status.ok()) status = ingestor.Flush();
    if (status.ok()) {
      progress.Update(done());
      continue;
    }
    // A store failure may come from the sink (during reading) or the flush.
    const bool from_store = *store_failed || summary.ok();
    progress.Clear();
    const bool named = from_store || status.message().find(input) != std::string::npos;
    std::cerr << "kto ingest: " << (named ? "" : input + ": ") << status.message() << "\n";
    if (code == kExitOk || code == kExitBadInput) code = ExitCodeFor(status);
    if (from_store) {
      *store_failed = true;
      break;
    }
    // What was read before the error of this input is still stored.
    if (Status flushed = ingestor.Flush(); !flushed.ok()) {
      code = Report("ingest", flushed);
      *store_failed = true;
      break;
    }
  }
  progress.Update(done(), /*force=*/true);
  progress.Clear();
  return code;
}

}  // namespace

void AddIngestCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<IngestArgs>();
  CLI::App* cmd = app.add_subcommand(
      "ingest", "Store articles (JSON lines, text, HTML, RSS/Atom files or URLs) in the database");
  cmd->add_option("inputs", args->inputs,
                  "Files, http(s) feed or page URLs, or - for standard input")
      ->required();
  cmd->add_option("--db", args->db, "Database: a file path, sqlite:PATH or postgresql://...")
      ->capture_default_str();
  cmd->add_option("--format", args->format, "Input format: auto, jsonl, text, html or feed")
      ->check(CLI::IsMember({"auto", "jsonl", "text", "html", "feed"}))
      ->capture_default_str();
  cmd->add_flag("--lenient", args->lenient,
                "Replace invalid UTF-8 with U+FFFD instead of rejecting the article");
  AddMaxArticleFlag(*cmd, &args->max_article_mb);
  cmd->add_option("--batch", args->batch, "Articles per transaction")
      ->check(CLI::Range(size_t{1}, size_t{1000000}))
      ->capture_default_str();
  cmd->add_option("--timeout", args->timeout_s, "Seconds allowed for fetching one URL")
      ->check(CLI::Range(1L, 3600L))
      ->capture_default_str();
  cmd->add_flag("--json", args->json, "Print the summary as one JSON line");
  cmd->add_flag("--no-analysis,--enqueue", args->no_analysis,
                "Store the articles only; `kto worker` or a later run with a model analyzes them");
  cmd->add_option("--threads", args->threads, "Analysis threads (default: the number of cores)");
  cmd->add_option("--lease", args->lease_s,
                  "PostgreSQL: seconds an article stored is held for this process to analyze "
                  "(if it dies, a worker takes the article after them)")
      ->check(CLI::Range(int64_t{1}, int64_t{86400}))
      ->capture_default_str();
  AddDictFlag(*cmd, &args->dict);
  AddNerModelFlag(*cmd, &args->model);
  AddPositionsFlags(*cmd, &args->positions, false);
  cmd->callback([args, exit_code] {
    const auto start = Clock::now();
    // With the dictionary, the store keeps its full-text index of lemmas.
    auto store =
        pipeline::OpenStore(args->db, ToModelPaths(args->dict, args->model, args->positions));
    if (!store.ok()) {
      *exit_code = Report("ingest", store.status());
      return;
    }
    std::unique_ptr<pipeline::ParallelAnalyzer> analyzer;
    if (int code = OpenIngestAnalyzer(*args, &analyzer); code != kExitOk) {
      *exit_code = code;
      return;
    }
    std::optional<size_t> total = 0;
    for (const std::string& input : args->inputs) {
      const auto n = EstimateArticles(input, ParseFormat(args->format));
      total = total && n ? std::optional<size_t>(*total + *n) : std::nullopt;
    }
    Progress progress(total);
    pipeline::IngestOptions options;
    options.batch = args->batch;
    options.shared_store = store::IsServerSpec(args->db);
    options.lease_seconds = args->lease_s;
    options.on_result = [&progress](pipeline::ArticleResult&& r) {
      if (r.outcome != pipeline::Outcome::kRejected) return;
      progress.Clear();
      std::cerr << "kto ingest: "
                << text::EscapeControlBytes(r.origin + ": " + r.rejection.message()) << "\n";
    };
    auto ingestor = pipeline::Ingestor::Open(store->get(), analyzer.get(), std::move(options));
    if (!ingestor.ok()) {
      *exit_code = Report("ingest", ingestor.status());
      return;
    }
    size_t reader_rejected = 0;
    bool store_failed = false;
    int code = ReadInputs(*args, **ingestor, progress, &reader_rejected, &store_failed);

    // The backlog: articles stored earlier without analysis, or analyzed by
    // an older version (none with --enqueue: they are the workers').
    if (analyzer && !store_failed) {
      if (auto done = (*ingestor)->AnalyzeBacklog(); !done.ok()) {
        code = Report("ingest", done.status());
        store_failed = true;
      }
    }
    const pipeline::IngestCounts& counts = (*ingestor)->counts();
    const size_t rejected = reader_rejected + counts.rejected;
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    const std::string out = Summary(*args, counts, rejected, seconds, store_failed);
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
    if (code == kExitOk && rejected > 0) code = kExitBadInput;
    *exit_code = code;
  });
}

}  // namespace kto::cli
