// kto bench STAGE --input PATH [--repeat N]: runs one pipeline stage over a
// corpus on one thread and prints one JSON line of what it measured.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "json_writer.h"
#include "kto/morph/analyzer.h"
#include "kto/ner/ner.h"
#include "kto/text/segment.h"

namespace kto::cli {
namespace {

// What stages load before the timed loop (dictionaries, models), reuse
// (scratch) or prepare (the word tokens the morph stages analyze).
struct StageContext {
  std::unique_ptr<ner::Model> ner_model;
  ner::State ner_state;
  ner::Annotations ner_found;
  size_t doc = 0;  // index of the document being processed
  std::shared_ptr<const morph::Analyzer> analyzer;
  std::unique_ptr<morph::AnalyzerCache> cache;
  morph::ParseList parses;
  std::vector<std::vector<std::string>> words;  // word tokens of each document
};

// A stage takes one document's text and returns the number of tokens it
// produced. Everything the stage needs per document (validation, copies)
// happens inside, so it is measured — except for the morph stages, which
// measure analysis alone over word tokens found before the timed loop.
using Stage = std::function<size_t(const std::string& text, StageContext& context)>;

const std::map<std::string, Stage>& Stages() {
  static const auto* stages = new std::map<std::string, Stage>{
      {"tokenize",
       [](const std::string& text, StageContext&) {
         auto doc = Doc::FromUtf8(text);
         text::Segment(&doc.value());
         return doc->tokens.size();
       }},
      {"ner",  // end to end: validation, tokens, sentences, features, decoding
       [](const std::string& text, StageContext& context) {
         auto doc = Doc::FromUtf8(text);
         text::Segment(&doc.value());
         ner::Tag(*context.ner_model, *doc, &context.ner_state, &context.ner_found);
         return doc->tokens.size();
       }},
      {"morph",  // every word token through the per-thread cache, as the pipeline does
       [](const std::string&, StageContext& context) {
         size_t parses = 0;
         for (const std::string& word : context.words[context.doc])
           parses += context.cache->Analyze(word).size();
         return context.words[context.doc].size() + (parses == SIZE_MAX);
       }},
      {"morph-uncached",  // every word token analyzed afresh
       [](const std::string&, StageContext& context) {
         size_t parses = 0;
         for (const std::string& word : context.words[context.doc]) {
           context.analyzer->Analyze(word, &context.parses);
           parses += context.parses.size();
         }
         return context.words[context.doc].size() + (parses == SIZE_MAX);
       }},
  };
  return *stages;
}

double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double CurrentRssMb() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) /
         (1024.0 * 1024.0);
}

double PeakRssMb() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

}  // namespace

