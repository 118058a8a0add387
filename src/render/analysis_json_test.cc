#include "kto/render/analysis_json.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "kto/link/article_text.h"
#include "kto/text/segment.h"
#include "kto/text/utf8.h"

namespace kto::render {
namespace {

constexpr char kTitle[] = "Кедров приехал в Верхнеречье";
constexpr char kText[] =
    "Губернатор Игорь Кедров заявил: «Мост построим». Компания «Северный мост» (СМ) начнёт "
    "работы в Верхнеречье.";

// The tokens of `words`, searched in the doc's text from byte `from` on.
TokenSpan Tokens(const Doc& doc, std::string_view words, size_t from = 0) {
  const size_t begin = doc.text().find(words, from);
  EXPECT_NE(begin, std::string_view::npos) << words;
  const size_t end = begin + words.size();
  TokenSpan span{0, 0};
  bool found = false;
  for (uint32_t i = 0; i < doc.tokens.size(); ++i) {
    if (doc.tokens[i].begin < begin || doc.tokens[i].end > end) continue;
    if (!found) span.begin = i;
    span.end = i + 1;
    found = true;
  }
  EXPECT_TRUE(found) << words;
  return span;
}

// An analysis of kTitle and kText as the analyzer would give it, written by hand.
class LiveAnalysis : public ::testing::Test {
 protected:
  void SetUp() override {
    auto doc = Doc::FromUtf8(link::AnalyzedText(kTitle, kText));
    ASSERT_TRUE(doc.ok());
    doc_.emplace(std::move(doc).value());
    text::Segment(&*doc_);
    const size_t body = std::string_view(doc_->text()).find("Губернатор");

    facts::PersonFact kedrov;
    kedrov.name.surname = "Кедров";
    kedrov.name.first = "Игорь";
    kedrov.name.gender = names::Gender::kMale;
    kedrov.mentions = {{Tokens(*doc_, "Кедров"), "Кедров"},
                       {Tokens(*doc_, "Игорь Кедров", body), "Игорь Кедров"}};
    facts::PositionFact governor;
    governor.tokens = Tokens(*doc_, "Губернатор");
    governor.normal = "губернатор";
    governor.title = "губернатор";
    kedrov.positions = {governor};
    kedrov.quotes = {Tokens(*doc_, "Мост построим")};
    analysis_.persons = {kedrov};

    analysis_.organizations = {
        {"Северный мост",
         "СМ",
         {{Tokens(*doc_, "Северный мост"), "Северный мост"}, {Tokens(*doc_, "СМ", body), "СМ"}}}};
    analysis_.locations = {{"Верхнеречье",
                            "",
                            {{Tokens(*doc_, "Верхнеречье"), "Верхнеречье"},
                             {Tokens(*doc_, "Верхнеречье", body), "Верхнеречье"}}}};
  }

  std::string Write(const std::vector<kb::PanelEntry>* kb) {
    std::string out;
    JsonWriter json(&out);
    WriteAnalysisJson(R"("a1")", *doc_, text::CountCodePoints(kTitle), analysis_, kb, &json);
    EXPECT_TRUE(nlohmann::json::accept(out)) << out;
    return out;
  }

