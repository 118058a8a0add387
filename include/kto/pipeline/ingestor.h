// kto/pipeline/ingestor.h — the engine's batch loop: store -> analyze ->
// link -> write. Every front end that takes in articles (`kto ingest`, the
// benchmarks, `kto eval link`, the HTTP server) goes through it.
//
//   auto store = store::Open("kto.db");
//   auto analyzer = pipeline::ParallelAnalyzer::Open(pipeline::ModelPaths{}, 0);
//   pipeline::IngestOptions options;
//   options.on_result = [](pipeline::ArticleResult&& r) { ... };
//   auto ingestor = pipeline::Ingestor::Open(store->get(), analyzer->get(), options);
//   for (...) if (Status s = (*ingestor)->Add(std::move(article)); !s.ok()) ...;
//   (*ingestor)->Flush();
//   (*ingestor)->AnalyzeBacklog();
//
// Articles are stored in batches of IngestOptions::batch, one transaction
// each. In a batch, every article is upserted (store::Store::UpsertArticle);
// those that are new or whose text changed are analyzed (ParallelAnalyzer, on
// its threads), their persons linked to the KB (link::Linker) and the
// analysis written, in input order, so the KB does not depend on the number
// of threads. An article the store refuses (kInvalidInput: a bad date, no
// text) is rejected without failing the batch; any other failure rolls the
// whole batch back: none of it is stored and the error is returned.
//
// Without an analyzer, articles are stored only and stay marked
// needs_analysis; AnalyzeBacklog (with an analyzer) analyzes them later, and
// the articles an older kto analyzed (link::kAnalysisVersion).
//
// A shared store (IngestOptions::shared_store: a PostgreSQL database other
// processes write too) is written in short transactions instead, so that
// the writers wait little for each other's locks: each article is upserted
// and held (Store::HoldArticle) in one, then analyzed outside any, then
// linked and written in another; a transaction that meets a conflict
// (kConflict: a deadlock, a lock not granted in time) runs again. A batch is
// then not atomic: an article stored whose analysis was not written stays
// marked needs_analysis, and AnalyzeBacklog or a `kto worker` analyzes it
// once its hold ends. The backlog is claimed (Store::ClaimArticlesToAnalyze),
// so that processes share it instead of each doing all of it.
//
// Thread safety: one thread at a time. The Ingestor's Linker caches what it
// read; another process's writes to a person are seen through its article
// count (link/linker.h).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kto/ingest/ingest.h"
#include "kto/kb/kb.h"
#include "kto/link/linker.h"
#include "kto/pipeline/parallel_analyzer.h"
#include "kto/status.h"
#include "kto/store/store.h"

namespace kto::pipeline {

enum class Outcome {
  kNew,        // stored for the first time
  kUnchanged,  // already stored with the same text: nothing written
  kUpdated,    // the same id or url with another text: replaced
  kRejected,   // refused by the store (ArticleResult::rejection says why)
};

// What became of one article, after its batch was committed.
struct ArticleResult {
  size_t index = 0;    // the article's number among those given to Add, from 0
  std::string origin;  // as given to Add (for messages)
  Outcome outcome = Outcome::kNew;
  int64_t article_id = 0;  // the store's id; 0 when rejected
  Status rejection;        // kRejected: the store's reason
  bool analyzed = false;   // analyzed, linked and written in this batch
  // When analyzed: the KB id of each analysis.persons entry (0: a family or
  // a group), and with IngestOptions::keep_analysis the analysis itself.
  std::vector<int64_t> person_ids;
  std::optional<AnalyzedArticle> analysis;
};

struct IngestOptions {
  size_t batch = 500;  // articles per transaction; 0 counts as 1
  // Receives every article's result, in input order, once its batch is
  // committed (never for a batch rolled back). May be empty.
  std::function<void(ArticleResult&&)> on_result;
  // Keep each analyzed article's Doc and analysis in its result (memory: a
  // batch's worth).
  bool keep_analysis = false;
  // Other processes write the store (see above): short transactions,
  // conflicts retried, the backlog claimed.
  bool shared_store = false;
  // Shared store: how long an article claimed or stored for analysis is
  // held before another process may take it (a batch must be analyzed and
  // written within it), and how often a transaction meeting a conflict runs.
  int64_t lease_seconds = 300;
  int conflict_attempts = 20;
};

struct IngestCounts {
  size_t added = 0, unchanged = 0, updated = 0, rejected = 0;
  size_t analyzed = 0;  // by Add/Flush and AnalyzeBacklog
  // Wall seconds the writing thread spent storing, linking and writing
  // (upserts, claims, the linker's reads, the analyses written, commits):
  // the time of an article apart from its analysis.
  double store_seconds = 0;
  size_t Stored() const { return added + unchanged + updated; }
};

class Ingestor {
 public:
  // REQUIRES: `store` non-null; `store` and `analyzer` (null: store only)
  // outlive the Ingestor.
  static Result<std::unique_ptr<Ingestor>> Open(store::Store* store, ParallelAnalyzer* analyzer,
                                                IngestOptions options = {});
  ~Ingestor();

