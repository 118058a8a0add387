#include "morph_features.h"

#include "kto/text/utf8.h"

namespace kto::ner::internal {

MorphFeatureSource::MorphFeatureSource(std::shared_ptr<const morph::Analyzer> analyzer)
    : analyzer_(std::move(analyzer)) {
  const morph::GrammemeIds& ids = analyzer_->Ids();
  // The grammemes the dictionary has, with their names for the features.
  auto add = [](std::vector<std::pair<int, std::string>>* out,
                std::initializer_list<std::pair<int, const char*>> grammemes) {
    for (const auto& [id, name] : grammemes)
      if (id >= 0) out->emplace_back(id, name);
  };
  add(&name_grammemes_, {{ids.name, "Name"},
                         {ids.surn, "Surn"},
                         {ids.patr, "Patr"},
                         {ids.geox, "Geox"},
                         {ids.orgn, "Orgn"},
                         {ids.abbr, "Abbr"},
                         {ids.trad, "Trad"}});
  add(&word_grammemes_, {{ids.anim, "anim"}, {ids.inan, "inan"}});
  add(&cases_, {{ids.cases[0], "nomn"},
                {ids.cases[1], "gent"},
                {ids.cases[2], "datv"},
                {ids.cases[3], "accs"},
                {ids.cases[4], "ablt"},
                {ids.cases[5], "loct"},
                {ids.voct, "voct"}});
}

void MorphFeatureSource::Features(std::string_view text, morph::AnalyzerCache* morphology,
                                  std::vector<std::string>* out,
                                  std::vector<std::string>* positions_only) const {
  morph::ParseList own;
  const bool shared = morphology != nullptr && &morphology->analyzer() == analyzer_.get();
  if (!shared) analyzer_->Analyze(text, &own);
  const morph::ParseList& parses = shared ? morphology->Analyze(text) : own;
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
