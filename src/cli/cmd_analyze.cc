// kto analyze [--json] [FILE...|-]: who is in each article — persons with
// their normalized names, positions and quotes, organizations and places.
// Without --json, a readable panel per article; with --json, one analysis
// object per line (docs/schema/analysis.schema.json), offsets in code points
// into `text` (spans in the title carry "field": "title").
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "kto/facts/article.h"
#include "kto/kb/kb.h"
#include "kto/link/linker.h"
#include "kto/pipeline/ingestor.h"
#include "kto/render/analysis_json.h"
#include "kto/store/store.h"
#include "kto/text/utf8.h"

namespace kto::cli {
namespace {

// «1 упоминание», «3 упоминания», «5 упоминаний».
std::string MentionCount(size_t n) {
  const size_t last2 = n % 100, last = n % 10;
  const char* word = (last2 >= 11 && last2 <= 14) ? "упоминаний"
                     : last == 1                  ? "упоминание"
                     : (last >= 2 && last <= 4)   ? "упоминания"
                                                  : "упоминаний";
  return std::to_string(n) + " " + word;
}

// The readable panel of an article: a line per person (with the KB's view:
// last position and article count; without it: the article's own position
// and the number of mentions), the person's quotes, organizations, places.
void WritePanel(const InputDoc& input, const Doc& doc, const facts::ArticleAnalysis& analysis,
                const std::vector<kb::PanelEntry>* kb, std::string* out) {
  const link::ArticleSpans spans(doc, 0);
  *out += input.origin + "\n";
  if (std::all_of(analysis.persons.begin(), analysis.persons.end(),
                  [](const facts::PersonFact& p) { return p.name.family || p.name.group; }))
    *out += "  (персоны не найдены)\n";
  for (size_t pi = 0; pi < analysis.persons.size(); ++pi) {
    const facts::PersonFact& p = analysis.persons[pi];
    if (p.name.family || p.name.group) continue;  // «Ветровы»: not one person
    if (kb) {
      *out += "  " + kb::PanelLine((*kb)[pi]) + "\n";
    } else {
      const facts::PositionFact* shown = facts::MainPosition(p);
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

// The arguments and flags of kto analyze.
struct AnalyzeArgs {
  std::vector<std::string> inputs{"-"};
  InputFlags flags;
  bool json = false;
  std::string dict, model, db;
  PositionsFlags positions;
};

// The KB of --db, read only: the last positions and article counts the
// linker would give the persons of an article.
struct KbView {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<link::Linker> linker;
};

// Opens the KB of `db`; on failure reports it, sets *exit_code and returns false.
bool OpenKbView(const std::string& db, KbView* kb, int* exit_code) {
  auto opened = store::Open(db);
  if (!opened.ok()) {
    std::cerr << "kto analyze: " << opened.status().message() << "\n";
    *exit_code = ExitCodeFor(opened.status());
    return false;
  }
  kb->store = std::move(opened).value();
  auto created = link::Linker::Create(kb->store.get());
  if (!created.ok()) {
    *exit_code = Report("analyze", created.status());
    return false;
  }
  kb->linker = std::move(created).value();
  return true;
}

// An input with a title is analyzed as «title\n\ntext» (link/article_text.h).
struct TitledDoc {
  std::optional<Doc> doc;  // none when the input has no title: its own Doc is read
  size_t title_code_points = 0;
};

Result<TitledDoc> MakeTitledDoc(const InputDoc& input) {
  TitledDoc titled;
  if (input.title.empty()) return titled;
  auto doc = Doc::FromUtf8(link::AnalyzedText(input.title, std::string(input.doc.text())));
  if (!doc.ok()) return doc.status();
  titled.doc = std::move(doc).value();
  titled.title_code_points = text::CountCodePoints(input.title);
  return titled;
}

// Analyzes one input and writes its panel or JSON line to stdout; reports a
// failure and sets *exit_code.
void AnalyzeInput(InputDoc* input, const facts::ArticleAnalyzer& analyzer,
                  facts::ArticleAnalyzer::State* state, const KbView& kb, bool json,
                  std::string* out, int* exit_code) {
  auto titled = MakeTitledDoc(*input);
  if (!titled.ok()) {
    *exit_code = Report("analyze", titled.status());
    return;
  }
  Doc* doc = titled->doc ? &*titled->doc : &input->doc;
  const facts::ArticleAnalysis analysis = analyzer.Analyze(doc, state);
  std::vector<kb::PanelEntry> kb_entries;
  if (kb.store) {
    auto entries = pipeline::PreviewKbEntries(*kb.store, *kb.linker, analysis);
    if (!entries.ok()) {
      *exit_code = Report("analyze", entries.status());
      return;
    }
    kb_entries = std::move(entries).value();
  }
  const std::vector<kb::PanelEntry>* entries = kb.store ? &kb_entries : nullptr;
  out->clear();
  if (json) {
    render::JsonWriter writer(out);
    render::WriteAnalysisJson(input->id_json, *doc, titled->title_code_points, analysis, entries,
                              &writer);
    out->push_back('\n');
  } else {
    WritePanel(*input, *doc, analysis, entries, out);
  }
  std::fwrite(out->data(), 1, out->size(), stdout);
}

void RunAnalyze(const AnalyzeArgs& args, int* exit_code) {
  KbView kb;
  if (!args.db.empty() && !OpenKbView(args.db, &kb, exit_code)) return;
  auto analyzer = OpenArticleAnalyzer("analyze", args.dict, args.model, exit_code, args.positions);
  if (!analyzer) return;
  facts::ArticleAnalyzer::State state(*analyzer);
  *exit_code = kExitOk;
  std::string out;
  for (const std::string& path : args.inputs) {
    auto summary = ReadDocuments(path, ToInputOptions(args.flags), [&](InputDoc&& input) {
      AnalyzeInput(&input, *analyzer, &state, kb, args.json, &out, exit_code);
    });
    if (const int code = ReadOutcome("analyze", summary); code != kExitOk) *exit_code = code;
  }
  std::fflush(stdout);
}

}  // namespace

void AddAnalyzeCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<AnalyzeArgs>();
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
  cmd->callback([args, exit_code] { RunAnalyze(*args, exit_code); });
}

}  // namespace kto::cli
