// kto morph [WORD...|-]: the parses of single words, one JSON line per word:
// {"word": "Мазуром", "parses": [{"lemma": "мазур", "tag": "NOUN,anim,masc,Sgtm,Surn sing,ablt",
// "score": 1}, ...]}, best first. With "-" (or no words) reads one word per
// line from standard input.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "kto/morph/analyzer.h"
#include "kto/render/json_writer.h"
#include "kto/text/utf8.h"

namespace kto::cli {
namespace {

void WriteWord(const morph::Analyzer& analyzer, std::string_view word,
               const morph::ParseList& parses, const std::optional<morph::Grammemes>& inflect,
               std::string* out) {
  render::JsonWriter json(out);
  json.BeginObject().Key("word").String(word).Key("parses").BeginArray();
  for (size_t i = 0; i < parses.size(); ++i) {
    const morph::Parse& p = parses[i];
    json.BeginObject()
        .Key("lemma")
        .String(parses.Lemma(i))
        .Key("tag")
        .String(analyzer.TagString(p.tag))
        .Key("score")
        .Double(p.score);
    if (inflect) {
      const auto form = analyzer.Inflect(parses, p, *inflect);
      json.Key("inflected");
      if (form) {
        json.BeginObject()
            .Key("word")
            .String(form->word)
            .Key("tag")
            .String(analyzer.TagString(form->tag))
            .EndObject();
      } else {
        json.Raw("null");
      }
    }
    json.EndObject();
  }
  json.EndArray().EndObject();
  out->push_back('\n');
}

}  // namespace

void AddMorphCommand(CLI::App& app, int* exit_code) {
  struct Args {
    std::vector<std::string> words;
    std::string dict;
    std::string inflect;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd =
      app.add_subcommand("morph", "Morphological parses of words, one JSON line per word");
  cmd->add_option("words", args->words, "Words; - (or none) reads one word per line from stdin");
  AddDictFlag(*cmd, &args->dict);
  cmd->add_option("--inflect", args->inflect,
                  "Also give each parse's form with these grammemes, e.g. nomn or plur,gent");
  cmd->callback([args, exit_code] {
    *exit_code = kExitOk;
    auto analyzer = OpenAnalyzer("morph", args->dict, exit_code);
    if (!analyzer) return;
    std::optional<morph::Grammemes> inflect;
    if (!args->inflect.empty()) {
      auto g = analyzer->ParseGrammemes(args->inflect);
      if (!g.ok()) {
        std::cerr << "kto morph: --inflect: " << g.status().message() << "\n";
        *exit_code = kExitUsage;
        return;
      }
      inflect = *g;
    }
    morph::ParseList parses;
    std::string out;
    auto one = [&](std::string_view word, const std::string& origin) {
      if (const Status s = text::ValidateUtf8(word); !s.ok()) {
        std::cerr << "kto morph: " << origin << ": " << s.message() << "\n";
        *exit_code = kExitBadInput;
        return;
      }
      analyzer->Analyze(word, &parses);
      out.clear();
      WriteWord(*analyzer, word, parses, inflect, &out);
      std::fwrite(out.data(), 1, out.size(), stdout);
    };
    const bool from_stdin =
        args->words.empty() || (args->words.size() == 1 && args->words[0] == "-");
    if (!from_stdin) {
      for (const std::string& w : args->words) one(w, "argument");
    } else {
      std::string line;
      size_t number = 0;
      while (std::getline(std::cin, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        one(line, "stdin:" + std::to_string(number));
      }
    }
    std::fflush(stdout);
  });
}

}  // namespace kto::cli
