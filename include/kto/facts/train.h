// kto/facts/train.h — training the (person, position) pair scorer
// (kto/facts/position_model.h) on NEREL's WORKS_AS relations. Library
// kto_facts_train: the kto program links it for `kto train positions`; the
// inference library kto_facts and the engine do not depend on it.
//
// Thread safety: functions are independent; the analyzer is only read.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "kto/eval/corpus.h"
#include "kto/facts/article.h"

namespace kto::facts {

struct PositionTrainOptions {
  uint64_t seed = 1;  // order of the examples in each epoch
  int epochs = 10;
  uint32_t bucket_bits = 18;  // 2^bits hashed weights (int16 each in the file)
  float threshold = 0.5f;     // stored probability cut
  // Also take candidates from the NER model's own spans on the training
  // documents (besides the gold spans), so that training sees the spans
  // inference sees.
  bool ner_spans = true;
  // Jackknifed NER spans: when set (K analyzers), a training document of
  // fold i (eval::FoldOf of its id, K folds) takes its NER spans from
  // fold_analyzers[i], whose NER model was trained without that fold
  // (`kto train ner --leave-out-fold i/K`), as new text meets a model that
  // never saw it; otherwise from the analyzer given to TrainPositions.
  std::vector<const ArticleAnalyzer*> fold_analyzers;
  std::function<void(const std::string&)> log;  // progress lines (may be empty)
};

// Trains a scorer of the pair features of every (position phrase, candidate
// person) of `train`: for a singular phrase, a softmax over its candidates
// and "no one" (score 0), maximizing the likelihood of its gold candidates;
// for a plural phrase, a logistic loss per pair (AdaGrad, L2, averaged
// weights). A pair is gold when a WORKS_AS relation's PERSON overlaps the
// mention and its PROFESSION the phrase. Writes the model to `output` (through a temporary file and
// a rename). Deterministic: the same documents, options and analyzer give the same file, byte for
// byte.
Status TrainPositions(const std::vector<eval::AnnotatedDoc>& train, const ArticleAnalyzer& analyzer,
                      const PositionTrainOptions& options, const std::string& output);

}  // namespace kto::facts
