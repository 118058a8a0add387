// kto ner [FILE|-]: entities and position phrases as JSON lines.
// kto train ner --train DIR --dev DIR -o FILE [--seed N] [--held-out LIST]
// [--add-train FILE|DIR... --add-held-out LIST] [--leave-out-fold I/K]
// [--clusters FILE] [--gazetteer FILE]: trains a model.
// kto train clusters --corpus FILE... -o FILE: word clusters.
// kto train gazetteer --first-names F --patronymics F --cities F -o FILE:
// the gazetteer.
// kto eval ner --corpus DIR|FILE... [--format brat|bsnlp|jsonl] [--documents LIST...]: scores
// the model.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <type_traits>

#include "commands.h"
#include "exit_codes.h"
#include "input.h"
#include "kto/eval/ner_metrics.h"
#include "kto/ner/ner.h"
#include "kto/ner/train.h"
#include "kto/render/json_writer.h"
#include "kto/text/normalize.h"
#include "kto/text/segment.h"
#include "kto/text/utf8.h"

namespace kto::cli {

namespace {

// `spans` in text order; a nested span also gets its "parent" (an index
// into the "spans" array).
template <typename SpanT>
void WriteSpans(const Doc& doc, const std::vector<SpanT>& spans,
                const std::vector<std::string>* types, text::CodePointCounter* offsets,
                render::JsonWriter* json) {
  json->BeginArray();
  for (const SpanT& s : spans) {
    const uint32_t b = doc.tokens[s.begin].begin, e = doc.tokens[s.end - 1].end;
    json->BeginObject().Key("start").Int(static_cast<int64_t>(offsets->ToCodePoints(b)));
    json->Key("end").Int(static_cast<int64_t>(offsets->ToCodePoints(e)));
    if (types != nullptr) json->Key("type").String((*types)[s.type]);
    json->Key("text").String(doc.text().substr(b, e - b));
    if constexpr (std::is_same_v<SpanT, ner::NestedSpan>) json->Key("parent").Int(s.parent);
    json->EndObject();
  }
  json->EndArray();
}

}  // namespace

void WriteNer(const InputDoc& input, const ner::Model& model, const ner::Annotations& found,
              std::string* out) {
  const Doc& doc = input.doc;
  // Spans of the three layers interleave in text order: one counter each, so
  // every query moves forward.
  text::CodePointCounter entity_offsets(doc.text()), position_offsets(doc.text()),
      nested_offsets(doc.text());
  render::JsonWriter json(out);
  json.BeginObject().Key("id").Raw(input.id_json).Key("spans");
  WriteSpans(doc, found.entities, &model.EntityTypes(), &entity_offsets, &json);
  json.Key("positions");
  WriteSpans(doc, found.positions, nullptr, &position_offsets, &json);
  json.Key("nested");
  WriteSpans(doc, found.nested, &model.EntityTypes(), &nested_offsets, &json);
  json.EndObject();
  out->push_back('\n');
}

void AddNerCommand(CLI::App& app, int* exit_code) {
  struct Args {
    std::string input = "-";
    std::string model, dict;
    InputFlags flags;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "ner", "Find persons, organizations, locations and positions; one JSON line per document");
  cmd->add_option("input", args->input, "Plain text or JSON lines file; - for standard input")
      ->capture_default_str();
  AddNerModelFlag(*cmd, &args->model);
  AddDictFlag(*cmd, &args->dict);
  AddInputFlags(*cmd, &args->flags);
  cmd->callback([args, exit_code] {
    auto model = LoadNerModel(args->model, args->dict);
    if (!model.ok()) {
      *exit_code = Report("ner", model.status());
      return;
    }
    ner::State state;
    ner::Annotations found;
    std::string out;
    auto summary = ReadDocuments(args->input, ToInputOptions(args->flags), [&](InputDoc&& input) {
      text::Segment(&input.doc);
      ner::Tag(**model, input.doc, &state, &found);
      out.clear();
      WriteNer(input, **model, found, &out);
      std::fwrite(out.data(), 1, out.size(), stdout);
    });
    std::fflush(stdout);
    *exit_code = ReadOutcome("ner", summary);
  });
}

namespace {

// Writes the sentences of every document of `corpora` to `out`: a sentence a
// line, its tokens as their MatchKey separated by spaces.
Result<ReadSummary> WriteSentences(const std::vector<std::string>& corpora, std::ofstream& out) {
  ReadSummary total;
  std::string line;
  auto sink = [&](InputDoc&& input) {
    Doc& doc = input.doc;
    text::Segment(&doc);
    for (const Sentence& sentence : doc.sentences) {
      line.clear();
      for (uint32_t t = sentence.begin; t < sentence.end; ++t) {
        if (!line.empty()) line += ' ';
        line += text::MatchKey(doc.TextOf(doc.tokens[t]));
      }
      line += '\n';
      out << line;
    }
  };
  for (const std::string& corpus : corpora) {
    auto read =
        corpus == "-" ? ReadDocuments(corpus, InputOptions{}, sink) : ReadCorpus(corpus, sink);
    if (!read.ok()) return read.status();
    total.accepted += read->accepted;
    total.rejected += read->rejected;
  }
  if (!out.flush()) return Status::IoError("cannot write the sentences");
  return total;
}

void AddTrainClustersCommand(CLI::App& train, int* exit_code) {
  struct Args {
    std::vector<std::string> corpora;
    std::string output, work_dir, vectors;
    ner::ClusterOptions options;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = train.add_subcommand(
      "clusters",
      "Learn word clusters from unlabelled text (fastText + k-means; deterministic per seed)");
  CLI::Option* corpus = cmd->add_option(
      "--corpus", args->corpora,
      "Texts: JSON lines or plain text files, corpus folders, - for standard input");
  cmd->add_option("--vectors", args->vectors,
                  "Cluster these word vectors (fastText .vec) instead of learning them")
      ->excludes(corpus);
  cmd->add_option("-o,--output", args->output, "Clusters file to write")->required();
  cmd->add_option("--work-dir", args->work_dir,
                  "Folder for the sentences and fastText's vectors (default: OUTPUT.work)");
  cmd->add_option("--seed", args->options.seed, "Seed of fastText and k-means")
      ->capture_default_str();
  cmd->add_option("--dimensions", args->options.dimensions, "Word vector dimensions")
      ->check(CLI::Range(8, 300))
      ->capture_default_str();
  cmd->add_option("--min-count", args->options.min_count, "Words seen fewer times get no cluster")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd->add_option("--epochs", args->options.epochs, "fastText's passes over the text")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  cmd->callback([args, exit_code] {
    auto fail = [&](const Status& s) {
      std::cerr << "kto train clusters: " << s.message() << "\n";
      *exit_code = ExitCodeFor(s);
    };
    ner::ClusterOptions options = args->options;
    options.log = [](const std::string& line) { std::cerr << line << std::endl; };
    std::string vectors = args->vectors;
    if (vectors.empty() && args->corpora.empty())
      return fail(Status::InvalidArgument("give --corpus (texts) or --vectors"));
    const std::string work_dir = args->work_dir.empty() ? args->output + ".work" : args->work_dir;
    if (vectors.empty()) {
      std::error_code error;
      std::filesystem::create_directories(work_dir, error);
      if (error) return fail(Status::IoError("cannot make " + work_dir + ": " + error.message()));
      const std::string sentences = work_dir + "/sentences.txt";
      std::ofstream out(sentences, std::ios::binary | std::ios::trunc);
      auto read = WriteSentences(args->corpora, out);
      if (!read.ok()) return fail(read.status());
      std::cerr << "sentences of " << read->accepted << " documents in " << sentences << "\n";
      if (Status s = ner::TrainWordVectors(sentences, work_dir, options); !s.ok()) return fail(s);
      vectors = work_dir + "/vectors.vec";
    }
    if (Status s = ner::ClusterWordVectors(vectors, options, args->output); !s.ok()) return fail(s);
    std::cerr << "wrote " << args->output << "\n";
    *exit_code = kExitOk;
  });
}

}  // namespace

void AddTrainGazetteerCommand(CLI::App& train, int* exit_code) {
  struct Args {
    std::string output, dict;
    ner::GazetteerOptions options;
  };
  auto args = std::make_shared<Args>();
  const std::string iso = "/usr/share/locale/ru/LC_MESSAGES/";
  args->options.countries = {iso + "iso_3166-1.mo", iso + "iso_3166-3.mo"};
  args->options.regions = {iso + "iso_3166-2.mo"};
  CLI::App* cmd = train.add_subcommand(
      "gazetteer", "Build the gazetteer: name and place lists, inflected, as NER features");
  cmd->add_option("--first-names", args->options.first_names,
                  "First names: TSV with a header, name, gender (m/f), count")
      ->required();
  cmd->add_option("--patronymics", args->options.patronymics,
                  "Patronymics: TSV with a header, patronymic, gender, first name")
      ->required();
  cmd->add_option("--cities", args->options.cities, "Cities: CSV with a header and a 'city' column")
      ->required();
  cmd->add_option("--countries", args->options.countries,
                  "Country names: gettext catalogues (.mo) in Russian")
      ->capture_default_str();
  cmd->add_option("--regions", args->options.regions,
                  "Region names: gettext catalogues (.mo) in Russian")
      ->capture_default_str();
  cmd->add_option("--min-count", args->options.min_first_name_count,
                  "Leave out first names counted fewer times (and their patronymics)")
      ->capture_default_str();
  cmd->add_option("-o,--output", args->output, "Gazetteer file to write")->required();
  AddDictFlag(*cmd, &args->dict);
  cmd->callback([args, exit_code] {
    ner::GazetteerOptions options = args->options;
    options.analyzer = OpenAnalyzer("train gazetteer", args->dict, exit_code);
    if (!options.analyzer) return;
    options.log = [](const std::string& line) { std::cerr << line << std::endl; };
    if (Status s = ner::BuildGazetteer(options, args->output); !s.ok()) {
      std::cerr << "kto train gazetteer: " << s.message() << "\n";
      *exit_code = ExitCodeFor(s);
      return;
    }
    std::cerr << "wrote " << args->output << "\n";
    *exit_code = kExitOk;
  });
}

void AddTrainCommand(CLI::App& app, int* exit_code) {
  struct Args {
    std::string train, dev, output, dict, held_out, clusters, gazetteer, add_held_out;
    std::vector<std::string> add_train;
    std::string leave_out_fold;  // «I/K»
    bool no_morph = false;
    uint64_t seed = 1;
    int epochs = ner::TrainOptions().epochs;
    uint32_t bits = ner::TrainOptions().entity_bucket_bits;
    uint32_t position_bits = ner::TrainOptions().position_bucket_bits;
    uint32_t nested_bits = ner::TrainOptions().nested_bucket_bits;
  };
  auto args = std::make_shared<Args>();
  CLI::App* train = app.add_subcommand("train", "Train a model");
  train->require_subcommand(1);
  AddTrainClustersCommand(*train, exit_code);
  AddTrainGazetteerCommand(*train, exit_code);
  CLI::App* cmd = train->add_subcommand("ner", "Train the NER model (deterministic per seed)");
  cmd->add_option("--train", args->train, "Training corpus folder (brat or BSNLP layout)")
      ->required();
  cmd->add_option("--dev", args->dev, "Development corpus folder; scores printed every epoch");
  cmd->add_option("--held-out", args->held_out,
                  "Leave out of --train the documents listed in this file (one id a line), "
                  "e.g. data/splits/nerel-internal-test.txt");
  cmd->add_option("--add-train", args->add_train,
                  "Another training corpus in another annotation style (Collection5's span "
                  "JSON lines, a brat or BSNLP folder): trains the entity layers with features "
                  "of its own besides the shared ones, never the positions layer; repeatable");
  cmd->add_option("--add-held-out", args->add_held_out,
                  "Leave out of every --add-train corpus the documents listed in this file, "
                  "e.g. data/splits/collection5-dev.txt");
  cmd->add_option("--leave-out-fold", args->leave_out_fold,
                  "I/K: leave out of --train the documents of fold I of K (0 <= I < K), for "
                  "jackknifed spans (kto train positions --fold-models)");
  cmd->add_option("-o,--output", args->output, "Model file to write")->required();
  cmd->add_option("--seed", args->seed, "Seed of the sentence order")->capture_default_str();
  cmd->add_option("--epochs", args->epochs, "Passes over the training corpus")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  cmd->add_option("--bits", args->bits, "log2 of the entity layer's hashed feature rows")
      ->check(CLI::Range(8, 26))
      ->capture_default_str();
  cmd->add_option("--position-bits", args->position_bits,
                  "log2 of the position layer's hashed feature rows")
      ->check(CLI::Range(8, 26))
      ->capture_default_str();
  cmd->add_option("--nested-bits", args->nested_bits,
                  "log2 of the nested entity layer's hashed feature rows")
      ->check(CLI::Range(8, 26))
      ->capture_default_str();
  AddDictFlag(*cmd, &args->dict);
  cmd->add_flag("--no-morph", args->no_morph, "Train without morphology features");
  cmd->add_option("--clusters", args->clusters,
                  "Word clusters (kto train clusters) to read as features; copied into the model");
  cmd->add_option("--gazetteer", args->gazetteer,
                  "Gazetteer (kto train gazetteer) to read as features; copied into the model");
  cmd->callback([args, exit_code] {
    std::shared_ptr<const morph::Analyzer> analyzer;
    if (!args->no_morph) {
      analyzer = OpenAnalyzer("train ner", args->dict, exit_code);
      if (!analyzer) return;
    }
    auto fail = [&](const Status& s) {
      std::cerr << "kto train ner: " << s.message() << "\n";
      *exit_code = ExitCodeFor(s);
    };
    auto held_out = eval::ReadDocumentFilter(args->held_out, "");
    if (!held_out.ok()) return fail(held_out.status());
    if (!args->leave_out_fold.empty()) {
      unsigned fold = 0, folds = 0;
      char end = 0;
      if (std::sscanf(args->leave_out_fold.c_str(), "%u/%u%c", &fold, &folds, &end) != 2 ||
          folds < 2 || folds > 100 || fold >= folds)
        return fail(
            Status::InvalidArgument("--leave-out-fold wants I/K with 0 <= I < K, 2 <= K "
                                    "<= 100, got '" +
                                    args->leave_out_fold + "'"));
      held_out->folds = folds;
      held_out->left_out_fold = fold;
    }
    auto train_docs = eval::LoadCorpus(args->train, eval::CorpusFormat::kAuto, *held_out);
    if (!train_docs.ok()) return fail(train_docs.status());
    auto add_held_out = eval::ReadDocumentFilter(args->add_held_out, "");
    if (!add_held_out.ok()) return fail(add_held_out.status());
    if (args->add_train.size() > 255)
      return fail(Status::InvalidArgument("at most 255 --add-train corpora"));
    for (size_t i = 0; i < args->add_train.size(); ++i) {
      auto docs = eval::LoadCorpus(args->add_train[i], eval::CorpusFormat::kAuto, *add_held_out);
      if (!docs.ok()) return fail(docs.status());
      for (eval::AnnotatedDoc& doc : *docs) {
        doc.style = static_cast<uint8_t>(i + 1);
        doc.has_positions = false;
        train_docs->push_back(std::move(doc));
      }
    }
    std::vector<eval::AnnotatedDoc> dev_docs;
    if (!args->dev.empty()) {
      auto dev = eval::LoadCorpus(args->dev, eval::CorpusFormat::kAuto);
      if (!dev.ok()) return fail(dev.status());
      dev_docs = std::move(dev).value();
    }
    ner::TrainOptions options;
    options.seed = args->seed;
    options.epochs = args->epochs;
    options.entity_bucket_bits = args->bits;
    options.position_bucket_bits = args->position_bits;
    options.nested_bucket_bits = args->nested_bits;
    options.analyzer = analyzer;
    options.clusters = args->clusters;
    options.gazetteer = args->gazetteer;
    options.log = [](const std::string& line) { std::cerr << line << std::endl; };
    const auto start = std::chrono::steady_clock::now();
    if (Status s = ner::Train(*train_docs, dev_docs, options, args->output); !s.ok())
      return fail(s);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << "wrote " << args->output << " in " << static_cast<int>(seconds) << " s\n";
    *exit_code = kExitOk;
  });
}

void AddEvalCommand(CLI::App& app, int* exit_code) {
  struct Args {
    std::vector<std::string> corpora, documents;
    std::string model, dict, format = "auto";
  };
  auto args = std::make_shared<Args>();
  CLI::App* eval = app.add_subcommand("eval", "Score a model on an annotated corpus");
  eval->require_subcommand(1);
  CLI::App* cmd = eval->add_subcommand(
      "ner", "Token-level and strict span P/R/F1 per type, positions, confusion");
  cmd->add_option("--corpus", args->corpora,
                  "Annotated corpus: a folder (brat, BSNLP) or a span JSON-lines file "
                  "(Collection5); repeatable, each scored apart")
      ->required();
  cmd->add_option("--format", args->format, "Corpus layout: auto, brat, bsnlp or jsonl")
      ->check(CLI::IsMember({"auto", "brat", "bsnlp", "jsonl"}))
      ->capture_default_str();
  cmd->add_option("--documents", args->documents,
                  "Score only the documents listed in this file (one id a line), e.g. "
                  "data/splits/nerel-internal-test.txt over the NEREL train folder; given "
                  "once it applies to every corpus, given once per --corpus to each in turn "
                  "('-' for all of that corpus)");
  AddNerModelFlag(*cmd, &args->model);
  AddDictFlag(*cmd, &args->dict);
  cmd->callback([args, exit_code] {
    auto model = LoadNerModel(args->model, args->dict);
    if (!model.ok()) {
      *exit_code = Report("eval ner", model.status());
      return;
    }
    const eval::CorpusFormat format = args->format == "brat"    ? eval::CorpusFormat::kBrat
                                      : args->format == "bsnlp" ? eval::CorpusFormat::kBsnlp
                                      : args->format == "jsonl" ? eval::CorpusFormat::kSpansJsonl
                                                                : eval::CorpusFormat::kAuto;
    auto fail = [&](const Status& s) {
      std::cerr << "kto eval ner: " << s.message() << "\n";
      *exit_code = ExitCodeFor(s);
    };
    const size_t n = args->corpora.size();
    if (args->documents.size() > 1 && args->documents.size() != n)
      return fail(Status::InvalidArgument("give --documents once, or once per --corpus"));
    for (size_t i = 0; i < n; ++i) {
      const std::string list =
          args->documents.empty() ? "" : args->documents[args->documents.size() == 1 ? 0 : i];
      auto filter = eval::ReadDocumentFilter("", list == "-" ? "" : list);
      if (!filter.ok()) return fail(filter.status());
      auto docs = eval::LoadCorpus(args->corpora[i], format, *filter);
      if (!docs.ok()) return fail(docs.status());
      const eval::EvalReport report = eval::Evaluate(**model, *docs);
      if (n > 1)
        std::cout << (i > 0 ? "\n" : "") << "== " << args->corpora[i]
                  << (list.empty() || list == "-" ? "" : " (" + list + ")") << "\n";
      std::cout << eval::FormatReport(report) << std::flush;
    }
    *exit_code = kExitOk;
  });
}

}  // namespace kto::cli
