// ArticleAnalyzer on spans marked by the test (AnalyzeWithSpans), so that the
// assembly of persons, positions, organizations and places is tested apart
// from the NER model's choices. The model is still needed for its type list.
#include "kto/facts/article.h"

#include <gtest/gtest.h>

#include "../morph/testing.h"
#include "kto/facts/position_model.h"
#include "test_util.h"

namespace kto::facts {
namespace {

class ArticleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ner::LoadOptions options;
    options.analyzer = morph::testing::TestAnalyzer();
    auto model = ner::Model::Load(std::string(KTO_SOURCE_DIR) + "/models/ner-ru.bin", options);
    ASSERT_TRUE(model.ok()) << model.status().message();
    auto analyzer =
        ArticleAnalyzer::Create(morph::testing::TestAnalyzer(), std::move(model).value());
    ASSERT_TRUE(analyzer.ok()) << analyzer.status().message();
    analyzer_ = std::move(analyzer).value();
  }

  // Analyzes `text` with entity spans given as (phrase, type) in text order
  // and position spans as phrases.
  ArticleAnalysis Analyze(const std::string& text,
                          const std::vector<std::pair<std::string, std::string>>& entities,
                          const std::vector<std::string>& positions) {
    auto doc = Doc::FromUtf8(text);
    EXPECT_TRUE(doc.ok());
    doc_ = std::make_unique<Doc>(std::move(doc).value());
    text::Segment(doc_.get());
    ner::Annotations spans;
    std::vector<std::string> phrases;
    for (const auto& e : entities) phrases.push_back(e.first);
    const std::vector<TokenSpan> found = testing::FindPhrases(*doc_, phrases);
    for (size_t i = 0; i < found.size(); ++i)
      spans.entities.push_back({found[i].begin, found[i].end,
                                static_cast<uint8_t>(analyzer_->EntityType(entities[i].second))});
    for (const TokenSpan& r : testing::FindPhrases(*doc_, positions))
      spans.positions.push_back({r.begin, r.end, 0});
    ArticleAnalyzer::State state(*analyzer_);
    return analyzer_->AnalyzeWithSpans(doc_.get(), spans, &state);
  }

  std::unique_ptr<ArticleAnalyzer> analyzer_;
  std::unique_ptr<Doc> doc_;  // the analysis refers to it
};

TEST_F(ArticleTest, PluralPositionGivesEachPersonTheSingularTitle) {
  const ArticleAnalysis a =
      Analyze("В Северске выступили известные музыканты Игорь Ласточкин и Семён Горелов.",
              {{"Северске", "LOC"}, {"Игорь Ласточкин", "PER"}, {"Семён Горелов", "PER"}},
              {"известные музыканты"});
  ASSERT_EQ(a.persons.size(), 2u);
  for (const PersonFact& p : a.persons) {
    ASSERT_EQ(p.positions.size(), 1u) << p.name.Display();
    EXPECT_EQ(p.positions[0].title, "известный музыкант") << p.name.Display();
  }
}

TEST_F(ArticleTest, OriginalSpellingInBracketsIsTheSamePerson) {
  const ArticleAnalysis a =
      Analyze("Мэр Северска Томас Кедрин (Thomas Kedrin) и Джон Ольдман открыли мост.",
              {{"Томас Кедрин", "PER"}, {"Thomas Kedrin", "PER"}, {"Джон Ольдман", "PER"}}, {});
  ASSERT_EQ(a.persons.size(), 2u);
  EXPECT_EQ(a.persons[0].name.Display(), "Томас Кедрин");
  EXPECT_EQ(a.persons[0].mentions.size(), 2u);
  EXPECT_EQ(a.persons[1].name.Display(), "Джон Ольдман");
}

TEST_F(ArticleTest, NamesThatDifferInTheLastWordsEndingAreOnePerson) {
  // A name the parser cannot read («Ли Мён Хак»: no first name, surname and
  // patronymic in the Russian sense), declined in its last word.
  const ArticleAnalysis a = Analyze(
      "Ли Мён Хак прибыл в Северск. Визит Ли Мён Хака продлится два дня. Ли Мён Чхоль остался "
      "дома.",
      {{"Ли Мён Хак", "PER"}, {"Ли Мён Хака", "PER"}, {"Ли Мён Чхоль", "PER"}}, {});
  ASSERT_EQ(a.persons.size(), 2u);
  EXPECT_EQ(a.persons[0].mentions.size(), 2u);
  EXPECT_EQ(a.persons[1].mentions.size(), 1u);
}

