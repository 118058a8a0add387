#include "kto/render/analysis_json.h"

#include <map>
#include <string>
#include <utility>

#include "kto/link/article_text.h"
#include "kto/render/kb_json.h"
#include "person_parts.h"

namespace kto::render {
namespace {

// ---- A live analysis: token spans mapped onto the title and the text ----

// "start", "end" (and "field": "title") of tokens r.
void WriteSpan(const link::ArticleSpans& spans, const TokenSpan& r, JsonWriter* json) {
  const link::ArticleSpan span = spans.Locate(r);
  if (span.in_title) json->Key("field").String("title");
  json->Key("start").Int(span.start).Key("end").Int(span.end);
}

void WriteMentions(const link::ArticleSpans& spans, const std::vector<facts::MentionFact>& mentions,
                   JsonWriter* json) {
  json->BeginArray();
  for (const facts::MentionFact& m : mentions) {
    json->BeginObject();
    WriteSpan(spans, m.tokens, json);
    json->Key("text").String(spans.Text(m.tokens)).Key("normal").String(m.normal);
    if (m.derived) json->Key("derived").Bool(true);
    json->EndObject();
  }
  json->EndArray();
}

void WriteEntities(const link::ArticleSpans& spans, const std::vector<facts::EntityFact>& entities,
                   JsonWriter* json) {
  json->BeginArray();
  for (const facts::EntityFact& e : entities) {
    json->BeginObject().Key("name").String(e.name);
    if (!e.abbr.empty()) json->Key("abbr").String(e.abbr);
    json->Key("mentions");
    WriteMentions(spans, e.mentions, json);
    json->EndObject();
  }
  json->EndArray();
}

// The parts of the name that are known, in a fixed order.
void WriteNameParts(const names::PersonName& n, JsonWriter* json) {
  json->BeginObject();
  for (const auto& [key, value] :
       {std::pair<const char*, const std::string*>{"surname", &n.surname},
        {"first", &n.first},
        {"patronymic", &n.patronymic},
        {"first_initial", &n.first_initial},
        {"patronymic_initial", &n.patronymic_initial}})
    if (!value->empty()) json->Key(key).String(*value);
  json->EndObject();
}

std::string_view GenderCode(names::Gender g) {
  return g == names::Gender::kMale ? "m" : g == names::Gender::kFemale ? "f" : "";
}

void WritePositions(const link::ArticleSpans& spans,
                    const std::vector<facts::PositionFact>& positions, JsonWriter* json) {
  json->BeginArray();
  for (const facts::PositionFact& pos : positions) {
    json->BeginObject().Key("title").String(pos.title).Key("org").String(pos.org);
    json->Key("text").String(spans.Text(pos.tokens)).Key("normal").String(pos.normal);
    WriteSpan(spans, pos.tokens, json);
    json->Key("former").Bool(pos.former).EndObject();
  }
  json->EndArray();
}

void WriteQuotes(const link::ArticleSpans& spans, const std::vector<TokenSpan>& quotes,
                 JsonWriter* json) {
  json->BeginArray();
  for (const TokenSpan& q : quotes) {
    json->BeginObject().Key("text").String(spans.Text(q));
    WriteSpan(spans, q, json);
    json->EndObject();
  }
  json->EndArray();
}

// One person; with its KB fields when `kb` is not null.
void WritePerson(const link::ArticleSpans& spans, const facts::PersonFact& p,
                 const kb::PanelEntry* kb, JsonWriter* json) {
  const names::PersonName& n = p.name;
  json->BeginObject().Key("name").String(n.Display()).Key("canonical").String(n.Canonical());
  json->Key("parts");
  WriteNameParts(n, json);
  json->Key("gender");
  WriteGender(GenderCode(n.gender), json);
  if (n.family) json->Key("family").Bool(true);
  json->Key("mentions");
  WriteMentions(spans, p.mentions, json);
  json->Key("positions");
  WritePositions(spans, p.positions, json);
  json->Key("quotes");
  WriteQuotes(spans, p.quotes, json);
  if (kb) WriteKbFields(*kb, json);
  json->EndObject();
}

// ---- A stored analysis: rows with offsets already in code points ----

void WriteStoredMentions(const std::vector<store::Mention>& mentions, int64_t person_id,
                         JsonWriter* json) {
  json->BeginArray();
  for (const store::Mention& m : mentions) {
    if (m.person_id != person_id) continue;
    json->BeginObject();
    if (m.in_title) json->Key("field").String("title");
    json->Key("start").Int(m.start).Key("end").Int(m.end);
    json->Key("text").String(m.text).Key("normal").String(m.normal).EndObject();
  }
  json->EndArray();
}

void WriteStoredPositions(const std::vector<store::PositionMention>& positions, int64_t person_id,
                          JsonWriter* json) {
  json->BeginArray();
  for (const store::PositionMention& pos : positions) {
    if (pos.person_id != person_id) continue;
    json->BeginObject().Key("title").String(pos.title).Key("org").String(pos.org);
    json->Key("text").String(pos.text).Key("normal").String(pos.text);
    json->Key("start").Int(pos.start).Key("end").Int(pos.end).Key("former").Bool(pos.former);
    json->EndObject();
  }
  json->EndArray();
}

void WriteStoredQuotes(const std::vector<store::Quote>& quotes, int64_t person_id,
                       JsonWriter* json) {
  json->BeginArray();
  for (const store::Quote& q : quotes) {
    if (q.person_id != person_id) continue;
    json->BeginObject().Key("text").String(q.text).Key("start").Int(q.start).Key("end").Int(q.end);
    json->EndObject();
  }
  json->EndArray();
}

// «Фамилия Имя Отчество» of the parts the KB knows.
std::string StoredCanonical(const store::Person& p) {
  std::string canonical = p.surname;
  for (const std::string* part : {&p.first_name, &p.patronymic})
    if (!part->empty()) canonical += (canonical.empty() ? "" : " ") + *part;
  return canonical;
}

// The store keeps a first name or patronymic known only by its initial as
// that initial («В.»): it is written under the initial's key.
void WriteStoredNameParts(const store::Person& p, JsonWriter* json) {
  json->BeginObject();
  if (!p.surname.empty()) json->Key("surname").String(p.surname);
  auto part = [&](const char* full, const char* initial, const std::string& value) {
    if (value.empty()) return;
    const bool is_initial = value.back() == '.' && value.size() <= 4;
    json->Key(is_initial ? initial : full).String(value);
  };
  part("first", "first_initial", p.first_name);
  part("patronymic", "patronymic_initial", p.patronymic);
  json->EndObject();
}

void WriteStoredPerson(const store::ArticleAnalysis& analysis, const StoredPerson& stored,
                       JsonWriter* json) {
  const store::Person& p = stored.person;
  const int64_t id = stored.entry.person_id;
  json->BeginObject()
      .Key("name")
      .String(p.display_name)
      .Key("canonical")
      .String(StoredCanonical(p));
  json->Key("parts");
  WriteStoredNameParts(p, json);
  json->Key("gender");
  WriteGender(p.gender, json);
  json->Key("mentions");
  WriteStoredMentions(analysis.mentions, id, json);
  json->Key("positions");
  WriteStoredPositions(analysis.positions, id, json);
  json->Key("quotes");
  WriteStoredQuotes(analysis.quotes, id, json);
  WriteKbFields(stored.entry, json);
  json->EndObject();
}

// One entry per name, in order of first mention, with all its mentions.
void WriteStoredEntities(const std::vector<store::EntityMention>& mentions, JsonWriter* json) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<const store::EntityMention*>> by_name;
  for (const store::EntityMention& m : mentions) {
    if (!by_name.count(m.name)) order.push_back(m.name);
    by_name[m.name].push_back(&m);
  }
  json->BeginArray();
  for (const std::string& name : order) {
    const std::vector<const store::EntityMention*>& named = by_name[name];
    json->BeginObject().Key("name").String(name);
    if (!named.front()->abbr.empty()) json->Key("abbr").String(named.front()->abbr);
    json->Key("mentions").BeginArray();
    for (const store::EntityMention* m : named) {
      json->BeginObject()
          .Key("start")
          .Int(m->start)
          .Key("end")
          .Int(m->end)
          .Key("text")
          .String(m->text)
          .Key("normal")
          .String(m->name);
      if (m->derived) json->Key("derived").Bool(true);
      json->EndObject();
    }
    json->EndArray().EndObject();
  }
  json->EndArray();
}

}  // namespace

