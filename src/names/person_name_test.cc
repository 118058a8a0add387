#include "kto/names/person_name.h"

#include <gtest/gtest.h>

#include <string>

#include "../morph/testing.h"
#include "kto/names/first_names.h"

namespace kto::names {
namespace {

using morph::testing::Analyze;

// Parses the first occurrence of `mention` inside `sentence`; *verb gets the
// gender of the verb next to it.
PersonName ParseIn(const std::string& sentence, const std::string& mention, GenderHint hint = {},
                   Gender* verb = nullptr) {
  const auto analyzed = Analyze(sentence);
  const Doc& doc = analyzed.doc;
  const size_t at = sentence.find(mention);
  uint32_t begin = 0, end = 0;
  for (uint32_t t = 0; t < doc.tokens.size(); ++t) {
    if (doc.tokens[t].begin < at) begin = t + 1;
    if (doc.tokens[t].end <= at + mention.size()) end = t + 1;
  }
  NameParser parser;
  if (verb) *verb = parser.ContextGender(analyzed.View(), {begin, end}).gender;
  return parser.Parse(analyzed.View(), {begin, end}, hint);
}

// Parses `mention` standing alone as a whole text.
PersonName ParseMention(const std::string& mention, Gender hint = Gender::kUnknown) {
  return ParseIn(mention, mention, hint);
}

struct Row {
  const char* mention;
  const char* normal;
  const char* display;
  const char* canonical;
  Gender gender;
};

TEST(PersonName, NormalizesMentionsInEveryWordOrder) {
  const Row rows[] = {
      {"Игорь Кедров", "Игорь Кедров", "Игорь Кедров", "Кедров Игорь", Gender::kMale},
      {"Игорем Кедровым", "Игорь Кедров", "Игорь Кедров", "Кедров Игорь", Gender::kMale},
      {"Игоря Павловича Кедрова", "Игорь Павлович Кедров", "Игорь Павлович Кедров",
       "Кедров Игорь Павлович", Gender::kMale},
      {"Кедрова Игоря Павловича", "Кедров Игорь Павлович", "Игорь Павлович Кедров",
       "Кедров Игорь Павлович", Gender::kMale},
      {"Ярославы Новожиловой", "Ярослава Новожилова", "Ярослава Новожилова", "Новожилова Ярослава",
       Gender::kFemale},
      {"Анне Сергеевне Лебедевой", "Анна Сергеевна Лебедева", "Анна Сергеевна Лебедева",
       "Лебедева Анна Сергеевна", Gender::kFemale},
      {"Павлом Ильичом", "Павел Ильич", "Павел Ильич", "Павел Ильич", Gender::kMale},
      {"Сакибу Нисару", "Сакиб Нисар", "Сакиб Нисар", "Нисар Сакиб", Gender::kMale},
      {"Светланой Лебедевой-Крыловой", "Светлана Лебедева-Крылова", "Светлана Лебедева-Крылова",
       "Лебедева-Крылова Светлана", Gender::kFemale},
      {"Сосновским", "Сосновский", "Сосновский", "Сосновский", Gender::kMale},
      {"Еленой Берестовой", "Елена Берестова", "Елена Берестова", "Берестова Елена",
       Gender::kFemale},
      {"Олегу Дубравину", "Олег Дубравин", "Олег Дубравин", "Дубравин Олег", Gender::kMale},
      // A patronymic's initial is not shown beside a full first name.
      {"Петра И. Ясенева", "Пётр И. Ясенев", "Пётр Ясенев", "Ясенев Пётр", Gender::kMale},
  };
  for (const Row& row : rows) {
    const PersonName name = ParseMention(row.mention);
    EXPECT_EQ(name.normal, row.normal) << row.mention;
    EXPECT_EQ(name.Display(), row.display) << row.mention;
    EXPECT_EQ(name.Canonical(), row.canonical) << row.mention;
    EXPECT_EQ(name.gender, row.gender) << row.mention;
  }
}

TEST(PersonName, IndeclinableSurnamesStayAsTheyAre) {
  const PersonName name = ParseMention("Петром Ольховенко");
  EXPECT_EQ(name.normal, "Пётр Ольховенко");
  EXPECT_EQ(name.surname, "Ольховенко");
  EXPECT_EQ(name.seen_as, Case::kInstrumental);
}

TEST(PersonName, InitialsBeforeAndAfter) {
  PersonName name = ParseMention("В. А. Ольховского");
  EXPECT_EQ(name.surname, "Ольховский");
  EXPECT_EQ(name.first_initial, "В.");
  EXPECT_EQ(name.patronymic_initial, "А.");
  EXPECT_EQ(name.Display(), "В. А. Ольховский");
  EXPECT_EQ(name.normal, "В. А. Ольховский");
  name = ParseMention("Ольховскому В.А.");
  EXPECT_EQ(name.Canonical(), "Ольховский В. А.");
  EXPECT_EQ(name.normal, "Ольховский В.А.");
}

TEST(PersonName, PluralSurnameIsAFamily) {
  EXPECT_TRUE(ParseMention("Кедровы").family);
  EXPECT_FALSE(ParseMention("Кедров").family);
}

TEST(PersonName, PluralCommonNounIsAGroup) {
  const PersonName name = ParseMention("Кедровчанам");
  EXPECT_FALSE(name.family);
  const PersonName group = ParseIn("Это понравилось американцам.", "американцам");
  EXPECT_TRUE(group.group);
  EXPECT_EQ(group.normal, "американцы");
}

TEST(PersonName, VerbAgreementTellsTheGender) {
  Gender verb = Gender::kUnknown;
  ParseIn("Об этом сообщила Кедрова.", "Кедрова", Gender::kUnknown, &verb);
  EXPECT_EQ(verb, Gender::kFemale);
  const PersonName female = ParseIn("Об этом сообщила Кедрова.", "Кедрова", verb);
  EXPECT_EQ(female.surname, "Кедрова");
  EXPECT_EQ(female.gender, Gender::kFemale);
  EXPECT_TRUE(female.gender_from_context);
  EXPECT_FALSE(ParseMention("Кедрова").gender_from_context);
  ParseIn("Кедрова поблагодарил министр.", "Кедрова", Gender::kUnknown, &verb);
  EXPECT_EQ(verb, Gender::kMale);  // the verb agrees with «министр», not with «Кедрова»
}

TEST(PersonName, AFormOfAddressTellsTheGender) {
  Gender context = Gender::kUnknown;
  ParseIn("Дом купили президент и миссис Кедрин.", "Кедрин", Gender::kUnknown, &context);
  EXPECT_EQ(context, Gender::kFemale);
  ParseIn("Письмо передали господину Ветровой.", "Ветровой", Gender::kUnknown, &context);
  EXPECT_EQ(context, Gender::kMale);
  ParseIn("Письмо передали Ветровой.", "Ветровой", Gender::kUnknown, &context);
  EXPECT_EQ(context, Gender::kUnknown);
  // The dictionary knows «Джонсон» as a man's name only; «миссис» is sure.
  EXPECT_EQ(ParseMention("Джонсон").gender, Gender::kMale);
  const std::string sentence = "В гости пришла миссис Джонсон.";
  ParseIn(sentence, "Джонсон", Gender::kUnknown, &context);
  const PersonName mrs = ParseIn(sentence, "Джонсон", GenderHint(context, /*certain=*/true));
  EXPECT_EQ(mrs.gender, Gender::kFemale);
  EXPECT_EQ(mrs.normal, "Джонсон");
}

TEST(PersonName, DictionaryFirstNameAndSurnameBeatGuessesFromEndings) {
  // «Кэтрин» is a first name in the dictionary and «Миллер» a surname; read
  // the other way round, both would be guesses (a surname in «-ин»).
  const PersonName name = ParseMention("Кэтрин Миллер");
  EXPECT_EQ(name.first, "Кэтрин");
  EXPECT_EQ(name.surname, "Миллер");
  EXPECT_EQ(name.gender, Gender::kFemale);
  // A surname of the dictionary may still be a foreign first name.
  const PersonName morgan = ParseMention("Морган Тандиве");
  EXPECT_EQ(morgan.first, "Морган");
  EXPECT_FALSE(morgan.surname.empty());
}

TEST(PersonName, GenderHintChoosesBetweenReadings) {
  EXPECT_EQ(ParseMention("Кедрова", Gender::kMale).surname, "Кедров");
  EXPECT_EQ(ParseMention("Кедрова", Gender::kFemale).surname, "Кедрова");
}

TEST(PersonName, NamesInCapitalsAreWrittenAsNames) {
  // A headline's capitals: read as the name they spell, written as names are.
  const PersonName name = ParseMention("ИГОРЕМ КЕДРОВЫМ");
  EXPECT_EQ(name.normal, "Игорь Кедров");
  EXPECT_EQ(name.first, "Игорь");
  EXPECT_EQ(name.surname, "Кедров");
  EXPECT_EQ(ParseMention("АННЫ ЛЕБЕДЕВОЙ-КРЫЛОВОЙ").normal, "Анна Лебедева-Крылова");
  EXPECT_EQ(ParseMention("Шона О’Брайена").normal, "Шон О’Брайен");
}

TEST(PersonName, ChineseAndKoreanNamesPutTheSurnameFirst) {
  // The last word declines when it ends in a consonant; the surname leads.
  const PersonName zhou = ParseMention("Чжоу Минхуэя");  // «-я»: a soft stem, «Минхуэй»
  EXPECT_EQ(zhou.surname, "Чжоу");
  EXPECT_EQ(zhou.first, "Минхуэй");
  EXPECT_EQ(zhou.Display(), "Чжоу Минхуэй");
  EXPECT_EQ(zhou.Canonical(), "Чжоу Минхуэй");
  EXPECT_EQ(zhou.seen_as, Case::kGenitive);
  EXPECT_EQ(zhou.gender, Gender::kMale);  // a woman's name does not decline
  EXPECT_EQ(ParseMention("Лю Цзяньго").normal, "Лю Цзяньго");
  EXPECT_EQ(ParseMention("Лю Цзяньго").gender, Gender::kUnknown);
  EXPECT_EQ(ParseMention("Ван Шаопином").normal, "Ван Шаопин");
  EXPECT_EQ(ParseMention("Чэнь Юаню").normal, "Чэнь Юань");
  EXPECT_EQ(ParseMention("Ли Хуа").normal, "Ли Хуа");  // «-а» of a syllable, not an ending
  const PersonName kim = ParseMention("Ким Сон Ира");
  EXPECT_EQ(kim.normal, "Ким Сон Ир");
  EXPECT_EQ(kim.first, "Сон Ир");
  EXPECT_EQ(kim.Display(), "Ким Сон Ир");
  EXPECT_EQ(ParseMention("ПАК МИН СУ").normal, "Пак Мин Су");
  EXPECT_EQ(ParseMention("Пан Сон Ира").normal, "Пан Сон Ир");
  // Not Chinese or Korean: Western names that start with such a word.
  EXPECT_EQ(ParseMention("Ким Кардашьян").surname, "Кардашьян");
  EXPECT_FALSE(ParseMention("Ван Гоша").surname_first);  // «Гоша» is a Russian first name
}

TEST(PersonName, VietnameseNamesDeclineTheirSurnameAlone) {
  const PersonName nguyen = ParseMention("Нгуеном Ван Тхиеу");
  EXPECT_EQ(nguyen.normal, "Нгуен Ван Тхиеу");
  EXPECT_EQ(nguyen.surname, "Нгуен");
  EXPECT_EQ(nguyen.first, "Ван Тхиеу");
  EXPECT_EQ(nguyen.seen_as, Case::kInstrumental);
  EXPECT_EQ(nguyen.gender, Gender::kMale);
  EXPECT_EQ(ParseMention("Фам Минь Тинь").normal, "Фам Минь Тинь");
  EXPECT_EQ(ParseMention("Фам Минь Тинь").gender, Gender::kUnknown);
  // A long second word is no Vietnamese given name.
  EXPECT_FALSE(ParseMention("Фам Александрович").surname_first);
}

TEST(PersonName, TrimSpanKeepsAFirstNameTheDictionaryKnowsAsAWord) {
  // «алёнка», «карел» are common nouns to the dictionary; capitalized inside
  // a sentence, they are first names. At its start, or as an adjective or a
  // plural, they are not.
  const auto analyzed = Analyze("Мэром стала Аленка Кедрова. Собор Святого Марка открыт.");
  NameParser parser;
  EXPECT_EQ(parser.TrimSpan(analyzed.View(), {2, 4}).begin, 2u);  // «Аленка Кедрова»
  EXPECT_EQ(parser.TrimSpan(analyzed.View(), {6, 8}).begin, 7u);  // «Святого Марка»
}

TEST(PersonName, TrimSpanDropsLatinWordsBeforeACyrillicName) {
  // A name is written in one script: «Grammy» is the prize's.
  const auto analyzed = Analyze("Лауреат премии Grammy Даниил Ветров и Thomas Gärtner выступят.");
  NameParser parser;
  EXPECT_EQ(parser.TrimSpan(analyzed.View(), {2, 5}).begin, 3u);  // «Даниил Ветров»
  EXPECT_EQ(parser.TrimSpan(analyzed.View(), {6, 8}).begin, 6u);  // «Thomas Gärtner»
}

TEST(PersonName, AChineseSurnameTheDictionaryKnowsAsAWordStays) {
  // «ван» is a particle, «си» a note: NER's span keeps them, or takes them back.
  const auto analyzed = Analyze("Министр Ван Цзяньго прибыл. Но Цзяньго не пришёл.");
  NameParser parser;
  EXPECT_EQ(parser.TrimSpan(analyzed.View(), {1, 3}).begin, 1u);  // «Ван Цзяньго»
  EXPECT_EQ(parser.EastAsianSurnameStart(analyzed.View(), {2, 3}), 1u);
  // A sentence's first word that reads best as a conjunction is not one.
  EXPECT_EQ(parser.EastAsianSurnameStart(analyzed.View(), {6, 7}), 6u);
}

TEST(PersonName, ARegnalNumberStandsForTheSurname) {
  const PersonName name = ParseMention("Елизаветы IV");
  EXPECT_EQ(name.normal, "Елизавета IV");
  EXPECT_EQ(name.first, "Елизавета");
  EXPECT_EQ(name.surname, "IV");
  EXPECT_EQ(name.Display(), "Елизавета IV");
  EXPECT_EQ(name.Canonical(), "Елизавета IV");
  EXPECT_EQ(name.gender, Gender::kFemale);
  EXPECT_EQ(ParseMention("Николаем III").Display(), "Николай III");
  EXPECT_EQ(ParseMention("Иоанн Павел V").first, "Иоанн Павел");
}

TEST(PersonName, RuleNominativesAreSpelledAsNamesAre) {
  // Petrovich's rules read backwards give «-чь», «-оь»; names end in «-ч», «-ой».
  EXPECT_EQ(ParseMention("Иваном Кедровичем").normal, "Иван Кедрович");
  EXPECT_EQ(ParseMention("Петром Лесничем").normal, "Пётр Леснич");
  EXPECT_EQ(ParseMention("Томаса Кедроя").normal, "Томас Кедрой");
  EXPECT_EQ(ParseMention("Мелани Кедровой").normal, "Мелани Кедрова");  // not «Мелань»
}

TEST(PersonName, DoubleLettersAreTheName) {
  // The dictionary reaches «Глен», «Фреди» by merging repeated letters.
  EXPECT_EQ(ParseMention("Гленн Кедров").normal, "Гленн Кедров");
  EXPECT_EQ(ParseMention("Фредди Кедрову").normal, "Фредди Кедров");
  EXPECT_EQ(ParseMention("Ванесса").normal, "Ванесса");
}

TEST(PersonName, ParticlesStayAsWritten) {
  EXPECT_EQ(ParseMention("Урсулу фон дер Ляйен").normal, "Урсула фон дер Ляйен");
  EXPECT_EQ(ParseMention("Шарля де Ланжа").normal, "Шарль де Ланж");
}

TEST(PersonName, TrimSpanKeepsTheName) {
  const auto analyzed = Analyze("Школа им. Ю.М. Ветрова открыта.");
  NameParser parser;
  TokenSpan span = parser.TrimSpan(analyzed.View(), {0, 5});  // «Школа им. Ю. М. Ветрова»
  EXPECT_EQ(span.begin, 2u);
  EXPECT_EQ(span.end, 5u);
  EXPECT_EQ(parser.TrimSpan(analyzed.View(), {4, 5}).begin, 4u);  // «Ветрова» alone stays
  // A lower-case word NER ran on into: «Игорю Ветрову совет».
  const auto advice = Analyze("Он дал Игорю Ветрову совет.");
  span = parser.TrimSpan(advice.View(), {2, 5});
  EXPECT_EQ(span.begin, 2u);
  EXPECT_EQ(span.end, 4u);
}

// The text of the second name SecondNameStart finds in `span` (a whole
// text), or "" when it finds none.
std::string SecondName(const std::string& span) {
  const auto analyzed = Analyze(span);
  const Doc& doc = analyzed.doc;
  const uint32_t end = static_cast<uint32_t>(doc.tokens.size());
  const uint32_t at = NameParser().SecondNameStart(analyzed.View(), {0, end});
  if (at == end) return "";
  return std::string(doc.text().substr(doc.tokens[at].begin));
}

TEST(PersonName, SecondNameStartCutsTwoNamesRunTogether) {
  EXPECT_EQ(SecondName("В.Кедрова А.Соснин"), "А.Соснин");
  EXPECT_EQ(SecondName("Игоря Кедрова Ольга"), "Ольга");  // «мать Игоря Кедрова Ольга»
  EXPECT_EQ(SecondName("Ольги Кедровой Игорь"), "Игорь");
  EXPECT_EQ(SecondName("Майкла Кедрова Кэтрин"), "Кэтрин");
  EXPECT_EQ(SecondName("Анна Мария Кедрова"), "");
  // Only a word the dictionary knows as a first name of one gender first of
  // all: «Марина» may be the genitive of «Марин»; «Ланжа» is a guess.
  EXPECT_EQ(SecondName("Игоря Кедрова Марина"), "");
  EXPECT_EQ(SecondName("Шарля де Ланжа"), "");
  EXPECT_EQ(SecondName("Хосе Мария Вальдес"), "");  // a man's name with «Мария» in it
  EXPECT_EQ(SecondName("Кедров В. В."), "");
  EXPECT_EQ(SecondName("В. В. Кедров"), "");
  EXPECT_EQ(SecondName("Игорь Павлович Кедров"), "");
  EXPECT_EQ(SecondName("Саша Кедрова Игорь"), "");  // «Саша»: either gender
}

TEST(PersonName, SecondNameStartAfterANounOfKinship) {
  // «сын Кэтрин | Жермен Джексон»: the mother in the genitive, then the son.
  const auto analyzed = Analyze("сын Кэтрин Жермен Джексон, дочь Анны Павловны Кедровой");
  const NameParser parser;
  EXPECT_EQ(parser.SecondNameStart(analyzed.View(), {1, 4}), 2u);
  // A patronymic makes one name of three words.
  EXPECT_EQ(parser.SecondNameStart(analyzed.View(), {6, 9}), 9u);
  // Without the noun, three words may be one foreign name.
  EXPECT_EQ(SecondName("Кэтрин Жермен Джексон"), "");
  // A declined first name is not cut from its surname: «сын Ивана Кедрова
  // Пётр» is never «Ивана | Кедрова Пётр».
  const auto declined = Analyze("сын Ивана Кедрова Пётр");
  EXPECT_NE(parser.SecondNameStart(declined.View(), {1, 4}), 2u);
}

TEST(PersonName, ASurnameTheDictionaryKnowsForMenOnlyFitsAWoman) {
  // «Обамы» is only a man's genitive in the dictionary; beside «Ванессы» it
  // is a woman's.
  const PersonName name = ParseMention("Ванессы Обамы");
  EXPECT_EQ(name.first, "Ванесса");
  EXPECT_EQ(name.surname, "Обама");
  EXPECT_EQ(name.gender, Gender::kFemale);
}

TEST(PersonName, EmptyMention) {
  const PersonName name = ParseMention("");
  EXPECT_TRUE(name.Display().empty());
  EXPECT_TRUE(name.normal.empty());
}

}  // namespace
TEST(FirstNames, ShortForms) {
  EXPECT_TRUE(IsShortFormOf("Лиза", "Елизавета"));
  EXPECT_TRUE(IsShortFormOf("Саша", "Александр"));
  EXPECT_TRUE(IsShortFormOf("Саша", "Александра"));
  EXPECT_TRUE(IsShortFormOf("Серёжа", "Сергей"));  // ё as е
  EXPECT_TRUE(IsShortFormOf("слава", "ЯРОСЛАВ"));
  EXPECT_TRUE(IsShortFormOf("Винни", "Винсент"));  // English short forms too
  EXPECT_TRUE(IsShortFormOf("Гарри", "Генри"));
  EXPECT_TRUE(SameFirstName("Наталья", "Наталия"));
  EXPECT_TRUE(SameFirstName("Меланья", "мелания"));
  EXPECT_FALSE(SameFirstName("Наталья", "Натали"));
  EXPECT_FALSE(IsShortFormOf("Елизавета", "Лиза"));
  EXPECT_FALSE(IsShortFormOf("Саша", "Сергей"));
  EXPECT_FALSE(IsShortFormOf("", ""));
  EXPECT_TRUE(SameFirstName("Елизавета", "Лиза"));
  EXPECT_TRUE(SameFirstName("Игорь", "игорь"));
  EXPECT_FALSE(SameFirstName("Игорь", "Иван"));
}

}  // namespace kto::names
