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

TEST(Positions, NothingToAttach) {
  const auto article = Make("", {});
  EXPECT_TRUE(AttachPositions(article.doc, article.persons, {}).empty());
}

}  // namespace
}  // namespace kto::facts
