// kto analyze [--json] [FILE...|-]: who is in each article — persons with
// their normalized names, positions and quotes, organizations and places.
// Without --json, a readable panel per article; with --json, one analysis
// object per line (docs/schema/analysis.schema.json), offsets in code points
// into `text` (spans in the title carry "field": "title").
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "json_writer.h"
#include "kb_json.h"
#include "kto/facts/article.h"
#include "kto/kb/kb.h"
#include "kto/link/linker.h"
#include "kto/pipeline/ingestor.h"
#include "kto/store/store.h"
#include "kto/text/utf8.h"

namespace kto::cli {
namespace {

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
    json->Key("text").String(spans.Text(m.tokens)).Key("normal").String(m.normal).EndObject();
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

const char* GenderCode(names::Gender g) {
  return g == names::Gender::kMale ? "m" : g == names::Gender::kFemale ? "f" : nullptr;
}

void WriteJson(const InputDoc& input, const Doc& doc, size_t title_code_points,
               const facts::ArticleAnalysis& analysis, const std::vector<kb::PanelEntry>* kb,
               std::string* out) {
  const link::ArticleSpans spans(doc, title_code_points);
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
    WriteMentions(spans, p.mentions, &json);
    json.Key("positions").BeginArray();
    for (const facts::PositionFact& pos : p.positions) {
      json.BeginObject().Key("title").String(pos.title).Key("org").String(pos.org);
      json.Key("text").String(spans.Text(pos.tokens)).Key("normal").String(pos.normal);
      WriteSpan(spans, pos.tokens, &json);
      json.Key("former").Bool(pos.former).EndObject();
    }
    json.EndArray().Key("quotes").BeginArray();
    for (const TokenSpan& q : p.quotes) {
      json.BeginObject().Key("text").String(spans.Text(q));
      WriteSpan(spans, q, &json);
      json.EndObject();
    }
    json.EndArray();
    if (kb) WriteKbFields((*kb)[pi], &json);
    json.EndObject();
  }
  json.EndArray().Key("organizations");
  WriteEntities(spans, analysis.organizations, &json);
  json.Key("locations");
  WriteEntities(spans, analysis.locations, &json);
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

// The last position the article gives a person, a current one before a
// former one; null when it gives none.
const facts::PositionFact* ShownPosition(const facts::PersonFact& p) {
  const facts::PositionFact* shown = nullptr;
  for (const facts::PositionFact& pos : p.positions)
    if (!shown || shown->former || !pos.former) shown = &pos;
  return shown;
}

// The readable panel of an article: a line per person (with the KB's view:
// last position and article count; without it: the article's own position
// and the number of mentions), the person's quotes, organizations, places.
void WritePanel(const InputDoc& input, const Doc& doc, const facts::ArticleAnalysis& analysis,
                const std::vector<kb::PanelEntry>* kb, std::string* out) {
  const link::ArticleSpans spans(doc, 0);
  *out += input.origin + "\n";
  if (analysis.persons.empty()) *out += "  (персоны не найдены)\n";
  for (size_t pi = 0; pi < analysis.persons.size(); ++pi) {
    const facts::PersonFact& p = analysis.persons[pi];
    if (kb) {
      if (p.name.family || p.name.group) continue;
      *out += "  " + kb::PanelLine((*kb)[pi]) + "\n";
    } else {
      const facts::PositionFact* shown = ShownPosition(p);
      std::optional<kb::LastPosition> position;
      if (shown) position = kb::LastPosition{shown->title, shown->org, ""};
      *out += "  " +
              kb::PanelLine(p.name.Display(), position,
                            shown && shown->former ? "Бывшая должность" : "Должность",
                            MentionCount(p.mentions.size())) +
              "\n";
    }
    for (const TokenSpan& q : p.quotes) *out += "      «" + std::string(spans.Text(q)) + "»\n";
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

}  // namespace

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
  AddNerModelFlag(*cmd, &args->model);
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
      auto created = link::Linker::Create(store.get());
      if (!created.ok()) {
        *exit_code = Report("analyze", created.status());
        return;
      }
      linker = std::move(created).value();
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
        if (!input.title.empty()) {  // analyzed as «title\n\ntext» (link/article_text.h)
          auto titled =
              Doc::FromUtf8(link::AnalyzedText(input.title, std::string(input.doc.text())));
          if (!titled.ok()) {
            *exit_code = Report("analyze", titled.status());
            return;
          }
          combined = std::move(titled).value();
          title_code_points = text::CountCodePoints(input.title);
          doc = &*combined;
        }
        const facts::ArticleAnalysis analysis = analyzer->Analyze(doc, &state);
        std::vector<kb::PanelEntry> kb_entries;
        if (store) {
          auto entries = pipeline::PreviewKbEntries(*store, *linker, analysis);
          if (!entries.ok()) {
            *exit_code = Report("analyze", entries.status());
            return;
          }
          kb_entries = std::move(entries).value();
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
