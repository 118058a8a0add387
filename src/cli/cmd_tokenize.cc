// kto tokenize [FILE|-]: tokens and sentences as JSON lines, code-point offsets.
#include <cstdio>

#include "commands.h"
#include "exit_codes.h"
#include "input.h"
#include "kto/render/json_writer.h"
#include "kto/text/segment.h"
#include "kto/text/utf8.h"

namespace kto::cli {
namespace {

void WriteTokens(const InputDoc& input, std::string* out) {
  const Doc& doc = input.doc;
  text::CodePointCounter offsets(doc.text());
  render::JsonWriter json(out);
  json.BeginObject().Key("id").Raw(input.id_json).Key("tokens").BeginArray();
  for (const Token& token : doc.tokens) {
    const uint64_t start = offsets.ToCodePoints(token.begin);
    json.BeginObject().Key("text").String(doc.TextOf(token)).Key("start").Int(start);
    json.Key("end").Int(offsets.ToCodePoints(token.end)).EndObject();
  }
  json.EndArray().Key("sentences").BeginArray();
  for (const Sentence& sentence : doc.sentences) {
    json.BeginObject()
        .Key("start")
        .Int(offsets.ToCodePoints(doc.tokens[sentence.begin].begin))
        .Key("end")
        .Int(offsets.ToCodePoints(doc.tokens[sentence.end - 1].end))
        .EndObject();
  }
  json.EndArray().EndObject();
  out->push_back('\n');
}

}  // namespace

void AddTokenizeCommand(CLI::App& app, int* exit_code) {
  struct Args {
    std::string input = "-";
    InputFlags flags;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "tokenize", "Split text into tokens and sentences; print one JSON line per document");
  cmd->add_option("input", args->input, "Plain text or JSON lines file; - for standard input")
      ->capture_default_str();
  AddInputFlags(*cmd, &args->flags);
  cmd->callback([args, exit_code] {
    std::string out;
    auto summary = ReadDocuments(args->input, ToInputOptions(args->flags), [&](InputDoc&& input) {
      text::Segment(&input.doc);
      out.clear();
      WriteTokens(input, &out);
      std::fwrite(out.data(), 1, out.size(), stdout);
    });
    std::fflush(stdout);
    *exit_code = ReadOutcome("tokenize", summary);
  });
}

}  // namespace kto::cli
