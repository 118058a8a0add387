#include "morph_features.h"

#include "kto/text/utf8.h"

namespace kto::ner::internal {

MorphFeatureSource::MorphFeatureSource(std::shared_ptr<const morph::Analyzer> analyzer)
    : analyzer_(std::move(analyzer)) {
  for (const char* g : {"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Trad"})
    if (auto id = analyzer_->GrammemeId(g)) name_grammemes_.emplace_back(*id, g);
  for (const char* w : {"anim", "inan"})
    if (auto id = analyzer_->GrammemeId(w)) word_grammemes_.emplace_back(*id, w);
  for (const char* c : {"nomn", "gent", "datv", "accs", "ablt", "loct", "voct"})
    if (auto id = analyzer_->GrammemeId(c)) cases_.emplace_back(*id, c);
}

void MorphFeatureSource::Features(std::string_view text, std::vector<std::string>* out,
                                  std::vector<std::string>* positions_only) const {
  morph::ParseList parses;
  analyzer_->Analyze(text, &parses);
  if (parses.empty()) {
    out->push_back("none");
    return;
  }
  const morph::Parse& best = parses[0];
  const std::string_view tag = analyzer_->TagString(best.tag);
  const std::string pos(tag.substr(0, tag.find_first_of(", ")));
  const morph::Grammemes g = analyzer_->TagGrammemes(best.tag);
  std::string gram_case = "-";
  for (const auto& [id, name] : cases_)
    if (g.Has(id)) gram_case = name;
  out->push_back("p:" + pos);
  out->push_back("pc:" + pos + "," + gram_case);
  out->push_back("m:" + std::to_string(static_cast<int>(best.method)));
  // The lemma only for dictionary and suffix parses: in this version of
  // module morph the lemma of prefix and hyphen parses («транс-жиров»,
  // «42-летний») can read stale memory, which would make training
  // non-deterministic.
  switch (best.method) {
    case morph::Method::kDictionary:
    case morph::Method::kSuffix:
      out->push_back("l:" + std::string(parses.Lemma(0)));
      // The lemma's ending for nouns: «швея», «егерь» share theirs with
      // position nouns the training data has.
      if (pos == "NOUN")
        positions_only->push_back("ls:" + std::string(text::LastCodePoints(parses.Lemma(0), 3)));
      break;
    default:
      break;
  }
  // Animacy of the best parse: an animate common noun the training data
  // never showed («швея», «егерь») is still likely a position. (Number,
  // indeclinability and common gender were tried too and did not help.)
  for (const auto& [id, name] : word_grammemes_)
    if (g.Has(id)) positions_only->push_back("g:" + name);
  // Proper-name grammemes of the best parse, and of any good parse.
  for (const auto& [id, name] : name_grammemes_)
    if (g.Has(id)) out->push_back("b:" + name);
  const double floor = best.score * 0.1;
  for (const auto& [id, name] : name_grammemes_) {
    for (size_t i = 0; i < parses.size() && i < 8; ++i) {
      if (parses[i].score < floor) break;
      if (analyzer_->TagGrammemes(parses[i].tag).Has(id)) {
        out->push_back("t:" + name);
        break;
      }
    }
  }
}

}  // namespace kto::ner::internal
