// kto eval link --corpus DIR: cross-document person linking on a brat corpus
// with Wikidata ids (NEREL: «N1<TAB>Reference T11 Wikidata:Q13133<TAB>…»), or
// a BSNLP one with cross-document ids (every occurrence of a PER mention form
// carries its id; ids are per topic).
// Ingests every document into a fresh store (analysis + linking, as kto
// ingest does), then scores the linked mentions against the gold ids
// (kto/eval/link.h: pairwise precision, recall and F1; the names shown).
//
// Several processes, one store (issue 17): `--share K/N` ingests only the
// documents K, K+N, K+2N, ... into --db and scores nothing; `--from-db`
// scores a store so filled; `--compare-db` adds how far its persons agree
// with another store's, built from the same documents (bench/concurrent-link.sh).
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>
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

// Ingests the documents of `corpus` whose index is `share` modulo `shares`
// into `store`, in order, keeping where each linked person was found.
Status IngestCorpus(const std::vector<eval::AnnotatedDoc>& corpus, store::Store& store,
                    pipeline::ParallelAnalyzer& analyzer, bool shared_store, size_t share,
                    size_t shares, std::vector<std::vector<PredictedMention>>* predicted) {
  predicted->assign(corpus.size(), {});
  Status rejected;
  pipeline::IngestOptions options;
  options.batch = 64;
  options.keep_analysis = true;
  options.shared_store = shared_store;
  std::vector<size_t> docs;  // the corpus index of each article given to the ingestor
  options.on_result = [&](pipeline::ArticleResult&& r) {
    if (r.outcome == pipeline::Outcome::kRejected && rejected.ok()) rejected = r.rejection;
    if (!r.analysis) return;
    const pipeline::AnalyzedArticle& a = *r.analysis;
    for (size_t i = 0; i < a.analysis.persons.size(); ++i) {
      if (r.person_ids[i] == 0) continue;
      for (const facts::MentionFact& m : a.analysis.persons[i].mentions)
        (*predicted)[docs[r.index]].push_back(PredictedMention{a.doc.tokens[m.tokens.begin].begin,
                                                               a.doc.tokens[m.tokens.end - 1].end,
                                                               r.person_ids[i]});
    }
  };
  auto ingestor = pipeline::Ingestor::Open(&store, &analyzer, std::move(options));
  if (!ingestor.ok()) return ingestor.status();
  for (size_t d = share; d < corpus.size(); d += shares) {
    store::ArticleInput in;
    in.external_id = corpus[d].name;
    in.text = std::string(corpus[d].doc.text());
    docs.push_back(d);
    if (Status s = (*ingestor)->Add(std::move(in)); !s.ok()) return s;
  }
  if (Status s = (*ingestor)->Flush(); !s.ok()) return s;
  return rejected;
}

}  // namespace

