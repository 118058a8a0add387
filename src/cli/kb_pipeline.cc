#include "kb_pipeline.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "commands.h"
#include "kto/text/utf8.h"

namespace kto::cli {

Result<std::unique_ptr<ParallelAnalyzer>> ParallelAnalyzer::Open(const std::string& dict_flag,
                                                                 const std::string& model_flag,
                                                                 size_t threads) {
  auto dictionary = morph::Analyzer::Open(morph::DictionaryPath(dict_flag));
  if (!dictionary.ok()) return dictionary.status();
  auto model = LoadNerModel(model_flag, dict_flag);
  if (!model.ok()) return model.status();
  auto positions = LoadPositionsModel({});
  if (!positions.ok()) return positions.status();
  auto analyzer = facts::ArticleAnalyzer::Create(
      std::move(dictionary).value(), std::move(model).value(), std::move(positions).value());
  if (!analyzer.ok()) return analyzer.status();
  return std::unique_ptr<ParallelAnalyzer>(
      new ParallelAnalyzer(std::move(analyzer).value(), threads == 0 ? 1 : threads));
}

ParallelAnalyzer::ParallelAnalyzer(std::unique_ptr<facts::ArticleAnalyzer> analyzer, size_t threads)
    : analyzer_(std::move(analyzer)) {
  for (size_t i = 0; i < threads; ++i)
    states_.push_back(std::make_unique<facts::ArticleAnalyzer::State>(*analyzer_));
}

namespace {

AnalyzedArticle Run(const facts::ArticleAnalyzer& analyzer, facts::ArticleAnalyzer::State* state,
                    const ArticleText& article) {
  AnalyzedArticle out{
      std::move(Doc::FromUtf8(link::AnalyzedText(article.title, article.text)).value()),
      article.title.empty() ? 0 : text::CountCodePoints(article.title),
      {}};
  out.analysis = analyzer.Analyze(&out.doc, state);
  return out;
}

}  // namespace

AnalyzedArticle ParallelAnalyzer::AnalyzeOne(const ArticleText& article) {
  return Run(*analyzer_, states_[0].get(), article);
}

std::vector<AnalyzedArticle> ParallelAnalyzer::Analyze(const std::vector<ArticleText>& articles) {
  std::vector<std::optional<AnalyzedArticle>> results(articles.size());
  std::atomic<size_t> next{0};
  auto work = [&](facts::ArticleAnalyzer::State* state) {
    for (size_t i; (i = next.fetch_add(1)) < articles.size();)
      results[i] = Run(*analyzer_, state, articles[i]);
  };
  const size_t threads = std::min(states_.size(), articles.size());
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work, states_[t].get());
  if (!articles.empty()) work(states_[0].get());
  for (std::thread& t : pool) t.join();
  std::vector<AnalyzedArticle> out;
  out.reserve(results.size());
  for (auto& r : results) out.push_back(std::move(*r));
  return out;
}

Status ParallelAnalyzer::AnalyzeInOrder(
    const std::vector<ArticleText>& articles,
    const std::function<Status(size_t, const AnalyzedArticle&)>& consume) {
  std::vector<std::optional<AnalyzedArticle>> results(articles.size());
  std::atomic<size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::condition_variable ready;
  auto work = [&](facts::ArticleAnalyzer::State* state) {
    for (size_t i; !stop && (i = next.fetch_add(1)) < articles.size();) {
      AnalyzedArticle a = Run(*analyzer_, state, articles[i]);
      std::lock_guard<std::mutex> lock(mutex);
      results[i] = std::move(a);
      ready.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 0; t < std::min(states_.size(), articles.size()); ++t)
    pool.emplace_back(work, states_[t].get());
  Status status;
  for (size_t i = 0; i < articles.size() && status.ok(); ++i) {
    std::optional<AnalyzedArticle> a;
    {
      std::unique_lock<std::mutex> lock(mutex);
      ready.wait(lock, [&] { return results[i].has_value(); });
      a = std::move(results[i]);
      results[i].reset();
    }
    status = consume(i, *a);
  }
  stop = true;
  for (std::thread& t : pool) t.join();
  return status;
}

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

Result<size_t> AnalyzeBacklog(store::Store& store, link::Linker& linker, ParallelAnalyzer& analyzer,
                              size_t batch) {
  size_t done = 0;
  for (;;) {
    auto ids = store.ArticlesToAnalyze(link::kAnalysisVersion, batch);
    if (!ids.ok()) return ids.status();
    if (ids->empty()) return done;
    const Status status = store.Transaction([&]() -> Status {
      std::vector<store::Article> articles;
      std::vector<ArticleText> texts;
      for (int64_t id : *ids) {
        auto article = store.GetArticle(id);
        if (!article.ok()) return article.status();
        if (!*article) return Status::Internal("article " + std::to_string(id) + " vanished");
        texts.push_back(ArticleText{(*article)->title, (*article)->text});
        articles.push_back(std::move(**article));
      }
      return analyzer.AnalyzeInOrder(texts, [&](size_t i, const AnalyzedArticle& a) -> Status {
        return LinkAndWrite(store, linker, articles[i].id, articles[i].published_at, a).status();
      });
    });
    if (!status.ok()) return status;
    done += ids->size();
  }
}

}  // namespace kto::cli
