// Internal: morphology (module morph, OpenCorpora) as word features of the
// NER tagger: part of speech, case, lemma (and a noun lemma's ending),
// animacy and the proper-name grammemes (Name, Surn, Patr, Geox, Orgn, Abbr,
// Trad) of a word's parses.
//
// Thread safety: Features() is const and allocates its own scratch, so one
// source may serve every thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "featurize.h"
#include "kto/morph/analyzer.h"

namespace kto::ner::internal {

class MorphFeatureSource : public TokenFeatureSource {
 public:
  explicit MorphFeatureSource(std::shared_ptr<const morph::Analyzer> analyzer);
  // Animacy and the lemma ending go to `positions_only`.
  void Features(std::string_view token_text, morph::AnalyzerCache* morphology,
                std::vector<std::string>* out,
                std::vector<std::string>* positions_only) const override;

 private:
  std::shared_ptr<const morph::Analyzer> analyzer_;
  std::vector<std::pair<int, std::string>> name_grammemes_;  // id, "t:Surn"
  std::vector<std::pair<int, std::string>> word_grammemes_;  // id, "anim"
  std::vector<std::pair<int, std::string>> cases_;           // id, "nomn"
};

}  // namespace kto::ner::internal
