// The analysis + linking path shared by `kto ingest`, `kto analyze --db` and
// `kto eval link`: analysis of many articles on a few threads (results in
// input order), then linking and writing on the caller's thread, in order,
// so the KB does not depend on the number of threads.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kto/facts/article.h"
#include "kto/link/linker.h"
#include "kto/store/store.h"
#include "kto/text/doc.h"

namespace kto::cli {

struct AnalyzedArticle {
  Doc doc;                       // what the analyzer read: «title\n\ntext» or the text
  size_t title_code_points = 0;  // 0: no title
  facts::ArticleAnalysis analysis;
};

struct ArticleText {
  std::string title, text;  // REQUIRES: valid UTF-8
};

// Analyzes articles on `threads` threads. Thread-compatible: one caller at a time.
class ParallelAnalyzer {
 public:
  // Loads the morphology dictionary and the NER model as `kto analyze` does.
  static Result<std::unique_ptr<ParallelAnalyzer>> Open(const std::string& dict_flag,
                                                        const std::string& model_flag,
                                                        size_t threads);
  std::vector<AnalyzedArticle> Analyze(const std::vector<ArticleText>& articles);
  // Analyzes `articles` on the worker threads and hands each result to
  // `consume` on the calling thread, in input order, as soon as it and all
  // before it are ready (so linking and writing overlap the analysis). Stops
  // at the first error `consume` returns and returns it.
  Status AnalyzeInOrder(const std::vector<ArticleText>& articles,
                        const std::function<Status(size_t, const AnalyzedArticle&)>& consume);
  AnalyzedArticle AnalyzeOne(const ArticleText& article);

 private:
  explicit ParallelAnalyzer(std::unique_ptr<facts::ArticleAnalyzer> analyzer, size_t threads);
  std::unique_ptr<facts::ArticleAnalyzer> analyzer_;
  std::vector<std::unique_ptr<facts::ArticleAnalyzer::State>> states_;
};

// Links the persons of an analyzed stored article and writes its analysis
// (call inside a transaction). Returns the persons' KB ids.
Result<std::vector<int64_t>> LinkAndWrite(store::Store& store, link::Linker& linker,
                                          int64_t article_id, const std::string& date,
                                          const AnalyzedArticle& article);

// Analyzes, links and writes every stored article that needs it
// (store::Store::ArticlesToAnalyze), `batch` per transaction. Returns how many.
Result<size_t> AnalyzeBacklog(store::Store& store, link::Linker& linker, ParallelAnalyzer& analyzer,
                              size_t batch);

}  // namespace kto::cli