TEST_F(ArticleTest, ASpanOverTwoNamesIsTwoPersons) {
  const ArticleAnalysis a = Analyze(
      "Мать Майкла Кедрова Кэтрин дала интервью. Кэтрин Кедрова живёт в Северске. Приказ "
      "подписали В.Соснин А.Ласточкин.",
      {{"Майкла Кедрова Кэтрин", "PER"},
       {"Кэтрин Кедрова", "PER"},
       {"Северске", "LOC"},
       {"В.Соснин А.Ласточкин", "PER"}},
      {});
  std::vector<std::string> names;
  for (const PersonFact& p : a.persons) names.push_back(p.name.Display());
  EXPECT_EQ(names, (std::vector<std::string>{"Майкл Кедров", "Кэтрин Кедрова", "В. Соснин",
                                             "А. Ласточкин"}));
  ASSERT_EQ(a.persons.size(), 4u);
  EXPECT_EQ(a.persons[1].mentions.size(), 2u);  // «Кэтрин» is hers, not Майкл's
}

TEST_F(ArticleTest, ANameNerCutInTwoIsOnePerson) {
  const ArticleAnalysis a = Analyze(
      "Церемонию открыл мэр Кедровска Ковалёв Андрей Петрович. Мать Милены Вера Андреевна "
      "пришла с дочерью.",
      {{"Ковалёв", "PER"},
       {"Андрей Петрович", "PER"},
       {"Милены", "PER"},
       {"Вера Андреевна", "PER"}},
      {});
  std::vector<std::string> names;
  for (const PersonFact& p : a.persons) names.push_back(p.name.Display());
  EXPECT_EQ(names,
            (std::vector<std::string>{"Андрей Петрович Ковалёв", "Милена", "Вера Андреевна"}));
}

TEST_F(ArticleTest, AVerbTellsTheGenderOfItsSubjectOnly) {
  // «поблагодарил» agrees with Кедров; «Карпову» is her accusative.
  const ArticleAnalysis a = Analyze(
      "Мэр Озёрска Лидия Карпова ушла в отставку. Игорь Кедров поблагодарил Карпову за работу.",
      {{"Озёрска", "LOC"}, {"Лидия Карпова", "PER"}, {"Игорь Кедров", "PER"}, {"Карпову", "PER"}},
      {});
  ASSERT_EQ(a.persons.size(), 2u);
  EXPECT_EQ(a.persons[0].name.Display(), "Лидия Карпова");
  ASSERT_EQ(a.persons[0].mentions.size(), 2u);
  EXPECT_EQ(a.persons[0].mentions[1].normal, "Карпова");
}

TEST_F(ArticleTest, AVerbPastAnotherNameIsThatNames) {
  // «заявила» agrees with Мария Белых, not with «Кедрова» before her.
  const ArticleAnalysis a = Analyze(
      "Суд арестовал Игоря Кедрова. Адвокат Кедрова Мария Белых заявила, что обжалует арест.",
      {{"Игоря Кедрова", "PER"}, {"Кедрова", "PER"}, {"Мария Белых", "PER"}}, {});
  ASSERT_EQ(a.persons.size(), 2u);
  EXPECT_EQ(a.persons[0].name.Display(), "Игорь Кедров");
  EXPECT_EQ(a.persons[0].mentions.size(), 2u);
}

