#include "kto/names/cluster.h"

#include <gtest/gtest.h>

#include <vector>

namespace kto::names {
namespace {

PersonName Name(std::string surname, std::string first = "", std::string patronymic = "",
                Gender gender = Gender::kUnknown) {
  PersonName n;
  n.surname = std::move(surname);
  n.first = std::move(first);
  n.patronymic = std::move(patronymic);
  n.gender = gender;
  n.normal = n.Display();
  return n;
}

PersonName Initials(std::string surname, std::string first, std::string patronymic = "") {
  PersonName n = Name(std::move(surname));
  n.first_initial = std::move(first);
  n.patronymic_initial = std::move(patronymic);
  n.normal = n.Display();
  return n;
}

std::vector<std::vector<uint32_t>> Groups(const std::vector<PersonName>& mentions) {
  std::vector<std::vector<uint32_t>> out;
  for (const PersonCluster& c : ClusterPersons(mentions)) out.push_back(c.mentions);
  return out;
}

using G = std::vector<std::vector<uint32_t>>;
constexpr auto M = Gender::kMale;
constexpr auto F = Gender::kFemale;

TEST(Cluster, FullNameSurnameAndInitialsAreOnePerson) {
  const std::vector<PersonName> mentions = {Name("Кедров", "Игорь", "", M), Name("Кедров"),
                                            Initials("Кедров", "И.", "П."),
                                            Name("", "Игорь", "Павлович", M)};
  EXPECT_EQ(Groups(mentions), (G{{0, 1, 2, 3}}));
  const auto clusters = ClusterPersons(mentions);
  EXPECT_EQ(clusters[0].name.Display(), "Игорь Павлович Кедров");
  EXPECT_EQ(clusters[0].name.Canonical(), "Кедров Игорь Павлович");
  EXPECT_EQ(clusters[0].name.gender, M);
}

TEST(Cluster, NamesakesWithDifferentFirstNamesStayApart) {
  // «Дмитрий Ольховский» and «В. А. Ольховский»; the later bare surname goes
  // to the one mentioned last.
  EXPECT_EQ(Groups({Name("Ольховский", "Дмитрий", "", M), Initials("Ольховский", "В.", "А."),
                    Name("Ольховский")}),
            (G{{0}, {1, 2}}));
  // Father and son: same surname, different first names.
  EXPECT_EQ(Groups({Name("Кедров", "Игорь", "", M), Name("Кедров", "Павел", "", M)}),
            (G{{0}, {1}}));
}

TEST(Cluster, ABareSurnameKeepsTheGenderOfItsVerb) {
  // «Юрий Ясень … его внучка Варвара Ясень … Ясень подарил»: the verb
  // says a man.
  PersonName bare = Name("Ясень", "", "", M);
  bare.gender_from_context = true;
  EXPECT_EQ(Groups({Name("Ясень", "Юрий", "", M), Name("Ясень", "Варвара", "", F), bare}),
            (G{{0, 2}, {1}}));
  // The gender read from the ending alone proves nothing: the last mentioned.
  bare.gender_from_context = false;
  EXPECT_EQ(Groups({Name("Ясень", "Юрий", "", M), Name("Ясень", "Варвара", "", F), bare}),
            (G{{0}, {1, 2}}));
}

TEST(Cluster, ABareSurnameAmongNamesakesGoesToTheOneMentionedMost) {
  EXPECT_EQ(Groups({Name("Ясень", "Юрий", "", M), Name("Ясень"), Name("Ясень", "Варвара", "", F),
                    Name("Ясень")}),
            (G{{0, 1, 3}, {2}}));
}

TEST(Cluster, SurnamesCompareAcrossGenderForms) {
  // «Кедрова» read alone as a woman's nominative is the man's genitive here.
  EXPECT_EQ(Groups({Name("Кедров", "Игорь", "", M), Name("Кедрова", "", "", F)}), (G{{0, 1}}));
  // But a woman with her first name is not the man.
  EXPECT_EQ(Groups({Name("Кедров", "Игорь", "", M), Name("Кедрова", "Анна", "", F)}),
            (G{{0}, {1}}));
  EXPECT_EQ(SurnameKey("Сосновская"), "сосновский");
  EXPECT_EQ(SurnameKey("Ёлкина"), "елкин");
  EXPECT_EQ(SurnameKey("Кедров"), "кедров");
}

TEST(Cluster, LatinAndCyrillicSpellingsOfOneNameAreOnePerson) {
  EXPECT_EQ(TransliterationKey("Gärtner"), TransliterationKey("Гертнер"));
  EXPECT_EQ(TransliterationKey("Kessler"), TransliterationKey("Кесслер"));
  EXPECT_EQ(TransliterationKey("Angelo"), TransliterationKey("Анджело"));
  EXPECT_EQ(TransliterationKey("Sumana Dakko"), TransliterationKey("Сумана Дакко"));
  EXPECT_EQ(TransliterationKey("Cerutti"), TransliterationKey("Серутти"));
  EXPECT_EQ(TransliterationKey("Volker"), TransliterationKey("Фолькер"));
  EXPECT_NE(TransliterationKey("Cerutti"), TransliterationKey("Дакко"));
  EXPECT_EQ(Groups({Name("Кесслер", "Томас", "", M), Name("Kessler", "Thomas"), Name("Кесслер")}),
            (G{{0, 1, 2}}));
  // Different first names stay apart, and so do different surnames.
  EXPECT_EQ(Groups({Name("Серутти", "Сумана", "", M), Name("Cerutti", "Aissa")}), (G{{0}, {1}}));
  EXPECT_EQ(Groups({Name("Серутти", "Сумана", "", M), Name("Dakko", "Sumana")}), (G{{0}, {1}}));
  // The same script compares by the match key only.
  EXPECT_EQ(Groups({Name("Kessler", "Thomas"), Name("Kesler", "Thomas")}), (G{{0}, {1}}));
}

TEST(Cluster, AnObliqueSurnameLeftUnnormalizedJoinsByItsStem) {
  // «Веласии», «Веласию» kept as written next to «Алан Веласия».
  EXPECT_EQ(Groups({Name("Веласия", "Алан", "", M), Name("Веласии"), Name("Веласию"),
                    Name("Веласии", "Алан", "", M)}),
            (G{{0, 1, 2, 3}}));
  // Not between two full names with different first names, nor for short stems.
  EXPECT_EQ(Groups({Name("Веласия", "Алан", "", M), Name("Веласии", "Мигель", "", M)}),
            (G{{0}, {1}}));
  EXPECT_EQ(Groups({Name("Ли", "Анна", "", F), Name("Лю")}), (G{{0}, {1}}));
}

TEST(Cluster, AManInTheGenitiveMisreadAsAWomanJoinsHim) {
  // «Александра Кедрина» (genitive of «Александр Кедрин»), before or after him.
  auto clusters = ClusterPersons(std::vector<PersonName>{Name("Кедрин", "Александр", "", M),
                                                         Name("Кедрина", "Александра", "", F)});
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].name.Display(), "Александр Кедрин");
  clusters = ClusterPersons(std::vector<PersonName>{Name("Кедрина", "Александра", "", F),
                                                    Name("Кедрин", "Александр", "", M),
                                                    Name("Кедрина", "Евгения", "", F)});
  ASSERT_EQ(clusters.size(), 2u);
  EXPECT_EQ(clusters[0].name.Display(), "Александр Кедрин");
  EXPECT_EQ(clusters[0].name.gender, M);
  EXPECT_EQ(clusters[0].mentions, (std::vector<uint32_t>{0, 1}));
  // «Евгения Кедрина» is the genitive of «Евгений Кедрин» only when he is there.
  EXPECT_EQ(Groups({Name("Кедрин", "Евгений", "", M), Name("Кедрина", "Евгения", "", F)}),
            (G{{0, 1}}));
  // Another first name, or another surname, stays apart.
  EXPECT_EQ(Groups({Name("Кедрин", "Александр", "", M), Name("Кедрина", "Анна", "", F)}),
            (G{{0}, {1}}));
  EXPECT_EQ(Groups({Name("Кедрин", "Александр", "", M), Name("Зимина", "Александра", "", F)}),
            (G{{0}, {1}}));
}