void WriteAnalysisJson(std::string_view id_json, const Doc& doc, size_t title_code_points,
                       const facts::ArticleAnalysis& analysis,
                       const std::vector<kb::PanelEntry>* kb, JsonWriter* json) {
  const link::ArticleSpans spans(doc, title_code_points);
  json->BeginObject().Key("id").Raw(id_json).Key("persons").BeginArray();
  for (size_t i = 0; i < analysis.persons.size(); ++i)
    WritePerson(spans, analysis.persons[i], kb ? &(*kb)[i] : nullptr, json);
  json->EndArray().Key("organizations");
  WriteEntities(spans, analysis.organizations, json);
  json->Key("locations");
  WriteEntities(spans, analysis.locations, json);
  json->EndObject();
}

Result<StoredAnalysis> ReadStoredAnalysis(store::Store& store, int64_t article_id) {
  auto analysis = store.ReadAnalysis(article_id);
  if (!analysis.ok()) return analysis.status();
  StoredAnalysis stored{std::move(analysis).value(), {}};
  auto persons = kb::ExistingPersons(store, kb::PersonsByFirstMention(stored.analysis.mentions));
  if (!persons.ok()) return persons.status();
  auto entries = kb::PersonEntries(store, *persons);
  if (!entries.ok()) return entries.status();
  for (size_t i = 0; i < persons->size(); ++i)
    stored.persons.push_back({std::move((*persons)[i]), std::move((*entries)[i])});
  return stored;
}

void WriteStoredAnalysisJson(const store::Article& article, const StoredAnalysis& stored,
                             JsonWriter* json) {
  json->BeginObject().Key("id").String(article.external_id.empty() ? std::to_string(article.id)
                                                                   : article.external_id);
  json->Key("article_id").Int(article.id).Key("persons").BeginArray();
  for (const StoredPerson& person : stored.persons)
    WriteStoredPerson(stored.analysis, person, json);
  json->EndArray().Key("organizations");
  WriteStoredEntities(stored.analysis.organizations, json);
  json->Key("locations");
  WriteStoredEntities(stored.analysis.locations, json);
  json->EndObject();
}

}  // namespace kto::render
