// (person, position) pairs matched one to one; the scorer on a fictional
// document with the committed NER model.
#include "kto/eval/positions.h"

#include <gtest/gtest.h>

#include "../morph/testing.h"
#include "test_util.h"

namespace kto::eval {
namespace {

BytePair Pair(uint32_t person_begin, uint32_t person_end, uint32_t position_begin,
              uint32_t position_end) {
  return {person_begin, person_end, position_begin, position_end};
}

TEST(MatchPairs, OneGoldPairFoundTwiceCountsOnce) {
  const std::vector<BytePair> gold = {Pair(0, 10, 20, 30)};
  const std::vector<BytePair> predicted = {Pair(0, 5, 20, 30), Pair(5, 10, 25, 28)};
  const PairMatching m = MatchPairs(predicted, gold);
  EXPECT_EQ(m.matched, 1u);
  EXPECT_TRUE(m.gold_matched[0]);
  EXPECT_TRUE(m.predicted_matched[0]);
  EXPECT_FALSE(m.predicted_matched[1]);
}

TEST(MatchPairs, OnePredictionNeverCoversTwoGoldPairs) {
  // One wide prediction overlapping two gold pairs.
  const std::vector<BytePair> gold = {Pair(0, 5, 20, 25), Pair(5, 10, 25, 30)};
  const PairMatching m = MatchPairs({Pair(0, 10, 20, 30)}, gold);
  EXPECT_EQ(m.matched, 1u);
  EXPECT_EQ(m.gold_matched[0] + m.gold_matched[1], 1);
}

TEST(MatchPairs, AugmentingPathFindsTheMaximum) {
  // The first prediction fits both gold pairs, the second only the first:
  // a greedy choice would match one, the maximum matching matches two.
  const std::vector<BytePair> gold = {Pair(0, 5, 20, 25), Pair(0, 10, 30, 35)};
  const std::vector<BytePair> predicted = {Pair(0, 10, 20, 35), Pair(0, 5, 20, 25)};
  const PairMatching m = MatchPairs(predicted, gold);
  EXPECT_EQ(m.matched, 2u);
  EXPECT_TRUE(m.gold_matched[0] && m.gold_matched[1]);
  EXPECT_EQ(MatchPairs({}, gold).matched, 0u);
  EXPECT_EQ(MatchPairs(predicted, {}).matched, 0u);
}

TEST(PairCounts, Scores) {
  PairCounts c;
  EXPECT_EQ(c.F1(), 0.0);
  c.predicted = 4;
  c.gold = 5;
  c.matched = 2;
  EXPECT_DOUBLE_EQ(c.Precision(), 0.5);
  EXPECT_DOUBLE_EQ(c.Recall(), 0.4);
  EXPECT_NEAR(c.F1(), 0.4444, 1e-4);
}

// The analyzer with the committed NER model, opened once per test program.
const facts::ArticleAnalyzer& CommittedAnalyzer() {
  static const facts::ArticleAnalyzer* analyzer = [] {
    ner::LoadOptions options;
    options.analyzer = morph::testing::TestAnalyzer();
    auto model = ner::Model::Load(KTO_NER_MODEL_PATH, options);
    EXPECT_TRUE(model.ok()) << model.status().message();
    auto created = facts::ArticleAnalyzer::Create(options.analyzer, std::move(model).value());
    EXPECT_TRUE(created.ok()) << created.status().message();
    return std::move(created).value().release();
  }();
  return *analyzer;
}

TEST(ScorePositions, OracleSpansReachEveryGoldPair) {
  const facts::ArticleAnalyzer& analyzer = CommittedAnalyzer();
  const std::string text =
      "Директор завода «Кедр» Игорь Кедров открыл новый цех. Мэр Ольховки Анна Лесная "
      "поздравила рабочих.\n";
  const auto dir = testing::TempDir("positions");
  testing::WriteFile(dir / "001.txt", text);
  testing::WriteFile(dir / "001.ann",
                     testing::TLine("T1", "PROFESSION", text, "Директор завода «Кедр»") +
                         testing::TLine("T2", "PERSON", text, "Игорь Кедров") +
                         testing::TLine("T3", "PROFESSION", text, "Мэр Ольховки") +
                         testing::TLine("T4", "PERSON", text, "Анна Лесная") +
                         testing::TLine("T5", "ORGANIZATION", text, "Кедр") +
                         "R1\tWORKS_AS Arg1:T2 Arg2:T1\nR2\tWORKS_AS Arg1:T4 Arg2:T3\n");
  auto docs = LoadCorpus(dir.string(), CorpusFormat::kBrat);
  ASSERT_TRUE(docs.ok()) << docs.status().message();
  ASSERT_EQ(GoldPairs((*docs)[0]).size(), 2u);

  const ner::Annotations gold = GoldAnnotations((*docs)[0].doc, (*docs)[0], analyzer);
  EXPECT_EQ(gold.positions.size(), 2u);
  EXPECT_EQ(gold.entities.size(), 3u);

  facts::ArticleAnalyzer::State state(analyzer);
  PairCounts counts;
  std::vector<PairError> errors;
  ScorePositions((*docs)[0], analyzer, &state, /*oracle=*/true, &counts,
                 [&](const PairError& e) { errors.push_back(e); });
  EXPECT_EQ(counts.gold, 2u);
  EXPECT_EQ(counts.gold_reachable, 2u);
  EXPECT_LE(counts.matched, std::min(counts.predicted, counts.gold));
  // Every pair not matched is listed once.
  EXPECT_EQ(errors.size(), counts.predicted + counts.gold - 2 * counts.matched);
}

}  // namespace
}  // namespace kto::eval