TEST_F(ArticleTest, TheElderAndTheYoungerAreTheFatherAndTheSon) {
  const ArticleAnalysis a = Analyze(
      "Картины передали музею Андрей Ласточкин и его сын Михаил Ласточкин. Ласточкин-старший "
      "собирал их тридцать лет. «Отец хотел этого», — сказал Ласточкин-младший.",
      {{"Андрей Ласточкин", "PER"},
       {"Михаил Ласточкин", "PER"},
       {"Ласточкин-старший", "PER"},
       {"Ласточкин-младший", "PER"}},
      {});
  ASSERT_EQ(a.persons.size(), 2u);
  EXPECT_EQ(a.persons[0].name.Display(), "Андрей Ласточкин");
  EXPECT_EQ(a.persons[0].mentions.size(), 2u);
  EXPECT_EQ(a.persons[1].name.Display(), "Михаил Ласточкин");
  EXPECT_EQ(a.persons[1].mentions.size(), 2u);
  EXPECT_EQ(a.persons[1].quotes.size(), 1u);
  // A name in the case of «сыну» after it is the son's too.
  const ArticleAnalysis dative = Analyze(
      "Грамоту вручили Андрею Ласточкину и его сыну Михаилу Ласточкину. «Спасибо», — сказал "
      "Ласточкин-младший.",
      {{"Андрею Ласточкину", "PER"}, {"Михаилу Ласточкину", "PER"}, {"Ласточкин-младший", "PER"}},
      {});
  ASSERT_EQ(dative.persons.size(), 2u);
  EXPECT_EQ(dative.persons[1].quotes.size(), 1u);
  // Nothing tells who is older, or the other may be named otherwise («его
  // сыну Михаилу»): the mentions stay apart.
  const ArticleAnalysis unknown = Analyze(
      "Картины передали Андрей Ласточкин и Михаил Ласточкин. Ласточкин-старший собирал их.",
      {{"Андрей Ласточкин", "PER"}, {"Михаил Ласточкин", "PER"}, {"Ласточкин-старший", "PER"}}, {});
  EXPECT_EQ(unknown.persons.size(), 3u);
  const ArticleAnalysis one = Analyze(
      "Грамоту вручили Андрею Ласточкину и его сыну Михаилу. «Спасибо», — сказал "
      "Ласточкин-младший.",
      {{"Андрею Ласточкину", "PER"}, {"Михаилу", "PER"}, {"Ласточкин-младший", "PER"}}, {});
  EXPECT_EQ(one.persons.size(), 3u);
}

TEST_F(ArticleTest, APositionBeforeANameTellsItsCase) {
  // «Александра» alone reads best as a woman's nominative; after a genitive
  // position it is a man's genitive.
  const ArticleAnalysis a =
      Analyze("Планируется встреча министра энергетики Северии Александра Горака с журналистами.",
              {{"Северии", "LOC"}, {"Александра Горака", "PER"}}, {"министра энергетики Северии"});
  ASSERT_EQ(a.persons.size(), 1u);
  EXPECT_EQ(a.persons[0].name.Display(), "Александр Горак");
  EXPECT_EQ(a.persons[0].name.gender, names::Gender::kMale);
}

TEST_F(ArticleTest, AQuoteByAPostGoesToItsHolder) {
  const ArticleAnalysis a = Analyze(
      "Министр иностранных дел Северии Эрик Нюгрен и губернатор Игорь Кедров подписали "
      "соглашение. «Это только начало», — добавил министр. «Мост откроют в срок», — сказал "
      "губернатор.",
      {{"Северии", "LOC"}, {"Эрик Нюгрен", "PER"}, {"Игорь Кедров", "PER"}},
      {"Министр иностранных дел Северии", "губернатор", "министр", "губернатор"});
  ASSERT_EQ(a.persons.size(), 2u);
  ASSERT_EQ(a.persons[0].quotes.size(), 1u);
  ASSERT_EQ(a.persons[1].quotes.size(), 1u);
  EXPECT_EQ(a.persons[0].quotes[0].end - a.persons[0].quotes[0].begin, 3u);  // «Это только начало»
  EXPECT_EQ(a.persons[1].quotes[0].end - a.persons[1].quotes[0].begin,
            4u);  // «Мост откроют в срок»
}

