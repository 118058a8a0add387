#include "kto/pipeline/parallel_analyzer.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "kto/link/article_text.h"
#include "kto/text/utf8.h"

namespace kto::pipeline {

Result<std::unique_ptr<ParallelAnalyzer>> ParallelAnalyzer::Open(const ModelPaths& paths,
                                                                 size_t threads) {
  auto analyzer = OpenArticleAnalyzer(paths);
  if (!analyzer.ok()) return analyzer.status();
  return Create(std::move(analyzer).value(), threads);
}

std::unique_ptr<ParallelAnalyzer> ParallelAnalyzer::Create(
    std::unique_ptr<facts::ArticleAnalyzer> analyzer, size_t threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  return std::unique_ptr<ParallelAnalyzer>(new ParallelAnalyzer(std::move(analyzer), threads));
}

ParallelAnalyzer::ParallelAnalyzer(std::unique_ptr<facts::ArticleAnalyzer> analyzer, size_t threads)
    : analyzer_(std::move(analyzer)) {
  for (size_t i = 0; i < threads; ++i)
    states_.push_back(std::make_unique<facts::ArticleAnalyzer::State>(*analyzer_));
}

namespace {

Result<AnalyzedArticle> Run(const facts::ArticleAnalyzer& analyzer,
                            facts::ArticleAnalyzer::State* state, const ArticleText& article,
                            const store::SearchTokenizer* terms_tokenizer = nullptr) {
  auto doc = Doc::FromUtf8(link::AnalyzedText(article.title, article.text));
  if (!doc.ok()) return doc.status();
  AnalyzedArticle out{std::move(doc).value(),
                      article.title.empty() ? 0 : text::CountCodePoints(article.title),
                      {},
                      nullptr};
  out.analysis = analyzer.Analyze(&out.doc, state);
  if (terms_tokenizer != nullptr)
    out.search_terms = std::make_shared<const store::SearchTerms>(
        store::MakeSearchTerms(*terms_tokenizer, article.title, article.text));
  return out;
}

}  // namespace

Result<AnalyzedArticle> ParallelAnalyzer::AnalyzeOne(const ArticleText& article) {
  return Run(*analyzer_, states_[0].get(), article);
}

Status ParallelAnalyzer::AnalyzeInOrder(
    const std::vector<ArticleText>& articles,
    const std::function<Status(size_t, AnalyzedArticle&)>& consume,
    const store::SearchTokenizer* terms_tokenizer) {
  std::vector<std::optional<Result<AnalyzedArticle>>> results(articles.size());
  std::atomic<size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::condition_variable ready;
  auto work = [&](facts::ArticleAnalyzer::State* state) {
    for (size_t i; !stop && (i = next.fetch_add(1)) < articles.size();) {
      Result<AnalyzedArticle> a = Run(*analyzer_, state, articles[i], terms_tokenizer);
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
    std::optional<Result<AnalyzedArticle>> a;
    {
      std::unique_lock<std::mutex> lock(mutex);
      ready.wait(lock, [&] { return results[i].has_value(); });
      a = std::move(results[i]);
      results[i].reset();
    }
    status = a->ok() ? consume(i, **a) : a->status();
  }
  stop = true;
  for (std::thread& t : pool) t.join();
  return status;
}

}  // namespace kto::pipeline