TEST(Cluster, AForeignFirstNameReadAsASurnameJoinsItsPerson) {
  // «Тома» (genitive) and «Том» alone, before and after «Том Бэрри».
  EXPECT_EQ(Groups({Name("Тома"), Name("Бэрри", "Том", "", M), Name("Том"), Name("Бэрри")}),
            (G{{0, 1, 2, 3}}));
  EXPECT_EQ(Groups({Name("Берти", "Анджело", "", M), Name("Анджело")}), (G{{0, 1}}));
  // Two persons with that first name: neither.
  EXPECT_EQ(Groups({Name("Бэрри", "Том", "", M), Name("Гловер", "Том", "", M), Name("Том")}),
            (G{{0}, {1}, {2}}));
  // Said alone more often than the full name: someone else.
  EXPECT_EQ(Groups({Name("Хироси", "Кэндзи", "", M), Name("Кэндзи"), Name("Кэндзи")}),
            (G{{0}, {1, 2}}));
  // A surname of the article stays a surname.
  EXPECT_EQ(Groups({Name("Томов", "Игорь", "", M), Name("Бэрри", "Том", "", M), Name("Томов")}),
            (G{{0, 2}, {1}}));
}

TEST(Cluster, AChineseNameKeepsItsOrderWhenItGrowsFromOneWord) {
  PersonName full = Name("Лю", "Цзяньго");
  full.surname_first = true;
  full.normal = full.Display();
  const auto clusters = ClusterPersons(std::vector<PersonName>{Name("Лю"), full});
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].name.Display(), "Лю Цзяньго");
}

