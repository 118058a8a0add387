// Linking decisions on hand-built analyses (no model needed).
#include "kto/link/linker.h"

#include <gtest/gtest.h>

#include "test_kb.h"

namespace kto::link {
namespace {

using testing::A;
using testing::P;
using testing::TestKb;

store::Person Get(TestKb& kb, int64_t id) {
  auto p = kb.store().GetPerson(id);
  EXPECT_TRUE(p.ok() && p->has_value());
  return p.ok() && p->has_value() ? **p : store::Person{};
}

TEST(Linker, SameFullNameLinksAndBareSurnameLinksToTheKnownPerson) {
  TestKb kb;
  const auto a = kb.Ingest({"2026-01-10T00:00:00Z", {{"Игорь", "", "Кедров", "m"}}});
  const auto b = kb.Ingest({"2026-01-11T00:00:00Z", {{"Игорь", "", "Кедров", ""}}});
  const auto c = kb.Ingest({"2026-01-12T00:00:00Z", {{"", "", "Кедров", ""}}});
  ASSERT_EQ(a.size(), 1u);
  EXPECT_NE(a[0], 0);
  EXPECT_EQ(b[0], a[0]);
  EXPECT_EQ(c[0], a[0]);
  EXPECT_EQ(*kb.store().CountPersonArticles(a[0], {}), 3);
}

// One transcribed name in two spellings is one person: «Дэниел Кассиев»,
// «Дениэл Касиев»; a different first name is still another person.
TEST(Linker, SpellingVariantsOfATranscribedNameLink) {
  TestKb kb;
  const auto a = kb.Ingest({"2026-01-10T00:00:00Z", {{"Дэниел", "", "Кассиев", "m"}}});
  const auto b = kb.Ingest({"2026-01-11T00:00:00Z", {{"Дениэл", "", "Касиев", "m"}}});
  const auto c = kb.Ingest({"2026-01-12T00:00:00Z", {{"Тимур", "", "Касиев", "m"}}});
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(b[0], a[0]);
  EXPECT_NE(c[0], a[0]);
}

TEST(Linker, InitialsLinkAndTheNameGrows) {
  TestKb kb;
  const auto a = kb.Ingest({"2026-01-10T00:00:00Z", {{"В.", "В.", "Мазур", ""}}});
  EXPECT_EQ(Get(kb, a[0]).display_name, "В. В. Мазур");
  const auto b = kb.Ingest({"2026-01-11T00:00:00Z", {{"Владимир", "", "Мазур", "m"}}});
  EXPECT_EQ(b[0], a[0]);
  // The patronymic's initial is kept, not shown beside the full first name.
  EXPECT_EQ(Get(kb, a[0]).display_name, "Владимир Мазур");
  const auto c = kb.Ingest({"2026-01-12T00:00:00Z", {{"Владимир", "Викторович", "Мазур", "m"}}});
  EXPECT_EQ(c[0], a[0]);
  const store::Person p = Get(kb, a[0]);
  EXPECT_EQ(p.display_name, "Владимир Викторович Мазур");
  EXPECT_EQ(p.gender, "m");
  auto aliases = kb.store().Aliases(a[0]);
  ASSERT_TRUE(aliases.ok());
  EXPECT_EQ(aliases->size(), 3u);  // «В. В. Мазур», «Владимир Мазур», the full form
}

TEST(Linker, ConflictingNamesMakeNewPersons) {
  TestKb kb;
  const auto a = kb.Ingest({"2026-01-10T00:00:00Z", {{"Дмитрий", "", "Ольховский", "m"}}});
  const auto b = kb.Ingest({"2026-01-11T00:00:00Z", {{"В.", "А.", "Ольховский", ""}}});
  EXPECT_NE(a[0], b[0]);
  const auto c = kb.Ingest({"2026-01-12T00:00:00Z", {{"Дмитрий", "Петрович", "Ольховский", ""}}});
  EXPECT_EQ(c[0], a[0]);
  const auto d = kb.Ingest({"2026-01-13T00:00:00Z", {{"Дмитрий", "Ильич", "Ольховский", ""}}});
  EXPECT_NE(d[0], a[0]);
  EXPECT_NE(d[0], b[0]);
  // Gender: Саша Ольховская is not Саша Ольховский (another surname key too).
  const auto e = kb.Ingest({"2026-01-14T00:00:00Z", {{"Саша", "", "Ольховская", "f"}}});
  const auto f = kb.Ingest({"2026-01-15T00:00:00Z", {{"Саша", "", "Ольховский", "m"}}});
  EXPECT_NE(e[0], f[0]);
}

TEST(Linker, NamesakesWithDifferentPositionsAndContextsStayApart) {
  TestKb kb;
  const auto gov =
      kb.Ingest({"2026-03-01T00:00:00Z",
                 {{"Александр", "", "Иванов", "m", {{"губернатор", "Северская область", false}}}},
                 {},
                 {"Кедровск"}});
  const auto player =
      kb.Ingest({"2026-03-02T00:00:00Z",
                 {{"Александр", "", "Иванов", "m", {{"нападающий", "Метеор", false}}}},
                 {"Метеор"},
                 {"Заречье"}});
  EXPECT_NE(gov[0], player[0]);
  // Each context finds its own Иванов, with a full name or a bare surname.
  EXPECT_EQ(
      kb.Ingest({"2026-03-03T00:00:00Z", {{"", "", "Иванов", ""}}, {"Метеор"}, {"Заречье"}})[0],
      player[0]);
  EXPECT_EQ(
      kb.Ingest(
          {"2026-03-04T00:00:00Z",
           {{"Александр", "", "Иванов", "m", {{"губернатор", "Северская область", false}}}}})[0],
      gov[0]);
  EXPECT_EQ(
      kb.Ingest({"2026-03-05T00:00:00Z", {{"Александр", "", "Иванов", ""}}, {}, {"Кедровск"}})[0],
      gov[0]);
}

TEST(Linker, FamiliesAreNotLinkedAndResolveWritesNothing) {
  TestKb kb;
  facts::ArticleAnalysis analysis = TestKb::ToFacts({"", {{"", "", "Ивановы", ""}}});
  analysis.persons[0].name.family = true;
  auto ids = kb.linker().Link(analysis, "");
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ((*ids)[0], 0);

  auto resolved = kb.linker().Resolve(TestKb::ToFacts({"", {{"Игорь", "", "Кедров", ""}}}), "");
  ASSERT_TRUE(resolved.ok());
  EXPECT_EQ((*resolved)[0], 0);
  EXPECT_TRUE(kb.store().FindPersonsBySurname("Кедров")->empty());
  const auto a = kb.Ingest({"2026-01-10T00:00:00Z", {{"Игорь", "", "Кедров", "m"}}});
  resolved = kb.linker().Resolve(TestKb::ToFacts({"", {{"", "", "Кедров", ""}}}), "");
  EXPECT_EQ((*resolved)[0], a[0]);
}

// Articles where namesakes are told apart by their positions and contexts.
const std::vector<A>& NamesakeArticles() {
  static const std::vector<A> articles = {
      {"2026-03-01T00:00:00Z",
       {{"Александр", "", "Иванов", "m", {{"губернатор", "Северская область", false}}}},
       {},
       {"Кедровск"}},
      {"2026-03-02T00:00:00Z",
       {{"Александр", "", "Иванов", "m", {{"нападающий", "Метеор", false}}}},
       {"Метеор"},
       {"Заречье"}},
      {"2026-03-03T00:00:00Z",
       {{"", "", "Иванов", ""}, {"Игорь", "", "Кедров", ""}},
       {"Метеор"},
       {}},
      {"2026-03-04T00:00:00Z", {{"А.", "", "Иванов", ""}}, {}, {"Кедровск"}},
      {"2026-03-05T00:00:00Z",
       {{"Александр", "", "Иванов", "m", {{"губернатор", "Северская область", false}}}}},
      {"2026-03-06T00:00:00Z", {{"", "", "Иванов", ""}}, {"Метеор"}, {"Заречье"}},
  };
  return articles;
}

std::vector<std::vector<int64_t>> IngestAll(const LinkOptions& options = {}) {
  TestKb kb(options);
  std::vector<std::vector<int64_t>> ids;
  for (const A& a : NamesakeArticles()) ids.push_back(kb.Ingest(a));
  return ids;
}

TEST(Linker, IsDeterministic) {
  const auto first = IngestAll();
  EXPECT_EQ(first, IngestAll());
  // The two Ивановы stay apart.
  EXPECT_NE(first[0][0], first[1][0]);
}

TEST(Linker, ForgettingTheProfilesReadsThemBackFromTheStore) {
  LinkOptions forgetful;
  forgetful.max_profiles = 0;  // every profile is forgotten before each article
  const auto remembered = IngestAll();
  const auto read_back = IngestAll(forgetful);
  EXPECT_EQ(read_back, remembered);
  // The namesakes were told apart by the profiles read back.
  EXPECT_EQ(read_back[4][0], read_back[0][0]);
  EXPECT_EQ(read_back[5][0], read_back[1][0]);
}

}  // namespace
}  // namespace kto::link

