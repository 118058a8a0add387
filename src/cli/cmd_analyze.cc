// kto analyze [--json] [FILE...|-]: who is in each article — persons with
// their normalized names, positions and quotes, organizations and places.
// Without --json, a readable panel per article; with --json, one analysis
// object per line (docs/schema/analysis.schema.json), offsets in code points
// into `text` (spans in the title carry "field": "title").
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "json_writer.h"
#include "kb_json.h"
#include "kto/facts/article.h"
#include "kto/kb/kb.h"
#include "kto/link/linker.h"
#include "kto/store/store.h"
#include "kto/text/utf8.h"

namespace kto::cli {
namespace {

// Code point offsets of every token, and where the title ends: a JSON
// lines article with a title is analyzed as «title\n\ntext».
class Offsets {
 public:
  Offsets(const Doc& doc, size_t title_code_points) : title_(title_code_points) {
    text::CodePointCounter counter(doc.text());
    for (const Token& t : doc.tokens) {
      begin_.push_back(counter.ToCodePoints(t.begin));
      end_.push_back(counter.ToCodePoints(t.end));
    }
  }

  // "start", "end" (and "field": "title") of tokens [begin, end).
  void Write(const facts::TokenRange& r, JsonWriter* json) const {
    uint64_t start = begin_[r.begin], stop = end_[r.end - 1];
    if (title_ > 0 && start < title_) {
      json->Key("field").String("title");
    } else if (title_ > 0) {
      start -= title_ + 2;
      stop -= title_ + 2;
    }
    json->Key("start").Int(static_cast<int64_t>(start)).Key("end").Int(static_cast<int64_t>(stop));
  }

