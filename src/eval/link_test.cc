// Pairwise linking scores over gold mentions with cross-document ids, and
// the name labels.
#include "kto/eval/link.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace kto::eval {
namespace {

GoldSpan Gold(uint32_t begin, uint32_t end, const std::string& id, const std::string& label = "") {
  return {begin, end, "PER", id, label};
}

// A document whose gold persons are `persons` (the text does not matter).
AnnotatedDoc WithPersons(std::vector<GoldSpan> persons) {
  return {"doc", Doc::FromUtf8("Текст.").value(), {}, {}, true, std::move(persons), {}};
}

std::unique_ptr<store::Store> OpenStore(const std::string& name) {
  auto s = store::Open((testing::TempDir(name) / "kto.db").string());
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? std::move(s).value() : nullptr;
}

TEST(LinkMetrics, PairwiseScores) {
  // Q1 three times (the last not found), Q2 once.
  std::vector<AnnotatedDoc> corpus;
  corpus.push_back(WithPersons({Gold(0, 5, "Q1"), Gold(10, 15, "Q1")}));
  corpus.push_back(WithPersons({Gold(0, 5, "Q2"), Gold(10, 15, "Q1")}));
  const std::vector<std::vector<PredictedMention>> predicted = {
      {{0, 4, 7}, {9, 15, 7}}, {{0, 5, 8}, {20, 25, 7}},  // the second overlaps no gold mention
  };
  auto store = OpenStore("pairwise");
  ASSERT_NE(store, nullptr);
  const LinkScores s = ScoreLinking(corpus, predicted, *store);
  EXPECT_EQ(s.gold_mentions, 4u);
  EXPECT_EQ(s.matched_mentions, 3u);
  EXPECT_EQ(s.gold_entities, 2u);
  // True pairs: the two Q1 mentions of document 0 (person 7). Gold pairs:
  // 3 among the Q1 mentions. Predicted pairs: 1 (person 7 twice).
  EXPECT_DOUBLE_EQ(s.precision, 1.0);
  EXPECT_DOUBLE_EQ(s.recall, 1.0 / 3);
  EXPECT_DOUBLE_EQ(s.f1, 0.5);
  EXPECT_DOUBLE_EQ(s.recall_matched, 1.0);  // over the matched mentions alone
  EXPECT_EQ(s.labelled_mentions, 0u);
}

TEST(LinkMetrics, MergingTwoEntitiesCostsPrecision) {
  std::vector<AnnotatedDoc> corpus;
  corpus.push_back(WithPersons({Gold(0, 5, "Q1"), Gold(10, 15, "Q2")}));
  auto store = OpenStore("merge");
  ASSERT_NE(store, nullptr);
  const LinkScores s = ScoreLinking(corpus, {{{0, 5, 3}, {10, 15, 3}}}, *store);
  EXPECT_DOUBLE_EQ(s.precision, 0.0);
  EXPECT_DOUBLE_EQ(s.recall, 0.0);
  EXPECT_EQ(s.matched_mentions, 2u);
}

TEST(LinkMetrics, ErrorsListSplitsAndMerges) {
  // Q1 split over persons 7 and 8; person 8 also holds Q2. (Byte offsets.)
  std::vector<AnnotatedDoc> corpus;
  corpus.push_back({"doc",
                    Doc::FromUtf8("Кедров. Кедрова. Лесная.").value(),
                    {},
                    {},
                    true,
                    {Gold(0, 12, "Q1", "Игорь Кедров"), Gold(14, 28, "Q1", "Игорь Кедров"),
                     Gold(30, 42, "Q2", "Анна Лесная")},
                    {}});
  auto store = OpenStore("errors");
  ASSERT_NE(store, nullptr);
  std::vector<LinkError> errors;
  ScoreLinking(corpus, {{{0, 12, 7}, {14, 28, 8}, {30, 42, 8}}}, *store, &errors);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_TRUE(errors[0].split);
  EXPECT_EQ(errors[0].name, "Игорь Кедров");
  ASSERT_EQ(errors[0].parts.size(), 2u);
  EXPECT_EQ(errors[0].parts[0].first, "#7");  // not in the store: its id
  EXPECT_EQ(errors[0].parts[1].second, std::vector<std::string>{"Кедрова"});
  EXPECT_FALSE(errors[1].split);
  EXPECT_EQ(errors[1].name, "#8");
  ASSERT_EQ(errors[1].parts.size(), 2u);
  EXPECT_EQ(errors[1].parts[1].first, "Анна Лесная");
}

TEST(LinkMetrics, NameLabels) {
  EXPECT_TRUE(IsNameLabel("Анна Лесная"));
  EXPECT_TRUE(IsNameLabel("Ким Сон Ир"));
  EXPECT_FALSE(IsNameLabel("Лесная, Анна"));
  EXPECT_FALSE(IsNameLabel("нет данных"));
  EXPECT_FALSE(IsNameLabel("Лесная"));
  EXPECT_EQ(LabelWithoutPatronymic("Игорь Петрович Кедров"), "Игорь Кедров");
  EXPECT_EQ(LabelWithoutPatronymic("Лесная Анна Игоревна"), "Анна Лесная");
  EXPECT_EQ(LabelWithoutPatronymic("Анна Лесная"), "Анна Лесная");
  store::Person p;
  p.display_name = "Игорь Петрович Кедров";
  p.patronymic = "Петрович";
  EXPECT_EQ(NameWithoutPatronymic(p), "Игорь Кедров");
  p.patronymic.clear();
  EXPECT_EQ(NameWithoutPatronymic(p), "Игорь Петрович Кедров");
}

}  // namespace
}  // namespace kto::eval
