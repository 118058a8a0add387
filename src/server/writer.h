// The server's one writer: articles posted to /api/v1/articles are stored,
// analyzed, linked and written through one pipeline::Ingestor, a request per
// transaction, one request at a time (SQLite has one writer; the linker
// caches what it wrote). Readers use their own connections and see a
// request's articles all at once, when its transaction commits.
//
// Thread safety: Write may be called from any number of threads; they are
// served one after the other.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "kto/pipeline/ingestor.h"
#include "kto/store/store.h"

namespace kto::server {

class Writer {
 public:
  // REQUIRES: both non-null.
  static Result<std::unique_ptr<Writer>> Create(
      std::unique_ptr<store::Store> store, std::unique_ptr<pipeline::ParallelAnalyzer> analyzer);

  // Stores `articles` in one transaction and gives what became of each, in
  // input order. On failure nothing of them is stored.
  Result<std::vector<pipeline::ArticleResult>> Write(std::vector<store::ArticleInput> articles);

 private:
  Writer(std::unique_ptr<store::Store> store, std::unique_ptr<pipeline::ParallelAnalyzer> analyzer)
      : store_(std::move(store)), analyzer_(std::move(analyzer)) {}

  std::mutex mutex_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<pipeline::ParallelAnalyzer> analyzer_;
  std::unique_ptr<pipeline::Ingestor> ingestor_;
  std::vector<pipeline::ArticleResult> results_;  // of the request being written
};

}  // namespace kto::server
