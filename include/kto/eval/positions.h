// kto/eval/positions.h — (person, position) pairs against NEREL's WORKS_AS
// relations (PERSON -> PROFESSION), the score `kto eval positions` prints.
// Library kto_eval (training side).
//
// A predicted pair — a person mention and the position phrase the analyzer
// attached to it — matches a gold relation when the mention overlaps the
// relation's PERSON and the phrase overlaps its PROFESSION. Predicted and gold
// pairs are matched one to one (a maximum matching), so one gold pair found
// twice counts once and one prediction never covers two gold pairs:
// precision is matched / predicted, recall matched / gold.
//
// Thread safety: the functions are independent; ScorePositions uses `state`
// (one per thread) and only reads the analyzer.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "kto/eval/corpus.h"
#include "kto/facts/article.h"

namespace kto::eval {

// A pair as bytes of the document text: the person mention, the position phrase.
struct BytePair {
  uint32_t person_begin = 0, person_end = 0;
  uint32_t position_begin = 0, position_end = 0;
};

// The WORKS_AS relations of `gold` between a PERSON and a PROFESSION.
std::vector<BytePair> GoldPairs(const AnnotatedDoc& gold);

// Whether `predicted` may match `gold`: its person overlaps the gold person
// and its position the gold position (also the positions trainer's label).
bool PairMatches(const BytePair& predicted, const BytePair& gold);

// A maximum one-to-one matching of `predicted` and `gold` pairs, where a
// predicted pair may match a gold one when both its spans overlap the gold
// pair's. Deterministic: the same input gives the same matching.
struct PairMatching {
  std::vector<bool> predicted_matched, gold_matched;
  uint64_t matched = 0;
};
PairMatching MatchPairs(const std::vector<BytePair>& predicted, const std::vector<BytePair>& gold);

struct PairCounts {
  uint64_t predicted = 0, gold = 0, matched = 0;
  uint64_t gold_reachable = 0;  // both of its spans overlap a person and a position span found
  double Precision() const { return predicted ? double(matched) / double(predicted) : 0; }
  double Recall() const { return gold ? double(matched) / double(gold) : 0; }
  double F1() const {
    const double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

// An unmatched pair, for error listings.
struct PairError {
  std::string kind;              // "wrong" (predicted), "missed" or "missed-unreachable" (gold)
  std::string person, position;  // their text
};

// Analyzes `gold`'s text with `analyzer` and adds its pairs to `counts`;
// `on_error` (may be empty) sees every unmatched pair, the wrong ones first.
// With `oracle`, the gold person and position spans replace NER's, which
// measures the attachment alone.
void ScorePositions(const AnnotatedDoc& gold, const facts::ArticleAnalyzer& analyzer,
                    facts::ArticleAnalyzer::State* state, bool oracle, PairCounts* counts,
                    const std::function<void(const PairError&)>& on_error = {});

// The gold PER/ORG/LOC spans and position phrases of `gold` as token ranges
// of `doc` (the same text, segmented), typed as `analyzer`'s NER model types
// them; spans of other types, or covering no token, are left out.
ner::Annotations GoldAnnotations(const Doc& doc, const AnnotatedDoc& gold,
                                 const facts::ArticleAnalyzer& analyzer);

}  // namespace kto::eval
