// Names as a known-persons list writes them (fictional people).
#include "kto/names/listed_name.h"

#include <gtest/gtest.h>

#include <string>

namespace kto::names {
namespace {

struct Case {
  std::string name;
  std::string surname, first, patronymic;
  Gender gender;
};

TEST(ListedName, TableOfNames) {
  const Case cases[] = {
      // «Фамилия Имя Отчество», the documented order.
      {"Кедров Игорь Павлович", "Кедров", "Игорь", "Павлович", Gender::kMale},
      {"Лебедева Анна Сергеевна", "Лебедева", "Анна", "Сергеевна", Gender::kFemale},
      {"Сосновский Павел Ильич", "Сосновский", "Павел", "Ильич", Gender::kMale},
      {"Берестова Елена Ильинична", "Берестова", "Елена", "Ильинична", Gender::kFemale},
      // A patronymic as the middle word: «Имя Отчество Фамилия».
      {"Игорь Павлович Кедров", "Кедров", "Игорь", "Павлович", Gender::kMale},
      {"Марина Викторовна Ветрова", "Ветрова", "Марина", "Викторовна", Gender::kFemale},
      // A surname ending like a patronymic stays a surname in either order.
      {"Бабич Олег Андреевич", "Бабич", "Олег", "Андреевич", Gender::kMale},
      {"Олег Андреевич Бабич", "Бабич", "Олег", "Андреевич", Gender::kMale},
      // No patronymic: the gender from a typical surname ending, else unknown.
      {"Лебедева Анна", "Лебедева", "Анна", "", Gender::kFemale},
      {"Пугачёв Илья", "Пугачёв", "Илья", "", Gender::kMale},
      {"Сосновская Вера", "Сосновская", "Вера", "", Gender::kFemale},
      {"Мазур Анна", "Мазур", "Анна", "", Gender::kUnknown},
      {"Дзюбенко Олег", "Дзюбенко", "Олег", "", Gender::kUnknown},
      // Turkic patronymics of two words.
      {"Алиев Тимур Рашид оглы", "Алиев", "Тимур", "Рашид оглы", Gender::kMale},
      {"Алиева Лейла Рашид кызы", "Алиева", "Лейла", "Рашид кызы", Gender::kFemale},
      {"Тимур Рашид оглы Алиев", "Алиев", "Тимур", "Рашид оглы", Gender::kMale},
      // Capitals, lower case, hyphens, ё, extra spaces.
      {"КЕДРОВ Игорь Павлович", "Кедров", "Игорь", "Павлович", Gender::kMale},
      {"лебедева-крылова светлана игоревна", "Лебедева-Крылова", "Светлана", "Игоревна",
       Gender::kFemale},
      {"  Ёлкин \t Пётр\u00a0Семёнович ", "Ёлкин", "Пётр", "Семёнович", Gender::kMale},
      {"О'Брайен Шон", "О'Брайен", "Шон", "", Gender::kUnknown},
  };
  for (const Case& c : cases) {
    auto parsed = ParseListedName(c.name);
    ASSERT_TRUE(parsed.ok()) << c.name << ": " << parsed.status().message();
    EXPECT_EQ(parsed->surname, c.surname) << c.name;
    EXPECT_EQ(parsed->first, c.first) << c.name;
    EXPECT_EQ(parsed->patronymic, c.patronymic) << c.name;
    EXPECT_EQ(parsed->gender, c.gender) << c.name;
    EXPECT_TRUE(parsed->first_initial.empty() && parsed->patronymic_initial.empty()) << c.name;
  }
}

TEST(ListedName, DisplayAndNormal) {
  auto parsed = ParseListedName("КЕДРОВ  Игорь Павлович");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->Display(), "Игорь Павлович Кедров");
  EXPECT_EQ(parsed->Canonical(), "Кедров Игорь Павлович");
  EXPECT_EQ(parsed->normal, "Кедров Игорь Павлович");
  parsed = ParseListedName("Игорь Павлович Кедров");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->normal, "Игорь Павлович Кедров");
}

TEST(ListedName, RejectsWhatIsNotAFullName) {
  const struct {
    std::string name, message;
  } cases[] = {
      {"", "expected «Фамилия Имя Отчество»"},
      {"   ", "expected «Фамилия Имя Отчество»"},
      {"Кедров", "expected «Фамилия Имя Отчество»"},
      {"Кедров Игорь Павлович Второй", "expected «Фамилия Имя Отчество»"},
      {"Кедров И. П.", "is an initial"},
      {"Кедров И П", "is an initial"},
      {"Кедров Игорь2", "is not a name"},
      {"Кедров, Игорь", "is not a name"},
      {"Кедров -Игорь", "is not a name"},
      {"Алиев Рашид оглы", "is a patronymic"},
      {"Кедров \xff\xfe", "invalid UTF-8 at byte 13"},
      {"Кедров " + std::string(300, 'a'), "more than 200 characters"},
  };
  for (const auto& c : cases) {
    auto parsed = ParseListedName(c.name);
    ASSERT_FALSE(parsed.ok()) << c.name;
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidInput) << c.name;
    EXPECT_NE(parsed.status().message().find(c.message), std::string::npos)
        << c.name << ": " << parsed.status().message();
  }
}

}  // namespace
}  // namespace kto::names
