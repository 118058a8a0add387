// kto/ner/train.h — training NER models on annotated corpora
// (kto/eval/corpus.h). Library kto_ner_train: the kto program links it for
// `kto train ner`; the inference library kto_ner and the engine do not
// depend on it.
//
// Thread safety: Train is independent of any other call.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "kto/eval/corpus.h"
#include "kto/ner/ner.h"
#include "kto/status.h"

namespace kto::ner {

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
Status Train(const std::vector<eval::AnnotatedDoc>& train,
             const std::vector<eval::AnnotatedDoc>& dev, const TrainOptions& options,
             const std::string& output);

}  // namespace kto::ner