void AddEvalLinkCommand(CLI::App& eval, int* exit_code) {
  struct Args {
    std::vector<std::string> corpora;
    std::string dict, model, db, from_db, compare_db, share;
    size_t threads = 0;
    bool json = false;
    bool errors = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = eval.add_subcommand(
      "link",
      "Cross-document person linking: pairwise P/R/F1 against Wikidata ids (brat) or BSNLP ids");
  cmd->add_option("--corpus", args->corpora,
                  "brat folder (NNN.txt + NNN.ann) or BSNLP folder (TOPIC/raw, TOPIC/annotated); "
                  "several: their documents in turn")
      ->required();
  cmd->add_option("--db", args->db,
                  "Keep the store in this new file or empty PostgreSQL database (default: a "
                  "temporary file)");
  cmd->add_option("--share", args->share,
                  "K/N: ingest only documents K, K+N, ... into --db and score nothing (N "
                  "processes fill one PostgreSQL store)");
  cmd->add_option("--from-db", args->from_db,
                  "Score this store, filled by earlier runs, instead of ingesting");
  cmd->add_option("--compare-db", args->compare_db,
                  "Also print how far the persons agree with this store's (the same documents)");
  cmd->add_option("--threads", args->threads, "Analysis threads (default: the number of cores)");
  AddNerModelFlag(*cmd, &args->model);
  AddDictFlag(*cmd, &args->dict);
  cmd->add_flag("--json", args->json, "Print the scores as one JSON line");
  cmd->add_flag("--errors", args->errors,
                "Print every gold person split over KB persons and every KB person merging gold "
                "ones to stderr, with their mentions");
  cmd->callback([args, exit_code] {
    const auto start = std::chrono::steady_clock::now();
    std::vector<eval::AnnotatedDoc> corpus;
    for (const std::string& dir : args->corpora) {
      auto docs = eval::LoadCorpus(dir, eval::CorpusFormat::kAuto);
      if (!docs.ok()) {
        std::cerr << "kto eval link: " << docs.status().message() << "\n";
        *exit_code = ExitCodeFor(docs.status());
        return;
      }
      for (eval::AnnotatedDoc& d : *docs) corpus.push_back(std::move(d));
    }
    size_t share = 0, shares = 1;
    if (!args->share.empty()) {
      char slash = 0;
      std::istringstream in(args->share);
      if (!(in >> share >> slash >> shares) || slash != '/' || shares == 0 || share >= shares ||
          !in.eof() || args->db.empty()) {
        std::cerr << "kto eval link: --share wants K/N with K < N, and --db\n";
        *exit_code = kExitUsage;
        return;
      }
    }
    std::vector<std::vector<PredictedMention>> predicted;
    fs::path temp;
    std::string db = args->from_db.empty() ? args->db : args->from_db;
    std::unique_ptr<store::Store> store;
    if (!args->from_db.empty()) {
      auto opened = store::Open(db);
      if (!opened.ok()) {
        *exit_code = Report("eval link", opened.status());
        return;
      }
      store = std::move(opened).value();
      auto stored = eval::StoredMentions(corpus, *store);
      if (!stored.ok()) {
        *exit_code = Report("eval link", stored.status());
        return;
      }
      predicted = std::move(stored).value();
    } else {
      auto analyzer =
          pipeline::ParallelAnalyzer::Open(ToModelPaths(args->dict, args->model), args->threads);
      if (!analyzer.ok()) {
        *exit_code = Report("eval link", analyzer.status());
        return;
      }
      if (db.empty()) {
        temp = fs::temp_directory_path() / ("kto-eval-link." + std::to_string(getpid()));
        fs::remove_all(temp);
        fs::create_directories(temp);
        db = (temp / "kto.db").string();
      } else if (!store::IsServerSpec(db) && fs::exists(db)) {
        std::cerr << "kto eval link: " << db << " exists; give a new file\n";
        *exit_code = kExitUsage;
        return;
      }
      // A kept store (--db) can be served: it keeps the search index.
      auto opened = args->db.empty()
                        ? store::Open(db)
                        : pipeline::OpenStore(db, ToModelPaths(args->dict, args->model));
      if (!opened.ok()) {
        std::cerr << "kto eval link: " << opened.status().message() << "\n";
        *exit_code = ExitCodeFor(opened.status());
        return;
      }
      store = std::move(opened).value();
      const Status status = IngestCorpus(corpus, *store, **analyzer, store::IsServerSpec(db), share,
                                         shares, &predicted);
      if (!status.ok()) {
        *exit_code = Report("eval link", status);
        return;
      }
      if (shares > 1) {  // the other shares are someone else's: nothing to score yet
        std::cout << "kto eval link: share " << share << "/" << shares << " ingested\n";
        *exit_code = kExitOk;
        return;
      }
    }
    std::optional<eval::PartitionAgreement> agreement;
    if (!args->compare_db.empty()) {
      auto other = store::Open(args->compare_db);
      auto theirs = other.ok() ? eval::StoredMentions(corpus, **other)
                               : Result<std::vector<std::vector<PredictedMention>>>(other.status());
      if (!theirs.ok()) {
        *exit_code = Report("eval link", theirs.status());
        return;
      }
      agreement = eval::ComparePartitions(*theirs, predicted);
    }

    std::vector<eval::LinkError> errors;
    const eval::LinkScores scores =
        eval::ScoreLinking(corpus, predicted, *store, args->errors ? &errors : nullptr);
    for (const eval::LinkError& e : errors) PrintLinkError(e);
    auto persons = store->TopPersons({}, 1000000);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::string out;
    if (args->json) {
      render::JsonWriter json(&out);
      json.BeginObject()
          .Key("docs")
          .Int(static_cast<int64_t>(corpus.size()))
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
          .Double(seconds);
      if (agreement) {
        json.Key("agreement")
            .BeginObject()
            .Key("mentions")
            .Int(static_cast<int64_t>(agreement->mentions))
            .Key("only_here")
            .Int(static_cast<int64_t>(agreement->only_b))
            .Key("only_there")
            .Int(static_cast<int64_t>(agreement->only_a))
            .Key("precision")
            .Double(agreement->precision)
            .Key("recall")
            .Double(agreement->recall)
            .Key("f1")
            .Double(agreement->f1)
            .EndObject();
      }
      json.EndObject();
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
          corpus.size(), static_cast<unsigned long long>(scores.gold_mentions),
          static_cast<size_t>(scores.gold_entities),
          static_cast<unsigned long long>(scores.matched_mentions), scores.precision, scores.recall,
          scores.f1, scores.recall_matched,
          static_cast<unsigned long long>(scores.labelled_mentions), scores.name_accuracy,
          persons.ok() ? persons->size() : size_t{0}, seconds);
      out = line;
      if (agreement) {
        std::snprintf(line, sizeof line,
                      "agreement with %s: %llu mentions in both (%llu only here, %llu only "
                      "there), pairwise precision %.4f  recall %.4f  F1 %.4f\n",
                      args->compare_db.c_str(),
                      static_cast<unsigned long long>(agreement->mentions),
                      static_cast<unsigned long long>(agreement->only_b),
                      static_cast<unsigned long long>(agreement->only_a), agreement->precision,
                      agreement->recall, agreement->f1);
        out += line;
      }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
    store.reset();
    if (!temp.empty()) fs::remove_all(temp);
    *exit_code = kExitOk;
  });
}

}  // namespace kto::cli
