// Name normalization scored against BSNLP base forms.
#include "kto/eval/names.h"

#include "kto/eval/corpus.h"
#include "kto/facts/phrase.h"
#include "kto/morph/doc_morphology.h"
#include "kto/names/person_name.h"
#include "kto/text/normalize.h"
#include "kto/text/segment.h"

namespace kto::eval {
namespace {

using text::MatchKeyOptions;

bool HasCapital(std::string_view utf8) {
  return text::MatchKey(utf8, {.lowercase = true, .fold_yo = false}) !=
         text::MatchKey(utf8, {.lowercase = false, .fold_yo = false});
}

struct Normalizers {
  const morph::Analyzer& analyzer;
  const names::NameParser& parser;
  morph::AnalyzerCache* cache;
};

Status ScoreDocument(const std::string& annotated, const std::string& type,
                     const Normalizers& normalizers,
                     const std::function<void(const NameMismatch&)>& on_mismatch,
                     NameScores* scores) {
  const std::string raw_path = BsnlpRawFile(annotated);
  if (raw_path.empty()) return Status::NotFound("no raw file for " + annotated);
  auto raw = ReadBsnlpText(raw_path);
  if (!raw.ok()) return raw.status();
  auto doc = Doc::FromUtf8(std::move(raw).value(), Utf8Policy::kLenient);
  if (!doc.ok()) return doc.status();
  text::Segment(&doc.value());
  morph::DocMorphology morphology;
  morph::AnalyzeDoc(*doc, normalizers.cache, &morphology);
  const morph::DocView view{*doc, morphology, normalizers.analyzer};
  const std::vector<std::string> keys = TokenKeys(*doc);

  auto file = ReadFile(annotated);
  if (!file.ok()) return file.status();
  const std::vector<BsnlpMention> mentions = ParseBsnlpAnnotation(file.value());
  bool keeps_capitals = false;
  for (const BsnlpMention& m : mentions) keeps_capitals |= HasCapital(m.base);
  scores->case_sensitive_documents += keeps_capitals;
  const MatchKeyOptions exact_key{.lowercase = !keeps_capitals, .fold_yo = false};
  const MatchKeyOptions folded_key{.lowercase = !keeps_capitals, .fold_yo = true};
  for (const BsnlpMention& m : mentions) {
    if (m.type != type) continue;
    ++scores->mentions;
    const std::vector<std::string> form = FormKeys(m.form);
    const size_t at = FindKeys(keys, form);
    if (at == keys.size()) {
      ++scores->not_found;
      if (on_mismatch) on_mismatch({annotated, m.form, "", m.base, false});
      continue;
    }
    const uint32_t begin = static_cast<uint32_t>(at);
    const uint32_t end = static_cast<uint32_t>(at + form.size());
    std::string normal;
    if (type == "PER") {
      const names::GenderHint hint = normalizers.parser.ContextGender(view, {begin, end});
      normal = normalizers.parser.Parse(view, {begin, end}, hint).normal;
    } else {
      normal = facts::NominativePhrase(view, {begin, end});
    }
    const bool exact = text::MatchKey(normal, exact_key) == text::MatchKey(m.base, exact_key);
    const bool folded = text::MatchKey(normal, folded_key) == text::MatchKey(m.base, folded_key);
    scores->exact += exact;
    scores->yo_folded += folded;
    if (on_mismatch && !exact) on_mismatch({annotated, m.form, normal, m.base, true});
  }
  return Status::Ok();
}

}  // namespace

Result<NameScores> EvaluateNames(const std::string& corpus, const std::string& type,
                                 std::shared_ptr<const morph::Analyzer> analyzer,
                                 const std::function<void(const NameMismatch&)>& on_mismatch) {
  auto files = ListBsnlpAnnotations(corpus);
  if (!files.ok() || files->empty())
    return Status::NotFound("no BSNLP annotations under " + corpus);
  const names::NameParser parser;
  morph::AnalyzerCache cache(analyzer);
  const Normalizers normalizers{*analyzer, parser, &cache};
  NameScores scores;
  scores.documents = files->size();
  for (const std::string& file : *files)
    if (Status s = ScoreDocument(file, type, normalizers, on_mismatch, &scores); !s.ok()) return s;
  return scores;
}

}  // namespace kto::eval