void AddBenchCommand(CLI::App& app, int* exit_code) {
  struct Args {
    std::string stage;
    std::string input;
    std::string model, dict;
    int repeat = 1;
    std::string save_words;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("bench", "Measure one pipeline stage on one thread");
  std::vector<std::string> names;
  for (const auto& [name, stage] : Stages()) names.push_back(name);
  cmd->add_option("stage", args->stage, "Stage to measure")
      ->required()
      ->check(CLI::IsMember(names));
  cmd->add_option("--input", args->input, "Plain text file, JSON lines file, or corpus folder")
      ->required();
  cmd->add_option("--repeat", args->repeat, "Passes over the corpus")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--model", args->model, "NER model for the ner stage (default as for kto ner)");
  AddDictFlag(*cmd, &args->dict);
  cmd->add_option(
      "--save-words", args->save_words,
      "morph stages: also write the word tokens analyzed, one per line (to time Az.js on them)");
  cmd->callback([args, exit_code] {
    StageContext context;
    if (args->stage == "ner") {
      const auto load_start = std::chrono::steady_clock::now();
      auto model = LoadNerModel(args->model, args->dict);
      if (!model.ok()) {
        std::cerr << "kto bench: " << model.status().message() << "\n";
        *exit_code = kExitBadData;
        return;
      }
      context.ner_model = std::move(model).value();
      std::cerr << "kto bench: model loaded in "
                << std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                             load_start)
                       .count()
                << " ms\n";
    }
    std::vector<std::string> texts;
    size_t bytes = 0;
    auto summary = ReadCorpus(args->input, [&](InputDoc&& input) {
      bytes += input.doc.text().size();
      texts.emplace_back(input.doc.text());
    });
    if (*exit_code = ReadOutcome("bench", summary); *exit_code != kExitOk) return;
    if (texts.empty()) {
      std::cerr << "kto bench: no documents in " << args->input << "\n";
      *exit_code = kExitBadInput;
      return;
    }
    double load_ms = 0, rss_before_mb = 0, rss_loaded_mb = 0, dict_mb = 0;
    const bool morph_stage = args->stage.rfind("morph", 0) == 0;
    if (morph_stage) {
      for (const std::string& text : texts) {
        auto doc = Doc::FromUtf8(text);
        text::Tokenize(&doc.value());
        auto& words = context.words.emplace_back();
        for (const Token& token : doc->tokens)
          if (token.kind == TokenKind::kWord) words.emplace_back(doc->TextOf(token));
      }
      if (!args->save_words.empty()) {
        std::ofstream out(args->save_words, std::ios::binary);
        for (const auto& words : context.words)
          for (const std::string& word : words) out << word << '\n';
        if (!out.flush()) {
          std::cerr << "kto bench: cannot write " << args->save_words << "\n";
          *exit_code = kExitIo;
          return;
        }
      }
      rss_before_mb = CurrentRssMb();
      const auto load_start = std::chrono::steady_clock::now();
      context.analyzer = OpenAnalyzer("bench", args->dict, exit_code);
      if (!context.analyzer) return;
      load_ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - load_start)
              .count();
      rss_loaded_mb = CurrentRssMb();
      std::error_code ec;
      dict_mb =
          static_cast<double>(std::filesystem::file_size(morph::DictionaryPath(args->dict), ec)) /
          1e6;
      context.cache = std::make_unique<morph::AnalyzerCache>(context.analyzer);
    }
    const Stage& stage = Stages().at(args->stage);
    size_t tokens = 0;
    const double cpu_start = ThreadCpuSeconds();
    const auto start = std::chrono::steady_clock::now();
    for (int pass = 0; pass < args->repeat; ++pass)
      for (context.doc = 0; context.doc < texts.size(); ++context.doc)
        tokens += stage(texts[context.doc], context);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double cpu_seconds = ThreadCpuSeconds() - cpu_start;
    const double docs = static_cast<double>(texts.size()) * args->repeat;
    const double total_bytes = static_cast<double>(bytes) * args->repeat;
    std::string out;
    JsonWriter json(&out);
    json.BeginObject()
        .Key("stage")
        .String(args->stage)
        .Key("docs")
        .Int(static_cast<int64_t>(docs))
        .Key("bytes")
        .Int(static_cast<int64_t>(total_bytes))
        .Key("tokens")
        .Int(static_cast<int64_t>(tokens))
        .Key("seconds")
        .Double(seconds)
        .Key("docs_per_s")
        .Double(docs / seconds)
        .Key("tokens_per_s")
        .Double(static_cast<double>(tokens) / seconds)
        .Key("mb_per_s")
        .Double(total_bytes / 1e6 / seconds)
        .Key("peak_rss_mb")
        .Double(PeakRssMb())
        // CPU time of the measuring thread: the figure to trust on a busy machine.
        .Key("cpu_seconds")
        .Double(cpu_seconds)
        .Key("tokens_per_cpu_s")
        .Double(static_cast<double>(tokens) / cpu_seconds);
    if (morph_stage) {
      // The dictionary's resident memory: what mapping it and analyzing the
      // corpus added (pages of the file touched, tables, the word cache).
      json.Key("dict_load_ms")
          .Double(load_ms)
          .Key("dict_file_mb")
          .Double(dict_mb)
          .Key("rss_dict_loaded_mb")
          .Double(rss_loaded_mb - rss_before_mb)
          .Key("rss_dict_after_run_mb")
          .Double(CurrentRssMb() - rss_before_mb);
    }
    json.EndObject();
    std::cout << out << std::endl;
  });
}

}  // namespace kto::cli