TEST_F(ArticleTest, ANameAfterImeniIsAGenitive) {
  // Alone, «Ю. М. Ветрова» reads best as a woman in the nominative.
  const ArticleAnalysis a = Analyze(
      "Школа им. Ю. М. Ветрова получила компьютеры. Библиотеку имени Анны Кедриной закрыли.",
      {{"Ю. М. Ветрова", "PER"}, {"Анны Кедриной", "PER"}}, {});
  ASSERT_EQ(a.persons.size(), 2u);
  EXPECT_EQ(a.persons[0].name.Display(), "Ю. М. Ветров");
  EXPECT_EQ(a.persons[1].name.Display(), "Анна Кедрина");
}

TEST_F(ArticleTest, PositionCutAfterAModifierLosesTheModifier) {
  const ArticleAnalysis a = Analyze(
      "Главный менеджер Международного фестиваля «Северные ночи» Анна Кедрина рассказала о планах.",
      {{"Анна Кедрина", "PER"}}, {"Главный менеджер Международного"});
  ASSERT_EQ(a.persons.size(), 1u);
  ASSERT_EQ(a.persons[0].positions.size(), 1u);
  EXPECT_EQ(a.persons[0].positions[0].title, "главный менеджер");
  EXPECT_EQ(a.persons[0].positions[0].tokens.end - a.persons[0].positions[0].tokens.begin, 2u);
}

TEST_F(ArticleTest, PositionThatIsAPlaceIsDropped) {
  const ArticleAnalysis a = Analyze("Пресс-секретарь Северии Олег Крутов ответил журналистам.",
                                    {{"Северии", "LOC"}, {"Олег Крутов", "PER"}}, {"Северии"});
  ASSERT_EQ(a.persons.size(), 1u);
  EXPECT_TRUE(a.persons[0].positions.empty());
}

TEST_F(ArticleTest, APositionAfterANounInAppositionIsNotTheNames) {
  // The committed pair scorer reads «(однофамилец министра транспорта)»
  // after a name as the name's own post; the noun in apposition holds it.
  auto scorer = PositionModel::Load(std::string(KTO_SOURCE_DIR) + "/models/positions-ru.bin");
  ASSERT_TRUE(scorer.ok()) << scorer.status().message();
  auto ner = ner::Model::Load(std::string(KTO_SOURCE_DIR) + "/models/ner-ru.bin",
                              {.analyzer = morph::testing::TestAnalyzer()});
  ASSERT_TRUE(ner.ok()) << ner.status().message();
  auto created = ArticleAnalyzer::Create(morph::testing::TestAnalyzer(), std::move(ner).value(),
                                         std::move(scorer).value());
  ASSERT_TRUE(created.ok()) << created.status().message();
  auto doc = Doc::FromUtf8(
      "Губернатор Игорь Кедров назвал решение думы «взвешенным и ответственным».\n\n"
      "Лидер фракции «Новый Север» Дмитрий Ольховский (однофамилец министра транспорта) "
      "раскритиковал документ: «Расходы на здравоохранение снова урезаны».");
  ASSERT_TRUE(doc.ok());
  ArticleAnalyzer::State state(**created);
  const ArticleAnalysis a = (*created)->Analyze(&doc.value(), &state);
  bool found = false;
  for (const PersonFact& p : a.persons) {
    if (p.name.surname != "Ольховский") continue;
    found = true;
    for (const PositionFact& position : p.positions)
      EXPECT_NE(position.title, "министр транспорта");
  }
  EXPECT_TRUE(found);
}

TEST_F(ArticleTest, PositionAfterAKinshipNounIsNotTheNextNames) {
  const ArticleAnalysis daughter = Analyze("На встрече была дочь губернатора Анна Кедрина.",
                                           {{"Анна Кедрина", "PER"}}, {"губернатора"});
  ASSERT_EQ(daughter.persons.size(), 1u);
  EXPECT_TRUE(daughter.persons[0].positions.empty());
  // The name in the genitive is the position's own.
  const ArticleAnalysis son =
      Analyze("Компания перешла под контроль сына губернатора Игоря Кедрина.",
              {{"Игоря Кедрина", "PER"}}, {"губернатора"});
  ASSERT_EQ(son.persons.size(), 1u);
  ASSERT_EQ(son.persons[0].positions.size(), 1u);
  EXPECT_EQ(son.persons[0].positions[0].title, "губернатор");
}