TEST(Cluster, FullerNameAppearingLaterWins) {
  const auto clusters = ClusterPersons(
      std::vector<PersonName>{Name("Кедрова", "", "", F), Name("Кедров", "Игорь", "Павлович", M)});
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].name.surname, "Кедров");
  EXPECT_EQ(clusters[0].name.gender, M);
  EXPECT_EQ(clusters[0].name.normal, "Игорь Павлович Кедров");
}

TEST(Cluster, BareFirstNameJoinsOnlyWhenUnambiguous) {
  EXPECT_EQ(Groups({Name("Кедров", "Игорь"), Name("", "Игорь")}), (G{{0, 1}}));
  EXPECT_EQ(Groups({Name("Кедров", "Игорь"), Name("Сосновский", "Игорь"), Name("", "Игорь")}),
            (G{{0}, {1}, {2}}));
}

TEST(Cluster, OneWordMatchesInEitherRole) {
  // «Борис Кедрин», then «Кедрин» read as a first name; «Гарри Ольдман»,
  // then «Гарри» read as a surname.
  EXPECT_EQ(Groups({Name("Кедрин", "Борис", "", M), Name("", "Кедрин", "", M)}), (G{{0, 1}}));
  const std::vector<PersonName> mentions = {Name("Ольдман", "Гарри", "", M), Name("Гарри")};
  EXPECT_EQ(Groups(mentions), (G{{0, 1}}));
  const auto clusters = ClusterPersons(mentions);
  EXPECT_EQ(clusters[0].name.first, "Гарри");
  EXPECT_EQ(clusters[0].name.surname, "Ольдман");
  // Nothing to match: the word keeps the role it was read in.
  EXPECT_EQ(ClusterPersons(std::vector<PersonName>{Name("Гарри")})[0].name.surname, "Гарри");
  // Two persons share the first name: the bare word joins neither.
  EXPECT_EQ(Groups({Name("Ольдман", "Гарри"), Name("Кедрин", "Гарри"), Name("Гарри")}),
            (G{{0}, {1}, {2}}));
}

