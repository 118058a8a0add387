#include "kto/render/kb_json.h"

#include "person_parts.h"

namespace kto::render {
namespace {

void WritePositions(const std::vector<store::Position>& positions, JsonWriter* json) {
  json->BeginArray();
  for (const store::Position& p : positions) {
    json->BeginObject().Key("title").String(p.title).Key("org").String(p.org);
    json->Key("former").Bool(p.former).Key("first_seen").String(p.first_seen);
    json->Key("last_seen").String(p.last_seen).Key("evidence").BeginArray();
    for (int64_t a : p.evidence) json->Int(a);
    json->EndArray().Key("evidence_count").Int(p.evidence_count);
    json->Key("imported").Bool(p.imported).EndObject();
  }
  json->EndArray();
}

void WriteCoMentioned(const std::vector<std::pair<store::Person, int64_t>>& co_mentioned,
                      JsonWriter* json) {
  json->BeginArray();
  for (const auto& [other, n] : co_mentioned)
    json->BeginObject()
        .Key("kb_id")
        .Int(other.id)
        .Key("name")
        .String(other.display_name)
        .Key("articles")
        .Int(n)
        .EndObject();
  json->EndArray();
}

void WriteQuotes(const std::vector<store::PersonQuote>& quotes, JsonWriter* json) {
  json->BeginArray();
  for (const store::PersonQuote& q : quotes)
    json->BeginObject()
        .Key("text")
        .String(q.quote.text)
        .Key("article_id")
        .Int(q.quote.article_id)
        .Key("date")
        .String(q.date)
        .EndObject();
  json->EndArray();
}

}  // namespace

void WriteKbFields(const kb::PanelEntry& entry, JsonWriter* json) {
  json->Key("kb_id");
  if (entry.person_id != 0)
    json->Int(entry.person_id);
  else
    json->Null();
  json->Key("last_position");
  if (entry.last_position) {
    json->BeginObject()
        .Key("title")
        .String(entry.last_position->title)
        .Key("org")
        .String(entry.last_position->org)
        .Key("date")
        .String(entry.last_position->date)
        .EndObject();
  } else {
    json->Null();
  }
  json->Key("articles").Int(entry.articles);
}

void WritePersonRecordJson(const kb::PersonRecord& record, std::span<const int64_t> namesakes,
                           JsonWriter* json) {
  json->BeginObject();
  WritePersonRecordFields(record, namesakes, json);
  json->EndObject();
}

void WritePersonRecordFields(const kb::PersonRecord& record, std::span<const int64_t> namesakes,
                             JsonWriter* json) {
  const store::Person& person = record.person;
  json->Key("name").String(person.display_name);
  json->Key("parts")
      .BeginObject()
      .Key("surname")
      .String(person.surname)
      .Key("first")
      .String(person.first_name)
      .Key("patronymic")
      .String(person.patronymic)
      .EndObject();
  json->Key("gender");
  WriteGender(person.gender, json);
  json->Key("external_id");
  if (person.external_id.empty())
    json->Null();
  else
    json->String(person.external_id);
  WriteKbFields({person.id, person.display_name, record.last_position, record.articles}, json);
  json->Key("first_seen").String(record.first_seen).Key("last_seen").String(record.last_seen);
  json->Key("aliases").BeginArray();
  for (const std::string& a : record.aliases) json->String(a);
  json->EndArray().Key("positions");
  WritePositions(record.positions, json);
  json->Key("co_mentioned");
  WriteCoMentioned(record.co_mentioned, json);
  json->Key("quotes");
  WriteQuotes(record.quotes, json);
  if (!namesakes.empty()) {
    json->Key("namesakes").BeginArray();
    for (int64_t id : namesakes) json->Int(id);
    json->EndArray();
  }
}

void WriteTopEntryJson(int64_t rank, const kb::PanelEntry& entry, JsonWriter* json) {
  json->BeginObject().Key("rank").Int(rank).Key("name").String(entry.name);
  WriteKbFields(entry, json);
  json->EndObject();
}

}  // namespace kto::render
