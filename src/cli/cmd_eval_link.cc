// kto eval link --corpus DIR: cross-document person linking on a brat corpus
// with Wikidata ids (NEREL: «N1<TAB>Reference T11 Wikidata:Q13133<TAB>…»), or
// a BSNLP one with cross-document ids (every occurrence of a PER mention form
// carries its id; ids are per topic).
// Ingests every document into a fresh store (analysis + linking, as kto
// ingest does), then compares, over the gold PERSON mentions that carry a
// gold id, the KB person of the predicted PER mention overlapping each
// (the largest overlap; none: a person of its own) with the gold id:
// pairwise precision, recall and F1 over pairs of mentions put together.
// Also the names the panel shows: where a matched gold mention's Wikidata
// label is a name («Барак Обама»: words, the first and the last capitalized,
// no comma), whether its KB person's display name and the label, both
// without a patronymic, are the same, capitals included.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "json_writer.h"
#include "kb_pipeline.h"
#include "kto/ner/train.h"
#include "kto/text/normalize.h"

namespace kto::cli {
namespace {

namespace fs = std::filesystem;

struct PredictedMention {
  uint32_t begin = 0, end = 0;  // bytes of the document text
  int64_t person = 0;
};

uint64_t Pairs(uint64_t n) {
  return n * (n - 1) / 2;
}

// «Барак Обама», «Ким Чен Ын»; not «Тиллерсон, Рекс», «нет данных», one word.
bool IsNameLabel(std::string_view label) {
  if (label.find(',') != std::string_view::npos) return false;
  const size_t space = label.find(' '), last = label.rfind(' ');
  if (space == std::string_view::npos) return false;
  auto capital = [](std::string_view word) {  // has a capital letter
    return text::MatchKey(word, {.lowercase = true}) != text::MatchKey(word, {.lowercase = false});
  };
  return capital(label.substr(0, space)) && capital(label.substr(last + 1));
}

// A label without its patronymic, as «Имя Фамилия»: «Владимир Владимирович
// Путин» and «Ерохин Дмитрий Юрьевич» -> «Владимир Путин», «Дмитрий Ерохин».
std::string LabelWithoutPatronymic(std::string_view label) {
  std::vector<std::string_view> words;
  for (size_t start = 0; start <= label.size();) {
    const size_t end = std::min(label.find(' ', start), label.size());
    words.emplace_back(label.substr(start, end - start));
    start = end + 1;
  }
  auto patronymic = [](std::string_view w) {
    for (std::string_view e : {"вич", "вна", "чна", "ична"})
      if (w.ends_with(e)) return true;
    return false;
  };
  if (words.size() == 3 && patronymic(words[1]))
    return std::string(words[0]) + " " + std::string(words[2]);
  if (words.size() == 3 && patronymic(words[2]))
    return std::string(words[1]) + " " + std::string(words[0]);
  return std::string(label);
}

// The person's display name without the patronymic: «Владимир Путин».
std::string WithoutPatronymic(const store::Person& p) {
  std::string name = p.display_name;
  if (const size_t at = p.patronymic.empty() ? std::string::npos : name.find(" " + p.patronymic);
      at != std::string::npos)
    name.erase(at, p.patronymic.size() + 1);
  return name;
}

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
    auto corpus = ner::LoadCorpus(args->corpus, ner::CorpusFormat::kAuto);
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

    // Gold mentions -> (gold id, predicted person).
    std::map<std::string, uint64_t> gold_sizes;
    std::map<int64_t, uint64_t> predicted_sizes;
    std::map<std::pair<std::string, int64_t>, uint64_t> cells;
    uint64_t mentions = 0, matched = 0;
    uint64_t labelled = 0, named_right = 0;  // matched mentions with a name label; shown as it
    std::map<int64_t, std::string> shown;    // KB person -> its name without the patronymic
    int64_t singleton = 0;
    for (size_t d = 0; d < corpus->size(); ++d) {
      for (const ner::GoldSpan& g : (*corpus)[d].linked_persons) {
        ++mentions;
        int64_t person = 0;
        uint32_t best = 0;
        for (const PredictedMention& p : predicted[d]) {
          const uint32_t lo = std::max(p.begin, g.begin), hi = std::min(p.end, g.end);
          if (hi > lo && hi - lo > best) {
            best = hi - lo;
            person = p.person;
          }
        }
        if (person == 0) {
          person = --singleton;  // not found: a person of its own
        } else {
          ++matched;
          if (IsNameLabel(g.label)) {
            if (!shown.contains(person)) {
              auto p = (*store)->GetPerson(person);
              shown[person] = p.ok() && p->has_value() ? WithoutPatronymic(**p) : "";
            }
            ++labelled;
            named_right += shown[person] == LabelWithoutPatronymic(g.label);
          }
        }
        ++gold_sizes[g.link];
        ++predicted_sizes[person];
        ++cells[{g.link, person}];
      }
    }
    uint64_t tp = 0, gold_pairs = 0, predicted_pairs = 0;
    for (const auto& [key, n] : cells) tp += Pairs(n);
    for (const auto& [key, n] : gold_sizes) gold_pairs += Pairs(n);
    for (const auto& [key, n] : predicted_sizes) predicted_pairs += Pairs(n);
    const double precision = predicted_pairs ? double(tp) / double(predicted_pairs) : 0;
    const double recall = gold_pairs ? double(tp) / double(gold_pairs) : 0;
    const double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
    // The same over the matched mentions only: linking apart from NER misses.
    uint64_t tp_m = 0, gold_m = 0;
    {
      std::map<std::string, uint64_t> g;
      for (const auto& [key, n] : cells)
        if (key.second > 0) g[key.first] += n;
      for (const auto& [key, n] : g) gold_m += Pairs(n);
      tp_m = tp;  // singletons never form pairs
    }
    const double recall_matched = gold_m ? double(tp_m) / double(gold_m) : 0;
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
          .Int(static_cast<int64_t>(mentions))
          .Key("matched_mentions")
          .Int(static_cast<int64_t>(matched))
          .Key("gold_entities")
          .Int(static_cast<int64_t>(gold_sizes.size()))
          .Key("kb_persons")
          .Int(persons.ok() ? static_cast<int64_t>(persons->size()) : 0)
          .Key("precision")
          .Double(precision)
          .Key("recall")
          .Double(recall)
          .Key("f1")
          .Double(f1)
          .Key("recall_matched")
          .Double(recall_matched)
          .Key("labelled_mentions")
          .Int(static_cast<int64_t>(labelled))
          .Key("name_accuracy")
          .Double(labelled ? double(named_right) / double(labelled) : 0)
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
          corpus->size(), static_cast<unsigned long long>(mentions), gold_sizes.size(),
          static_cast<unsigned long long>(matched), precision, recall, f1, recall_matched,
          static_cast<unsigned long long>(labelled),
          labelled ? double(named_right) / double(labelled) : 0.0,
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
