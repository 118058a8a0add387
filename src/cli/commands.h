// The kto subcommands. Each registers itself on the CLI11 app and, when run,
// stores its exit code (see exit_codes.h) in *exit_code.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>

#include "input.h"
#include "kto/morph/analyzer.h"

namespace kto::cli {

void AddTokenizeCommand(CLI::App& app, int* exit_code);
void AddAnalyzeCommand(CLI::App& app, int* exit_code);
void AddBenchCommand(CLI::App& app, int* exit_code);
void AddMorphCommand(CLI::App& app, int* exit_code);

// --dict PATH: the morphology dictionary (default: $KTO_MORPH_DICT, else
// data/ru-morph.bin beside the kto program).
void AddDictFlag(CLI::App& command, std::string* path);
// Opens the morphology dictionary; on failure reports it on stderr, sets
// *exit_code to kExitBadData and returns null.
std::shared_ptr<const morph::Analyzer> OpenAnalyzer(std::string_view command,
                                                    const std::string& dict_flag, int* exit_code);

// Input flags shared by the commands that read documents: --format, --lenient.
struct InputFlags {
  std::string format = "auto";
  bool lenient = false;
};
void AddInputFlags(CLI::App& command, InputFlags* flags);
InputOptions ToInputOptions(const InputFlags& flags);

// Reports how reading went on stderr and returns the exit code for it: I/O
// failure, some documents rejected, or success.
int ReadOutcome(std::string_view command, const Result<ReadSummary>& summary);

}  // namespace kto::cli
