#include <filesystem>
#include <iostream>

#include "commands.h"
#include "exit_codes.h"
#include "kto/store/store.h"
#include "kto/text/utf8.h"

namespace kto::cli {

void AddInputFlags(CLI::App& command, InputFlags* flags) {
  command.add_option("--format", flags->format, "Input format: auto, text or jsonl")
      ->check(CLI::IsMember({"auto", "text", "jsonl"}))
      ->capture_default_str();
  command.add_flag("--lenient", flags->lenient,
                   "Replace invalid UTF-8 with U+FFFD instead of rejecting the document");
  AddMaxArticleFlag(command, &flags->max_article_mb);
}

void AddMaxArticleFlag(CLI::App& command, size_t* megabytes) {
  command
      .add_option("--max-article-mb", *megabytes,
                  "Largest article (title and text) read, in MB; larger ones are rejected")
      ->check(CLI::Range(size_t{1}, size_t{4096}))
      ->capture_default_str();
}

void AddDictFlag(CLI::App& command, std::string* path) {
  command.add_option(
      "--dict", *path,
      "Morphology dictionary (default: $KTO_MORPH_DICT, else data/ru-morph.bin beside kto)");
}

void AddNerModelFlag(CLI::App& command, std::string* path) {
  command.add_option(
      "--model", *path,
      "NER model (default: $KTO_NER_MODEL, else " + pipeline::DefaultNerModelPath() + ")");
}

void AddPositionsFlags(CLI::App& command, PositionsFlags* flags, bool tuning) {
  command.add_option("--positions-model", flags->model,
                     "Positions pair scorer (default: $KTO_POSITIONS_MODEL, else " +
                         pipeline::DefaultPositionsModelPath() + ")");
  if (!tuning) return;
  command
      .add_option("--threshold", flags->threshold,
                  "Probability at which a pair is linked, instead of the model's own")
      ->check(CLI::Range(0.0, 1.0));
  command.add_flag("--rules", flags->rules,
                   "Attach positions by the rules alone, without the model");
}

pipeline::ModelPaths ToModelPaths(const std::string& dict_flag, const std::string& model_flag,
                                  const PositionsFlags& positions) {
  pipeline::ModelPaths paths;
  paths.dictionary = dict_flag;
  paths.ner_model = model_flag;
  paths.positions_model = positions.model;
  paths.positions_rules = positions.rules;
  paths.positions_threshold = positions.threshold;
  return paths;
}

int Report(std::string_view command, const Status& status) {
  std::cerr << "kto " << command << ": " << text::EscapeControlBytes(status.message()) << "\n";
  return ExitCodeFor(status);
}

std::unique_ptr<store::Store> OpenExisting(const std::string& command, const std::string& db,
                                           int* exit_code) {
  std::string path = db;
  if (path.rfind("sqlite://", 0) == 0)
    path = path.substr(9);
  else if (path.rfind("sqlite:", 0) == 0)
    path = path.substr(7);
  if (path.find("://") == std::string::npos && !std::filesystem::exists(path)) {
    *exit_code = Report(command, Status::NotFound("no database " + path +
                                                  " (create it with kto ingest --db " + db + ")"));
    return nullptr;
  }
  auto opened = store::Open(db);
  if (!opened.ok()) {
    *exit_code = Report(command, opened.status());
    return nullptr;
  }
  return std::move(opened).value();
}

std::shared_ptr<const morph::Analyzer> OpenAnalyzer(std::string_view command,
                                                    const std::string& dict_flag, int* exit_code) {
  auto analyzer = pipeline::OpenDictionary(ToModelPaths(dict_flag, ""));
  if (!analyzer.ok()) {
    *exit_code = Report(command, analyzer.status());
    return nullptr;
  }
  return std::move(analyzer).value();
}

Result<std::unique_ptr<ner::Model>> LoadNerModel(const std::string& flag,
                                                 const std::string& dict_flag) {
  return pipeline::LoadNerModel(ToModelPaths(dict_flag, flag));
}

std::unique_ptr<facts::ArticleAnalyzer> OpenArticleAnalyzer(std::string_view command,
                                                            const std::string& dict_flag,
                                                            const std::string& model_flag,
                                                            int* exit_code,
                                                            const PositionsFlags& positions) {
  auto analyzer = pipeline::OpenArticleAnalyzer(ToModelPaths(dict_flag, model_flag, positions));
  if (!analyzer.ok()) {
    *exit_code = Report(command, analyzer.status());
    return nullptr;
  }
  return std::move(analyzer).value();
}

InputOptions ToInputOptions(const InputFlags& flags) {
  InputOptions options;
  options.format = flags.format == "text"    ? InputFormat::kText
                   : flags.format == "jsonl" ? InputFormat::kJsonLines
                                             : InputFormat::kAuto;
  options.utf8 = flags.lenient ? Utf8Policy::kLenient : Utf8Policy::kStrict;
  options.max_article_bytes = flags.max_article_mb << 20;
  return options;
}

int ReadOutcome(std::string_view command, const Result<ReadSummary>& summary) {
  if (!summary.ok()) {
    std::cerr << "kto " << command << ": " << summary.status().message() << "\n";
    return ExitCodeFor(summary.status());
  }
  if (summary->rejected > 0) {
    std::cerr << "kto " << command << ": " << summary->rejected << " of "
              << summary->accepted + summary->rejected << " documents rejected (see above)\n";
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace kto::cli
