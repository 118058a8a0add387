// Internal: the per-thread scratch behind ner::State, and the emission
// computation shared by Tag() and the tests.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "featurize.h"
#include "kto/ner/ner.h"
#include "model_format.h"

namespace kto::ner::internal {

// An allocator whose resize() leaves new floats unset: Lookup writes every
// float of a new row, so zeroing them first is a wasted pass.
template <typename T>
struct UninitializedAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = UninitializedAllocator<U>;
  };
  template <typename U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
};

struct StateData {
  const ModelData* model = nullptr;            // the model the cache was filled for
  morph::AnalyzerCache* morphology = nullptr;  // the caller's, or null
  size_t row_width = 0;                        // kOffsets * (the labels of every layer)

  // Cache of word types: open addressing over 64-bit text hashes (0 = empty).
  std::vector<uint64_t> keys;
  std::vector<uint32_t> slots;                             // entry index per key
  std::vector<WordInfo> infos;                             // per entry
  std::vector<float, UninitializedAllocator<float>> rows;  // per entry: row_width floats,
                                                           // [layer][offset][label]
  std::vector<float> boundary;   // row_width floats for a position outside the sentence
  size_t max_entries = 1 << 17;  // cleared between documents beyond this

  WordAnalysis analysis;
  std::vector<uint64_t> features;
  std::vector<uint32_t> entry_of_token;
  std::vector<const WordInfo*> info_ptrs;
  std::vector<uint8_t> flags;
  std::vector<float> emissions[2];  // one per layer decoded together
  std::vector<Span> spans;          // of the nested layer in a sentence
  std::vector<uint32_t> feature_start;
  std::vector<const int16_t*> row_ptrs;
  size_t layer_base[kNumLayers] = {};  // offset of each layer's block in a row
  std::vector<float> lattice;
  std::vector<uint8_t> back;
  std::vector<uint8_t> labels;
  std::vector<uint8_t> labels1;  // pass-1 labels of the document's tokens
  std::unordered_map<uint64_t, StemCounts> stem_counts;

  void Reset(const ModelData* m);          // for another model: empties the cache
  void Clear();                            // empties the cache
  void Grow();                             // doubles the key table
  uint32_t Lookup(std::string_view text);  // entry index, computing it when new
};

}  // namespace kto::ner::internal
