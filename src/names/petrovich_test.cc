#include "kto/names/petrovich.h"

#include <gtest/gtest.h>

#include <array>
#include <string>

namespace kto::names {
namespace {

using Forms = std::array<std::string, kCaseCount>;  // им, род, дат, вин, твор, пред

struct Row {
  const char* name;
  NamePart part;
  Gender gender;
  Forms forms;
};

constexpr auto M = Gender::kMale;
constexpr auto F = Gender::kFemale;
constexpr auto kSurname = NamePart::kSurname;
constexpr auto kFirst = NamePart::kFirstName;
constexpr auto kPatronymic = NamePart::kPatronymic;

// Names of fictional people in all six cases.
const Row kTable[] = {
    {"Игорь", kFirst, M, {"Игорь", "Игоря", "Игорю", "Игоря", "Игорем", "Игоре"}},
    {"Павел", kFirst, M, {"Павел", "Павла", "Павлу", "Павла", "Павлом", "Павле"}},
    {"Илья", kFirst, M, {"Илья", "Ильи", "Илье", "Илью", "Ильей", "Илье"}},
    {"Никита", kFirst, M, {"Никита", "Никиты", "Никите", "Никиту", "Никитой", "Никите"}},
    {"Лев", kFirst, M, {"Лев", "Льва", "Льву", "Льва", "Львом", "Льве"}},
    {"Пётр", kFirst, M, {"Пётр", "Петра", "Петру", "Петра", "Петром", "Петре"}},
    {"Анна", kFirst, F, {"Анна", "Анны", "Анне", "Анну", "Анной", "Анне"}},
    {"Мария", kFirst, F, {"Мария", "Марии", "Марии", "Марию", "Марией", "Марии"}},
    {"Любовь", kFirst, F, {"Любовь", "Любови", "Любови", "Любовь", "Любовью", "Любови"}},
    {"Ольга", kFirst, F, {"Ольга", "Ольги", "Ольге", "Ольгу", "Ольгой", "Ольге"}},
    {"Кедров", kSurname, M, {"Кедров", "Кедрова", "Кедрову", "Кедрова", "Кедровым", "Кедрове"}},
    {"Кедрова",
     kSurname,
     F,
     {"Кедрова", "Кедровой", "Кедровой", "Кедрову", "Кедровой", "Кедровой"}},
    {"Сосновский",
     kSurname,
     M,
     {"Сосновский", "Сосновского", "Сосновскому", "Сосновского", "Сосновским", "Сосновском"}},
    {"Сосновская",
     kSurname,
     F,
     {"Сосновская", "Сосновской", "Сосновской", "Сосновскую", "Сосновской", "Сосновской"}},
    {"Ольховенко",
     kSurname,
     M,
     {"Ольховенко", "Ольховенко", "Ольховенко", "Ольховенко", "Ольховенко", "Ольховенко"}},
    {"Рябиных", kSurname, F, {"Рябиных", "Рябиных", "Рябиных", "Рябиных", "Рябиных", "Рябиных"}},
    {"Дубравин",
     kSurname,
     M,
     {"Дубравин", "Дубравина", "Дубравину", "Дубравина", "Дубравиным", "Дубравине"}},
    {"Лебедева-Крылова",
     kSurname,
     F,
     {"Лебедева-Крылова", "Лебедевой-Крыловой", "Лебедевой-Крыловой", "Лебедеву-Крылову",
      "Лебедевой-Крыловой", "Лебедевой-Крыловой"}},
    {"Павлович",
     kPatronymic,
     M,
     {"Павлович", "Павловича", "Павловичу", "Павловича", "Павловичем", "Павловиче"}},
    {"Ильич", kPatronymic, M, {"Ильич", "Ильича", "Ильичу", "Ильича", "Ильичем", "Ильиче"}},
    {"Сергеевна",
     kPatronymic,
     F,
     {"Сергеевна", "Сергеевны", "Сергеевне", "Сергеевну", "Сергеевной", "Сергеевне"}},
};

TEST(Petrovich, DeclinesNamesInAllSixCases) {
  for (const Row& row : kTable) {
    for (int c = 0; c < kCaseCount; ++c) {
      EXPECT_EQ(Decline(row.name, row.part, row.gender, static_cast<Case>(c)), row.forms[c])
          << row.name << " case " << c;
    }
  }
}

TEST(Petrovich, GuessesTheNominativeBackFromEveryCase) {
  for (const Row& row : kTable) {
    for (int c = 1; c < kCaseCount; ++c) {
      const auto guesses = GuessNominatives(row.forms[c], row.part, row.gender);
      bool found = false;
      for (const auto& guess : guesses) found |= guess.nominative == row.name;
      EXPECT_TRUE(found) << row.forms[c] << " (case " << c << ") should give " << row.name;
    }
  }
}

TEST(Petrovich, TheFormItselfIsTheFirstGuess) {
  const auto guesses = GuessNominatives("Кедрову", kSurname, M);
  ASSERT_GE(guesses.size(), 2u);
  EXPECT_EQ(guesses[0].nominative, "Кедрову");
  EXPECT_EQ(guesses[0].seen_as, Case::kNominative);
  bool dative = false;
  for (const auto& guess : guesses)
    dative |= guess.nominative == "Кедров" && guess.seen_as == Case::kDative;
  EXPECT_TRUE(dative);
}

TEST(Petrovich, UnknownGenderTriesBoth) {
  bool male = false, female = false;
  for (const auto& guess : GuessNominatives("Кедровой", kSurname, Gender::kUnknown)) {
    male |= guess.nominative == "Кедров";  // no case of «Кедров» is «Кедровой»
    female |= guess.nominative == "Кедрова";
  }
  EXPECT_TRUE(female);
  EXPECT_FALSE(male);
}

TEST(Petrovich, ForeignNamesGetRuleBasedForms) {
  EXPECT_EQ(Decline("Сакиб", kFirst, M, Case::kDative), "Сакибу");
  EXPECT_EQ(Decline("Нисар", kSurname, M, Case::kDative), "Нисару");
  bool found = false;
  for (const auto& guess : GuessNominatives("Нисару", kSurname, M))
    found |= guess.nominative == "Нисар" && guess.seen_as == Case::kDative;
  EXPECT_TRUE(found);
}

TEST(Petrovich, KeepsCapitals) {
  EXPECT_EQ(Decline("КЕДРОВ", kSurname, M, Case::kInstrumental), "КЕДРОВЫМ");
  EXPECT_EQ(Decline("кедров", kSurname, M, Case::kGenitive), "кедрова");
}

TEST(Petrovich, EmptyInputStaysEmpty) {
  EXPECT_EQ(Decline("", kSurname, M, Case::kGenitive), "");
  EXPECT_EQ(GuessNominatives("", kSurname, M).size(), 1u);
}

}  // namespace
}  // namespace kto::names
