#include "score.h"

#include <gtest/gtest.h>

namespace kto::link::internal {
namespace {

TEST(ComparePart, FullInitialMissingConflict) {
  EXPECT_EQ(ComparePart("Игорь", "Игорь"), 2);
  EXPECT_EQ(ComparePart("игорь", "Игорь"), 2);
  EXPECT_EQ(ComparePart("И.", "Игорь"), 1);
  EXPECT_EQ(ComparePart("Игорь", "И."), 1);
  EXPECT_EQ(ComparePart("И.", "И."), 1);
  EXPECT_EQ(ComparePart("", "Игорь"), 0);
  EXPECT_EQ(ComparePart("Игорь", "Иван"), -1);
  EXPECT_EQ(ComparePart("В.", "Игорь"), -1);
  EXPECT_EQ(ComparePart("Ёлкин", "Елкин"), 2);
  EXPECT_EQ(ComparePart("Лиза", "Елизавета", /*first_names=*/true), 2);
  EXPECT_EQ(ComparePart("Лиза", "Елизавета"), -1);  // patronymics have no short forms
}

TEST(Grow, FillsMissingPartsAndReplacesInitials) {
  const NameParts kb{"Мазур", "В.", "", ""};
  const NameParts grown = Grow(kb, NameParts{"Мазур", "Владимир", "Викторович", "m"});
  EXPECT_EQ(grown.first, "Владимир");
  EXPECT_EQ(grown.patronymic, "Викторович");
  EXPECT_EQ(grown.gender, "m");
  EXPECT_EQ(DisplayName(grown), "Владимир Викторович Мазур");
  // A full part is never replaced by an initial.
  EXPECT_EQ(Grow(grown, NameParts{"Мазур", "В.", "В.", ""}).first, "Владимир");
  EXPECT_EQ(DisplayName(NameParts{"Мазур", "В.", "В.", ""}), "В. В. Мазур");
  EXPECT_EQ(DisplayName(NameParts{"Ясенев", "Пётр", "И.", "m"}), "Пётр Ясенев");
  // A Chinese name stays surname first as it grows.
  const NameParts lyu =
      Grow(NameParts{"Лю", "", "", ""}, NameParts{"Лю", "Цзяньго", "", "m", true});
  EXPECT_EQ(DisplayName(lyu), "Лю Цзяньго");
}

CandidateSide Candidate(NameParts name, std::vector<std::pair<std::string, std::string>> positions,
                        std::vector<std::string> places = {}) {
  CandidateSide c;
  c.name = std::move(name);
  for (auto& [t, o] : positions) {
    store::Position p;
    p.title = t;
    p.org = o;
    c.positions.push_back(p);
  }
  c.context.locations = std::move(places);
  c.context.articles = 1;
  return c;
}

TEST(ScoreCandidate, NameConflictsExclude) {
  ArticleSide a;
  a.name = {"Иванов", "Александр", "", "m"};
  EXPECT_FALSE(ScoreCandidate(a, Candidate({"Иванов", "Алексей", "", "m"}, {})));
  EXPECT_FALSE(ScoreCandidate(a, Candidate({"Иванов", "А.", "", "f"}, {})));
  // Equal full first names outweigh a gender read differently, at a cost.
  EXPECT_LT(*ScoreCandidate(a, Candidate({"Иванов", "Александр", "", "f"}, {})),
            *ScoreCandidate(a, Candidate({"Иванов", "Александр", "", "m"}, {})));
  a.name.patronymic = "Петрович";
  EXPECT_FALSE(ScoreCandidate(a, Candidate({"Иванов", "Александр", "Сергеевич", ""}, {})));
  EXPECT_FALSE(ScoreCandidate(a, Candidate({"Иванов", "А.", "С.", ""}, {})));
  EXPECT_TRUE(ScoreCandidate(a, Candidate({"Иванов", "А.", "П.", ""}, {})));
}

TEST(ScoreCandidate, FullerNamesScoreMore) {
  ArticleSide a;
  a.name = {"Кедров", "Игорь", "", ""};
  const double full = *ScoreCandidate(a, Candidate({"Кедров", "Игорь", "", ""}, {}));
  const double initial = *ScoreCandidate(a, Candidate({"Кедров", "И.", "", ""}, {}));
  const double unknown = *ScoreCandidate(a, Candidate({"Кедров", "", "", ""}, {}));
  EXPECT_GT(full, initial);
  EXPECT_GE(initial, unknown);
  EXPECT_GE(unknown, 0.3);  // a full name joins a person known by the surname only
  a.name.first.clear();
  EXPECT_LT(*ScoreCandidate(a, Candidate({"Кедров", "Игорь", "", ""}, {})), full);
  EXPECT_GE(full, 0.3);  // the default threshold
}

TEST(ScoreCandidate, DisjointPositionsWithoutContextFallBelowThreshold) {
  ArticleSide a;
  a.name = {"Иванов", "Александр", "", "m"};
  a.positions = {{"нападающий", "Метеор"}};
  a.locations = {"Заречье"};
  const auto governor = Candidate({"Иванов", "Александр", "", "m"},
                                  {{"губернатор", "Северская область"}}, {"Кедровск"});
  EXPECT_LT(*ScoreCandidate(a, governor), 0.3);
  // The same person in a new position, in a place he was seen in before.
  a.locations = {"Кедровск"};
  EXPECT_GE(*ScoreCandidate(a, governor), 0.3);
  // The same position: well above.
  a.positions = {{"губернатор", "Северская область"}};
  EXPECT_GE(*ScoreCandidate(a, governor), 0.9);
}

}  // namespace
}  // namespace kto::link::internal
