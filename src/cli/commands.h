// The kto subcommands. Each registers itself on the CLI11 app and, when run,
// stores its exit code (see exit_codes.h) in *exit_code.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <string_view>

#include "input.h"
#include "kto/facts/article.h"
#include "kto/morph/analyzer.h"
#include "kto/ner/ner.h"
#include "kto/pipeline/models.h"
#include "kto/store/store.h"

namespace kto::cli {

void AddTokenizeCommand(CLI::App& app, int* exit_code);
void AddAnalyzeCommand(CLI::App& app, int* exit_code);
void AddBenchCommand(CLI::App& app, int* exit_code);
void AddNerCommand(CLI::App& app, int* exit_code);
void AddTrainCommand(CLI::App& app, int* exit_code);
// `kto eval` with its `ner` subcommand; the others attach to it.
void AddEvalCommand(CLI::App& app, int* exit_code);
void AddEvalNamesCommand(CLI::App& eval, int* exit_code);
void AddEvalPositionsCommand(CLI::App& eval, int* exit_code);
void AddMorphCommand(CLI::App& app, int* exit_code);
void AddIngestCommand(CLI::App& app, int* exit_code);
// kto worker (cmd_worker.cc).
void AddWorkerCommand(CLI::App& app, int* exit_code);
// kto migrate (cmd_migrate.cc).
void AddMigrateCommand(CLI::App& app, int* exit_code);
// kto panel, kto person, kto top (cmd_kb.cc).
void AddKbCommands(CLI::App& app, int* exit_code);
// kto kb import (cmd_kb_import.cc).
void AddKbImportCommand(CLI::App& app, int* exit_code);
// kto serve (cmd_serve.cc).
void AddServeCommand(CLI::App& app, int* exit_code);
// kto eval link (cmd_eval_link.cc).
void AddEvalLinkCommand(CLI::App& eval, int* exit_code);

// --dict PATH: the morphology dictionary (default: $KTO_MORPH_DICT, else
// data/ru-morph.bin beside the kto program).
void AddDictFlag(CLI::App& command, std::string* path);
// --model PATH: the NER model (default: $KTO_NER_MODEL, else the committed one).
void AddNerModelFlag(CLI::App& command, std::string* path);
// Opens the morphology dictionary; on failure reports it on stderr, sets
// *exit_code (5) and returns null.
std::shared_ptr<const morph::Analyzer> OpenAnalyzer(std::string_view command,
                                                    const std::string& dict_flag, int* exit_code);

// Input flags shared by the commands that read documents: --format,
// --lenient, --max-article-mb.
struct InputFlags {
  std::string format = "auto";
  bool lenient = false;
  size_t max_article_mb = ingest::kDefaultMaxArticleBytes >> 20;
};
// --max-article-mb on `command`, into *megabytes.
void AddMaxArticleFlag(CLI::App& command, size_t* megabytes);
void AddInputFlags(CLI::App& command, InputFlags* flags);
InputOptions ToInputOptions(const InputFlags& flags);

// Reports how reading went on stderr and returns the exit code for it: I/O
// failure, some documents rejected, or success.
int ReadOutcome(std::string_view command, const Result<ReadSummary>& summary);

// The NER model of --model, with the dictionary of --dict (needed by models
// trained with morphology features); as pipeline::LoadNerModel.
Result<std::unique_ptr<ner::Model>> LoadNerModel(const std::string& flag,
                                                 const std::string& dict_flag);

// How positions are attached: the pair scorer of --positions-model PATH
// (pipeline::ModelPaths says where it is found otherwise); `rules` attaches
// by the rules alone; `threshold` (a probability) overrides the model's own
// when in (0, 1).
struct PositionsFlags {
  std::string model;
  float threshold = -1;
  bool rules = false;
};
// --positions-model; with `tuning`, also --threshold and --rules.
void AddPositionsFlags(CLI::App& command, PositionsFlags* flags, bool tuning);

// The files the flags name, for the pipeline.
pipeline::ModelPaths ToModelPaths(const std::string& dict_flag, const std::string& model_flag,
                                  const PositionsFlags& positions = {});

// Reports a failure on stderr as «kto COMMAND: message» and returns its exit code.
int Report(std::string_view command, const Status& status);

// Opens the store `db` names; reports and sets *exit_code on failure. A
// missing file is not created: an empty KB would hide a typo in --db.
std::unique_ptr<store::Store> OpenExisting(const std::string& command, const std::string& db,
                                           int* exit_code);
// kto check (cmd_check.cc).
void AddCheckCommand(CLI::App& app, int* exit_code);

// The single-article pipeline from --dict, --model and the positions flags;
// on failure reports it on stderr, sets *exit_code (5 for a missing or
// corrupt model) and returns null.
std::unique_ptr<facts::ArticleAnalyzer> OpenArticleAnalyzer(std::string_view command,
                                                            const std::string& dict_flag,
                                                            const std::string& model_flag,
                                                            int* exit_code,
                                                            const PositionsFlags& positions = {});
// kto train positions (cmd_positions.cc); `train` is the «kto train» command.
void AddTrainPositionsCommand(CLI::App& train, int* exit_code);

}  // namespace kto::cli
