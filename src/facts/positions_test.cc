#include "kto/facts/positions.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_util.h"

namespace kto::facts {
namespace {

using testing::FindPhrases;
using testing::Make;

struct Case {
  const char* text;
  std::vector<std::string> persons;
  std::vector<std::string> positions;
  // For each position: the index of its person (-1: none) and whether former.
  std::vector<std::pair<int, bool>> expected;
};

const Case kCases[] = {
    {"Губернатор Северской области Игорь Кедров открыл мост.",
     {"Игорь Кедров"},
     {"Губернатор Северской области"},
     {{0, false}}},
    {"Мост открыл Кедров, губернатор Северской области, и уехал.",
     {"Кедров"},
     {"губернатор Северской области"},
     {{0, false}}},
    {"Мост открыл Кедров (глава региона).", {"Кедров"}, {"глава региона"}, {{0, false}}},
    {"Мост открыл Кедров — глава региона.", {"Кедров"}, {"глава региона"}, {{0, false}}},
    {"Игорь Кедров, занимающий пост губернатора, открыл мост.",
     {"Игорь Кедров"},
     {"губернатора"},
     {{0, false}}},
    {"Вчера Анна Лебедева назначена на должность мэра Кедровска.",
     {"Анна Лебедева"},
     {"мэра Кедровска"},
     {{0, false}}},
    {"Бывший министр транспорта Ольховский не согласен.",
     {"Ольховский"},
     {"министр транспорта"},
     {{0, true}}},
    {"Ранее экс-глава района Г. Н. Рябинин называл цель недостижимой.",
     {"Г. Н. Рябинин"},
     {"экс-глава района"},
     {{0, true}}},
    {"Рябинин, ранее занимавший пост главы района, промолчал.",
     {"Рябинин"},
     {"главы района"},
     {{0, true}}},
    // A post held in the past: a verb in the past or «ранее» before it.
    {"Лидия Карпова была заместителем главы района.",
     {"Лидия Карпова"},
     {"заместителем главы района"},
     {{0, true}}},
    {"Кедров ранее занимал должность министра транспорта.",
     {"Кедров"},
     {"министра транспорта"},
     {{0, true}}},
    {"Кедров работал директором школы.", {"Кедров"}, {"директором школы"}, {{0, true}}},
    // Not «стал», «назначен»: those posts are held now.
    {"Кедров стал губернатором.", {"Кедров"}, {"губернатором"}, {{0, false}}},
    {"Кедров работает директором школы.", {"Кедров"}, {"директором школы"}, {{0, false}}},
    {"Лидер фракции «Новый Север» Дмитрий Ольховский раскритиковал бюджет.",
     {"Дмитрий Ольховский"},
     {"Лидер фракции"},
     {{0, false}}},
    // Two persons, two positions, each to its own.
    {"Мэр Кедровска Анна Лебедева и губернатор Игорь Кедров открыли мост.",
     {"Анна Лебедева", "Игорь Кедров"},
     {"Мэр Кедровска", "губернатор"},
     {{0, false}, {1, false}}},
    // A position with nobody next to it stays unattached.
    {"Должность губернатора остаётся вакантной. Кедров уехал.",
     {"Кедров"},
     {"губернатора"},
     {{-1, false}}},
    // Holding words attach only within the sentence.
    {"Кедров уехал. На пост губернатора претендуют трое.",
     {"Кедров"},
     {"губернатора"},
     {{-1, false}}},
};

TEST(Positions, AttachesEachConstruction) {
  for (const Case& c : kCases) {
    const auto article = Make(c.text, c.persons);
    const auto positions = FindPhrases(article.doc, c.positions);
    const auto links = AttachPositions(article.doc, article.persons, positions);
    for (size_t p = 0; p < c.expected.size(); ++p) {
      int person = -1;
      bool former = false;
      for (const auto& link : links) {
        if (link.position == p) {
          person = static_cast<int>(link.person);
          former = link.former;
        }
      }
      EXPECT_EQ(person, c.expected[p].first) << c.text << " / " << c.positions[p];
      EXPECT_EQ(former, c.expected[p].second) << c.text << " / " << c.positions[p];
    }
  }
}

constexpr uint8_t kNom = 1 << 0, kGen = 1 << 1, kIns = 1 << 4;

TEST(Positions, GrammarDecidesBetweenNeighbours) {
  // «дочь режиссёра Мария Кедрова»: the genitive phrase is not Maria's.
  auto article = Make("Роль сыграла дочь режиссёра Мария Кедрова.", {"Мария Кедрова"});
  auto positions = FindPhrases(article.doc, {"режиссёра"});
  const SpanGrammar genitive{kGen, false}, nominative{kNom, false};
  EXPECT_TRUE(AttachPositions(article.doc, article.persons, positions,
                              std::vector<SpanGrammar>{nominative},
                              std::vector<SpanGrammar>{genitive})
                  .empty());
  // Agreeing, they link.
  article = Make("Губернатора Игоря Кедрова встретили.", {"Игоря Кедрова"});
  positions = FindPhrases(article.doc, {"Губернатора"});
  EXPECT_EQ(AttachPositions(article.doc, article.persons, positions,
                            std::vector<SpanGrammar>{genitive}, std::vector<SpanGrammar>{genitive})
                .size(),
            1u);
}

TEST(Positions, PluralPhraseTakesEachPersonOfAList) {
  const auto article = Make("На сцену вышли актёры Андрей Лесной, Павел Бор и Анна Кедрова.",
                            {"Андрей Лесной", "Павел Бор", "Анна Кедрова"});
  const auto positions = FindPhrases(article.doc, {"актёры"});
  const auto links = AttachPositions(article.doc, article.persons, positions, {},
                                     std::vector<SpanGrammar>{{kNom, true}});
  ASSERT_EQ(links.size(), 3u);
  EXPECT_EQ(links[2].person, 2u);
}

TEST(Positions, PredicateTakesItsClausesPerson) {
  const auto article =
      Make("Сосновский в юности работал консультантом в Кедровске.", {"Сосновский"});
  const auto positions = FindPhrases(article.doc, {"консультантом"});
  const auto links = AttachPositions(article.doc, article.persons, positions, {},
                                     std::vector<SpanGrammar>{{kIns, false}});
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].person, 0u);
}

TEST(Positions, ChainOfPhrasesBeforeAName) {
  const auto article = Make("Приказ подписал глава МВД полковник Игорь Кедров.", {"Игорь Кедров"});
  const auto positions = FindPhrases(article.doc, {"глава МВД", "полковник"});
  const auto links = AttachPositions(article.doc, article.persons, positions);
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].person, 0u);
  EXPECT_EQ(links[1].person, 0u);
}

TEST(Positions, NothingToAttach) {
  const auto article = Make("", {});
  EXPECT_TRUE(AttachPositions(article.doc, article.persons, {}).empty());
}

}  // namespace
}  // namespace kto::facts
