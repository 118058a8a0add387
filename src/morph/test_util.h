// Helpers shared by the morph module's tests: the dictionary built by the
// build (KTO_MORPH_DICT_PATH), opened once per test binary.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "kto/morph/analyzer.h"

namespace kto::morph::testing {

inline std::shared_ptr<const Analyzer> TestAnalyzer() {
  static const std::shared_ptr<const Analyzer> analyzer = [] {
    auto a = Analyzer::Open(KTO_MORPH_DICT_PATH);
    EXPECT_TRUE(a.ok()) << a.status().message();
    return a.ok() ? std::move(a).value() : nullptr;
  }();
  return analyzer;
}

inline Grammemes G(const std::string& names) {
  auto g = TestAnalyzer()->ParseGrammemes(names);
  EXPECT_TRUE(g.ok()) << g.status().message();
  return g.ok() ? *g : Grammemes();
}

// "lemma TAG" of each parse, best first.
inline std::vector<std::string> Parses(const std::string& word) {
  ParseList list;
  TestAnalyzer()->Analyze(word, &list);
  std::vector<std::string> out;
  for (size_t i = 0; i < list.size(); ++i)
    out.push_back(std::string(list.Lemma(i)) + " " +
                  std::string(TestAnalyzer()->TagString(list[i].tag)));
  return out;
}

inline std::string Top(const std::string& word) {
  const auto all = Parses(word);
  return all.empty() ? "" : all[0];
}

}  // namespace kto::morph::testing
