// kto/ner/ner.h — named entities (PER, ORG, LOC) and position phrases.
//
// A Model is a trained linear-chain tagger (averaged structured perceptron,
// BIO tags, constrained Viterbi) in one binary file (docs/formats/ner-model.md),
// mapped read-only into memory. It finds entities (the flat PER/ORG/LOC
// view) in two passes over each document — the second also sees how the
// first labelled the other occurrences of each word in the document — and
// positions («губернатор Томской области») with the second pass's features,
// and the entities one level inside an entity («США» in «администрации
// США», as NEREL nests them).
// Tag() fills an Annotations with token spans of both. Models trained with
// morphology features need the morph dictionary (LoadOptions::analyzer).
//
//   kto::ner::LoadOptions options;
//   options.analyzer = analyzer;       // a morph::Analyzer, see kto/morph/analyzer.h
//   auto model = kto::ner::Model::Load("models/ner-ru.bin", options);
//   if (!model.ok()) { /* model.status().message() says what is wrong */ }
//   kto::ner::State state;             // one per thread
//   kto::ner::Annotations found;
//   kto::ner::Tag(**model, doc, &state, &found);   // doc segmented by text::Segment
//
// Thread safety: a loaded Model is immutable and may be shared by any number
// of threads. A State is per-thread scratch (feature buffers, the Viterbi
// lattice, a cache of per-word-type emission scores); never share one
// between threads at the same time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kto/morph/analyzer.h"
#include "kto/status.h"
#include "kto/text/doc.h"

namespace kto::ner {

// Tokens [begin, end) of a Doc, and what they name.
struct Span : TokenSpan {
  uint8_t type = 0;  // index into Model::EntityTypes(); 0 for positions
};

// An entity inside another one («США» in the ORG «администрации США»).
struct NestedSpan : Span {
  uint32_t parent = 0;  // index into Annotations::entities
};

struct Annotations {
  std::vector<Span> entities;   // in text order, non-overlapping: the flat view
  std::vector<Span> positions;  // in text order, non-overlapping
  // In text order, non-overlapping, each strictly inside its parent entity
  // (empty with a model without a nesting layer).
  std::vector<NestedSpan> nested;
};

namespace internal {
struct ModelData;
struct StateData;
}  // namespace internal

struct LoadOptions {
  // The morphology dictionary, required by models trained with morphology
  // features (NeedsMorphology()); ignored by the others.
  std::shared_ptr<const morph::Analyzer> analyzer;
};

class Model {
 public:
  // Maps `path` and checks it: magic, format version, section bounds,
  // checksum. Fails with kNotFound when the file is missing and kCorrupt when
  // it is truncated, damaged or of another format version, kInvalidArgument
  // when it needs the morphology dictionary and options.analyzer is null; the
  // message names the file and what to do. Costs one pass over the file.
  static Result<std::unique_ptr<Model>> Load(const std::string& path,
                                             const LoadOptions& options = {});
  // Does the model read morphology features (and so need LoadOptions::analyzer)?
  bool NeedsMorphology() const;
  ~Model();
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  // Entity type names of the entities layer, e.g. {"PER", "ORG", "LOC"}.
  const std::vector<std::string>& EntityTypes() const;
  // The model's description (training data, seed, epochs), "key=value" lines.
  std::string_view Meta() const;
  size_t FileBytes() const;

  const internal::ModelData& data() const { return *data_; }

 private:
  explicit Model(std::unique_ptr<internal::ModelData> data);
  std::unique_ptr<internal::ModelData> data_;
};

// Per-thread scratch for Tag(). Cheap to create; grows to the largest
// sentence seen and caches the scores of up to 131,072 word types, emptied
// between documents when full (480 bytes a type with the shipped model's 24
// labels: 63 MB at most).
class State {
 public:
  State();
  ~State();
  State(State&&) noexcept;
  State& operator=(State&&) noexcept;

  // Word features from morphology read their parses from `cache` (the
  // thread's own, which AnalyzeDoc filled for the same article) instead of
  // analyzing each new word again; used only when the cache's analyzer is
  // the model's. REQUIRES: `cache` outlives this state, or is reset with
  // nullptr; the same thread uses both.
  void ShareMorphologyCache(morph::AnalyzerCache* cache);

  internal::StateData& data() { return *data_; }

 private:
  std::unique_ptr<internal::StateData> data_;
};

// Replaces *out with the entities and positions of `doc`, decoding each
// sentence on its own. REQUIRES: doc->tokens and doc->sentences filled by
// text::Segment. Never fails; spans never cross sentences.
void Tag(const Model& model, const Doc& doc, State* state, Annotations* out);

}  // namespace kto::ner