TEST(Cluster, BareSurnameMatchesUpToItsGuessedEnding) {
  // «Франческо Лавура», then «Лавуры» guessed as «Лавур»; «Массии» as «Массий».
  EXPECT_EQ(Groups({Name("Лавура", "Франческо", "", M), Name("Лавур")}), (G{{0, 1}}));
  EXPECT_EQ(Groups({Name("Масси", "Лионель", "", M), Name("Массий")}), (G{{0, 1}}));
  // With the same first name too («Алана Фаринии» read as «Алан Фаринии»).
  EXPECT_EQ(Groups({Name("Фариния", "Алан", "", M), Name("Фаринии", "Алан", "", M)}), (G{{0, 1}}));
  // Not with different first names.
  EXPECT_EQ(Groups({Name("Лавура", "Франческо", "", M), Name("Лавур", "Пьетро", "", M)}),
            (G{{0}, {1}}));
  // A different surname stays apart.
  EXPECT_EQ(Groups({Name("Лавура", "Франческо", "", M), Name("Лавди")}), (G{{0}, {1}}));
}

TEST(Cluster, SameAsJoinsWithoutChangingTheName) {
  // A spelling the consonant key does not join («Cedrin» reads С-Д-Р-Н).
  const std::vector<PersonName> mentions = {Name("Кедрин", "Томас", "", M), Name("Cedrin", "Tomas"),
                                            Name("Cedrin", "Tomas")};
  const std::vector<int> same_as = {-1, 0, -1};
  const auto clusters = ClusterPersons(mentions, same_as);
  ASSERT_EQ(clusters.size(), 2u);
  EXPECT_EQ(clusters[0].mentions, (std::vector<uint32_t>{0, 1}));
  EXPECT_EQ(clusters[0].name.Display(), "Томас Кедрин");
  EXPECT_EQ(clusters[1].mentions, (std::vector<uint32_t>{2}));  // not said to be the same
}

TEST(Cluster, ObliqueFormReadAsTheOtherGenderJoins) {
  // «Лиамом Дэвиттом», then «Лиама Дэвитта» read as a woman's nominative.
  const std::vector<PersonName> mentions = {Name("Дэвитт", "Лиам", "", M),
                                            Name("Дэвитта", "Лиама", "", F)};
  EXPECT_EQ(Groups(mentions), (G{{0, 1}}));
  const auto clusters = ClusterPersons(mentions);
  EXPECT_EQ(clusters[0].name.Display(), "Лиам Дэвитт");
  EXPECT_EQ(clusters[0].name.gender, Gender::kMale);
  // A bare first name too: «Том Брай», then «Тома» read as a woman's name.
  EXPECT_EQ(Groups({Name("Брай", "Том", "", M), Name("", "Тома", "", F)}), (G{{0, 1}}));
  // Different names, or a patronymic against it, stay apart.
  EXPECT_EQ(Groups({Name("Дэвитт", "Лиам", "", M), Name("Дэвитта", "Анна", "", F)}), (G{{0}, {1}}));
  EXPECT_EQ(
      Groups({Name("Кедрин", "Евгений", "Павлович", M), Name("Кедрина", "Евгения", "Ивановна", F)}),
      (G{{0}, {1}}));
}

TEST(Cluster, ShortFirstNamesMatchTheFullOnes) {
  // «Елизавета Петровна Кедрина», then «Лиза»; the full form wins the name
  // when the short one came first.
  EXPECT_EQ(Groups({Name("Кедрина", "Елизавета", "Петровна", F), Name("", "Лиза", "", F)}),
            (G{{0, 1}}));
  const auto clusters = ClusterPersons(
      std::vector<PersonName>{Name("Кедрин", "Влад", "", M), Name("Кедрин", "Владислав", "", M)});
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].name.first, "Владислав");
  EXPECT_EQ(Groups({Name("Кедрин", "Влад", "", M), Name("Кедрин", "Виктор", "", M)}),
            (G{{0}, {1}}));
}

TEST(Cluster, FamiliesStayApartFromPersons) {
  PersonName family = Name("Кедровы");
  family.family = true;
  EXPECT_EQ(Groups({Name("Кедров", "Игорь"), family}), (G{{0}, {1}}));
}

TEST(Cluster, EmptyInput) {
  EXPECT_TRUE(ClusterPersons({}).empty());
}

}  // namespace
}  // namespace kto::names
