// The scenario of issue 6, as the linker sees it: ten articles over half a
// year (fictional people and places) in which Игорь Кедров moves from
// governor to minister, a namesake of the new governor appears (a
// footballer), and Кедров's patronymic shows up late. The KB must get every
// fact right: who is who, display names, positions with dates, the last
// position, article counts overall and by period. The same story as text
// (with Игорь Ясенев of Заречная область in Кедров's place) is
// examples/scenario.jsonl, run through the whole pipeline by
// src/cli/kb_cli_test.cc when the NER model is present.
#include <gtest/gtest.h>

#include "kto/kb/kb.h"
#include "test_kb.h"

namespace kto::link {
namespace {

using testing::A;
using testing::P;
using testing::TestKb;

const std::string kRegion = "Северская область";

TEST(Scenario, TenArticles) {
  TestKb kb;
  const P kedrov_governor{"Игорь", "", "Кедров", "m", {{"губернатор", kRegion, false}}};
  const P lebedeva{"Анна", "", "Лебедева", "f", {{"мэр", "Кедровск", false}}};
  // 1. January: the governor opens a bridge; the mayor thanks the builders.
  const auto a1 = kb.Ingest(
      {"2026-01-15T09:00:00Z", {kedrov_governor, lebedeva}, {}, {"Кедровск", "Лесногорск"}});
  // 2. February: «Кедров» alone, with the mayor again.
  const auto a2 = kb.Ingest({"2026-02-10T09:00:00Z",
                             {{"", "", "Кедров", "m"}, {"", "", "Лебедева", "f"}},
                             {},
                             {"Кедровск"}});
  // 3. March: the governor again, by his initial.
  const auto a3 = kb.Ingest({"2026-03-05T09:00:00Z",
                             {{"И.", "", "Кедров", "", {{"губернатор", kRegion, false}}}},
                             {"Правительство Северской области"},
                             {"Кедровск"}});
  // 4. April: Кедров becomes minister of transport; the former governor.
  const auto a4 =
      kb.Ingest({"2026-04-02T09:00:00Z",
                 {{"Игорь",
                   "",
                   "Кедров",
                   "m",
                   {{"министр транспорта", kRegion, false}, {"губернатор", kRegion, true}}},
                  {"Александр",
                   "",
                   "Иванов",
                   "m",
                   {{"временно исполняющий обязанности губернатора", kRegion, false}}}},
                 {},
                 {"Кедровск"}});
  // 5. April: the new governor.
  const auto a5 = kb.Ingest({"2026-04-20T09:00:00Z",
                             {{"Александр", "", "Иванов", "m", {{"губернатор", kRegion, false}}}},
                             {},
                             {"Кедровск"}});
  // 6. May: a footballer, the namesake.
  const auto a6 = kb.Ingest({"2026-05-03T18:00:00Z",
                             {{"Александр", "", "Иванов", "m", {{"нападающий", "Метеор", false}}}},
                             {"Метеор"},
                             {"Заречье"}});
  // 7. May: the footballer by his surname.
  const auto a7 =
      kb.Ingest({"2026-05-10T18:00:00Z", {{"", "", "Иванов", "m"}}, {"Метеор"}, {"Заречье"}});
  // 8. June: the minister with his patronymic.
  const auto a8 = kb.Ingest(
      {"2026-06-01T09:00:00Z",
       {{"Игорь", "Павлович", "Кедров", "m", {{"министр транспорта", kRegion, false}}}, lebedeva},
       {},
       {"Кедровск"}});
  // 9. June: the governor and the minister together.
  const auto a9 = kb.Ingest({"2026-06-15T09:00:00Z",
                             {{"Александр", "", "Иванов", "m", {{"губернатор", kRegion, false}}},
                              {"И.", "П.", "Кедров", "", {{"министр транспорта", kRegion, false}}}},
                             {},
                             {"Лесногорск"}});
  // 10. July: Кедров alone.
  const auto a10 =
      kb.Ingest({"2026-07-01T09:00:00Z", {{"", "", "Кедров", ""}}, {}, {"Лесногорск"}});

  const int64_t kedrov = a1[0], mayor = a1[1], governor = a4[1], player = a6[0];
  for (const auto& ids : {a2, a3, a4, a8, a10}) EXPECT_EQ(ids[0], kedrov);
  EXPECT_EQ(a9[1], kedrov);
  EXPECT_EQ(a2[1], mayor);
  EXPECT_EQ(a8[1], mayor);
  EXPECT_EQ(a5[0], governor);
  EXPECT_EQ(a9[0], governor);
  EXPECT_EQ(a7[0], player);
  EXPECT_NE(player, governor);
  EXPECT_EQ(kb.store().FindPersonsBySurname("Иванов")->size(), 2u);
  EXPECT_EQ(kb.store().FindPersonsBySurname("Кедров")->size(), 1u);

  // Names: the patronymic seen late is in the display name.
  EXPECT_EQ((*kb.store().GetPerson(kedrov))->display_name, "Игорь Павлович Кедров");
  EXPECT_EQ((*kb.store().GetPerson(mayor))->display_name, "Анна Лебедева");

  // Kedrov: positions over time, the last one, counts.
  auto entry = kb::PersonEntry(kb.store(), kedrov);
  ASSERT_TRUE(entry.ok());
  EXPECT_EQ(
      kb::PanelLine(*entry),
      "Игорь Павлович Кедров — Последняя должность: Министр транспорта (Северская область) — 7");
  ASSERT_TRUE(entry->last_position);
  EXPECT_EQ(entry->last_position->date, "2026-06-15T09:00:00Z");
  auto positions = kb.store().PersonPositions(kedrov, SIZE_MAX);
  ASSERT_TRUE(positions.ok());
  ASSERT_EQ(positions->size(), 3u);  // minister, former governor, governor
  for (const store::Position& p : *positions) {
    if (p.title == "губернатор" && !p.former) {
      EXPECT_EQ(p.first_seen, "2026-01-15T09:00:00Z");
      EXPECT_EQ(p.last_seen, "2026-03-05T09:00:00Z");
      EXPECT_EQ(p.evidence.size(), 2u);
    } else if (p.title == "министр транспорта") {
      EXPECT_EQ(p.first_seen, "2026-04-02T09:00:00Z");
      EXPECT_EQ(p.evidence.size(), 3u);
    } else {
      EXPECT_TRUE(p.former);
    }
  }
  EXPECT_EQ(
      *kb.store().CountPersonArticles(kedrov, {"2026-04-01T00:00:00Z", "2026-07-01T00:00:00Z"}), 3);

  // The governor and the footballer.
  entry = kb::PersonEntry(kb.store(), governor);
  EXPECT_EQ(kb::PanelLine(*entry),
            "Александр Иванов — Последняя должность: Губернатор (Северская область) — 3");
  entry = kb::PersonEntry(kb.store(), player);
  EXPECT_EQ(kb::PanelLine(*entry),
            "Александр Иванов — Последняя должность: Нападающий (Метеор) — 2");
  entry = kb::PersonEntry(kb.store(), mayor);
  EXPECT_EQ(kb::PanelLine(*entry), "Анна Лебедева — Последняя должность: Мэр (Кедровск) — 3");

  // Top of the period April–June.
  auto top = kb.store().TopPersons({"2026-04-01T00:00:00Z", "2026-07-01T00:00:00Z"}, 10);
  ASSERT_TRUE(top.ok());
  ASSERT_GE(top->size(), 2u);
  EXPECT_EQ((*top)[0].person_id, kedrov);
  EXPECT_EQ((*top)[0].articles, 3);
  EXPECT_EQ((*top)[1].person_id, governor);
  EXPECT_EQ((*top)[1].articles, 3);
}

}  // namespace
}  // namespace kto::link
