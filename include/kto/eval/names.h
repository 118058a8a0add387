// kto/eval/names.h — name normalization against BSNLP annotations, the score
// `kto eval names` prints. Library kto_eval (training side).
//
// For every mention form of the given type in every document (one line of
// TOPIC/annotated/N.txt: «form<TAB>base<TAB>TYPE<TAB>id»), finds the form in
// the document's raw text (eval::FindKeys: case-insensitively, as a token
// sequence), puts it into the nominative as `kto analyze` does — PER with
// the name parser (the gender hint from an agreeing verb), LOC and ORG with
// facts::NominativePhrase — and compares the result with the base form:
// exactly, and with ё folded to е. Where a document's annotation keeps
// capitals (any base form has one, as in the BSNLP editions after 2017), the
// comparison is case-sensitive («ИГОРЬ КЕДРОВ» is «Игорь Кедров»); the 2017
// topics are all lower case and compare case-insensitively.
//
// Every gold form counts: a form not found in the text is an error, and the
// found rate is reported beside the accuracy.
//
// Thread safety: EvaluateNames is independent of any other call; the
// analyzer is only read.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "kto/morph/analyzer.h"
#include "kto/status.h"

namespace kto::eval {

struct NameScores {
  uint64_t documents = 0;
  uint64_t mentions = 0;   // mention forms of the type in the annotations
  uint64_t not_found = 0;  // forms not found in the raw text (errors)
  uint64_t exact = 0;      // normal == base (case-sensitive where the gold keeps capitals)
  uint64_t yo_folded = 0;  // the same with ё folded to е
  uint64_t case_sensitive_documents = 0;
  double FoundRate() const { return Ratio(mentions - not_found); }
  double Accuracy() const { return Ratio(exact); }
  double AccuracyYoFolded() const { return Ratio(yo_folded); }

 private:
  double Ratio(uint64_t n) const { return mentions ? double(n) / double(mentions) : 0; }
};

// A gold form the normalization got wrong.
struct NameMismatch {
  std::string file;       // the annotation file
  std::string form;       // as in the text
  std::string predicted;  // the nominative found; empty when the form was not found
  std::string expected;   // the gold base form
  bool found = true;      // whether the form was found in the text
};

// Scores the mentions of `type` («PER», «LOC» or «ORG») of the BSNLP folder
// `corpus` (topics with raw/ and annotated/). `on_mismatch` (may be empty)
// sees every error. Fails when the folder holds no annotation or an
// annotation has no raw file.
Result<NameScores> EvaluateNames(const std::string& corpus, const std::string& type,
                                 std::shared_ptr<const morph::Analyzer> analyzer,
                                 const std::function<void(const NameMismatch&)>& on_mismatch = {});

}  // namespace kto::eval