namespace kto::link {
namespace {

TEST(Linker, OneWordNamesJoinTheArticlesPersonWithThatSurnameOrFirstName) {
  TestKb kb;
  // «Джонсон» parsed as a first name; «Бориса» alone.
  const auto ids = kb.Ingest(
      {"2026-01-10T00:00:00Z",
       {{"Борис", "", "Джонсон", "m"}, {"Джонсон", "", "", "m"}, {"Борис", "", "", "m"}}});
  EXPECT_EQ(ids[1], ids[0]);
  EXPECT_EQ(ids[2], ids[0]);
  // Two persons with that first name: no guess.
  const auto two = kb.Ingest(
      {"2026-01-11T00:00:00Z",
       {{"Борис", "", "Джонсон", "m"}, {"Борис", "", "Кедров", "m"}, {"Борис", "", "", "m"}}});
  EXPECT_NE(two[2], two[0]);
  EXPECT_NE(two[2], two[1]);
}

}  // namespace
}  // namespace kto::link

namespace kto::link {
namespace {

TEST(Linker, ClustersOfOneArticleWithTheSameNameAreOnePerson) {
  TestKb kb;
  // The clusterer kept two «Тулси Ренвик» apart (genders read differently).
  const auto ids = kb.Ingest(
      {"2026-01-10T00:00:00Z",
       {{"Тулси", "", "Ренвик", "f"}, {"Тулси", "", "Ренвик", "m"}, {"", "", "Ренвик", ""}}});
  EXPECT_EQ(ids[1], ids[0]);
  EXPECT_EQ(ids[2], ids[0]);
  // A full first name outweighs a gender read differently across articles.
  EXPECT_EQ(kb.Ingest({"2026-01-11T00:00:00Z", {{"Тулси", "", "Ренвик", "m"}}})[0], ids[0]);
  // Namesakes of one article stay apart.
  const auto two =
      kb.Ingest({"2026-01-12T00:00:00Z",
                 {{"Дмитрий", "", "Ольховский", "m"}, {"В.", "А.", "Ольховский", ""}}});
  EXPECT_NE(two[0], two[1]);
  // «миссис Нюгрен» beside «Эрик Нюгрен»: a woman, for sure; a gender read
  // from a verb is not sure and does not keep them apart.
  const auto wife =
      kb.Ingest({"2026-01-13T00:00:00Z", {{"Эрик", "", "Нюгрен", "m"}, {"", "", "Нюгрен", "f!"}}});
  EXPECT_NE(wife[1], wife[0]);
  const auto verb =
      kb.Ingest({"2026-01-14T00:00:00Z", {{"Эрик", "", "Нюгрен", "m"}, {"", "", "Нюгрен", "f"}}});
  EXPECT_EQ(verb[1], verb[0]);
}

}  // namespace
}  // namespace kto::link

namespace kto::link {
namespace {

TEST(Linker, ABareSurnameWithAnotherEndingJoinsTheArticlesPerson) {
  TestKb kb;
  const auto ids =
      kb.Ingest({"2026-01-10T00:00:00Z", {{"Алан", "", "Гарсия", "m"}, {"", "", "Гарсии", ""}}});
  EXPECT_EQ(ids[1], ids[0]);
  // Not with a first name that says otherwise, and not for short keys.
  const auto two = kb.Ingest(
      {"2026-01-11T00:00:00Z", {{"Алан", "", "Гарсия", "m"}, {"Педро", "", "Гарсии", ""}}});
  EXPECT_NE(two[1], two[0]);
}

}  // namespace
}  // namespace kto::link