 private:
  std::vector<uint64_t> begin_, end_;
  uint64_t title_;
};

std::string_view SpanText(const Doc& doc, const facts::TokenRange& r) {
  return doc.text().substr(doc.tokens[r.begin].begin,
                           doc.tokens[r.end - 1].end - doc.tokens[r.begin].begin);
}

void WriteMentions(const Doc& doc, const Offsets& offsets,
                   const std::vector<facts::MentionFact>& mentions, JsonWriter* json) {
  json->BeginArray();
  for (const facts::MentionFact& m : mentions) {
    json->BeginObject();
    offsets.Write(m.tokens, json);
    json->Key("text").String(SpanText(doc, m.tokens)).Key("normal").String(m.normal).EndObject();
  }
  json->EndArray();
}

void WriteEntities(const Doc& doc, const Offsets& offsets,
                   const std::vector<facts::EntityFact>& entities, JsonWriter* json) {
  json->BeginArray();
  for (const facts::EntityFact& e : entities) {
    json->BeginObject().Key("name").String(e.name);
    if (!e.abbr.empty()) json->Key("abbr").String(e.abbr);
    json->Key("mentions");
    WriteMentions(doc, offsets, e.mentions, json);
    json->EndObject();
  }
  json->EndArray();
}

const char* GenderCode(names::Gender g) {
  return g == names::Gender::kMale ? "m" : g == names::Gender::kFemale ? "f" : nullptr;
}

void WriteJson(const InputDoc& input, const Doc& doc, size_t title_code_points,
               const facts::ArticleAnalysis& analysis, const std::vector<kb::PanelEntry>* kb,
               std::string* out) {
  const Offsets offsets(doc, title_code_points);
  JsonWriter json(out);
  json.BeginObject().Key("id").Raw(input.id_json).Key("persons").BeginArray();
  for (size_t pi = 0; pi < analysis.persons.size(); ++pi) {
    const facts::PersonFact& p = analysis.persons[pi];
    const names::PersonName& n = p.name;
    json.BeginObject().Key("name").String(n.Display()).Key("canonical").String(n.Canonical());
    json.Key("parts").BeginObject();
    for (const auto& [key, value] :
         {std::pair<const char*, const std::string*>{"surname", &n.surname},
          {"first", &n.first},
          {"patronymic", &n.patronymic},
          {"first_initial", &n.first_initial},
          {"patronymic_initial", &n.patronymic_initial}})
      if (!value->empty()) json.Key(key).String(*value);
    json.EndObject();
    json.Key("gender");
    if (const char* g = GenderCode(n.gender))
      json.String(g);
    else
      json.Raw("null");
    if (n.family) json.Key("family").Bool(true);
    json.Key("mentions");
    WriteMentions(doc, offsets, p.mentions, &json);
    json.Key("positions").BeginArray();
    for (const facts::PositionFact& pos : p.positions) {
      json.BeginObject().Key("title").String(pos.title).Key("org").String(pos.org);
      json.Key("text").String(SpanText(doc, pos.tokens)).Key("normal").String(pos.normal);
      offsets.Write(pos.tokens, &json);
      json.Key("former").Bool(pos.former).EndObject();
    }
    json.EndArray().Key("quotes").BeginArray();
    for (const facts::TokenRange& q : p.quotes) {
      json.BeginObject().Key("text").String(SpanText(doc, q));
      offsets.Write(q, &json);
      json.EndObject();
    }
    json.EndArray();
    if (kb) WriteKbFields((*kb)[pi], &json);
    json.EndObject();
  }
  json.EndArray().Key("organizations");
  WriteEntities(doc, offsets, analysis.organizations, &json);
  json.Key("locations");
  WriteEntities(doc, offsets, analysis.locations, &json);
  json.EndObject();
  out->push_back('\n');
}

// «1 упоминание», «3 упоминания», «5 упоминаний».
std::string MentionCount(size_t n) {
  const size_t last2 = n % 100, last = n % 10;
  const char* word = (last2 >= 11 && last2 <= 14) ? "упоминаний"
                     : last == 1                  ? "упоминание"
                     : (last >= 2 && last <= 4)   ? "упоминания"
                                                  : "упоминаний";
  return std::to_string(n) + " " + word;
}

std::string Capitalized(const std::string& s) {
  std::u32string u = text::DecodeUtf8(s);
  if (!u.empty() && u[0] >= U'а' && u[0] <= U'я') u[0] -= 0x20;
  return text::EncodeUtf8(u);
}

void WritePanel(const InputDoc& input, const Doc& doc, const facts::ArticleAnalysis& analysis,
                const std::vector<kb::PanelEntry>* kb, std::string* out) {
  *out += input.origin + "\n";
  if (analysis.persons.empty()) *out += "  (персоны не найдены)\n";
  for (size_t pi = 0; pi < analysis.persons.size(); ++pi) {
    const facts::PersonFact& p = analysis.persons[pi];
    if (kb) {  // the KB's view: last position and article count
      if (p.name.family || p.name.group) continue;
      *out += "  " + kb::PanelLine((*kb)[pi]) + "\n";
      for (const facts::TokenRange& q : p.quotes)
        *out += "      «" + std::string(SpanText(doc, q)) + "»\n";
      continue;
    }
    *out += "  " + p.name.Display();
    // The last position the article gives, a current one before a former one.
    const facts::PositionFact* shown = nullptr;
    for (const facts::PositionFact& pos : p.positions)
      if (!shown || shown->former || !pos.former) shown = &pos;
    if (shown) {
      *out += shown->former ? " — Бывшая должность: " : " — Должность: ";
      *out += Capitalized(shown->title);
      if (!shown->org.empty()) *out += " (" + shown->org + ")";
    }
    *out += " — " + MentionCount(p.mentions.size()) + "\n";
    for (const facts::TokenRange& q : p.quotes)
      *out += "      «" + std::string(SpanText(doc, q)) + "»\n";
  }
  auto list = [&](const char* label, const std::vector<facts::EntityFact>& entities) {
    if (entities.empty()) return;
    *out += std::string("  ") + label + ": ";
    for (size_t i = 0; i < entities.size(); ++i) {
      if (i) *out += "; ";
      *out += entities[i].name;
      if (!entities[i].abbr.empty()) *out += " (" + entities[i].abbr + ")";
    }
    *out += "\n";
  };
  list("Организации", analysis.organizations);
  list("Места", analysis.locations);
  *out += "\n";
}

// The KB entry of each person of an article that is not stored: the person
// the linker would link it to (its last position and article count), or,
// for a person the KB does not know, the article's own name and position
// with 0 articles.
Status KbEntries(store::Store& store, link::Linker& linker, const facts::ArticleAnalysis& analysis,
                 std::vector<kb::PanelEntry>* entries) {
  auto ids = linker.Resolve(analysis, "");
  if (!ids.ok()) return ids.status();
  for (size_t i = 0; i < analysis.persons.size(); ++i) {
    const facts::PersonFact& p = analysis.persons[i];
    if ((*ids)[i] != 0) {
      auto entry = kb::PersonEntry(store, (*ids)[i]);
      if (!entry.ok()) return entry.status();
      entries->push_back(std::move(entry).value());
      continue;
    }
    kb::PanelEntry entry;
    entry.name = p.name.Display();
    for (const facts::PositionFact& pos : p.positions)
      if (!pos.former) entry.last_position = kb::LastPosition{pos.title, pos.org, ""};
    entries->push_back(std::move(entry));
  }
  return Status();
}

}  // namespace

std::unique_ptr<facts::ArticleAnalyzer> OpenArticleAnalyzer(std::string_view command,
                                                            const std::string& dict_flag,
                                                            const std::string& model_flag,
                                                            int* exit_code,
                                                            const PositionsFlags& positions_flags) {
  auto dictionary = OpenAnalyzer(command, dict_flag, exit_code);
  if (!dictionary) return nullptr;
  auto model = LoadNerModel(model_flag, dict_flag);
  if (!model.ok()) {
    std::cerr << "kto " << command << ": " << model.status().message() << "\n";
    *exit_code = kExitBadData;
    return nullptr;
  }
  auto positions = LoadPositionsModel(positions_flags);
  if (!positions.ok()) {
    std::cerr << "kto " << command << ": " << positions.status().message() << "\n";
    *exit_code = kExitBadData;
    return nullptr;
  }
  auto analyzer = facts::ArticleAnalyzer::Create(dictionary, std::move(model).value(),
                                                 std::move(positions).value());
  if (!analyzer.ok()) {
    std::cerr << "kto " << command << ": " << analyzer.status().message() << "\n";
    *exit_code = ExitCodeFor(analyzer.status());
    return nullptr;
  }
  return std::move(analyzer).value();
}

void AddAnalyzeCommand(CLI::App& app, int* exit_code) {
  struct Args {
    std::vector<std::string> inputs{"-"};
    InputFlags flags;
    bool json = false;
    std::string dict, model, db;
    PositionsFlags positions;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd =
      app.add_subcommand("analyze", "Who is in each article: persons, positions, quotes");
  cmd->add_option("inputs", args->inputs, "Articles: plain text or JSON lines files; - for stdin");
  cmd->add_flag("--json", args->json, "One JSON analysis object per article");
  AddInputFlags(*cmd, &args->flags);
  AddDictFlag(*cmd, &args->dict);
  cmd->add_option("--model", args->model,
                  "NER model (default: $KTO_NER_MODEL, else the committed one)");
  cmd->add_option("--db", args->db,
                  "Knowledge base (a file path or sqlite:PATH): last positions and article "
                  "counts from it; nothing is written");
  AddPositionsFlags(*cmd, &args->positions, false);
  cmd->callback([args, exit_code] {
    std::unique_ptr<store::Store> store;
    std::unique_ptr<link::Linker> linker;
    if (!args->db.empty()) {
      auto opened = store::Open(args->db);
      if (!opened.ok()) {
        std::cerr << "kto analyze: " << opened.status().message() << "\n";
        *exit_code = ExitCodeFor(opened.status());
        return;
      }
      store = std::move(opened).value();
      linker = std::move(link::Linker::Create(store.get()).value());
    }
    auto analyzer =
        OpenArticleAnalyzer("analyze", args->dict, args->model, exit_code, args->positions);
    if (!analyzer) return;
    facts::ArticleAnalyzer::State state(*analyzer);
    *exit_code = kExitOk;
    std::string out;
    for (const std::string& path : args->inputs) {
      auto summary = ReadDocuments(path, ToInputOptions(args->flags), [&](InputDoc&& input) {
        size_t title_code_points = 0;
        Doc* doc = &input.doc;
        std::optional<Doc> combined;
        if (!input.title.empty()) {
          combined = std::move(
              Doc::FromUtf8(input.title + "\n\n" + std::string(input.doc.text())).value());
          title_code_points = text::CountCodePoints(input.title);
          doc = &*combined;
        }
        const facts::ArticleAnalysis analysis = analyzer->Analyze(doc, &state);
        std::vector<kb::PanelEntry> kb_entries;
        if (store) {
          Status status = KbEntries(*store, *linker, analysis, &kb_entries);
          if (!status.ok()) {
            std::cerr << "kto analyze: " << status.message() << "\n";
            *exit_code = ExitCodeFor(status);
            return;
          }
        }
        const std::vector<kb::PanelEntry>* kb = store ? &kb_entries : nullptr;
        out.clear();
        if (args->json) {
          WriteJson(input, *doc, title_code_points, analysis, kb, &out);
        } else {
          WritePanel(input, *doc, analysis, kb, &out);
        }
        std::fwrite(out.data(), 1, out.size(), stdout);
      });
      if (const int code = ReadOutcome("analyze", summary); code != kExitOk) *exit_code = code;
    }
    std::fflush(stdout);
  });
}

}  // namespace kto::cli
