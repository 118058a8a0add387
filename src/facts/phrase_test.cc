#include "kto/facts/phrase.h"

#include <gtest/gtest.h>

#include "../morph/testing.h"

namespace kto::facts {
namespace {

std::string Nominative(const std::string& phrase) {
  const auto analyzed = morph::testing::Analyze(phrase);
  return NominativePhrase(analyzed.View(), {0, static_cast<uint32_t>(analyzed.doc.tokens.size())});
}

TEST(Phrase, PositionsOrganizationsPlaces) {
  const std::pair<const char*, const char*> cases[] = {
      {"министром природных ресурсов и охраны окружающей среды",
       "министр природных ресурсов и охраны окружающей среды"},
      {"губернатора Северской области", "губернатор Северской области"},
      {"Северской области", "Северская область"},
      {"Соединённых Штатах", "Соединённые Штаты"},
      {"бывшего министра транспорта", "бывший министр транспорта"},
      {"Министерства обороны", "Министерство обороны"},
      {"Государственной думы", "Государственная дума"},
      {"Беларуси", "Беларусь"},
      {"президентом", "президент"},
      {"главе района", "глава района"},
      {"Светлую", "Светлая"},
      {"заместителем председателя правительства области",
       "заместитель председателя правительства области"},
      // A name in quotes alone is inflected inside them.
      {"«Северного сияния»", "«Северное сияние»"},
      {"\"Кедровской стали\"", "\"Кедровская сталь\""},
      // Homonyms: the adjective's gender («парка» is feminine), the word as
      // the dictionary has it («мор» is a word too), and for a word it does
      // not know, the nominative most of its guesses agree on.
      {"Центральном парке", "Центральный парк"},
      {"Южном море", "Южное море"},
      {"Северии", "Северия"},
      // A capitalized word keeps its double letters: «Армии» is not the
      // dictionary's «армий» reached by merging «ии».
      {"Северной Армии", "Северная Армия"},
      // A guessed abbreviation of a word not in capitals is no reading.
      {"Озёрска", "Озёрск"},
  };
  for (const auto& [phrase, expected] : cases) EXPECT_EQ(Nominative(phrase), expected) << phrase;
}

// The head noun's gender when it has one only: a feature of the pair
// scorer (a dancer «танцовщица» is rarely a man's post; «звезда» may be).
TEST(Phrase, HeadGender) {
  auto gender = [](const std::string& phrase) {
    const auto analyzed = morph::testing::Analyze(phrase);
    return HeadGrammar(analyzed.View(), {0, static_cast<uint32_t>(analyzed.doc.tokens.size())})
        .gender;
  };
  EXPECT_EQ(gender("танцовщица"), names::Gender::kFemale);
  EXPECT_EQ(gender("главный тренер клуба"), names::Gender::kMale);
  EXPECT_EQ(gender("судья"), names::Gender::kUnknown);     // of either gender
  EXPECT_EQ(gender("писатели"), names::Gender::kUnknown);  // a group's, women too
}

TEST(Phrase, SingularForOneHolder) {
  auto singular = [](const std::string& phrase) {
    const auto analyzed = morph::testing::Analyze(phrase);
    return NominativePhrase(analyzed.View(), {0, static_cast<uint32_t>(analyzed.doc.tokens.size())},
                            Describes::kOnePerson);
  };
  EXPECT_EQ(singular("известные музыканты"), "известный музыкант");
  EXPECT_EQ(singular("министрами иностранных дел"), "министр иностранных дел");
  EXPECT_EQ(singular("губернаторов Северской области"), "губернатор Северской области");
  EXPECT_EQ(singular("вице-премьеры"), "вице-премьер");
  EXPECT_EQ(singular("президентом"), "президент");
  // A post is a person's: the animate reading of the head.
  EXPECT_EQ(singular("премьера Северии"), "премьер Северии");
  EXPECT_EQ(Nominative("премьеры фильма"), "премьера фильма");  // a thing: no preference
  // A noun likelier than its adjective reading heads the phrase.
  EXPECT_EQ(singular("главой федерации"), "глава федерации");
  // A post capitalized at a sentence's start is no surname.
  EXPECT_EQ(singular("Королева"), "Королева");
  EXPECT_EQ(Nominative("известные музыканты"), "известные музыканты");  // as written by default
  // A participle or adjective that stands for a noun heads the phrase when
  // the noun after it does not agree with it.
  EXPECT_EQ(singular("исполняющим обязанности губернатора"), "исполняющий обязанности губернатора");
  EXPECT_EQ(singular("ведущего вечерней передачи"), "ведущий вечерней передачи");
  EXPECT_EQ(singular("Ведущей церемоний закрытия"), "Ведущая церемоний закрытия");
  EXPECT_EQ(singular("заведующий музейным отделом"), "заведующий музейным отделом");
  EXPECT_EQ(singular("нападающий сборной Северии"), "нападающий сборной Северии");
  // Beside a noun of either gender, the adjective keeps its own.
  EXPECT_EQ(singular("федерального судьи"), "федеральный судья");
  EXPECT_EQ(singular("владимирского главы"), "владимирский глава");
}

TEST(Phrase, LeavesWhatItCannotOrNeedNotChange) {
  EXPECT_EQ(Nominative("губернатор области"), "губернатор области");
  EXPECT_EQ(Nominative("газеты «Северного сияния»"), "газета «Северного сияния»");
  EXPECT_EQ(Nominative("«Северного сияния"), "«Северного сияния");  // not closed
  EXPECT_EQ(Nominative("МВД"), "МВД");
  EXPECT_EQ(Nominative(""), "");
}

}  // namespace
}  // namespace kto::facts
