#include "kto/kb/kb.h"

#include <gtest/gtest.h>

namespace kto::kb {
namespace {

store::Position Pos(int64_t id, std::string title, std::string org, std::string last_seen,
                    size_t evidence, bool former = false) {
  store::Position p;
  p.id = id;
  p.title = std::move(title);
  p.org = std::move(org);
  p.last_seen = std::move(last_seen);
  p.first_seen = p.last_seen;
  p.former = former;
  for (size_t i = 0; i < evidence; ++i) p.evidence.push_back(static_cast<int64_t>(i + 1));
  return p;
}

TEST(PickLastPosition, LatestEvidenceWinsFormerExcluded) {
  EXPECT_FALSE(PickLastPosition({}));
  EXPECT_FALSE(PickLastPosition(
      {Pos(1, "губернатор", "Северская область", "2026-05-01T00:00:00Z", 3, true)}));
  const auto last = PickLastPosition({
      Pos(1, "губернатор", "Северская область", "2026-03-01T00:00:00Z", 9),
      Pos(2, "министр транспорта", "Северская область", "2026-06-01T00:00:00Z", 1),
      Pos(3, "губернатор", "Северская область", "2026-07-01T00:00:00Z", 1, /*former=*/true),
  });
  ASSERT_TRUE(last);
  EXPECT_EQ(last->title, "министр транспорта");
  EXPECT_EQ(last->date, "2026-06-01T00:00:00Z");
}

TEST(PickLastPosition, TiesByFrequencyThenId) {
  const std::string d = "2026-06-01T00:00:00Z";
  EXPECT_EQ(
      PickLastPosition({Pos(1, "депутат", "", d, 1), Pos(2, "председатель", "Дума", d, 4)})->title,
      "председатель");
  EXPECT_EQ(
      PickLastPosition({Pos(2, "председатель", "Дума", d, 2), Pos(1, "депутат", "", d, 2)})->title,
      "депутат");
}

// «тренер» of March 3 is the «главный тренер клуба (Бранц)» of February 20
// said in short; a full post of last year, or of another club, is not.
TEST(PickLastPosition, AShortPostIsShownInItsFullestFormOfTheSameDays) {
  const auto last = PickLastPosition({
      Pos(1, "главный тренер клуба", "Бранц", "2026-02-20T00:00:00Z", 2),
      Pos(2, "тренер", "", "2026-03-03T00:00:00Z", 1),
      Pos(3, "главный тренер сборной", "", "2025-01-10T00:00:00Z", 5),
  });
  ASSERT_TRUE(last);
  EXPECT_EQ(last->title, "главный тренер клуба");
  EXPECT_EQ(last->org, "Бранц");
  EXPECT_EQ(last->date, "2026-03-03T00:00:00Z");
  const auto other_club = PickLastPosition({
      Pos(1, "главный тренер клуба", "Бранц", "2026-02-20T00:00:00Z", 2),
      Pos(2, "тренер", "Метеор", "2026-03-03T00:00:00Z", 1),
  });
  ASSERT_TRUE(other_club);
  EXPECT_EQ(other_club->title, "тренер");
  EXPECT_EQ(other_club->org, "Метеор");
  const auto long_ago = PickLastPosition({
      Pos(1, "главный тренер клуба", "Бранц", "2025-02-20T00:00:00Z", 2),
      Pos(2, "тренер", "", "2026-03-03T00:00:00Z", 1),
  });
  ASSERT_TRUE(long_ago);
  EXPECT_EQ(long_ago->title, "тренер");
}

TEST(PanelLine, Format) {
  PanelEntry e;
  e.name = "Андрей Викторович Сосновский";
  e.articles = 207;
  EXPECT_EQ(PanelLine(e), "Андрей Викторович Сосновский — 207");
  e.last_position = LastPosition{"президент", "Республика Северия", ""};
  EXPECT_EQ(PanelLine(e),
            "Андрей Викторович Сосновский — Последняя должность: Президент (Республика "
            "Северия) — 207");
  e.last_position->org.clear();
  EXPECT_EQ(PanelLine(e), "Андрей Викторович Сосновский — Последняя должность: Президент — 207");
}

}  // namespace
}  // namespace kto::kb
