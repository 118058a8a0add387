#include "writer.h"

#include <limits>
#include <optional>

namespace kto::server {

struct Writer::Request {
  std::vector<store::ArticleInput> articles;
  std::optional<Result<std::vector<pipeline::ArticleResult>>> result;  // set when written
};

Result<std::unique_ptr<Writer>> Writer::Create(std::unique_ptr<store::Store> store,
                                               std::unique_ptr<pipeline::ParallelAnalyzer> analyzer,
                                               bool shared_store) {
  std::unique_ptr<Writer> writer(new Writer(std::move(store), std::move(analyzer)));
  pipeline::IngestOptions options;
  options.shared_store = shared_store;
  // A group of requests is one transaction: WriteGroup flushes; Add never does.
  options.batch = std::numeric_limits<size_t>::max();
  Writer* self = writer.get();
  options.on_result = [self](pipeline::ArticleResult&& result) {
    self->results_.push_back(std::move(result));
  };
  auto ingestor =
      pipeline::Ingestor::Open(writer->store_.get(), writer->analyzer_.get(), std::move(options));
  if (!ingestor.ok()) return ingestor.status();
  writer->ingestor_ = std::move(ingestor).value();
  writer->thread_ = std::thread([self] { self->Run(); });
  return writer;
}

Writer::~Writer() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  queued_.notify_one();
  if (thread_.joinable()) thread_.join();
}

Result<std::vector<pipeline::ArticleResult>> Writer::Write(
    std::vector<store::ArticleInput> articles) {
  auto request = std::make_shared<Request>();
  request->articles = std::move(articles);
  std::unique_lock<std::mutex> lock(mutex_);
  queue_.push_back(request);
  queued_.notify_one();
  written_.wait(lock, [&] { return request->result.has_value(); });
  return std::move(*request->result);
}

void Writer::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    queued_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and every request is written
    std::vector<std::shared_ptr<Request>> group;
    group.swap(queue_);
    lock.unlock();
    WriteGroup(group);
    lock.lock();
    written_.notify_all();
  }
}

void Writer::WriteGroup(const std::vector<std::shared_ptr<Request>>& group) {
  results_.clear();
  Status status;
  for (const auto& request : group) {
    for (store::ArticleInput& article : request->articles) {
      std::string origin = article.external_id;
      if (status.ok()) status = ingestor_->Add(std::move(article), std::move(origin));
    }
  }
  if (status.ok()) status = ingestor_->Flush();
  // The results come in input order: each request takes its share.
  size_t next = 0;
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& request : group) {
    if (!status.ok()) {
      request->result = status;
      continue;
    }
    std::vector<pipeline::ArticleResult> mine;
    for (size_t i = 0; i < request->articles.size() && next < results_.size(); ++i) {
      pipeline::ArticleResult& r = results_[next++];
      r.index = i;
      mine.push_back(std::move(r));
    }
    request->result = std::move(mine);
  }
}

}  // namespace kto::server
