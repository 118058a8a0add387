// kto analyze FILE...: what kto finds in each article. For now the pipeline
// ends at the text layer, so it prints each article's sentences; later stages
// (persons, positions, quotes) extend this report.
#include <cstdio>
#include <string>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "kto/text/segment.h"

namespace kto::cli {
namespace {

void PrintReport(const InputDoc& input) {
  const Doc& doc = input.doc;
  std::string out = input.origin + ": " + std::to_string(doc.sentences.size()) + " sentences, " +
                    std::to_string(doc.tokens.size()) + " tokens\n";
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    const Sentence& s = doc.sentences[i];
    const uint32_t begin = doc.tokens[s.begin_token].begin;
    const uint32_t end = doc.tokens[s.end_token - 1].end;
    out += "  " + std::to_string(i + 1) + ". " + std::string(doc.text().substr(begin, end - begin));
    out += "\n";
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
}

}  // namespace

void AddAnalyzeCommand(CLI::App& app, int* exit_code) {
  struct Args {
    std::vector<std::string> inputs{"-"};
    InputFlags flags;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("analyze", "Report what kto finds in each article");
  cmd->add_option("inputs", args->inputs, "Articles: plain text or JSON lines files; - for stdin");
  AddInputFlags(*cmd, &args->flags);
  cmd->callback([args, exit_code] {
    *exit_code = kExitOk;
    for (const std::string& path : args->inputs) {
      auto summary = ReadDocuments(path, ToInputOptions(args->flags), [](InputDoc&& input) {
        text::Segment(&input.doc);
        PrintReport(input);
      });
      const int code = ReadOutcome("analyze", summary);
      if (code != kExitOk) *exit_code = code;
    }
    std::fflush(stdout);
  });
}

}  // namespace kto::cli
