// Test helper for modules after `morph`: the dictionary the build made
// (KTO_MORPH_DICT_PATH, defined by the test target), opened once per test
// program, and texts segmented and analyzed with it.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include "kto/morph/doc_morphology.h"
#include "kto/text/segment.h"

namespace kto::morph::testing {

inline const std::shared_ptr<const Analyzer>& TestAnalyzer() {
  static const auto* analyzer = [] {
    auto opened = Analyzer::Open(KTO_MORPH_DICT_PATH);
    if (!opened.ok()) {
      std::cerr << "cannot open the test dictionary: " << opened.status().message() << "\n";
      std::abort();
    }
    return new std::shared_ptr<const Analyzer>(std::move(opened).value());
  }();
  return *analyzer;
}

struct AnalyzedText {
  Doc doc;
  DocMorphology morphology;

  // The text as the stages after morphology read it.
  DocView View() const { return {doc, morphology, *TestAnalyzer()}; }
};

// `text` segmented, with the morphology of every token.
inline AnalyzedText Analyze(const std::string& text) {
  auto doc = Doc::FromUtf8(text);
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  AnalyzedText out{std::move(doc).value(), {}};
  text::Segment(&out.doc);
  AnalyzerCache cache(TestAnalyzer());
  AnalyzeDoc(out.doc, &cache, &out.morphology);
  return out;
}

}  // namespace kto::morph::testing
