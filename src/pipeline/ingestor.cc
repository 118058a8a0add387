#include "kto/pipeline/ingestor.h"

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
  const Status written = store.WriteAnalysis(link::ToStoreAnalysis(
      article_id, article.doc, article.title_code_points, article.analysis, *ids));
  if (!written.ok()) return written;
  return ids;
}

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
  const Status status = store_->Transaction([&] {
    batch = Batch();
    return StoreAndAnalyze(&batch);
  });
  flushed_ += pending_.size();
  pending_.clear();
  origins_.clear();
  if (!status.ok()) {
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
  return Status();
}

Status Ingestor::StoreAndAnalyze(Batch* batch) {
  std::vector<size_t> todo;  // indexes of the articles to analyze
  for (size_t i = 0; i < pending_.size(); ++i) {
    ArticleResult& r = batch->results.emplace_back();
    r.index = flushed_ + i;
    r.origin = origins_[i];
    auto upserted = store_->UpsertArticle(pending_[i]);
    if (!upserted.ok()) {
      if (upserted.status().code() != StatusCode::kInvalidInput) return upserted.status();
      r.outcome = Outcome::kRejected;
      r.rejection = upserted.status();
      ++batch->counts.rejected;
      continue;
    }
    r.article_id = upserted->article_id;
    switch (upserted->outcome) {
      case store::UpsertOutcome::kNew:
        r.outcome = Outcome::kNew;
        ++batch->counts.added;
        break;
      case store::UpsertOutcome::kUpdated:
        r.outcome = Outcome::kUpdated;
        ++batch->counts.updated;
        break;
      case store::UpsertOutcome::kUnchanged:
        r.outcome = Outcome::kUnchanged;
        ++batch->counts.unchanged;
        continue;
    }
    todo.push_back(i);
  }
  if (analyzer_ == nullptr || todo.empty()) return Status();
  std::vector<ArticleText> texts;
  texts.reserve(todo.size());
  for (size_t i : todo) texts.push_back(ArticleText{pending_[i].title, pending_[i].text});
  return analyzer_->AnalyzeInOrder(texts, [&](size_t k, AnalyzedArticle& analyzed) -> Status {
    const size_t i = todo[k];
    ArticleResult& r = batch->results[i];
    auto ids = LinkAndWrite(*store_, *linker_, r.article_id, pending_[i].published_at, analyzed);
    if (!ids.ok()) return ids.status();
    r.analyzed = true;
    r.person_ids = std::move(ids).value();
    if (options_.keep_analysis) r.analysis = std::move(analyzed);
    ++batch->counts.analyzed;
    return Status();
  });
}

Result<size_t> Ingestor::AnalyzeBacklog() {
  if (analyzer_ == nullptr) return Status::InvalidArgument("Ingestor::AnalyzeBacklog: no analyzer");
  size_t done = 0;
  for (;;) {
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
  return analyzer_->AnalyzeInOrder(texts, [&](size_t i, AnalyzedArticle& a) -> Status {
    return LinkAndWrite(*store_, *linker_, articles[i].id, articles[i].published_at, a).status();
  });
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
