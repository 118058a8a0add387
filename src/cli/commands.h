// The kto subcommands. Each registers itself on the CLI11 app and, when run,
// stores its exit code (see exit_codes.h) in *exit_code.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>

#include "input.h"

namespace kto::cli {

void AddTokenizeCommand(CLI::App& app, int* exit_code);
void AddAnalyzeCommand(CLI::App& app, int* exit_code);
void AddBenchCommand(CLI::App& app, int* exit_code);
void AddIngestCommand(CLI::App& app, int* exit_code);

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
