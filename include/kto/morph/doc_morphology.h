// kto/morph/doc_morphology.h — the morphology of every token of a Doc.
//
// The pipeline stage after tokenization: AnalyzeDoc() fills a
// DocMorphology, an array indexed by token, which later stages (NER, name
// normalization) read next to Doc::tokens. Word tokens get their parses,
// best first; other tokens (numbers, punctuation, ...) get none. A word in
// Cyrillic capitals, as headlines write names («ВЛАДИМИРА ПУТИНА»), is
// analyzed as if only its first letter were one (text::CapitalsAsName):
// the analyzer, like Az.js, gives proper-name parses to capitalized words
// only, and reads «США» as the country only when written «Сша».
//
// Thread safety: a DocMorphology is a value filled by one thread; the
// AnalyzerCache passed in is per-thread. A DocView only reads.
#pragma once

#include <cstdint>
#include <vector>

#include "kto/morph/analyzer.h"
#include "kto/text/doc.h"

namespace kto::morph {

struct DocMorphology {
  // Parses of token t are parses[first[t]] .. parses[first[t + 1] - 1];
  // first has tokens.size() + 1 entries.
  std::vector<uint32_t> first;
  ParseList parses;

  size_t ParseCount(size_t token) const { return first[token + 1] - first[token]; }
  // The best parse of a token. REQUIRES: ParseCount(token) > 0.
  const Parse& Best(size_t token) const { return parses[first[token]]; }
};

// A document, its morphology and the analyzer that made it: what the stages
// after morphology (names, facts) read together. A view: the three outlive
// it; cheap to copy.
struct DocView {
  const Doc& doc;
  const DocMorphology& morphology;
  const Analyzer& analyzer;

  // The grammemes of parse i of morphology.parses.
  Grammemes TagOf(uint32_t i) const { return analyzer.TagGrammemes(morphology.parses[i].tag); }
  const GrammemeIds& ids() const { return analyzer.Ids(); }
};

// Analyzes every word token of `doc` (REQUIRES: doc.tokens filled by
// text::Tokenize). Replaces *out; its buffers are reused.
void AnalyzeDoc(const Doc& doc, AnalyzerCache* cache, DocMorphology* out);

}  // namespace kto::morph
