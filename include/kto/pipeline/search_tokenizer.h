// kto/pipeline/search_tokenizer.h — the terms of the store's full-text index
// from morphology, and the store opened with them.
//
//   auto dictionary = pipeline::OpenDictionary(paths);
//   auto store = pipeline::OpenStore("kto.db", *dictionary);
//   store::SearchQuery q;  q.text = "губернатор";   // finds «губернатором»
//
// Terms: the words and numbers of text::Tokenize (initials, abbreviations,
// punctuation, URLs and symbols give none). A word with a Cyrillic letter
// gives every distinct lemma morph::Analyzer finds for it, lower case, «ё»
// as «е» (colocated: one position); any other word and a number give
// themselves, lower case. The query goes through the same tokenizer, so a
// query word matches every form of every one of its lemmas.
//
// Thread safety: a MorphSearchTokenizer is immutable and may be used by any
// number of threads.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "kto/morph/analyzer.h"
#include "kto/pipeline/models.h"
#include "kto/status.h"
#include "kto/store/store.h"

namespace kto::pipeline {

class MorphSearchTokenizer final : public store::SearchTokenizer {
 public:
  // REQUIRES: analyzer not null.
  explicit MorphSearchTokenizer(std::shared_ptr<const morph::Analyzer> analyzer);
  // These rules' version and a hash of the dictionary's description (its
  // source version, revision and compile time): a new dictionary rebuilds
  // the index.
  std::string Version() const override;
  void Tokenize(std::string_view text,
                const std::function<void(std::string_view term, size_t begin, size_t end,
                                         bool colocated)>& emit) const override;
  // The words and numbers of text::Tokenize, without morphology, a piece of
  // the text at a time (pieces end after a line break, which ends every
  // token), so that stopping early leaves the rest untokenized.
  void Positions(std::string_view text,
                 const std::function<bool(size_t begin, size_t end)>& emit) const override;

 private:
  std::shared_ptr<const morph::Analyzer> analyzer_;
  std::string version_;
};

// Opens the store `spec` (store::Open) with a MorphSearchTokenizer over
// `analyzer`; a null analyzer opens it without one (no search index kept).
Result<std::unique_ptr<store::Store>> OpenStore(const std::string& spec,
                                                std::shared_ptr<const morph::Analyzer> analyzer,
                                                store::StoreOptions options = {});

// The same with the dictionary of `paths` when it can be opened, else
// without a tokenizer (whoever needs the dictionary reports its absence).
Result<std::unique_ptr<store::Store>> OpenStore(const std::string& spec, const ModelPaths& paths);

}  // namespace kto::pipeline
