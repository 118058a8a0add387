// The server's one writer: articles posted to /api/v1/articles are stored,
// analyzed, linked and written through one pipeline::Ingestor (SQLite has
// one writer; the linker caches what it wrote), on the writer's own thread,
// so that the per-thread caches of writing (the search index's analyses)
// exist once, not in every worker that ever wrote. Requests that arrive
// while a transaction is being written wait and are written together in the
// next one (group commit): their articles are analyzed on all cores at once
// and share the transaction's cost. Readers use their own connections and
// see a request's articles all at once, when its transaction commits.
// On a shared store (PostgreSQL, other replicas and workers writing too)
// each article is written in its own transaction instead
// (pipeline::IngestOptions::shared_store): a reader sees each article
// whole, and on failure the articles written before it stay.
//
// Thread safety: Write may be called from any number of threads. The
// destructor writes what is queued, then stops the thread.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "kto/pipeline/ingestor.h"
#include "kto/store/store.h"

namespace kto::server {

class Writer {
 public:
  // REQUIRES: both non-null. `shared_store`: other processes write the store.
  static Result<std::unique_ptr<Writer>> Create(
      std::unique_ptr<store::Store> store, std::unique_ptr<pipeline::ParallelAnalyzer> analyzer,
      bool shared_store = false);

  // Stores `articles` and gives what became of each, in input order
  // (ArticleResult::index counts from 0 in `articles`). They are written in
  // one transaction, maybe with other requests' articles: on failure none of
  // that transaction is stored and each of its requests gets the error.
  Result<std::vector<pipeline::ArticleResult>> Write(std::vector<store::ArticleInput> articles);

  ~Writer();

 private:
  struct Request;  // writer.cc

  Writer(std::unique_ptr<store::Store> store, std::unique_ptr<pipeline::ParallelAnalyzer> analyzer)
      : store_(std::move(store)), analyzer_(std::move(analyzer)) {}

  // The writer thread: writes what is queued, a group at a time, until
  // stopping_ and nothing is queued.
  void Run();
  // Writes `group` in one transaction and fills each request's result.
  void WriteGroup(const std::vector<std::shared_ptr<Request>>& group);

  std::mutex mutex_;                 // guards queue_, stopping_ and the requests' results
  std::condition_variable queued_;   // to the writer thread: queue_ or stopping_
  std::condition_variable written_;  // to the requests: a group was written
  std::vector<std::shared_ptr<Request>> queue_;  // waiting for the next transaction
  bool stopping_ = false;
  std::thread thread_;

  // Used by the writer thread only.
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<pipeline::ParallelAnalyzer> analyzer_;
  std::unique_ptr<pipeline::Ingestor> ingestor_;
  std::vector<pipeline::ArticleResult> results_;  // of the transaction being written
};

}  // namespace kto::server
