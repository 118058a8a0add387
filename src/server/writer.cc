#include "writer.h"

#include <limits>

namespace kto::server {

Result<std::unique_ptr<Writer>> Writer::Create(
    std::unique_ptr<store::Store> store, std::unique_ptr<pipeline::ParallelAnalyzer> analyzer) {
  std::unique_ptr<Writer> writer(new Writer(std::move(store), std::move(analyzer)));
  pipeline::IngestOptions options;
  // A request is one transaction: Write() flushes; Add() never does.
  options.batch = std::numeric_limits<size_t>::max();
  Writer* self = writer.get();
  options.on_result = [self](pipeline::ArticleResult&& result) {
    self->results_.push_back(std::move(result));
  };
  auto ingestor =
      pipeline::Ingestor::Open(writer->store_.get(), writer->analyzer_.get(), std::move(options));
  if (!ingestor.ok()) return ingestor.status();
  writer->ingestor_ = std::move(ingestor).value();
  return writer;
}

Result<std::vector<pipeline::ArticleResult>> Writer::Write(
    std::vector<store::ArticleInput> articles) {
  std::lock_guard<std::mutex> lock(mutex_);
  results_.clear();
  for (store::ArticleInput& article : articles) {
    std::string origin = article.external_id;
    if (Status s = ingestor_->Add(std::move(article), std::move(origin)); !s.ok()) return s;
  }
  if (Status s = ingestor_->Flush(); !s.ok()) return s;
  return std::move(results_);
}

}  // namespace kto::server
