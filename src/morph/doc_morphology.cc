#include "kto/morph/doc_morphology.h"

#include "kto/text/normalize.h"

namespace kto::morph {

void AnalyzeDoc(const Doc& doc, AnalyzerCache* cache, DocMorphology* out) {
  out->first.clear();
  out->parses.Clear();
  out->first.reserve(doc.tokens.size() + 1);
  for (const Token& token : doc.tokens) {
    out->first.push_back(static_cast<uint32_t>(out->parses.size()));
    if (token.kind != TokenKind::kWord) continue;
    const std::string_view text = doc.TextOf(token);
    if (token.Has(token_flags::kAllUpper)) {
      if (const std::string name = text::CapitalsAsName(text); !name.empty()) {
        out->parses.Append(cache->Analyze(name));
        continue;
      }
    }
    out->parses.Append(cache->Analyze(text));
  }
  out->first.push_back(static_cast<uint32_t>(out->parses.size()));
}

}  // namespace kto::morph
