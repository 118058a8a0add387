// `kto train positions --train DIR -o FILE [--seed N] [--held-out LIST]
// [--fold-models M...]`: trains the positions pair scorer.
#include <chrono>
#include <cstdlib>
#include <iostream>

#include "commands.h"
#include "exit_codes.h"
#include "kto/eval/corpus.h"
#include "kto/facts/train.h"

namespace kto::cli {

void AddTrainPositionsCommand(CLI::App& train, int* exit_code) {
  struct Args {
    std::string train, output, dict, model, held_out;
    std::vector<std::string> fold_models;
    uint64_t seed = 1;
    int epochs = facts::PositionTrainOptions().epochs;
    uint32_t bits = facts::PositionTrainOptions().bucket_bits;
    float threshold = facts::PositionTrainOptions().threshold;
    bool gold_only = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = train.add_subcommand(
      "positions",
      "Train the (person, position) pair scorer on WORKS_AS relations (deterministic)");
  cmd->add_option("--train", args->train, "NEREL brat folder, e.g. ../shared/data/nerel/train")
      ->required();
  cmd->add_option("-o,--output", args->output, "Model file to write")->required();
  cmd->add_option("--held-out", args->held_out,
                  "Leave out of --train the documents listed in this file (one id a line), "
                  "e.g. data/splits/nerel-internal-test.txt");
  cmd->add_option("--seed", args->seed, "Seed of the example order")->capture_default_str();
  cmd->add_option("--epochs", args->epochs, "Passes over the training pairs")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  cmd->add_option("--bits", args->bits, "log2 of the hashed weights")
      ->check(CLI::Range(8, 24))
      ->capture_default_str();
  cmd->add_option("--threshold", args->threshold, "Probability at which a pair is linked")
      ->check(CLI::Range(0.01, 0.99))
      ->capture_default_str();
  cmd->add_flag("--gold-spans-only", args->gold_only,
                "Candidates from the gold spans only (not also from the NER model's spans)");
  AddDictFlag(*cmd, &args->dict);
  cmd->add_option("--model", args->model,
                  "NER model whose spans give candidates (default as for kto analyze)");
  cmd->add_option("--fold-models", args->fold_models,
                  "Jackknifed NER spans: K models, the i-th trained without fold i of K "
                  "(kto train ner --leave-out-fold i/K); each training document takes its "
                  "spans from the model that did not see it");
  cmd->callback([args, exit_code] {
    PositionsFlags rules;
    rules.rules = true;
    auto analyzer =
        OpenArticleAnalyzer("train positions", args->dict, args->model, exit_code, rules);
    if (!analyzer) return;
    std::vector<std::unique_ptr<facts::ArticleAnalyzer>> fold_analyzers;
    for (const std::string& model : args->fold_models) {
      fold_analyzers.push_back(
          OpenArticleAnalyzer("train positions", args->dict, model, exit_code, rules));
      if (!fold_analyzers.back()) return;
    }
    auto fail = [&](const Status& s) {
      std::cerr << "kto train positions: " << s.message() << "\n";
      *exit_code = ExitCodeFor(s);
    };
    auto held_out = eval::ReadDocumentFilter(args->held_out, "");
    if (!held_out.ok()) return fail(held_out.status());
    auto docs = eval::LoadCorpus(args->train, eval::CorpusFormat::kBrat, *held_out);
    if (!docs.ok()) return fail(docs.status());
    facts::PositionTrainOptions options;
    options.seed = args->seed;
    options.epochs = args->epochs;
    options.bucket_bits = args->bits;
    options.threshold = args->threshold;
    options.ner_spans = !args->gold_only;
    for (const auto& fold : fold_analyzers) options.fold_analyzers.push_back(fold.get());
    options.log = [](const std::string& line) { std::cerr << line << std::endl; };
    const auto start = std::chrono::steady_clock::now();
    if (Status s = facts::TrainPositions(*docs, *analyzer, options, args->output); !s.ok())
      return fail(s);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << "wrote " << args->output << " in " << static_cast<int>(seconds) << " s\n";
  });
}

}  // namespace kto::cli
