#include "gazetteer.h"

#include "word_clusters.h"

namespace kto::ner::internal {

Result<Gazetteer> Gazetteer::FromSections(std::string_view words, std::string_view classes) {
  auto hashes = SortedWordHashes(words, "gazetteer");
  if (!hashes.ok()) return hashes.status();
  if (classes.size() != hashes->size() * sizeof(uint16_t) ||
      reinterpret_cast<uintptr_t>(classes.data()) % alignof(uint16_t) != 0)
    return Status::Corrupt("gazetteer: the word and class sections disagree");
  Gazetteer gazetteer;
  gazetteer.words_ = *hashes;
  gazetteer.classes_ = reinterpret_cast<const uint16_t*>(classes.data());
  return gazetteer;
}

uint16_t Gazetteer::Find(uint64_t lower_hash) const {
  const long i = IndexOfWord(words_, lower_hash);
  return i < 0 ? 0 : classes_[i];
}

}  // namespace kto::ner::internal
