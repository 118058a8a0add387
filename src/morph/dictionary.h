// The mapped dictionary file: validated once at Open, then read in place.
// Internal to the morph module (format: docs/formats/morph-dict.md).
//
// Thread safety: immutable after Open.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "dawg.h"
#include "kto/morph/grammemes.h"
#include "kto/status.h"
#include "kto/text/mapped_file.h"

namespace kto::morph {

// Count+1 u32 offsets into a byte blob.
class StringTable {
 public:
  StringTable() = default;
  StringTable(const uint32_t* index, size_t count, const char* data)
      : index_(index), count_(count), data_(data) {}
  size_t size() const { return count_; }
  std::string_view operator[](size_t i) const {
    return std::string_view(data_ + index_[i], index_[i + 1] - index_[i]);
  }

 private:
  const uint32_t* index_ = nullptr;
  size_t count_ = 0;
  const char* data_ = nullptr;
};

// One paradigm: n forms, each a (suffix id, tag id, prefix id).
struct Paradigm {
  const uint16_t* data = nullptr;
  uint32_t forms = 0;
  uint16_t suffix(uint32_t f) const { return data[f]; }
  uint16_t tag(uint32_t f) const { return data[forms + f]; }
  uint16_t prefix(uint32_t f) const { return data[2 * forms + f]; }
};

class Dictionary {
 public:
  static Result<std::unique_ptr<Dictionary>> Open(const std::string& path, bool verify_checksum);
  ~Dictionary();
  Dictionary(const Dictionary&) = delete;
  Dictionary& operator=(const Dictionary&) = delete;

  const Dawg& words() const { return words_; }
  const Dawg& prediction(int prefix) const { return prediction_[prefix]; }
  // round(P(tag|word) * 1e6) for the word with WordHash `word_hash`; -1 when unknown.
  int64_t Probability(uint64_t word_hash, uint32_t tag) const;
  const StringTable& suffixes() const { return suffixes_; }
  const StringTable& prefixes() const { return prefixes_; }
  const StringTable& tags() const { return tags_; }
  const StringTable& grammemes() const { return grammemes_; }
  uint32_t grammeme_parent(size_t g) const { return grammeme_parents_[g]; }
  Grammemes tag_grammemes(size_t tag) const {
    return {tag_grammemes_[2 * tag], tag_grammemes_[2 * tag + 1]};
  }
  size_t paradigm_count() const { return paradigm_count_; }
  Paradigm paradigm(size_t p) const {
    return {paradigm_data_ + paradigm_index_[p], (paradigm_index_[p + 1] - paradigm_index_[p]) / 3};
  }
  std::string_view meta() const { return meta_; }

 private:
  Dictionary() = default;
  Status Load(const std::string& path, bool verify_checksum);
  // Load's steps over the file's sections: each maps its part and returns
  // what is wrong with it, or "" when nothing is.
  struct Sections;                                 // dictionary.cc
  std::string MapWordIndexes(Sections& sections);  // the DAWGs and string tables
  std::string MapGrammemes(Sections& sections);    // grammeme parents, tag grammemes
  std::string MapParadigms(Sections& sections);
  std::string MapProbabilities(Sections& sections);

  std::unique_ptr<text::MappedFile> file_;
  Dawg words_, prediction_[3];
  const uint64_t* prob_keys_ = nullptr;
  const uint32_t* prob_values_ = nullptr;
  uint64_t prob_capacity_ = 0;
  StringTable suffixes_, prefixes_, tags_, grammemes_;
  const uint32_t* grammeme_parents_ = nullptr;
  const uint64_t* tag_grammemes_ = nullptr;
  const uint32_t* paradigm_index_ = nullptr;
  const uint16_t* paradigm_data_ = nullptr;
  size_t paradigm_count_ = 0;
  std::string_view meta_;
};

}  // namespace kto::morph
