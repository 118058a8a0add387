// A known-persons list (issue 16): lines parsed, persons imported and
// re-imported, and articles linked to them as to any KB person. Fictional
// people and places.
#include "kto/link/known_persons.h"

#include <gtest/gtest.h>

#include <random>

#include "kto/kb/kb.h"
#include "kto/text/utf8.h"
#include "test_kb.h"

namespace kto::link {
namespace {

using testing::A;
using testing::P;
using testing::TestKb;

const std::string kRegion = "Заречная область";

KnownPerson Parsed(const std::string& line) {
  auto known = ParseKnownPerson(line);
  EXPECT_TRUE(known.ok()) << line << ": " << known.status().message();
  return known.ok() ? std::move(known).value() : KnownPerson{};
}

ImportedPerson Import(store::Store& store, const std::string& line) {
  auto imported = ImportKnownPerson(store, Parsed(line));
  EXPECT_TRUE(imported.ok()) << line << ": " << imported.status().message();
  return imported.ok() ? *imported : ImportedPerson{};
}

store::Person Person(store::Store& store, int64_t id) {
  auto p = store.GetPerson(id);
  EXPECT_TRUE(p.ok() && p->has_value());
  return p.ok() && p->has_value() ? **p : store::Person{};
}

// The panel line of the person in the article `external_id` (TestKb's «aN»).
std::string PanelLineOf(store::Store& store, const std::string& external_id, int64_t person) {
  auto article = store.FindArticleByExternalId(external_id);
  EXPECT_TRUE(article.ok() && article->has_value());
  auto panel = kb::ArticlePanel(store, (*article)->id);
  EXPECT_TRUE(panel.ok());
  for (const kb::PanelEntry& e : *panel)
    if (e.person_id == person) return kb::PanelLine(e);
  return "";
}

// ---- the lines ---------------------------------------------------------------

TEST(ParseKnownPerson, ReadsEveryFieldAndNormalizes) {
  const KnownPerson k = Parsed(
      R"({"name": "Кедров  Игорь Павлович", "external_id": "zar-01", "aliases": ["И. П. Кедров",)"
      R"( "Игорь  Кедров", "Игорь Кедров"], "positions": [{"title": "Губернатор", "org": )"
      R"("Заречная  область", "from": "2021-09-20"}, {"title": "мэр", "org": "Кедровск", "from": )"
      R"("2016", "to": "2021-09"}, {"title": "Глава МЧС"}]})");
  EXPECT_EQ(k.name.surname, "Кедров");
  EXPECT_EQ(k.name.first, "Игорь");
  EXPECT_EQ(k.name.patronymic, "Павлович");
  EXPECT_EQ(k.name.gender, names::Gender::kMale);
  EXPECT_EQ(k.external_id, "zar-01");
  EXPECT_EQ(k.aliases, (std::vector<std::string>{"И. П. Кедров", "Игорь Кедров"}));
  ASSERT_EQ(k.positions.size(), 3u);
  EXPECT_EQ(k.positions[0].title, "губернатор");
  EXPECT_EQ(k.positions[0].org, kRegion);
  EXPECT_FALSE(k.positions[0].former);
  EXPECT_EQ(k.positions[0].from, "2021-09-20T00:00:00Z");
  EXPECT_EQ(k.positions[0].to, "");
  EXPECT_EQ(k.positions[1].title, "мэр");
  EXPECT_TRUE(k.positions[1].former);  // it has an end
  EXPECT_EQ(k.positions[1].from, "2016-01-01T00:00:00Z");
  EXPECT_EQ(k.positions[1].to, "2021-09-01T00:00:00Z");
  EXPECT_EQ(k.positions[2].title, "глава МЧС");
  EXPECT_EQ(k.positions[2].org, "");

  // Optional fields null or absent; an integer id; terms of one post merged.
  const KnownPerson m =
      Parsed(R"({"name": "Лебедева Анна", "external_id": 17, "aliases": null, "positions": [)"
             R"({"title": "депутат", "from": "2012-10-01", "to": "2017-09-30T12:00:00Z"},)"
             R"({"title": "депутат", "org": null, "from": "2007-10-01", "to": "2012-09-30"}]})");
  EXPECT_EQ(m.external_id, "17");
  EXPECT_EQ(m.name.gender, names::Gender::kFemale);
  ASSERT_EQ(m.positions.size(), 1u);
  EXPECT_EQ(m.positions[0].from, "2007-10-01T00:00:00Z");
  EXPECT_EQ(m.positions[0].to, "2017-09-30T12:00:00Z");
}

TEST(ParseKnownPerson, RejectsBadLinesSayingWhy) {
  const struct {
    std::string line, message;
  } cases[] = {
      {R"({"name": "Кедров Игорь")", "not JSON"},
      {R"(["Кедров Игорь"])", "not a JSON object"},
      {R"({"name": "Кедров Игорь", "external_id": 1e999})", "not JSON"},
      {"{\"name\": \"Кедров \xff\"}", "invalid UTF-8 at byte"},
      {R"({"aliases": []})", "name is missing"},
      {R"({"name": "  "})", "name is blank"},
      {R"({"name": 5})", "name must be a string"},
      {R"({"name": "Кедров"})", "name: «Кедров»: expected «Фамилия Имя Отчество»"},
      {R"({"name": "Кедров И. П."})", "name: «И.» is an initial"},
      {R"({"name": "Кедров Игорь", "fullname": "x"})", "unknown field \"fullname\""},
      {R"({"name": "Кедров Игорь", "external_id": ""})", "external_id is blank"},
      {R"({"name": "Кедров Игорь", "external_id": 1.5})", "external_id must be a string"},
      {R"({"name": "Кедров Игорь", "aliases": "Кедров"})", "aliases must be an array"},
      {R"({"name": "Кедров Игорь", "aliases": ["x", 2]})", "aliases[1] must be a string"},
      {R"({"name": "Кедров Игорь", "positions": {"title": "мэр"}})", "positions must be an array"},
      {R"({"name": "Кедров Игорь", "positions": ["мэр"]})", "positions[0] must be an object"},
      {R"({"name": "Кедров Игорь", "positions": [{"org": "Кедровск"}]})",
       "positions[0].title is missing"},
      {R"({"name": "Кедров Игорь", "positions": [{"title": "мэр", "since": "2020"}]})",
       "unknown field in positions[0]: \"since\""},
      {R"({"name": "Кедров Игорь", "positions": [{"title": "мэр", "from": "20.09.2021"}]})",
       "positions[0].from \"20.09.2021\" is not a date"},
      {R"({"name": "Кедров Игорь", "positions": [{"title": "мэр", "to": "2021-02-30"}]})",
       "positions[0].to \"2021-02-30\" is not a date"},
      {R"({"name": "Кедров Игорь", "positions": [{"title": "мэр", "from": "2021-13"}]})",
       "is not a date"},
      {R"({"name": "Кедров Игорь", "positions": [{"title": "мэр", "from": 2021}]})",
       "positions[0].from must be a string"},
      {R"({"name": "Кедров Игорь", "positions": [{"title": "мэр", "from": "2022", "to": "2021"}]})",
       "positions[0] ends (2021-01-01) before it starts (2022-01-01)"},
  };
  for (const auto& c : cases) {
    auto known = ParseKnownPerson(c.line);
    ASSERT_FALSE(known.ok()) << c.line;
    EXPECT_EQ(known.status().code(), StatusCode::kInvalidInput) << c.line;
    EXPECT_NE(known.status().message().find(c.message), std::string::npos)
        << c.line << ": " << known.status().message();
  }
  // A leap day is a date.
  EXPECT_TRUE(ParseKnownPerson(R"({"name": "Кедров Игорь", "positions": [{"title": "мэр", "from": )"
                               R"("2024-02-29"}]})")
                  .ok());
}

// Garbled lines never crash the reader, and every line it accepts imports
// (the store takes whatever the reader lets through). A cheap, deterministic
// stand-in for a fuzzer, run under ASan/UBSan by scripts/test.sh --sanitize.
TEST(ParseKnownPerson, GarbledLinesAreRefusedOrImported) {
  const std::string line =
      R"({"name": "Кедров Игорь Павлович", "external_id": 7, "aliases": ["И. П. Кедров"], )"
      R"("positions": [{"title": "Губернатор", "org": "Заречная область", "from": "2021-09",)"
      R"( "to": "2024-02-29"}, {"title": "мэр", "org": null}]})";
  TestKb kb;
  std::mt19937 rng(16);
  static constexpr char kSpecial[] = "{}[]\":,\\ -.0123456789TZ\xD0\xC0\xFF\x80";
  int accepted = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string s = line;
    for (int e = 1 + static_cast<int>(rng() % 3); e > 0 && !s.empty(); --e) {
      const size_t pos = rng() % s.size();
      const char c = kSpecial[rng() % (sizeof kSpecial - 1)];
      if (rng() % 2 == 0)
        s[pos] = c;
      else
        s.erase(pos, 1 + rng() % 3);
    }
    auto known = ParseKnownPerson(s);
    if (!known.ok()) {
      EXPECT_EQ(known.status().code(), StatusCode::kInvalidInput) << s;
      continue;
    }
    ++accepted;
    EXPECT_FALSE(text::FindInvalidUtf8(known->name.Display()).has_value()) << s;
    auto imported = ImportKnownPerson(kb.store(), *known);
    EXPECT_TRUE(imported.ok()) << s << ": " << imported.status().message();
  }
  EXPECT_GT(accepted, 100);
}

// ---- importing ----------------------------------------------------------------

const std::string kKedrov =
    R"({"name": "Кедров Игорь Павлович", "external_id": "zar-01", "aliases": ["И. П. Кедров"],)"
    R"( "positions": [{"title": "губернатор", "org": "Заречная область", "from": "2021-09-20"}]})";

TEST(ImportKnownPerson, CreatesAPersonAsTheLinkerWould) {
  TestKb kb;
  const ImportedPerson imported = Import(kb.store(), kKedrov);
  EXPECT_EQ(imported.outcome, ImportOutcome::kCreated);
  const store::Person p = Person(kb.store(), imported.person_id);
  EXPECT_EQ(p.surname, "Кедров");
  EXPECT_EQ(p.first_name, "Игорь");
  EXPECT_EQ(p.patronymic, "Павлович");
  EXPECT_EQ(p.gender, "m");
  EXPECT_EQ(p.display_name, "Игорь Павлович Кедров");
  EXPECT_EQ(p.external_id, "zar-01");
  EXPECT_EQ(p.article_count, 0);
  ASSERT_EQ(kb.store().FindPersonsBySurname("КЕДРОВ")->size(), 1u);  // the linker's candidates
  EXPECT_EQ(
      *kb.store().Aliases(imported.person_id),
      (std::vector<std::string>{"И. П. Кедров", "Игорь Павлович Кедров", "Кедров Игорь Павлович"}));
  const auto positions = *kb.store().PersonPositionSummaries(imported.person_id);
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_TRUE(positions[0].imported);
  EXPECT_EQ(positions[0].evidence_count, 0);
  const auto entry = kb::PersonEntry(kb.store(), imported.person_id);
  ASSERT_TRUE(entry.ok());
  EXPECT_EQ(kb::PanelLine(*entry),
            "Игорь Павлович Кедров — Последняя должность: Губернатор (Заречная область) — 0");
}

TEST(ImportKnownPerson, ReimportingUpdatesAndNeverDuplicates) {
  TestKb kb;
  const int64_t id = Import(kb.store(), kKedrov).person_id;
  EXPECT_EQ(Import(kb.store(), kKedrov).outcome, ImportOutcome::kUnchanged);

  // By the external id: a new post replaces the old one, the name is fixed.
  ImportedPerson again = Import(
      kb.store(),
      R"({"name": "Кедров Игорь Петрович", "external_id": "zar-01", "positions": [)"
      R"({"title": "губернатор", "org": "Заречная область", "from": "2021-09-20", "to": "2026-03-31"},)"
      R"({"title": "министр транспорта", "org": "Заречная область", "from": "2026-04-01"}]})");
  EXPECT_EQ(again.person_id, id);
  EXPECT_EQ(again.outcome, ImportOutcome::kUpdated);
  EXPECT_EQ(Person(kb.store(), id).display_name, "Игорь Петрович Кедров");
  auto positions = *kb.store().PersonPositionSummaries(id);
  ASSERT_EQ(positions.size(), 2u);
  EXPECT_EQ(positions[0].title, "министр транспорта");
  EXPECT_EQ(positions[1].title, "губернатор");
  EXPECT_TRUE(positions[1].former);
  EXPECT_EQ(kb.store().FindPersonsBySurname("Кедров")->size(), 1u);

  // Without an external id, by the same full name; an alias more is an update.
  const std::string no_id = R"({"name": "Лебедева Анна Сергеевна"})";
  const int64_t lebedeva = Import(kb.store(), no_id).person_id;
  EXPECT_EQ(Import(kb.store(), no_id).outcome, ImportOutcome::kUnchanged);
  again = Import(kb.store(), R"({"name": "ЛЕБЕДЕВА Анна Сергеевна", "aliases": ["Аня Лебедева"]})");
  EXPECT_EQ(again.person_id, lebedeva);
  EXPECT_EQ(again.outcome, ImportOutcome::kUpdated);
  // The same name with an id claims her.
  again = Import(kb.store(), R"({"name": "Лебедева Анна Сергеевна", "external_id": "kdr-02"})");
  EXPECT_EQ(again.person_id, lebedeva);
  EXPECT_EQ(again.outcome, ImportOutcome::kUpdated);
  EXPECT_EQ(Person(kb.store(), lebedeva).external_id, "kdr-02");
  // A namesake of another id is another person.
  again = Import(kb.store(), R"({"name": "Лебедева Анна Сергеевна", "external_id": "kdr-03"})");
  EXPECT_NE(again.person_id, lebedeva);
  EXPECT_EQ(again.outcome, ImportOutcome::kCreated);
  EXPECT_EQ(kb.store().FindPersonsBySurname("Лебедева")->size(), 2u);
}

TEST(ImportKnownPerson, GrowsThePersonTheArticlesMade) {
  TestKb kb;
  const int64_t from_article =
      kb.Ingest({"2026-01-15T09:00:00Z", {{"Игорь", "", "Кедров", "m"}}})[0];
  const ImportedPerson kedrov = Import(kb.store(), kKedrov);
  EXPECT_EQ(kedrov.person_id, from_article);
  EXPECT_EQ(kedrov.outcome, ImportOutcome::kUpdated);
  const store::Person p = Person(kb.store(), from_article);
  EXPECT_EQ(p.display_name, "Игорь Павлович Кедров");
  EXPECT_EQ(p.external_id, "zar-01");
  EXPECT_EQ(p.article_count, 1);

  // Two persons the list's name may grow (namesakes the linker kept apart by
  // their posts): neither is taken.
  const int64_t mayor = kb.Ingest(
      {"2026-01-16T09:00:00Z", {{"Анна", "", "Мазур", "f", {{"мэр", "Кедровск", false}}}}})[0];
  const int64_t forward = kb.Ingest(
      {"2026-01-17T09:00:00Z", {{"Анна", "", "Мазур", "f", {{"нападающая", "Метеор", false}}}}})[0];
  ASSERT_NE(mayor, forward);
  const ImportedPerson mazur = Import(kb.store(), R"({"name": "Мазур Анна Олеговна"})");
  EXPECT_EQ(mazur.outcome, ImportOutcome::kCreated);
  EXPECT_EQ(Person(kb.store(), mayor).patronymic, "");
  EXPECT_EQ(Person(kb.store(), forward).patronymic, "");
  // One whose patronymic conflicts is not grown either.
  const int64_t semenovich =
      kb.Ingest({"2026-01-18T09:00:00Z", {{"Олег", "Семёнович", "Ясенев", "m"}}})[0];
  const ImportedPerson yasenev = Import(kb.store(), R"({"name": "Ясенев Олег Павлович"})");
  EXPECT_NE(yasenev.person_id, semenovich);
  EXPECT_EQ(yasenev.outcome, ImportOutcome::kCreated);
}

// ---- linking to imported persons ------------------------------------------------

TEST(ImportKnownPerson, ArticlesLinkToTheImportedPerson) {
  TestKb kb;
  const int64_t kedrov = Import(kb.store(), kKedrov).person_id;
  kb.NewLinker();
  // «губернатор Заречной области Игорь Кедров»
  const auto a1 = kb.Ingest(
      {"2026-01-15T09:00:00Z", {{"Игорь", "", "Кедров", "m", {{"губернатор", kRegion, false}}}}});
  EXPECT_EQ(a1[0], kedrov);
  EXPECT_EQ(PanelLineOf(kb.store(), "a1", kedrov),
            "Игорь Павлович Кедров — Последняя должность: Губернатор (Заречная область) — 1");
  // «Игорь Кедров» without a post: the list's post is the last one.
  const auto a2 = kb.Ingest({"2026-02-10T09:00:00Z", {{"Игорь", "", "Кедров", "m"}}});
  EXPECT_EQ(a2[0], kedrov);
  EXPECT_EQ(PanelLineOf(kb.store(), "a2", kedrov),
            "Игорь Павлович Кедров — Последняя должность: Губернатор (Заречная область) — 2");
  // A namesake whose patronymic conflicts is someone else.
  const auto a3 = kb.Ingest({"2026-02-11T09:00:00Z", {{"Игорь", "Семёнович", "Кедров", "m"}}});
  EXPECT_NE(a3[0], kedrov);
  EXPECT_NE(a3[0], 0);
  // A later article's post wins as the last position.
  const auto a4 =
      kb.Ingest({"2026-04-02T09:00:00Z",
                 {{"Игорь", "Павлович", "Кедров", "m", {{"министр транспорта", kRegion, false}}}}});
  EXPECT_EQ(a4[0], kedrov);
  EXPECT_EQ(
      PanelLineOf(kb.store(), "a4", kedrov),
      "Игорь Павлович Кедров — Последняя должность: Министр транспорта (Заречная область) — 3");
  EXPECT_EQ(Person(kb.store(), kedrov).display_name, "Игорь Павлович Кедров");
}

TEST(ImportKnownPerson, AnImportedPostIsEvidenceForTheLinker) {
  TestKb kb;
  // Two imported namesakes without articles; the footballer has the smaller id,
  // which would win a tie.
  const int64_t footballer =
      Import(kb.store(), R"({"name": "Кедров Игорь Семёнович", "positions": [)"
                         R"({"title": "нападающий", "org": "Метеор"}]})")
          .person_id;
  const int64_t governor = Import(kb.store(), kKedrov).person_id;
  ASSERT_LT(footballer, governor);
  kb.NewLinker();
  const auto a1 = kb.Ingest(
      {"2026-01-15T09:00:00Z", {{"Игорь", "", "Кедров", "m", {{"губернатор", kRegion, false}}}}});
  EXPECT_EQ(a1[0], governor);
  const auto a2 = kb.Ingest(
      {"2026-01-16T09:00:00Z", {{"Игорь", "", "Кедров", "m", {{"нападающий", "Метеор", false}}}}});
  EXPECT_EQ(a2[0], footballer);
}

}  // namespace
}  // namespace kto::link
