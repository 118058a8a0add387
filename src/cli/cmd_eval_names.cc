// kto eval names --corpus DIR [--type PER|LOC|ORG]: name normalization
// accuracy on BSNLP annotations (kto/eval/names.h says what is scored). Every
// gold form counts: `accuracy` divides by all of them (a form not found in
// the text is an error) and `found_rate` says how many were found.
#include <iostream>
#include <string>

#include "commands.h"
#include "exit_codes.h"
#include "kto/eval/names.h"
#include "kto/render/json_writer.h"

namespace kto::cli {

void AddEvalNamesCommand(CLI::App& eval, int* exit_code) {
  struct Args {
    std::string corpus;
    std::string dict;
    std::string type = "PER";
    bool verbose = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = eval.add_subcommand(
      "names", "Name normalization accuracy on BSNLP annotations (PER base forms)");
  cmd->add_option("--corpus", args->corpus, "BSNLP folder (topics with raw/ and annotated/)")
      ->required();
  AddDictFlag(*cmd, &args->dict);
  cmd->add_option("--type", args->type, "Mention type: PER (the name parser), LOC or ORG")
      ->check(CLI::IsMember({"PER", "LOC", "ORG"}));
  cmd->add_flag("--verbose", args->verbose, "Print every mismatch on stderr");
  cmd->callback([args, exit_code] {
    auto analyzer = OpenAnalyzer("eval names", args->dict, exit_code);
    if (!analyzer) return;
    auto print_mismatch = [](const eval::NameMismatch& m) {
      if (m.found)
        std::cerr << m.file << ": «" << m.form << "» -> «" << m.predicted << "», expected «"
                  << m.expected << "»\n";
      else
        std::cerr << m.file << ": «" << m.form << "» not found in the text, expected «"
                  << m.expected << "»\n";
    };
    auto scores = eval::EvaluateNames(
        args->corpus, args->type, analyzer,
        args->verbose ? print_mismatch : std::function<void(const eval::NameMismatch&)>());
    if (!scores.ok()) {
      std::cerr << "kto eval names: " << scores.status().message() << "\n";
      *exit_code = ExitCodeFor(scores.status());
      return;
    }
    std::string out;
    render::JsonWriter json(&out);
    json.BeginObject()
        .Key("task")
        .String("names")
        .Key("type")
        .String(args->type)
        .Key("documents")
        .Int(static_cast<int64_t>(scores->documents))
        .Key("mentions")
        .Int(static_cast<int64_t>(scores->mentions))
        .Key("not_found")
        .Int(static_cast<int64_t>(scores->not_found))
        .Key("found_rate")
        .Double(scores->FoundRate())
        .Key("accuracy")
        .Double(scores->Accuracy())
        .Key("accuracy_yo_folded")
        .Double(scores->AccuracyYoFolded())
        .Key("case_sensitive_documents")
        .Int(static_cast<int64_t>(scores->case_sensitive_documents))
        .EndObject();
    std::cout << out << std::endl;
  });
}

}  // namespace kto::cli
