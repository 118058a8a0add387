// kto worker --db URL [--threads N] [--batch N] [--lease S] [--exit-when-idle]:
// analyzes what `kto ingest --enqueue` stored. Any number of workers, on any
// machines, share one store: each claims a batch of articles that need
// analysis (holding them for --lease seconds), analyzes, links and writes
// them, and claims the next; a worker killed mid-batch loses nothing (its
// hold ends and another worker takes the articles). SIGTERM or SIGINT stops
// it after its current batch. Prints a summary line at the end.
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#include "commands.h"
#include "exit_codes.h"
#include "kto/pipeline/ingestor.h"
#include "kto/pipeline/search_tokenizer.h"
#include "kto/store/store.h"

namespace kto::cli {
namespace {

using Clock = std::chrono::steady_clock;

std::atomic<bool> stop_requested{false};

extern "C" void RequestStop(int) {
  stop_requested.store(true);
}

struct WorkerArgs {
  std::string db = "kto.db";
  size_t threads = 0;
  size_t batch = 100;
  int64_t lease_s = 300;
  double idle_s = 1.0;
  bool exit_when_idle = false;
  bool json = false;
  std::string dict, model;
  PositionsFlags positions;
};

int RunWorker(const WorkerArgs& args) {
  const auto start = Clock::now();
  auto store = pipeline::OpenStore(args.db, ToModelPaths(args.dict, args.model, args.positions));
  if (!store.ok()) return Report("worker", store.status());
  auto analyzer = pipeline::ParallelAnalyzer::Open(
      ToModelPaths(args.dict, args.model, args.positions), args.threads);
  if (!analyzer.ok()) return Report("worker", analyzer.status());
  pipeline::IngestOptions options;
  options.batch = args.batch;
  options.shared_store = true;  // other workers write too, whatever the store
  options.lease_seconds = args.lease_s;
  auto ingestor = pipeline::Ingestor::Open(store->get(), analyzer->get(), options);
  if (!ingestor.ok()) return Report("worker", ingestor.status());

  std::signal(SIGTERM, RequestStop);
  std::signal(SIGINT, RequestStop);
  int code = kExitOk;
  while (!stop_requested.load()) {
    auto done = (*ingestor)->AnalyzeClaimedBatch();
    if (!done.ok()) {
      code = Report("worker", done.status());
      break;
    }
    if (*done > 0) continue;
    if (args.exit_when_idle) break;
    // Idle: look again soon, waking early for a stop.
    const auto until = Clock::now() + std::chrono::duration<double>(args.idle_s);
    while (!stop_requested.load() && Clock::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const size_t analyzed = (*ingestor)->counts().analyzed;
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (args.json) {
    std::printf(
        "{\"analyzed\": %zu, \"store_seconds\": %.3f, \"seconds\": %.3f, \"stopped\": %s}\n",
        analyzed, (*ingestor)->counts().store_seconds, seconds,
        stop_requested.load() ? "true" : "false");
  } else {
    std::printf("kto worker: %zu analyzed (%.2f s)%s\n", analyzed, seconds,
                stop_requested.load() ? ", stopped" : "");
  }
  std::fflush(stdout);
  return code;
}

}  // namespace

void AddWorkerCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<WorkerArgs>();
  CLI::App* cmd = app.add_subcommand(
      "worker",
      "Analyze, link and write the articles `kto ingest --enqueue` stored (any number of "
      "workers share one database)");
  cmd->add_option("--db", args->db, "Database: postgresql://... (or an SQLite file)")
      ->capture_default_str();
  cmd->add_option("--threads", args->threads, "Analysis threads (default: the number of cores)");
  cmd->add_option("--batch", args->batch, "Articles claimed at a time")
      ->check(CLI::Range(size_t{1}, size_t{100000}))
      ->capture_default_str();
  cmd->add_option("--lease", args->lease_s,
                  "Seconds a claimed batch is held; a worker that dies holds it no longer")
      ->check(CLI::Range(int64_t{1}, int64_t{86400}))
      ->capture_default_str();
  cmd->add_option("--idle", args->idle_s, "Seconds to wait before looking again when idle")
      ->check(CLI::Range(0.01, 3600.0))
      ->capture_default_str();
  cmd->add_flag("--exit-when-idle", args->exit_when_idle,
                "Stop when no article is left to claim instead of waiting for more");
  cmd->add_flag("--json", args->json, "Print the summary as one JSON line");
  AddDictFlag(*cmd, &args->dict);
  AddNerModelFlag(*cmd, &args->model);
  AddPositionsFlags(*cmd, &args->positions, false);
  cmd->callback([args, exit_code] { *exit_code = RunWorker(*args); });
}

}  // namespace kto::cli
