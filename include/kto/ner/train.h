// kto/ner/train.h — reading annotated corpora, training and evaluating NER
// models. Library kto_ner_train: the kto program links it for `kto train ner`
// and `kto eval ner`; the inference library kto_ner does not depend on it.
//
// Corpora (see ../shared/data/README.md):
//  - brat folders (NEREL): NNN.txt + NNN.ann; the flat view maps PERSON ->
//    PER, ORGANIZATION -> ORG, COUNTRY/CITY/STATE_OR_PROVINCE/DISTRICT/
//    LOCATION -> LOC, keeping the outermost of nested entities of these
//    types; PROFESSION (outermost) is the position layer;
//  - BSNLP folders (TOPIC/raw, TOPIC/annotated): document-level mention
//    forms, found in the text as case-insensitive token sequences; PER, LOC,
//    ORG (MISC ignored); no position layer.
//
// Thread safety: functions are independent; Evaluator is a value used by one
// thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "kto/ner/ner.h"
#include "kto/status.h"
#include "kto/text/doc.h"

namespace kto::ner {

// A gold span: bytes [begin, end) of the document text.
struct GoldSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
  std::string type;  // "PER", "ORG", "LOC"; "POSITION" in the position layer
  std::string link;  // the entity's Wikidata id («Q13133») when the corpus gives one
  std::string label;  // in `linked_persons` of brat: the id's label («Мишель Обама»), or empty
};

// A brat relation between two annotated spans, with the spans' own brat
// types («PERSON», «PROFESSION»): `WORKS_AS` PERSON -> PROFESSION, ...
struct GoldRelation {
  std::string type;
  GoldSpan from;  // Arg1
  GoldSpan to;    // Arg2
};

struct AnnotatedDoc {
  std::string name;                 // file path, for messages
  Doc doc;                          // segmented (text::Segment)
  std::vector<GoldSpan> entities;   // sorted, non-overlapping
  std::vector<GoldSpan> positions;  // sorted, non-overlapping
  bool has_positions = true;        // false when the corpus has no position layer
  // Every PERSON span (brat: nested ones too) with a cross-document id in
  // `link`, sorted by start: brat, a «N… Reference T… Wikidata:Q…» line's
  // id; BSNLP, «topic:id» for every occurrence of a PER mention form. The
  // gold of `kto eval link`.
  std::vector<GoldSpan> linked_persons;
  // brat only: every R line between PER, ORG, LOC or POSITION spans.
  std::vector<GoldRelation> relations;
};

enum class CorpusFormat { kAuto, kBrat, kBsnlp };

// Reads every document of `dir` (recursively, sorted by path). kAuto picks
// BSNLP when `dir` holds an «annotated» folder, brat otherwise. Fails when the
// folder cannot be read, holds no documents or a file is malformed.
Result<std::vector<AnnotatedDoc>> LoadCorpus(const std::string& dir, CorpusFormat format);

// ------------------------------------------------------------ evaluation

struct Counts {
  std::string type;
  uint64_t tp = 0, fp = 0, fn = 0;
  double Precision() const { return tp + fp == 0 ? 0.0 : double(tp) / double(tp + fp); }
  double Recall() const { return tp + fn == 0 ? 0.0 : double(tp) / double(tp + fn); }
  double F1() const {
    const double p = Precision(), r = Recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }
};

struct EvalReport {
  std::vector<Counts>
      token;                 // per entity type: every token starting inside a span carries its type
  std::vector<Counts> span;  // per entity type: exact start, end and type
  Counts token_all, span_all;                    // summed over the entity types
  Counts position_token, position_span;          // the position layer
  std::vector<std::string> confusion_labels;     // "O" then the types
  std::vector<std::vector<uint64_t>> confusion;  // [gold][predicted] token counts
  uint64_t docs = 0, tokens = 0;
};

// Accumulates scores over documents. `types`: the predicted type names
// (Model::EntityTypes()), in the order Span::type indexes them.
class Evaluator {
 public:
  explicit Evaluator(std::vector<std::string> types);
  void Add(const AnnotatedDoc& gold, const Annotations& predicted);
  const EvalReport& report() const { return report_; }

 private:
  std::vector<std::string> types_;
  EvalReport report_;
};

// A human-readable table of the report (token and span P/R/F1 per type,
// positions, confusion).
std::string FormatReport(const EvalReport& report);
// One line: token F1 per type, span F1, position span F1.
std::string FormatSummary(const EvalReport& report);

// Tags every document with `model` and scores it.
EvalReport Evaluate(const Model& model, const std::vector<AnnotatedDoc>& docs);

// ------------------------------------------------------------ training

struct TrainOptions {
  uint64_t seed = 1;  // order of sentences in each epoch
  int epochs = 12;
  uint32_t entity_bucket_bits = 19;  // 2^bits hashed feature rows per layer
  uint32_t position_bucket_bits = 18;
  std::string description;  // stored in the model's META section
  // When set, the model also reads morphology features (and then needs the
  // same dictionary at run time).
  std::shared_ptr<const morph::Analyzer> analyzer;
  std::function<void(const std::string&)> log;  // progress lines (may be empty)
};

// Trains both layers (averaged structured perceptron), prints the dev scores
// of every epoch through options.log, and writes the model of the last epoch
// to `output`. Deterministic: the same corpora, options and seed give the
// same file, byte for byte. `dev` may be empty.
Status Train(const std::vector<AnnotatedDoc>& train, const std::vector<AnnotatedDoc>& dev,
             const TrainOptions& options, const std::string& output);

}  // namespace kto::ner
