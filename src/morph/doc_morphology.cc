#include "kto/morph/doc_morphology.h"

namespace kto::morph {

void AnalyzeDoc(const Doc& doc, AnalyzerCache* cache, DocMorphology* out) {
  out->first.clear();
  out->parses.Clear();
  out->first.reserve(doc.tokens.size() + 1);
  for (const Token& token : doc.tokens) {
    out->first.push_back(static_cast<uint32_t>(out->parses.size()));
    if (token.kind == TokenKind::kWord) out->parses.Append(cache->Analyze(doc.TextOf(token)));
  }
  out->first.push_back(static_cast<uint32_t>(out->parses.size()));
}

}  // namespace kto::morph