  // Queues an article; a full batch is flushed. Returns the flush's error.
  Status Add(store::ArticleInput article, std::string origin = "");
  // Stores, analyzes, links and writes the queued articles in one
  // transaction. On failure none of them is stored (the queue is emptied
  // all the same) and the error is returned.
  Status Flush();
  // Analyzes, links and writes every stored article that needs it, a batch
  // per transaction (shared store: claimed a batch at a time, each article
  // written in its transaction). Returns how many. REQUIRES: an analyzer.
  Result<size_t> AnalyzeBacklog();
  // One batch of the backlog: claims up to IngestOptions::batch articles
  // that need analysis and that no one holds, analyzes, links and writes
  // them. Returns how many; 0 when there are none (`kto worker`'s step).
  // REQUIRES: an analyzer.
  Result<size_t> AnalyzeClaimedBatch();

  // Totals of the committed batches.
  const IngestCounts& counts() const { return counts_; }
  // Articles queued and not yet flushed.
  size_t pending() const { return pending_.size(); }
  bool analyzes() const { return analyzer_ != nullptr; }

 private:
  struct Batch;  // a transaction's results, kept until it commits (ingestor.cc)

  Ingestor(store::Store* store, ParallelAnalyzer* analyzer, IngestOptions options,
           std::unique_ptr<link::Linker> linker);
  // The body of Flush's transaction.
  Status StoreAndAnalyze(Batch* batch);
  // Flush on a shared store: each article in its own transactions.
  Status StoreAndAnalyzeShared(Batch* batch);
  void RecordAnalyzed(std::vector<int64_t> person_ids, AnalyzedArticle& analyzed, ArticleResult* r,
                      IngestCounts* counts) const;
  // Upserts pending article `i` into its result; returns whether it needs analysis.
  Result<bool> StoreOne(size_t i, ArticleResult* r, IngestCounts* counts);
  // Links and writes one analyzed article in its own transaction, run
  // again after a conflict (shared store).
  Result<std::vector<int64_t>> LinkAndWriteShared(int64_t article_id, const std::string& date,
                                                  const AnalyzedArticle& article);
  // Runs `attempt` (one whole transaction) again while it fails with
  // kConflict, at most IngestOptions::conflict_attempts times, the linker
  // made afresh before each new attempt and a growing random wait between.
  Status RetryConflicts(const std::function<Status()>& attempt);
  // The body of one AnalyzeBacklog transaction.
  Status AnalyzeStored(const std::vector<int64_t>& article_ids);
  // After a rolled-back transaction the linker's cache is stale: a new one.
  Status ResetLinker();

  store::Store* store_;
  ParallelAnalyzer* analyzer_;
  IngestOptions options_;
  std::unique_ptr<link::Linker> linker_;
  std::vector<store::ArticleInput> pending_;
  std::vector<std::string> origins_;
  size_t flushed_ = 0;  // articles given to Add before the pending ones
  IngestCounts counts_;
};

// An article read by the ingest module, as the store takes it.
store::ArticleInput ToStoreInput(ingest::SourceArticle&& article);

// The KB's view of each person of an article that is not stored: the
// person the linker would link it to (its last position and article
// count), or, for a person the KB does not know, the article's own name and
// last position that is not former, with person_id 0 and 0 articles. Writes
// nothing (`kto analyze --db`).
Result<std::vector<kb::PanelEntry>> PreviewKbEntries(store::Store& store, link::Linker& linker,
                                                     const facts::ArticleAnalysis& analysis);

}  // namespace kto::pipeline
