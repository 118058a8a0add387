#include "kto/pipeline/ingestor.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>
#include <utility>

namespace kto::pipeline {
namespace {

// Links the persons of an analyzed stored article and writes its analysis
// (inside the caller's transaction). Returns the persons' KB ids.
Result<std::vector<int64_t>> LinkAndWrite(store::Store& store, link::Linker& linker,
                                          int64_t article_id, const std::string& date,
                                          const AnalyzedArticle& article) {
  auto ids = linker.Link(article.analysis, date);
  if (!ids.ok()) return ids.status();
  store::ArticleAnalysis analysis = link::ToStoreAnalysis(
      article_id, article.doc, article.title_code_points, article.analysis, *ids);
  analysis.search_terms = article.search_terms;
  const Status written = store.WriteAnalysis(analysis);
  if (!written.ok()) return written;
  return ids;
}

}  // namespace

// The persons linked in an analyzed article, and (when kept) its analysis,
// into its result.
void Ingestor::RecordAnalyzed(std::vector<int64_t> person_ids, AnalyzedArticle& analyzed,
                              ArticleResult* r, IngestCounts* counts) const {
  r->analyzed = true;
  r->person_ids = std::move(person_ids);
  if (options_.keep_analysis) r->analysis = std::move(analyzed);
  ++counts->analyzed;
}

namespace {

// Adds the wall seconds of its scope to *seconds.
class ScopedSeconds {
 public:
  explicit ScopedSeconds(double* seconds)
      : seconds_(seconds), start_(std::chrono::steady_clock::now()) {}
  ~ScopedSeconds() {
    *seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  ScopedSeconds(const ScopedSeconds&) = delete;
  ScopedSeconds& operator=(const ScopedSeconds&) = delete;

 private:
  double* seconds_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace

struct Ingestor::Batch {
  std::vector<ArticleResult> results;  // one per pending article
  IngestCounts counts;
};

Result<std::unique_ptr<Ingestor>> Ingestor::Open(store::Store* store, ParallelAnalyzer* analyzer,
                                                 IngestOptions options) {
  if (store == nullptr) return Status::InvalidArgument("Ingestor::Open: no store");
  auto linker = link::Linker::Create(store);
  if (!linker.ok()) return linker.status();
  if (options.batch == 0) options.batch = 1;
  return std::unique_ptr<Ingestor>(
      new Ingestor(store, analyzer, std::move(options), std::move(linker).value()));
}

Ingestor::Ingestor(store::Store* store, ParallelAnalyzer* analyzer, IngestOptions options,
                   std::unique_ptr<link::Linker> linker)
    : store_(store),
      analyzer_(analyzer),
      options_(std::move(options)),
      linker_(std::move(linker)) {}

Ingestor::~Ingestor() = default;

Status Ingestor::Add(store::ArticleInput article, std::string origin) {
  pending_.push_back(std::move(article));
  origins_.push_back(std::move(origin));
  if (pending_.size() >= options_.batch) return Flush();
  return Status();
}

Status Ingestor::Flush() {
  if (pending_.empty()) return Status();
  Batch batch;
  // The body starts afresh each time: the store may run it again.
  double transaction = 0, body = 0;  // seconds: the commit is the difference
  Status status;
  if (options_.shared_store) {
    status = StoreAndAnalyzeShared(&batch);
  } else {
    ScopedSeconds timed(&transaction);
    status = store_->Transaction([&] {
      ScopedSeconds timed_body(&body);
      batch = Batch();
      return StoreAndAnalyze(&batch);
    });
  }
  counts_.store_seconds += transaction - body;
  flushed_ += pending_.size();
  pending_.clear();
  origins_.clear();
  // A shared store's batch is written article by article: what was
  // committed before a failure counts.
  if (!status.ok() && !options_.shared_store) {
    ResetLinker();
    return status;
  }
  counts_.added += batch.counts.added;
  counts_.unchanged += batch.counts.unchanged;
  counts_.updated += batch.counts.updated;
  counts_.rejected += batch.counts.rejected;
  counts_.analyzed += batch.counts.analyzed;
  if (options_.on_result)
    for (ArticleResult& r : batch.results) options_.on_result(std::move(r));
  if (!status.ok()) ResetLinker();
  return status;
}

Result<bool> Ingestor::StoreOne(size_t i, ArticleResult* r, IngestCounts* counts) {
  r->index = flushed_ + i;
  r->origin = origins_[i];
  auto upserted = store_->UpsertArticle(pending_[i]);
  if (!upserted.ok()) {
    if (upserted.status().code() != StatusCode::kInvalidInput) return upserted.status();
    r->outcome = Outcome::kRejected;
    r->rejection = upserted.status();
    ++counts->rejected;
    return false;
  }
  r->article_id = upserted->article_id;
  switch (upserted->outcome) {
    case store::UpsertOutcome::kNew:
      r->outcome = Outcome::kNew;
      ++counts->added;
      return true;
    case store::UpsertOutcome::kUpdated:
      r->outcome = Outcome::kUpdated;
      ++counts->updated;
      return true;
    case store::UpsertOutcome::kUnchanged:
      r->outcome = Outcome::kUnchanged;
      ++counts->unchanged;
      return false;
  }
  return false;
}

Status Ingestor::StoreAndAnalyze(Batch* batch) {
  std::vector<size_t> todo;  // indexes of the articles to analyze
  for (size_t i = 0; i < pending_.size(); ++i) {
    ScopedSeconds timed(&counts_.store_seconds);
    auto analyze = StoreOne(i, &batch->results.emplace_back(), &batch->counts);
    if (!analyze.ok()) return analyze.status();
    if (*analyze) todo.push_back(i);
  }
  if (analyzer_ == nullptr || todo.empty()) return Status();
  std::vector<ArticleText> texts;
  texts.reserve(todo.size());
  for (size_t i : todo) texts.push_back(ArticleText{pending_[i].title, pending_[i].text});
  return analyzer_->AnalyzeInOrder(
      texts,
      [&](size_t k, AnalyzedArticle& analyzed) -> Status {
        const size_t i = todo[k];
        ArticleResult& r = batch->results[i];
        auto ids = [&] {
          ScopedSeconds timed(&counts_.store_seconds);
          return LinkAndWrite(*store_, *linker_, r.article_id, pending_[i].published_at, analyzed);
        }();
        if (!ids.ok()) return ids.status();
        RecordAnalyzed(std::move(ids).value(), analyzed, &r, &batch->counts);
        return Status();
      },
      store_->TermsTokenizer());
}

Status Ingestor::StoreAndAnalyzeShared(Batch* batch) {
  std::vector<size_t> todo;   // indexes of the articles to analyze
  std::vector<size_t> where;  // of each pending article's result in batch->results
  for (size_t i = 0; i < pending_.size(); ++i) {
    bool analyze = false;
    ScopedSeconds timed(&counts_.store_seconds);
    const Status stored = RetryConflicts([&] {
      ArticleResult r;
      IngestCounts counts;
      const Status status = store_->Transaction([&]() -> Status {
        auto needs = StoreOne(i, &r, &counts);
        if (!needs.ok()) return needs.status();
        analyze = *needs && analyzer_ != nullptr;
        // Held while this process analyzes it, so that no worker takes it.
        return analyze ? store_->HoldArticle(r.article_id, options_.lease_seconds) : Status();
      });
      if (status.ok()) {
        where.push_back(batch->results.size());
        batch->results.push_back(std::move(r));
        batch->counts.added += counts.added;
        batch->counts.unchanged += counts.unchanged;
        batch->counts.updated += counts.updated;
        batch->counts.rejected += counts.rejected;
      }
      return status;
    });
    if (!stored.ok()) return stored;
    if (analyze) todo.push_back(i);
  }
  if (todo.empty()) return Status();
  std::vector<ArticleText> texts;
  texts.reserve(todo.size());
  for (size_t i : todo) texts.push_back(ArticleText{pending_[i].title, pending_[i].text});
  return analyzer_->AnalyzeInOrder(
      texts,
      [&](size_t k, AnalyzedArticle& analyzed) -> Status {
        const size_t i = todo[k];
        ArticleResult& r = batch->results[where[i]];
        auto ids = LinkAndWriteShared(r.article_id, pending_[i].published_at, analyzed);
        if (!ids.ok()) return ids.status();
        RecordAnalyzed(std::move(ids).value(), analyzed, &r, &batch->counts);
        return Status();
      },
      store_->TermsTokenizer());
}

Result<std::vector<int64_t>> Ingestor::LinkAndWriteShared(int64_t article_id,
                                                          const std::string& date,
                                                          const AnalyzedArticle& article) {
  ScopedSeconds timed(&counts_.store_seconds);
  std::vector<int64_t> ids;
  const Status status = RetryConflicts([&] {
    return store_->Transaction([&]() -> Status {
      auto linked = LinkAndWrite(*store_, *linker_, article_id, date, article);
      if (!linked.ok()) return linked.status();
      ids = std::move(linked).value();
      return Status();
    });
  });
  if (!status.ok()) return status;
  return ids;
}

Status Ingestor::RetryConflicts(const std::function<Status()>& attempt) {
  std::minstd_rand random(std::random_device{}());
  Status status;
  for (int n = 1;; ++n) {
    status = attempt();
    if (status.code() != StatusCode::kConflict || n >= std::max(options_.conflict_attempts, 1))
      return status;
    if (Status reset = ResetLinker(); !reset.ok()) return reset;
    // Up to 5, 10, 20, ... 640 ms: the writers in the way finish meanwhile.
    const int ceiling_ms = 5 << std::min(n - 1, 7);
    std::this_thread::sleep_for(std::chrono::milliseconds(1 + random() % ceiling_ms));
  }
}

Result<size_t> Ingestor::AnalyzeBacklog() {
  if (analyzer_ == nullptr) return Status::InvalidArgument("Ingestor::AnalyzeBacklog: no analyzer");
  size_t done = 0;
  for (;;) {
    if (options_.shared_store) {
      auto claimed = AnalyzeClaimedBatch();
      if (!claimed.ok()) return claimed.status();
      if (*claimed == 0) return done;
      done += *claimed;
      continue;
    }
    auto ids = store_->ArticlesToAnalyze(link::kAnalysisVersion, options_.batch);
    if (!ids.ok()) return ids.status();
    if (ids->empty()) return done;
    const Status status = store_->Transaction([&] { return AnalyzeStored(*ids); });
    if (!status.ok()) {
      ResetLinker();
      return status;
    }
    done += ids->size();
    counts_.analyzed += ids->size();
  }
}

Result<size_t> Ingestor::AnalyzeClaimedBatch() {
  if (analyzer_ == nullptr)
    return Status::InvalidArgument("Ingestor::AnalyzeClaimedBatch: no analyzer");
  std::vector<int64_t> ids;
  std::vector<store::Article> articles;
  std::vector<ArticleText> texts;
  {
    ScopedSeconds timed(&counts_.store_seconds);
    const Status claimed = RetryConflicts([&] {
      auto got = store_->ClaimArticlesToAnalyze(link::kAnalysisVersion, options_.batch,
                                                options_.lease_seconds);
      if (got.ok()) ids = std::move(got).value();
      return got.status();
    });
    if (!claimed.ok()) return claimed;
    for (int64_t id : ids) {
      auto article = store_->GetArticle(id);
      if (!article.ok()) return article.status();
      if (!*article) continue;  // deleted since
      texts.push_back(ArticleText{(*article)->title, (*article)->text});
      articles.push_back(std::move(**article));
    }
  }
  if (ids.empty()) return size_t{0};
  const Status status = analyzer_->AnalyzeInOrder(
      texts,
      [&](size_t i, AnalyzedArticle& a) {
        return LinkAndWriteShared(articles[i].id, articles[i].published_at, a).status();
      },
      store_->TermsTokenizer());
  if (!status.ok()) return status;
  counts_.analyzed += articles.size();
  return articles.size();
}

Status Ingestor::AnalyzeStored(const std::vector<int64_t>& article_ids) {
  std::vector<store::Article> articles;
  std::vector<ArticleText> texts;
  for (int64_t id : article_ids) {
    auto article = store_->GetArticle(id);
    if (!article.ok()) return article.status();
    if (!*article) return Status::Internal("article " + std::to_string(id) + " vanished");
    texts.push_back(ArticleText{(*article)->title, (*article)->text});
    articles.push_back(std::move(**article));
  }
  return analyzer_->AnalyzeInOrder(
      texts,
      [&](size_t i, AnalyzedArticle& a) -> Status {
        return LinkAndWrite(*store_, *linker_, articles[i].id, articles[i].published_at, a)
            .status();
      },
      store_->TermsTokenizer());
}

Status Ingestor::ResetLinker() {
  auto linker = link::Linker::Create(store_);
  if (!linker.ok()) return linker.status();
  linker_ = std::move(linker).value();
  return Status();
}

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

Result<std::vector<kb::PanelEntry>> PreviewKbEntries(store::Store& store, link::Linker& linker,
                                                     const facts::ArticleAnalysis& analysis) {
  auto ids = linker.Resolve(analysis, "");
  if (!ids.ok()) return ids.status();
  std::vector<kb::PanelEntry> entries;
  for (size_t i = 0; i < analysis.persons.size(); ++i) {
    const facts::PersonFact& p = analysis.persons[i];
    if ((*ids)[i] != 0) {
      auto entry = kb::PersonEntry(store, (*ids)[i]);
      if (!entry.ok()) return entry.status();
      entries.push_back(std::move(entry).value());
      continue;
    }
    kb::PanelEntry entry;
    entry.name = p.name.Display();
    for (const facts::PositionFact& pos : p.positions)
      if (!pos.former) entry.last_position = kb::LastPosition{pos.title, pos.org, ""};
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace kto::pipeline
