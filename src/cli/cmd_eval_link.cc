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
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "kto/eval/corpus.h"
#include "kto/eval/link.h"
#include "kto/pipeline/ingestor.h"
#include "kto/pipeline/search_tokenizer.h"
#include "kto/render/json_writer.h"

namespace kto::cli {
namespace {

namespace fs = std::filesystem;
using eval::PredictedMention;

// «split	Игорь Кедров	Игорь Кедров [Кедров, Игорем Кедровым] | Кедрин [Кедрина]»
void PrintLinkError(const eval::LinkError& e) {
  std::string line = std::string(e.split ? "split" : "merge") + "\t" + e.name + "\t";
  for (size_t i = 0; i < e.parts.size(); ++i) {
    line += (i ? " | " : "") + e.parts[i].first + " [";
    for (size_t m = 0; m < e.parts[i].second.size(); ++m)
      line += (m ? ", " : "") + e.parts[i].second[m];
    line += "]";
  }
  std::cerr << line << "\n";
}

}  // namespace

void AddEvalLinkCommand(CLI::App& eval, int* exit_code) {
  struct Args {
    std::string corpus, dict, model, db;
    size_t threads = 0;
    bool json = false;
    bool errors = false;
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
  AddNerModelFlag(*cmd, &args->model);
  AddDictFlag(*cmd, &args->dict);
  cmd->add_flag("--json", args->json, "Print the scores as one JSON line");
  cmd->add_flag("--errors", args->errors,
                "Print every gold person split over KB persons and every KB person merging gold "
                "ones to stderr, with their mentions");
  cmd->callback([args, exit_code] {
    const auto start = std::chrono::steady_clock::now();
    auto corpus = eval::LoadCorpus(args->corpus, eval::CorpusFormat::kAuto);
    if (!corpus.ok()) {
      std::cerr << "kto eval link: " << corpus.status().message() << "\n";
      *exit_code = ExitCodeFor(corpus.status());
      return;
    }
    auto analyzer =
        pipeline::ParallelAnalyzer::Open(ToModelPaths(args->dict, args->model), args->threads);
    if (!analyzer.ok()) {
      *exit_code = Report("eval link", analyzer.status());
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
    // A kept store (--db) can be served: it keeps the search index.
    auto store = args->db.empty() ? store::Open(db)
                                  : pipeline::OpenStore(db, ToModelPaths(args->dict, args->model));
    if (!store.ok()) {
      std::cerr << "kto eval link: " << store.status().message() << "\n";
      *exit_code = ExitCodeFor(store.status());
      return;
    }
    // Ingest in corpus order as kto ingest does; keep where each person was found.
    std::vector<std::vector<PredictedMention>> predicted(corpus->size());
    Status rejected;
    pipeline::IngestOptions options;
    options.batch = 64;
    options.keep_analysis = true;
    options.on_result = [&](pipeline::ArticleResult&& r) {
      if (r.outcome == pipeline::Outcome::kRejected && rejected.ok()) rejected = r.rejection;
      if (!r.analysis) return;
      const pipeline::AnalyzedArticle& a = *r.analysis;
      for (size_t i = 0; i < a.analysis.persons.size(); ++i) {
        if (r.person_ids[i] == 0) continue;
        for (const facts::MentionFact& m : a.analysis.persons[i].mentions)
          predicted[r.index].push_back(PredictedMention{a.doc.tokens[m.tokens.begin].begin,
                                                        a.doc.tokens[m.tokens.end - 1].end,
                                                        r.person_ids[i]});
      }
    };
    Status status;
    {
      auto ingestor = pipeline::Ingestor::Open(store->get(), analyzer->get(), std::move(options));
      status = ingestor.status();
      for (size_t d = 0; d < corpus->size() && status.ok(); ++d) {
        store::ArticleInput in;
        in.external_id = (*corpus)[d].name;
        in.text = std::string((*corpus)[d].doc.text());
        status = (*ingestor)->Add(std::move(in));
      }
      if (status.ok()) status = (*ingestor)->Flush();
    }
    if (status.ok()) status = rejected;
    if (!status.ok()) {
      *exit_code = Report("eval link", status);
      return;
    }

    std::vector<eval::LinkError> errors;
    const eval::LinkScores scores =
        eval::ScoreLinking(*corpus, predicted, **store, args->errors ? &errors : nullptr);
    for (const eval::LinkError& e : errors) PrintLinkError(e);
    auto persons = (*store)->TopPersons({}, 1000000);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::string out;
    if (args->json) {
      render::JsonWriter json(&out);
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
