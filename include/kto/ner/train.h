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
  uint32_t nested_bucket_bits = 16;  // at most the larger of the two above
  std::string description;           // stored in the model's META section
  // When set, the model also reads morphology features (and then needs the
  // same dictionary at run time).
  std::shared_ptr<const morph::Analyzer> analyzer;
  // A clusters file (TrainClusters): the model then reads word clusters,
  // copied into it (the model stays one self-contained file).
  std::string clusters;
  // A gazetteer file (BuildGazetteer), copied into the model likewise.
  std::string gazetteer;
  std::function<void(const std::string&)> log;  // progress lines (may be empty)
};

// Trains both layers (averaged structured perceptron), prints the dev scores
// of every epoch through options.log, and writes the model of the last epoch
// to `output`. Deterministic: the same corpora, options and seed give the
// same file, byte for byte. `dev` may be empty. Documents of another
// annotation style (AnnotatedDoc::style > 0) train feature rows of their own
// beside the shared ones, and the model answers in style 0's; documents
// without a position layer (has_positions) do not train the positions layer.
Status Train(const std::vector<eval::AnnotatedDoc>& train,
             const std::vector<eval::AnnotatedDoc>& dev, const TrainOptions& options,
             const std::string& output);

struct ClusterOptions {
  uint64_t seed = 1;
  int dimensions = 50;  // of the word vectors
  int min_count = 10;   // words seen fewer times get no cluster
  int epochs = 5;
  int window = 5;
  int clusters[3] = {16, 128, 1024};            // coarse to fine (internal::kClusterLevels)
  int iterations = 20;                          // of k-means
  std::string fasttext = "fasttext";            // the embedding trainer (Debian's package)
  std::function<void(const std::string&)> log;  // progress lines (may be empty)
};

// Learns word vectors from `sentences` (a text file, a sentence a line, its
// words as their text::MatchKey separated by spaces) with fastText's
// skip-gram on one thread (deterministic per seed): `work_dir`/vectors.vec.
// Errors: kNotFound (no fasttext program), kIoError.
Status TrainWordVectors(const std::string& sentences, const std::string& work_dir,
                        const ClusterOptions& options);

// Clusters the word vectors of a fastText .vec file by spherical k-means at
// each granularity and writes the clusters file `output`
// (docs/formats/ner-model.md) for `Train` (TrainOptions::clusters).
// Deterministic per seed. Errors: kCorrupt (unreadable vectors), kIoError.
Status ClusterWordVectors(const std::string& vectors, const ClusterOptions& options,
                          const std::string& output);

struct GazetteerOptions {
  std::string first_names;  // TSV with a header: name, gender (m/f), count
  std::string patronymics;  // TSV with a header: patronymic, gender, first name
  std::string cities;       // CSV with a header that has a `city` column
  // gettext catalogues (.mo) of iso-codes in Russian: country names
  // (iso_3166-1, iso_3166-3) and region names (iso_3166-2).
  std::vector<std::string> countries, regions;
  int min_first_name_count = 5;        // rarer first names (and their patronymics) left out
  int common_first_name_count = 1000;  // from here a first name is «common» too
  // Inflects every entry (all forms of its paradigm); without it only the
  // listed forms go in.
  std::shared_ptr<const morph::Analyzer> analyzer;
  std::function<void(const std::string&)> log;  // progress lines (may be empty)
};

// Writes the gazetteer file `output` (docs/formats/ner-model.md) for `Train`
// (TrainOptions::gazetteer). Deterministic. Errors: kNotFound (a list is
// missing), kCorrupt (a list is unreadable), kIoError.
Status BuildGazetteer(const GazetteerOptions& options, const std::string& output);

}  // namespace kto::ner
