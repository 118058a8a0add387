// kto/pipeline/parallel_analyzer.h — the analysis of many articles on a few
// threads, with results handed back in input order, so that what is done
// with them (linking, writing) does not depend on the number of threads.
//
//   auto analyzer = pipeline::ParallelAnalyzer::Open(pipeline::ModelPaths{}, /*threads=*/0);
//   (*analyzer)->AnalyzeInOrder(articles, [&](size_t i, const pipeline::AnalyzedArticle& a) {
//     ... link and write article i ...
//     return Status();
//   });
//
// An article with a title is analyzed as «title\n\ntext» (link/article_text.h).
//
// Thread safety: thread-compatible: one caller at a time (it owns one
// facts::ArticleAnalyzer::State per thread). The models it holds are shared
// read-only.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kto/facts/article.h"
#include "kto/pipeline/models.h"
#include "kto/status.h"
#include "kto/store/store.h"
#include "kto/text/doc.h"

namespace kto::pipeline {

// An article as the analyzer reads it. REQUIRES: valid UTF-8.
struct ArticleText {
  std::string title;  // may be empty
  std::string text;
};

struct AnalyzedArticle {
  Doc doc;                       // what the analyzer read: «title\n\ntext», or the text
  size_t title_code_points = 0;  // the title's length; 0: no title
  facts::ArticleAnalysis analysis;
  // The full-text index terms of the title and text, when asked for.
  std::shared_ptr<const store::SearchTerms> search_terms;
};

class ParallelAnalyzer {
 public:
  // Loads the models as OpenArticleAnalyzer does; `threads` 0: the number of
  // cores.
  static Result<std::unique_ptr<ParallelAnalyzer>> Open(const ModelPaths& paths, size_t threads);
  // Over an analyzer already made. REQUIRES: analyzer non-null.
  static std::unique_ptr<ParallelAnalyzer> Create(std::unique_ptr<facts::ArticleAnalyzer> analyzer,
                                                  size_t threads);

  size_t threads() const { return states_.size(); }

  // Analyzes `articles` on the worker threads and hands each result to
  // `consume` on the calling thread, in input order, as soon as it and all
  // before it are ready (so linking and writing overlap the analysis). Stops
  // at the first error `consume` returns and returns it, or at an article
  // whose analyzed text Doc refuses (kInvalidInput: kMaxBytes or more).
  // `consume` may move from the article it is given. With `terms_tokenizer`
  // (Store::TermsTokenizer()), the worker threads also make each article's
  // index terms, so that the store's one writer need not.
  Status AnalyzeInOrder(const std::vector<ArticleText>& articles,
                        const std::function<Status(size_t, AnalyzedArticle&)>& consume,
                        const store::SearchTokenizer* terms_tokenizer = nullptr);

  // One article on the calling thread (errors as for AnalyzeInOrder).
  Result<AnalyzedArticle> AnalyzeOne(const ArticleText& article);

 private:
  ParallelAnalyzer(std::unique_ptr<facts::ArticleAnalyzer> analyzer, size_t threads);
  std::unique_ptr<facts::ArticleAnalyzer> analyzer_;
  std::vector<std::unique_ptr<facts::ArticleAnalyzer::State>> states_;
};

}  // namespace kto::pipeline
