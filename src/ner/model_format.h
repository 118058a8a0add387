// Internal: the binary layout of a NER model file (docs/formats/ner-model.md)
// and the in-memory views the tagger reads through.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "featurize.h"
#include "kto/ner/ner.h"
#include "kto/text/mapped_file.h"

namespace kto::ner::internal {

// A NER model is a container (kto/base/container.h) with this magic and
// version; the header's flags are kFeature* bits: optional feature sources the
// model was trained with.
inline constexpr char kMagic[8] = {'K', 'T', 'O', 'N', 'E', 'R', '\r', '\n'};
// 2: animacy and lemma-ending morphology features; 3: the nested layer.
inline constexpr uint32_t kFormatVersion = 3;
// Layers: 0 entities, pass 1 (word and context features); 1 entities,
// pass 2 (also pass-1 features); 2 positions (also pass-1 features); 3
// nested entities (also pass-1 features), the level inside layer 1's.
inline constexpr int kNumLayers = 4;
inline constexpr int kEntitiesPass1 = 0, kEntities = 1, kPositions = 2, kNested = 3;
inline constexpr uint32_t kFeatureMorphology = 1;  // word features from module morph
// Word clusters (word_clusters.h), their two sections in the model file.
inline constexpr uint32_t kFeatureClusters = 2;
// The gazetteer (gazetteer.h), its two sections in the model file.
inline constexpr uint32_t kFeatureGazetteer = 4;

// Section kinds; the section's index is its layer (0 for the meta section).
enum SectionKind : uint32_t {
  kSectionMeta = 1,         // UTF-8 "key=value\n" lines
  kSectionLayer = 2,        // LayerHeader + type names (u8 length + bytes each)
  kSectionWeights = 3,      // int16 [2^bucket_bits][labels]
  kSectionTransitions = 4,  // float32 [labels][labels], start[labels], end[labels]
};

struct LayerHeader {
  uint32_t bucket_bits;
  uint32_t num_types;
  float scale;  // weight = int16 * scale
  uint32_t reserved;
};
static_assert(sizeof(LayerHeader) == 16);

// BIO labels: 0 = O, 1 + 2t = B-type t, 2 + 2t = I-type t.
inline int NumLabels(int num_types) {
  return 1 + 2 * num_types;
}
inline constexpr int kMaxLabels = 33;  // 16 types
inline bool IsInside(int label) {
  return label > 0 && label % 2 == 0;
}
inline int TypeOf(int label) {
  return (label - 1) / 2;
}
// May `cur` follow `prev` (prev = -1 at the start of a sentence)?
inline bool Allowed(int prev, int cur) {
  if (!IsInside(cur)) return true;
  return prev == cur || prev == cur - 1;
}

// Appends to `out` the spans of the nested layer that lie strictly inside
// one of parents[first_parent..] (sorted, non-overlapping), with the parent's
// index; the others are dropped. Shared by Tag() and training's dev scores.
inline void KeepNested(const std::vector<Span>& spans, const std::vector<Span>& parents,
                       size_t first_parent, std::vector<NestedSpan>* out) {
  size_t p = first_parent;
  for (const Span& s : spans) {
    while (p < parents.size() && parents[p].end <= s.begin) ++p;
    if (p == parents.size()) return;
    const Span& parent = parents[p];
    if (parent.begin <= s.begin && s.end <= parent.end &&
        s.end - s.begin < parent.end - parent.begin)
      out->push_back({s, static_cast<uint32_t>(p)});
  }
}

struct LayerView {
  uint32_t bucket_bits = 0;
  int labels = 0;
  float scale = 0;
  const int16_t* weights = nullptr;
  const float* trans = nullptr;  // [prev * labels + cur]
  const float* start = nullptr;
  const float* end = nullptr;
  std::vector<std::string> types;
};

struct ModelData {
  std::unique_ptr<text::MappedFile> file;
  uint32_t feature_flags = 0;
  std::unique_ptr<TokenFeatureSource> extra;  // word features from morphology, or null
  std::optional<WordClusters> clusters;       // with kFeatureClusters
  std::optional<Gazetteer> gazetteer;         // with kFeatureGazetteer
  WordTables Tables() const {
    return {.clusters = clusters ? &*clusters : nullptr,
            .gazetteer = gazetteer ? &*gazetteer : nullptr};
  }
  size_t bytes = 0;
  std::string meta;
  LayerView layers[kNumLayers];
};

}  // namespace kto::ner::internal
