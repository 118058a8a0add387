#include "word_clusters.h"

#include <algorithm>
#include <cstring>

namespace kto::ner::internal {

Result<WordClusters> WordClusters::FromSections(std::string_view words, std::string_view ids) {
  if (words.size() % sizeof(uint64_t) != 0 ||
      ids.size() != words.size() / sizeof(uint64_t) * kClusterLevels * sizeof(uint16_t))
    return Status::Corrupt("word clusters: the word and id sections disagree in size");
  if (reinterpret_cast<uintptr_t>(words.data()) % alignof(uint64_t) != 0 ||
      reinterpret_cast<uintptr_t>(ids.data()) % alignof(uint16_t) != 0)
    return Status::Corrupt("word clusters: misaligned sections");
  WordClusters clusters;
  clusters.words_ = {reinterpret_cast<const uint64_t*>(words.data()),
                     words.size() / sizeof(uint64_t)};
  clusters.ids_ = reinterpret_cast<const uint16_t*>(ids.data());
  if (!std::is_sorted(clusters.words_.begin(), clusters.words_.end()) ||
      std::adjacent_find(clusters.words_.begin(), clusters.words_.end()) != clusters.words_.end())
    return Status::Corrupt("word clusters: the words are not in ascending order");
  return clusters;
}

void WordClusters::Find(uint64_t lower_hash, uint16_t* ids) const {
  const auto it = std::lower_bound(words_.begin(), words_.end(), lower_hash);
  if (it == words_.end() || *it != lower_hash) {
    std::fill(ids, ids + kClusterLevels, kNoCluster);
    return;
  }
  std::memcpy(ids, ids_ + (it - words_.begin()) * kClusterLevels,
              kClusterLevels * sizeof(uint16_t));
}

}  // namespace kto::ner::internal
