// kto eval link --corpus DIR: cross-document person linking on a brat corpus
// with Wikidata ids (NEREL: «N1<TAB>Reference T11 Wikidata:Q13133<TAB>…»), or
// a BSNLP one with cross-document ids (every occurrence of a PER mention form
// carries its id; ids are per topic).
// Ingests every document into a fresh store (analysis + linking, as kto
// ingest does), then scores the linked mentions against the gold ids
// (kto/eval/link.h: pairwise precision, recall and F1; the names shown).
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "json_writer.h"
#include "kb_pipeline.h"
#include "kto/eval/corpus.h"
#include "kto/eval/link.h"

namespace kto::cli {
namespace {

namespace fs = std::filesystem;
using eval::PredictedMention;

}  // namespace

void AddEvalLinkCommand(CLI::App& eval, int* exit_code) {
  struct Args {
    std::string corpus, dict, model, db;
    size_t threads = 0;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = eval.add_subcommand(
      "link",
      "Cross-document person linking: pairwise P/R/F1 against Wikidata ids (brat) or BSNLP ids");
  cmd->add_option("--corpus", args->corpus,
                  "brat folder (NNN.txt + NNN.ann) or BSNLP folder (TOPIC/raw, TOPIC/annotated)")
      ->required();
  cmd->add_option("--db", args->db, "Keep the store in this new file (default: a temporary one)");
  cmd->add_option("--threads", args->threads, "Analysis threads (default: the number of cores)");
  cmd->add_option("--model", args->model,
                  "NER model (default: $KTO_NER_MODEL, else the committed one)");
  AddDictFlag(*cmd, &args->dict);
  cmd->add_flag("--json", args->json, "Print the scores as one JSON line");
  cmd->callback([args, exit_code] {
    const auto start = std::chrono::steady_clock::now();
    auto corpus = eval::LoadCorpus(args->corpus, eval::CorpusFormat::kAuto);
    if (!corpus.ok()) {
      std::cerr << "kto eval link: " << corpus.status().message() << "\n";
      *exit_code = ExitCodeFor(corpus.status());
      return;
    }
    const size_t threads =
        args->threads > 0 ? args->threads : std::max(1u, std::thread::hardware_concurrency());
    auto analyzer = ParallelAnalyzer::Open(args->dict, args->model, threads);
    if (!analyzer.ok()) {
      std::cerr << "kto eval link: " << analyzer.status().message() << "\n";
      *exit_code = kExitBadData;
      return;
    }
    fs::path temp;
    std::string db = args->db;
    if (db.empty()) {
      temp = fs::temp_directory_path() / ("kto-eval-link." + std::to_string(getpid()));
      fs::remove_all(temp);
      fs::create_directories(temp);
      db = (temp / "kto.db").string();
    } else if (fs::exists(db)) {
      std::cerr << "kto eval link: " << db << " exists; give a new file\n";
      *exit_code = kExitUsage;
      return;
    }
    auto store = store::Open(db);
    if (!store.ok()) {
      std::cerr << "kto eval link: " << store.status().message() << "\n";
      *exit_code = ExitCodeFor(store.status());
      return;
    }
    auto linker = std::move(link::Linker::Create(store->get()).value());

    // Analyze in batches, link and write in corpus order.
    std::vector<std::vector<PredictedMention>> predicted(corpus->size());
    const size_t kBatch = 64;
    Status status;
    for (size_t from = 0; from < corpus->size() && status.ok(); from += kBatch) {
      const size_t to = std::min(corpus->size(), from + kBatch);
      std::vector<ArticleText> texts;
      for (size_t d = from; d < to; ++d)
        texts.push_back(ArticleText{"", std::string((*corpus)[d].doc.text())});
      const std::vector<AnalyzedArticle> analyzed = (*analyzer)->Analyze(texts);
      status = (*store)->Transaction([&]() -> Status {
        for (size_t d = from; d < to; ++d) {
          store::ArticleInput in;
          in.external_id = (*corpus)[d].name;
          in.text = texts[d - from].text;
          auto up = (*store)->UpsertArticle(in);
          if (!up.ok()) return up.status();
          if (up->outcome == store::UpsertOutcome::kUnchanged) continue;
          const AnalyzedArticle& a = analyzed[d - from];
          auto ids = LinkAndWrite(**store, *linker, up->article_id, "", a);
          if (!ids.ok()) return ids.status();
          for (size_t i = 0; i < a.analysis.persons.size(); ++i) {
            if ((*ids)[i] == 0) continue;
            for (const facts::MentionFact& m : a.analysis.persons[i].mentions)
              predicted[d].push_back(PredictedMention{a.doc.tokens[m.tokens.begin].begin,
                                                      a.doc.tokens[m.tokens.end - 1].end,
                                                      (*ids)[i]});
          }
        }
        return Status();
      });
    }
    if (!status.ok()) {
      std::cerr << "kto eval link: " << status.message() << "\n";
      *exit_code = ExitCodeFor(status);
      return;
    }

    const eval::LinkScores scores = eval::ScoreLinking(*corpus, predicted, **store);
    auto persons = (*store)->TopPersons({}, 1000000);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::string out;
    if (args->json) {
      JsonWriter json(&out);
      json.BeginObject()
          .Key("docs")
          .Int(static_cast<int64_t>(corpus->size()))
          .Key("gold_mentions")
          .Int(static_cast<int64_t>(scores.gold_mentions))
          .Key("matched_mentions")
          .Int(static_cast<int64_t>(scores.matched_mentions))
          .Key("gold_entities")
          .Int(static_cast<int64_t>(scores.gold_entities))
          .Key("kb_persons")
          .Int(persons.ok() ? static_cast<int64_t>(persons->size()) : 0)
          .Key("precision")
          .Double(scores.precision)
          .Key("recall")
          .Double(scores.recall)
          .Key("f1")
          .Double(scores.f1)
          .Key("recall_matched")
          .Double(scores.recall_matched)
          .Key("labelled_mentions")
          .Int(static_cast<int64_t>(scores.labelled_mentions))
          .Key("name_accuracy")
          .Double(scores.name_accuracy)
          .Key("seconds")
          .Double(seconds)
          .EndObject();
      out += "\n";
    } else {
      char line[512];
      std::snprintf(
          line, sizeof line,
          "documents %zu, gold person mentions with a cross-document id %llu (%zu entities), "
          "matched by a predicted PER mention %llu\n"
          "pairwise precision %.4f  recall %.4f  F1 %.4f   (recall over matched "
          "mentions %.4f)\nnames: %llu matched mentions whose Wikidata label is a "
          "name; the KB's name (without patronymic) is the label for %.4f\n"
          "KB persons %zu, %.1f s\n",
          corpus->size(), static_cast<unsigned long long>(scores.gold_mentions),
          static_cast<size_t>(scores.gold_entities),
          static_cast<unsigned long long>(scores.matched_mentions), scores.precision, scores.recall,
          scores.f1, scores.recall_matched,
          static_cast<unsigned long long>(scores.labelled_mentions), scores.name_accuracy,
          persons.ok() ? persons->size() : size_t{0}, seconds);
      out = line;
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
    store->reset();
    if (!temp.empty()) fs::remove_all(temp);
    *exit_code = kExitOk;
  });
}

}  // namespace kto::cli