// Organizations and places are names («полиция» is none) in the nominative
// with a capital; a place's adjective is a derived mention of the place.
TEST_F(ArticleTest, ListsNamedPlacesAndOrganizationsOnly) {
  const ArticleAnalysis a =
      Analyze("Об этом сообщили северское телевидение, полиция и мэрия Северска.",
              {{"северское", "LOC"}, {"полиция", "ORG"}, {"мэрия Северска", "ORG"}}, {});
  ASSERT_EQ(a.organizations.size(), 1u);
  EXPECT_EQ(a.organizations[0].name, "Мэрия Северска");
  ASSERT_EQ(a.locations.size(), 1u);
  EXPECT_EQ(a.locations[0].name, "Северск");
  ASSERT_EQ(a.locations[0].mentions.size(), 1u);
  EXPECT_TRUE(a.locations[0].mentions[0].derived);
}

TEST_F(ArticleTest, AbbreviationsAndThingsNamedAfterPersonsAreNoPersons) {
  const ArticleAnalysis a = Analyze(
      "Ректор ЗГУСУР Павел Рябинин вручил Лермонтовскую премию. ЗГУСУР и МЧС подписали договор.",
      {{"ЗГУСУР", "PER"},
       {"Павел Рябинин", "PER"},
       {"Лермонтовскую", "PER"},
       {"ЗГУСУР", "PER"},
       {"МЧС", "PER"}},
      {"Ректор"});
  ASSERT_EQ(a.persons.size(), 1u);
  EXPECT_EQ(a.persons[0].name.Display(), "Павел Рябинин");
  // The abbreviations NER took for persons are organizations.
  ASSERT_EQ(a.organizations.size(), 2u);
  EXPECT_EQ(a.organizations[0].name, "ЗГУСУР");
  EXPECT_EQ(a.organizations[0].mentions.size(), 2u);
  EXPECT_EQ(a.organizations[1].name, "МЧС");
}

TEST_F(ArticleTest, APlacesAdjectiveIsADerivedMentionOfThePlace) {
  const ArticleAnalysis a =
      Analyze("Заречные аграрии и белорусские фермеры приехали в Заречную область.",
              {{"Заречные", "LOC"}, {"белорусские", "LOC"}, {"Заречную область", "LOC"}}, {});
  ASSERT_EQ(a.locations.size(), 2u);
  EXPECT_EQ(a.locations[0].name, "Заречная область");  // by the article's own place
  ASSERT_EQ(a.locations[0].mentions.size(), 2u);
  EXPECT_TRUE(a.locations[0].mentions[0].derived);
  EXPECT_FALSE(a.locations[0].mentions[1].derived);
  EXPECT_EQ(a.locations[1].name, "Беларусь");  // by src/facts/data/place_adjectives.txt
  EXPECT_TRUE(a.locations[1].mentions[0].derived);
}

TEST_F(ArticleTest, ARegionPostIsHeldInTheRegionBeforeIt) {
  const ArticleAnalysis a = Analyze(
      "Делегация Заречной области во главе с губернатором Игорем Кедровым прибыла в Озёрский "
      "край.",
      {{"Заречной области", "LOC"}, {"Игорем Кедровым", "PER"}, {"Озёрский край", "LOC"}},
      {"губернатором"});
  ASSERT_EQ(a.persons.size(), 1u);
  ASSERT_EQ(a.persons[0].positions.size(), 1u);
  EXPECT_EQ(a.persons[0].positions[0].title, "губернатор");
  EXPECT_EQ(a.persons[0].positions[0].org, "Заречная область");
}

TEST_F(ArticleTest, AShortPostIsTheFullPostOfTheSamePerson) {
  const ArticleAnalysis a = Analyze(
      "Главный тренер клуба «Бранц» Эмма Ривьер провела тренировку. Тренер Эмма Ривьер "
      "довольна.",
      {{"Бранц", "ORG"}, {"Эмма Ривьер", "PER"}, {"Эмма Ривьер", "PER"}},
      {"Главный тренер клуба «Бранц»", "Тренер"});
  ASSERT_EQ(a.persons.size(), 1u);
  ASSERT_EQ(a.persons[0].positions.size(), 2u);
  for (const PositionFact& post : a.persons[0].positions) {
    EXPECT_EQ(post.title, "главный тренер клуба");
    EXPECT_EQ(post.org, "Бранц");
  }
}

