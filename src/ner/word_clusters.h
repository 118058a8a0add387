// Internal: word clusters, the word representations kto learns from
// unlabelled news (`kto train clusters`, docs/formats/ner-model.md). Every
// word of the vocabulary has a cluster id at kClusterLevels granularities,
// coarse to fine, each level a partition of the one after it (like the
// prefixes of a Brown cluster's bit string): words used alike in news share
// a cluster («губернатор», «мэр», «премьер»), so the tagger learns from one
// what it sees of the others.
//
// The table is two container sections, read in place: in a clusters file
// (kClustersMagic) and, copied there by `kto train ner --clusters`, in the
// NER model that was trained with it.
//
// Thread safety: immutable.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "kto/status.h"

namespace kto::ner::internal {

inline constexpr char kClustersMagic[8] = {'K', 'T', 'O', 'C', 'L', 'U', '\r', '\n'};
inline constexpr uint32_t kClustersFormatVersion = 1;
inline constexpr int kClusterLevels = 3;
inline constexpr uint16_t kNoCluster = 0xFFFF;  // a word outside the vocabulary

// Section kinds, shared by the clusters file and the NER model.
inline constexpr uint32_t kSectionClusterWords = 5;  // uint64 [n]: Fnv1a(MatchKey), ascending
inline constexpr uint32_t kSectionClusterIds = 6;    // uint16 [n][kClusterLevels]

// The word hashes of a section (uint64 Fnv1a(MatchKey), ascending): the
// key column of the word clusters and of the gazetteer. kCorrupt, naming
// `what`, when the section is misaligned, of a bad size or out of order.
Result<std::span<const uint64_t>> SortedWordHashes(std::string_view section, std::string_view what);
// The index of `hash` in `words` (from SortedWordHashes), or -1.
long IndexOfWord(std::span<const uint64_t> words, uint64_t hash);

class WordClusters {
 public:
  WordClusters() = default;
  // A view of the two sections (which must outlive it). kCorrupt when their
  // sizes disagree or the words are not in ascending order.
  static Result<WordClusters> FromSections(std::string_view words, std::string_view ids);

  // Fills ids[0..kClusterLevels) for the word whose MatchKey hashes to
  // `lower_hash` (Fnv1a); kNoCluster at every level when it has none.
  void Find(uint64_t lower_hash, uint16_t* ids) const;

  size_t size() const { return words_.size(); }

 private:
  std::span<const uint64_t> words_;
  const uint16_t* ids_ = nullptr;
};

}  // namespace kto::ner::internal
