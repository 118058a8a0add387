// kto eval positions --corpus DIR: (person, position) pairs against NEREL's
// WORKS_AS relations (PERSON -> PROFESSION). A predicted pair — a person
// mention and the position phrase `kto analyze` attached to it — is correct
// when the mention overlaps the relation's PERSON and the phrase overlaps its
// PROFESSION; precision over predicted pairs, recall over gold ones.
// `reachable_pairs`: gold pairs whose PERSON and PROFESSION both overlap a
// person and a position span the attachment was given (the recall NER allows).
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "json_writer.h"
#include "kto/facts/train.h"
#include "kto/ner/train.h"
#include "kto/text/segment.h"

namespace kto::cli {
namespace {

struct ByteRange {
  uint32_t begin, end;
};

bool Overlap(ByteRange a, const ner::GoldSpan& b) {
  return a.begin < b.end && b.begin < a.end;
}

struct PairCounts {
  uint64_t predicted = 0, predicted_correct = 0, gold = 0, gold_found = 0;
  uint64_t gold_reachable = 0;  // both of its spans overlap a person and a position span found
};

// With `oracle`, the gold person and position spans replace NER's, which
// measures the attachment alone.
void Evaluate(const ner::AnnotatedDoc& gold, const facts::ArticleAnalyzer& analyzer,
              facts::ArticleAnalyzer::State* state, bool oracle, bool print_errors,
              PairCounts* counts) {
  auto doc = Doc::FromUtf8(std::string(gold.doc.text())).value();
  auto bytes = [&](const facts::TokenRange& r) {
    return ByteRange{doc.tokens[r.begin].begin, doc.tokens[r.end - 1].end};
  };
  facts::ArticleAnalysis analysis;
  facts::ArticleAnalyzer::PositionInputs inputs;
  if (oracle) {
    text::Segment(&doc);
    const ner::Annotations spans = facts::GoldAnnotations(doc, gold, analyzer);
    inputs = analyzer.PreparePositions(&doc, &spans, state);
    analysis = analyzer.AnalyzeWithSpans(&doc, spans, state);
  } else {
    inputs = analyzer.PreparePositions(&doc, nullptr, state);
    analysis = analyzer.Analyze(&doc, state);
  }
  std::vector<std::pair<ByteRange, ByteRange>> predicted;
  for (const facts::PersonFact& person : analysis.persons)
    for (const facts::PositionFact& position : person.positions)
      predicted.push_back({bytes(position.holder), bytes(position.tokens)});
  std::vector<const ner::GoldRelation*> pairs;
  for (const ner::GoldRelation& r : gold.relations)
    if (r.type == "WORKS_AS" && r.from.type == "PERSON" && r.to.type == "PROFESSION")
      pairs.push_back(&r);
  counts->predicted += predicted.size();
  counts->gold += pairs.size();
  const std::string_view text = doc.text();
  auto quote = [&](uint32_t begin, uint32_t end) {
    return "«" + std::string(text.substr(begin, end - begin)) + "»";
  };
  for (const auto& [person, position] : predicted) {
    bool correct = false;
    for (const ner::GoldRelation* r : pairs)
      correct |= Overlap(person, r->from) && Overlap(position, r->to);
    counts->predicted_correct += correct;
    if (print_errors && !correct)
      std::cerr << gold.name << "\twrong\t" << quote(person.begin, person.end) << "\t"
                << quote(position.begin, position.end) << "\n";
  }
  for (const ner::GoldRelation* r : pairs) {
    bool found = false;
    for (const auto& [person, position] : predicted)
      found |= Overlap(person, r->from) && Overlap(position, r->to);
    counts->gold_found += found;
    bool person_found = false, position_found = false;
    for (const facts::TokenRange& t : inputs.persons) person_found |= Overlap(bytes(t), r->from);
    for (const facts::TokenRange& t : inputs.positions) position_found |= Overlap(bytes(t), r->to);
    counts->gold_reachable += person_found && position_found;
    if (print_errors && !found)
      std::cerr << gold.name << "\tmissed" << (person_found && position_found ? "" : "-unreachable")
                << "\t" << quote(r->from.begin, r->from.end) << "\t"
                << quote(r->to.begin, r->to.end) << "\n";
  }
}

}  // namespace

void AddEvalPositionsCommand(CLI::App& eval, int* exit_code) {
  struct Args {
    std::string corpus, dict, model;
    bool oracle = false;
    bool errors = false;
    PositionsFlags positions;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd =
      eval.add_subcommand("positions", "(person, position) pairs against NEREL WORKS_AS relations");
  cmd->add_option("--corpus", args->corpus, "NEREL brat folder, e.g. ../shared/data/nerel/dev")
      ->required();
  AddDictFlag(*cmd, &args->dict);
  cmd->add_option("--model", args->model, "NER model (default as for kto analyze)");
  cmd->add_flag("--oracle", args->oracle,
                "Use the gold person and position spans instead of NER's (attachment alone)");
  cmd->add_flag("--errors", args->errors,
                "Print every wrong and every missed pair to stderr (file, kind, person, position)");
  AddPositionsFlags(*cmd, &args->positions, true);
  cmd->callback([args, exit_code] {
    auto analyzer =
        OpenArticleAnalyzer("eval positions", args->dict, args->model, exit_code, args->positions);
    if (!analyzer) return;
    auto corpus = ner::LoadCorpus(args->corpus, ner::CorpusFormat::kBrat);
    if (!corpus.ok()) {
      std::cerr << "kto eval positions: " << corpus.status().message() << "\n";
      *exit_code = ExitCodeFor(corpus.status());
      return;
    }
    facts::ArticleAnalyzer::State state(*analyzer);
    PairCounts counts;
    for (const ner::AnnotatedDoc& doc : *corpus)
      Evaluate(doc, *analyzer, &state, args->oracle, args->errors, &counts);
    const double p =
        counts.predicted ? double(counts.predicted_correct) / double(counts.predicted) : 0;
    const double r = counts.gold ? double(counts.gold_found) / double(counts.gold) : 0;
    std::string out;
    JsonWriter json(&out);
    json.BeginObject()
        .Key("task")
        .String("positions")
        .Key("documents")
        .Int(static_cast<int64_t>(corpus->size()))
        .Key("gold_pairs")
        .Int(static_cast<int64_t>(counts.gold))
        .Key("reachable_pairs")
        .Int(static_cast<int64_t>(counts.gold_reachable))
        .Key("predicted_pairs")
        .Int(static_cast<int64_t>(counts.predicted))
        .Key("precision")
        .Double(p)
        .Key("recall")
        .Double(r)
        .Key("f1")
        .Double(p + r > 0 ? 2 * p * r / (p + r) : 0)
        .EndObject();
    std::cout << out << std::endl;
  });
}

}  // namespace kto::cli
