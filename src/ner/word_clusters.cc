#include "word_clusters.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace kto::ner::internal {

Result<std::span<const uint64_t>> SortedWordHashes(std::string_view section,
                                                   std::string_view what) {
  if (section.size() % sizeof(uint64_t) != 0 ||
      reinterpret_cast<uintptr_t>(section.data()) % alignof(uint64_t) != 0)
    return Status::Corrupt(std::string(what) + ": a misaligned word section");
  const std::span<const uint64_t> words(reinterpret_cast<const uint64_t*>(section.data()),
                                        section.size() / sizeof(uint64_t));
  if (!std::is_sorted(words.begin(), words.end()) ||
      std::adjacent_find(words.begin(), words.end()) != words.end())
    return Status::Corrupt(std::string(what) + ": the words are not in ascending order");
  return words;
}

long IndexOfWord(std::span<const uint64_t> words, uint64_t hash) {
  const auto it = std::lower_bound(words.begin(), words.end(), hash);
  return it == words.end() || *it != hash ? -1 : static_cast<long>(it - words.begin());
}

Result<WordClusters> WordClusters::FromSections(std::string_view words, std::string_view ids) {
  auto hashes = SortedWordHashes(words, "word clusters");
  if (!hashes.ok()) return hashes.status();
  if (ids.size() != hashes->size() * kClusterLevels * sizeof(uint16_t))
    return Status::Corrupt("word clusters: the word and id sections disagree in size");
  if (reinterpret_cast<uintptr_t>(ids.data()) % alignof(uint16_t) != 0)
    return Status::Corrupt("word clusters: misaligned sections");
  WordClusters clusters;
  clusters.words_ = *hashes;
  clusters.ids_ = reinterpret_cast<const uint16_t*>(ids.data());
  return clusters;
}

void WordClusters::Find(uint64_t lower_hash, uint16_t* ids) const {
  const long i = IndexOfWord(words_, lower_hash);
  if (i < 0) {
    std::fill(ids, ids + kClusterLevels, kNoCluster);
    return;
  }
  std::memcpy(ids, ids_ + i * kClusterLevels, kClusterLevels * sizeof(uint16_t));
}

}  // namespace kto::ner::internal
