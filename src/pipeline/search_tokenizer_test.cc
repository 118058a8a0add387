// The morphology search tokenizer, alone and as the store's index terms.
// Texts are about fictional people and places.
#include "kto/pipeline/search_tokenizer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

namespace kto::pipeline {
namespace {

namespace fs = std::filesystem;

std::shared_ptr<const morph::Analyzer> Dictionary() {
  static auto analyzer = morph::Analyzer::Open(KTO_MORPH_DICT_PATH);
  EXPECT_TRUE(analyzer.ok()) << analyzer.status().message();
  return analyzer.ok() ? *analyzer : nullptr;
}

struct Term {
  std::string term, written;
  bool colocated;
  bool operator==(const Term&) const = default;
};

std::vector<Term> Terms(const store::SearchTokenizer& tokenizer, std::string_view text) {
  std::vector<Term> out;
  tokenizer.Tokenize(text, [&](std::string_view term, size_t begin, size_t end, bool colocated) {
    out.push_back({std::string(term), std::string(text.substr(begin, end - begin)), colocated});
  });
  return out;
}

std::vector<std::string> TermsOf(const std::vector<Term>& terms, const std::string& written) {
  std::vector<std::string> out;
  for (const Term& t : terms)
    if (t.written == written) out.push_back(t.term);
  return out;
}

TEST(MorphSearchTokenizer, GivesEveryLemmaOfAWordColocated) {
  const MorphSearchTokenizer tokenizer(Dictionary());
  const auto terms = Terms(tokenizer, "Губернатором Ёлкиной, В. Кедров: 2026 год, NASA и т.е.");
  EXPECT_EQ(TermsOf(terms, "Губернатором"), std::vector<std::string>{"губернатор"});
  for (const std::string& lemma : TermsOf(terms, "Ёлкиной"))
    EXPECT_EQ(lemma.find("ё"), std::string::npos) << lemma;
  EXPECT_FALSE(TermsOf(terms, "Ёлкиной").empty());
  EXPECT_EQ(TermsOf(terms, "2026"), std::vector<std::string>{"2026"});
  EXPECT_EQ(TermsOf(terms, "NASA"), std::vector<std::string>{"nasa"});
  EXPECT_TRUE(TermsOf(terms, "В.").empty());
  EXPECT_TRUE(TermsOf(terms, "т.е.").empty());
  // «стали»: «стать» and «сталь», one position.
  const auto stali = Terms(tokenizer, "стали");
  ASSERT_GE(stali.size(), 2u);
  EXPECT_FALSE(stali[0].colocated);
  for (size_t i = 1; i < stali.size(); ++i) EXPECT_TRUE(stali[i].colocated);
  EXPECT_EQ(tokenizer.Version().rfind("morph-lemmas-1/", 0), 0u) << tokenizer.Version();

  // Positions: where the terms are, without morphology.
  const std::string text = "Губернатором Ёлкиной, В. Кедров: 2026 год, стали NASA и т.е.";
  std::vector<std::pair<size_t, size_t>> positions, of_terms;
  auto all_positions = [&](const std::string& t) {
    std::vector<std::pair<size_t, size_t>> out;
    tokenizer.Positions(t, [&](size_t begin, size_t end) {
      out.emplace_back(begin, end);
      return true;
    });
    return out;
  };
  auto positions_of_terms = [&](const std::string& t) {
    std::vector<std::pair<size_t, size_t>> out;
    tokenizer.Tokenize(t, [&](std::string_view, size_t begin, size_t end, bool colocated) {
      if (!colocated) out.emplace_back(begin, end);
    });
    return out;
  };
  EXPECT_EQ(all_positions(text), positions_of_terms(text));
  EXPECT_EQ(all_positions(text).size(), 8u);  // not «В.» nor «т.е.»

  // A long text is read a piece at a time (pieces end after line breaks):
  // the same positions, and stopping early stops.
  std::string long_text;
  for (int i = 0; i < 300; ++i)
    long_text += "Мэр Кедровска, 2 000 жителей и т.е. В. Кедров.\n" + std::string(i % 7, ' ');
  const auto whole = positions_of_terms(long_text);
  ASSERT_GT(long_text.size(), 10000u);
  EXPECT_EQ(all_positions(long_text), whole);
  size_t calls = 0;
  tokenizer.Positions(long_text, [&](size_t, size_t) { return ++calls < 3; });
  EXPECT_EQ(calls, 3u);
}

TEST(MorphSearchTokenizer, AStoreFindsEveryFormOfAQueryWord) {
  const fs::path dir =
      fs::temp_directory_path() / ("kto_search_tokenizer_test." + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    auto store = OpenStore((dir / "kto.db").string(), Dictionary());
    ASSERT_TRUE(store.ok()) << store.status().message();
    const std::pair<const char*, const char*> articles[] = {
        {"a1", "Мэр Кедровска встретилась с губернатором Игорем Кедровым."},
        {"a2", "Губернаторы северных областей собрались в Лесногорске."},
        {"a3", "Мэр открыл новую школу."}};
    for (const auto& [id, text] : articles) {
      store::ArticleInput a;
      a.external_id = id;
      a.published_at = std::string("2026-01-1") + id[1] + "T09:00:00Z";
      a.text = text;
      auto stored = (*store)->UpsertArticle(a);
      ASSERT_TRUE(stored.ok());
      store::ArticleAnalysis analysis;
      analysis.article_id = stored->article_id;
      ASSERT_TRUE((*store)->WriteAnalysis(analysis).ok());
    }
    store::SearchQuery q;
    q.text = "губернатор";
    auto found = (*store)->SearchArticles(q);
    ASSERT_TRUE(found.ok()) << found.status().message();
    ASSERT_EQ(found->total, 2);
    EXPECT_EQ(found->hits[0].article.external_id, "a2");
    EXPECT_EQ(found->hits[1].article.external_id, "a1");
    std::vector<std::string> matches;
    for (const auto& [piece, match] : found->hits[1].snippet.pieces)
      if (match) matches.push_back(piece);
    EXPECT_EQ(matches, std::vector<std::string>{"губернатором"});

    q.text = "ГУБЕРНАТОРАМИ Кедрова";
    EXPECT_EQ((*store)->SearchArticles(q)->total, 1);
    q.text = "мэра";
    EXPECT_EQ((*store)->SearchArticles(q)->total, 2);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace kto::pipeline
