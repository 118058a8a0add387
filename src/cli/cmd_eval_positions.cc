// kto eval positions --corpus DIR: (person, position) pairs against NEREL's
// WORKS_AS relations, matched one to one (kto/eval/positions.h says what is
// scored). `reachable_pairs`: gold pairs whose PERSON and PROFESSION both
// overlap a person and a position span the attachment was given (the recall
// NER allows).
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "kto/eval/positions.h"
#include "kto/render/json_writer.h"

namespace kto::cli {

void AddEvalPositionsCommand(CLI::App& eval, int* exit_code) {
  struct Args {
    std::string corpus, dict, model, documents;
    bool oracle = false;
    bool errors = false;
    PositionsFlags positions;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd =
      eval.add_subcommand("positions", "(person, position) pairs against NEREL WORKS_AS relations");
  cmd->add_option("--corpus", args->corpus, "NEREL brat folder, e.g. ../shared/data/nerel/dev")
      ->required();
  cmd->add_option("--documents", args->documents,
                  "Score only the documents listed in this file (one id a line), e.g. "
                  "data/splits/nerel-internal-test.txt over the NEREL train folder");
  AddDictFlag(*cmd, &args->dict);
  cmd->add_option("--model", args->model, "NER model (default as for kto analyze)");
  cmd->add_flag("--oracle", args->oracle,
                "Use the gold person and position spans instead of NER's (attachment alone)");
  cmd->add_flag("--errors", args->errors,
                "Print every wrong and every missed pair to stderr (file, kind, person, position)");
  AddPositionsFlags(*cmd, &args->positions, true);
  cmd->callback([args, exit_code] {
    auto analyzer =
        OpenArticleAnalyzer("eval positions", args->dict, args->model, exit_code, args->positions);
    if (!analyzer) return;
    auto fail = [&](const Status& s) {
      std::cerr << "kto eval positions: " << s.message() << "\n";
      *exit_code = ExitCodeFor(s);
    };
    auto filter = eval::ReadDocumentFilter("", args->documents);
    if (!filter.ok()) return fail(filter.status());
    auto corpus = eval::LoadCorpus(args->corpus, eval::CorpusFormat::kBrat, *filter);
    if (!corpus.ok()) return fail(corpus.status());
    facts::ArticleAnalyzer::State state(*analyzer);
    eval::PairCounts counts;
    for (const eval::AnnotatedDoc& doc : *corpus) {
      auto print_error = [&](const eval::PairError& e) {
        std::cerr << doc.name << "\t" << e.kind << "\t«" << e.person << "»\t«" << e.position
                  << "»\n";
      };
      eval::ScorePositions(
          doc, *analyzer, &state, args->oracle, &counts,
          args->errors ? print_error : std::function<void(const eval::PairError&)>());
    }
    std::string out;
    render::JsonWriter json(&out);
    json.BeginObject()
        .Key("task")
        .String("positions")
        .Key("documents")
        .Int(static_cast<int64_t>(corpus->size()))
        .Key("gold_pairs")
        .Int(static_cast<int64_t>(counts.gold))
        .Key("reachable_pairs")
        .Int(static_cast<int64_t>(counts.gold_reachable))
        .Key("predicted_pairs")
        .Int(static_cast<int64_t>(counts.predicted))
        .Key("precision")
        .Double(counts.Precision())
        .Key("recall")
        .Double(counts.Recall())
        .Key("f1")
        .Double(counts.F1())
        .EndObject();
    std::cout << out << std::endl;
  });
}

}  // namespace kto::cli
