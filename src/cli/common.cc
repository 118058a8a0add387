#include <iostream>

#include "commands.h"
#include "exit_codes.h"

namespace kto::cli {

void AddInputFlags(CLI::App& command, InputFlags* flags) {
  command.add_option("--format", flags->format, "Input format: auto, text or jsonl")
      ->check(CLI::IsMember({"auto", "text", "jsonl"}))
      ->capture_default_str();
  command.add_flag("--lenient", flags->lenient,
                   "Replace invalid UTF-8 with U+FFFD instead of rejecting the document");
}

void AddDictFlag(CLI::App& command, std::string* path) {
  command.add_option(
      "--dict", *path,
      "Morphology dictionary (default: $KTO_MORPH_DICT, else data/ru-morph.bin beside kto)");
}

InputOptions ToInputOptions(const InputFlags& flags) {
  InputOptions options;
  options.format = flags.format == "text"    ? InputFormat::kText
                   : flags.format == "jsonl" ? InputFormat::kJsonLines
                                             : InputFormat::kAuto;
  options.utf8 = flags.lenient ? Utf8Policy::kLenient : Utf8Policy::kStrict;
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
