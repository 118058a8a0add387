// kto/eval/ner_metrics.h — scores of NER predictions against an annotated
// corpus: token level (naeval style: every token starting inside a span
// carries its type) and strict spans (exact start, end and type), per entity
// type, and the same for the position layer. Library kto_eval (training
// side).
//
// Thread safety: Evaluator is a value used by one thread at a time; the
// functions are independent.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kto/eval/corpus.h"
#include "kto/ner/ner.h"

namespace kto::eval {

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
  Counts token_all, span_all;            // summed over the entity types
  Counts position_token, position_span;  // the position layer
  Counts nested_span;  // nested entities (brat), every type: exact start, end and type
  std::vector<std::string> confusion_labels;     // "O" then the types
  std::vector<std::vector<uint64_t>> confusion;  // [gold][predicted] token counts
  uint64_t docs = 0, tokens = 0;
  uint64_t position_docs = 0;  // documents whose corpus has a position layer
};

// Accumulates scores over documents. `types`: the predicted type names
// (Model::EntityTypes()), in the order Span::type indexes them.
class Evaluator {
 public:
  explicit Evaluator(std::vector<std::string> types);
  // REQUIRES: `predicted` are token spans of gold.doc.
  void Add(const AnnotatedDoc& gold, const ner::Annotations& predicted);
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
EvalReport Evaluate(const ner::Model& model, const std::vector<AnnotatedDoc>& docs);

}  // namespace kto::eval