TEST_F(ArticleTest, AQuotedNameWrittenInTheNominativeNamesItsOtherForms) {
  const ArticleAnalysis a =
      Analyze("Игроки «Бранца» победили. Клуб «Бранц» доволен. Тренер «Бранца» Эмма Ривьер рада.",
              {{"Бранца", "ORG"}, {"Бранц", "ORG"}, {"Бранца", "ORG"}, {"Эмма Ривьер", "PER"}},
              {"Тренер «Бранца»"});
  ASSERT_EQ(a.organizations.size(), 1u);
  EXPECT_EQ(a.organizations[0].name, "Бранц");
  EXPECT_EQ(a.organizations[0].mentions.size(), 3u);
  ASSERT_EQ(a.persons.size(), 1u);
  ASSERT_EQ(a.persons[0].positions.size(), 1u);
  EXPECT_EQ(a.persons[0].positions[0].org, "Бранц");
}

TEST_F(ArticleTest, TheOrganizationOfAPost) {
  const ArticleAnalysis a = Analyze(
      "Директор завода «Кварц» Пётр Ясенев открыл цех. Мэр города Верхнеозёрска Анна Лебедева "
      "выступила. Поздравил их заместитель председателя комитета по бюджету Заречной думы Олег "
      "Свиридов.",
      {{"Пётр Ясенев", "PER"},
       {"Верхнеозёрска", "LOC"},
       {"Анна Лебедева", "PER"},
       {"комитета по бюджету Заречной думы", "ORG"},
       {"Олег Свиридов", "PER"}},
      {"Директор завода «Кварц", "Мэр города Верхнеозёрска", "заместитель председателя комитета"});
  ASSERT_EQ(a.persons.size(), 3u);
  const std::pair<std::string, std::string> expected[] = {
      {"директор завода", "Кварц"},  // in quotes, where NER found no organization
      {"мэр", "Верхнеозёрск"},       // «города» is the kind of place
      {"заместитель председателя", "Комитет по бюджету Заречной думы"}};  // past the phrase
  for (size_t i = 0; i < 3; ++i) {
    ASSERT_EQ(a.persons[i].positions.size(), 1u) << a.persons[i].name.Display();
    EXPECT_EQ(a.persons[i].positions[0].title, expected[i].first);
    EXPECT_EQ(a.persons[i].positions[0].org, expected[i].second);
  }
}

TEST_F(ArticleTest, TwoOrganizationsNerRanTogetherAreCutApart) {
  const ArticleAnalysis a = Analyze(
      "В рамках программы развития Передовой инженерной школы Заречный государственный "
      "университет подписал соглашение. Министерство иностранных дел Северской Республики "
      "одобрило его.",
      {{"Передовой инженерной школы Заречный государственный университет", "ORG"},
       {"Министерство иностранных дел Северской Республики", "ORG"}},
      {});
  ASSERT_EQ(a.organizations.size(), 3u);
  EXPECT_EQ(a.organizations[0].name, "Передовая инженерная школа");
  EXPECT_EQ(a.organizations[1].name, "Заречный государственный университет");
  // A genitive with a capital is the name's own.
  EXPECT_EQ(a.organizations[2].name, "Министерство иностранных дел Северской Республики");
}

TEST(TitleWithinTest, TheWordsOfTheShorterTitleInOrder) {
  EXPECT_TRUE(TitleWithin("министр", "министр природных ресурсов"));
  EXPECT_TRUE(TitleWithin("тренер", "главный тренер клуба"));
  EXPECT_TRUE(TitleWithin("главный тренер", "главный тренер клуба"));
  EXPECT_TRUE(TitleWithin("мэр", "мэр"));
  EXPECT_FALSE(TitleWithin("президент", "вице-президент"));
  EXPECT_FALSE(TitleWithin("тренер главный", "главный тренер"));
  EXPECT_FALSE(TitleWithin("министр финансов", "министр"));
}

}  // namespace
}  // namespace kto::facts
