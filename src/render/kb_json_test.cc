#include "kto/render/kb_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace kto::render {
namespace {

TEST(KbFields, NullsForAPersonOutsideTheKbWithoutAPosition) {
  std::string out;
  JsonWriter json(&out);
  json.BeginObject();
  WriteKbFields({0, "Игорь Кедров", std::nullopt, 0}, &json);
  json.EndObject();
  EXPECT_EQ(out, R"({"kb_id":null,"last_position":null,"articles":0})");
}

TEST(TopEntryJson, RankNameAndKbFields) {
  std::string out;
  JsonWriter json(&out);
  WriteTopEntryJson(2, {7, "Игорь Кедров", kb::LastPosition{"мэр", "Верхнеречье", "2026-03-01"}, 5},
                    &json);
  EXPECT_EQ(out, R"({"rank":2,"name":"Игорь Кедров","kb_id":7,"last_position":)"
                 R"({"title":"мэр","org":"Верхнеречье","date":"2026-03-01"},"articles":5})");
}

kb::PersonRecord Record() {
  kb::PersonRecord r;
  r.person.id = 7;
  r.person.surname = "Кедрова";
  r.person.first_name = "Анна";
  r.person.gender = "f";
  r.person.display_name = "Анна Кедрова";
  r.aliases = {"Анна Кедрова", "Кедрова"};
  store::Position mayor;
  mayor.title = "мэр";
  mayor.org = "Верхнеречье";
  mayor.first_seen = "2026-01-05";
  mayor.last_seen = "2026-03-01";
  mayor.evidence = {3, 9};
  mayor.evidence_count = 2;
  r.positions = {mayor};
  r.last_position = kb::LastPosition{"мэр", "Верхнеречье", "2026-03-01"};
  r.articles = 4;
  r.first_seen = "2026-01-05";
  r.last_seen = "2026-03-01";
  store::Person other;
  other.id = 8;
  other.display_name = "Олег Мазур";
  r.co_mentioned = {{other, 2}};
  r.quotes = {{{7, 10, 20, "Мост будет", 9}, "2026-03-01"}};
  return r;
}

TEST(PersonRecordJson, WritesEveryPartOfTheRecord) {
  std::string out;
  JsonWriter json(&out);
  WritePersonRecordJson(Record(), {}, &json);
  EXPECT_EQ(out, R"({"name":"Анна Кедрова","parts":{"surname":"Кедрова","first":"Анна",)"
                 R"("patronymic":""},"gender":"f","external_id":null,"kb_id":7,)"
                 R"("last_position":{"title":"мэр",)"
                 R"("org":"Верхнеречье","date":"2026-03-01"},"articles":4,)"
                 R"("first_seen":"2026-01-05","last_seen":"2026-03-01",)"
                 R"("aliases":["Анна Кедрова","Кедрова"],"positions":[{"title":"мэр",)"
                 R"("org":"Верхнеречье","former":false,"first_seen":"2026-01-05",)"
                 R"("last_seen":"2026-03-01","evidence":[3,9],"evidence_count":2,)"
                 R"("imported":false}],)"
                 R"("co_mentioned":[{"kb_id":8,"name":"Олег Мазур","articles":2}],)"
                 R"("quotes":[{"text":"Мост будет","article_id":9,"date":"2026-03-01"}]})");
}

TEST(PersonRecordJson, NamesakesOnlyWhenThereAreAny) {
  std::string out;
  JsonWriter json(&out);
  kb::PersonRecord r = Record();
  r.person.gender.clear();
  const std::vector<int64_t> namesakes = {11, 12};
  WritePersonRecordJson(r, namesakes, &json);
  const nlohmann::json parsed = nlohmann::json::parse(out);
  EXPECT_TRUE(parsed["gender"].is_null());
  EXPECT_TRUE(parsed["external_id"].is_null());
  EXPECT_EQ(parsed["namesakes"], nlohmann::json::array({11, 12}));
  EXPECT_NE(out.find(R"("date":"2026-03-01"}],"namesakes":[11,12]})"), std::string::npos);
}

TEST(PersonRecordJson, AListedPersonHasItsIdAndImportedPosts) {
  std::string out;
  JsonWriter json(&out);
  kb::PersonRecord r = Record();
  r.person.external_id = "vr-07";
  r.positions[0].imported = true;
  WritePersonRecordJson(r, {}, &json);
  const nlohmann::json parsed = nlohmann::json::parse(out);
  EXPECT_EQ(parsed["external_id"], "vr-07");
  EXPECT_EQ(parsed["positions"][0]["imported"], true);
}

}  // namespace
}  // namespace kto::render