  std::optional<Doc> doc_;
  facts::ArticleAnalysis analysis_;
};

TEST_F(LiveAnalysis, WritesTheObjectWithOffsetsIntoTitleAndText) {
  EXPECT_EQ(
      Write(nullptr),
      R"({"id":"a1","persons":[{"name":"Игорь Кедров","canonical":"Кедров Игорь",)"
      R"("parts":{"surname":"Кедров","first":"Игорь"},"gender":"m",)"
      R"("mentions":[{"field":"title","start":0,"end":6,"text":"Кедров","normal":"Кедров"},)"
      R"({"start":11,"end":23,"text":"Игорь Кедров","normal":"Игорь Кедров"}],)"
      R"("positions":[{"title":"губернатор","org":"","text":"Губернатор","normal":"губернатор",)"
      R"("start":0,"end":10,"former":false}],)"
      R"("quotes":[{"text":"Мост построим","start":33,"end":46}]}],)"
      R"("organizations":[{"name":"Северный мост","abbr":"СМ","mentions":[)"
      R"({"start":59,"end":72,"text":"Северный мост","normal":"Северный мост"},)"
      R"({"start":75,"end":77,"text":"СМ","normal":"СМ"}]}],)"
      R"("locations":[{"name":"Верхнеречье","mentions":[)"
      R"({"field":"title","start":17,"end":28,"text":"Верхнеречье","normal":"Верхнеречье"},)"
      R"({"start":95,"end":106,"text":"Верхнеречье","normal":"Верхнеречье"}]}]})");
}

TEST_F(LiveAnalysis, KbFieldsCloseEachPerson) {
  const std::vector<kb::PanelEntry> kb = {
      {7, "Игорь Кедров", kb::LastPosition{"губернатор", "Северская область", "2026-03-01"}, 4}};
  const nlohmann::json parsed = nlohmann::json::parse(Write(&kb));
  const nlohmann::json& person = parsed["persons"][0];
  EXPECT_EQ(person["kb_id"], 7);
  EXPECT_EQ(person["last_position"]["org"], "Северская область");
  EXPECT_EQ(person["articles"], 4);
  EXPECT_NE(Write(&kb).find(R"("end":46}],"kb_id":7,)"), std::string::npos);
}

TEST_F(LiveAnalysis, UnknownGenderIsNullAndFamilyIsMarked) {
  analysis_.persons[0].name.gender = names::Gender::kUnknown;
  analysis_.persons[0].name.family = true;
  EXPECT_NE(Write(nullptr).find(R"("gender":null,"family":true,"mentions")"), std::string::npos);
}

// What a store would give back for the same article.
StoredAnalysis Stored() {
  StoredAnalysis stored;
  store::ArticleAnalysis& a = stored.analysis;
  a.mentions = {{7, 0, 6, true, "Кедров", "Кедров"},
                {7, 11, 23, false, "Игорь Кедров", "Игорь Кедров"},
                {8, 30, 35, false, "Мазура", "Мазур"}};
  a.positions = {{7, "губернатор", "Северская область", true, 0, 10, "Губернатор"}};
  a.quotes = {{7, 33, 46, "Мост построим"}, {0, 50, 55, "ничей"}};
  a.organizations = {{"Северный мост", "СМ", 59, 72, "Северный мост"},
                     {"Дума", "", 80, 84, "Думы"},
                     {"Северный мост", "СМ", 75, 77, "СМ"}};
  store::Person kedrov;
  kedrov.id = 7;
  kedrov.surname = "Кедров";
  kedrov.first_name = "Игорь";
  kedrov.patronymic = "П.";
  kedrov.gender = "m";
  kedrov.display_name = "Игорь П. Кедров";
  stored.persons = {{kedrov, {7, "Игорь П. Кедров", std::nullopt, 3}}};
  return stored;
}

TEST(StoredAnalysisJson, WritesThePanelPersonsAndGroupsEntitiesByName) {
  store::Article article;
  article.id = 12;
  article.external_id = "news/12";
  std::string out;
  JsonWriter json(&out);
  WriteStoredAnalysisJson(article, Stored(), &json);
  EXPECT_EQ(out,
            R"({"id":"news/12","article_id":12,"persons":[{"name":"Игорь П. Кедров",)"
            R"("canonical":"Кедров Игорь П.","parts":{"surname":"Кедров","first":"Игорь",)"
            R"("patronymic_initial":"П."},"gender":"m",)"
            R"("mentions":[{"field":"title","start":0,"end":6,"text":"Кедров","normal":"Кедров"},)"
            R"({"start":11,"end":23,"text":"Игорь Кедров","normal":"Игорь Кедров"}],)"
            R"("positions":[{"title":"губернатор","org":"Северская область","text":"Губернатор",)"
            R"("normal":"Губернатор","start":0,"end":10,"former":true}],)"
            R"("quotes":[{"text":"Мост построим","start":33,"end":46}],)"
            R"("kb_id":7,"last_position":null,"articles":3}],)"
            R"("organizations":[{"name":"Северный мост","abbr":"СМ","mentions":[)"
            R"({"start":59,"end":72,"text":"Северный мост","normal":"Северный мост"},)"
            R"({"start":75,"end":77,"text":"СМ","normal":"Северный мост"}]},)"
            R"({"name":"Дума","mentions":[{"start":80,"end":84,"text":"Думы","normal":"Дума"}]}],)"
            R"("locations":[]})");
  EXPECT_TRUE(nlohmann::json::accept(out));
}

TEST(StoredAnalysisJson, IdIsTheStoreNumberWithoutAnExternalId) {
  store::Article article;
  article.id = 12;
  std::string out;
  JsonWriter json(&out);
  WriteStoredAnalysisJson(article, StoredAnalysis{}, &json);
  EXPECT_EQ(out, R"({"id":"12","article_id":12,"persons":[],"organizations":[],"locations":[]})");
}

TEST(ReadStoredAnalysis, ReadsTheAnalysisAndThePanelPersons) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("kto_render_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    auto opened = store::Open((dir / "kb.db").string());
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store::Store& kb = **opened;
    store::ArticleInput input;
    input.external_id = "s1";
    input.text = "Игорь Кедров открыл мост.";
    auto article = kb.UpsertArticle(input);
    ASSERT_TRUE(article.ok());
    store::Person kedrov;
    kedrov.surname = "Кедров";
    kedrov.first_name = "Игорь";
    kedrov.display_name = "Игорь Кедров";
    auto person_id = kb.CreatePerson(kedrov);
    ASSERT_TRUE(person_id.ok());
    store::ArticleAnalysis analysis;
    analysis.article_id = article->article_id;
    analysis.mentions = {{*person_id, 0, 12, false, "Игорь Кедров", "Игорь Кедров"}};
    ASSERT_TRUE(kb.WriteAnalysis(analysis).ok());

    auto stored = ReadStoredAnalysis(kb, article->article_id);
    ASSERT_TRUE(stored.ok()) << stored.status().message();
    ASSERT_EQ(stored->analysis.mentions.size(), 1u);
    ASSERT_EQ(stored->persons.size(), 1u);
    EXPECT_EQ(stored->persons[0].person.surname, "Кедров");
    EXPECT_EQ(stored->persons[0].entry.name, "Игорь Кедров");
    EXPECT_EQ(stored->persons[0].entry.articles, 1);

    auto unknown = ReadStoredAnalysis(kb, article->article_id + 1);
    EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kto::render
