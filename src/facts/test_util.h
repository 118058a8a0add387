// Helpers shared by the facts module's tests: articles written in the test,
// with person mentions marked by their words instead of by a NER model.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kto/facts/quotes.h"
#include "kto/text/segment.h"

namespace kto::facts::testing {

// A segmented article and its person mentions, found by their words, in order.
struct Article {
  Doc doc;
  std::vector<TokenSpan> persons;
};

// Finds each of `phrases` as consecutive tokens, in order, after the previous one.
inline std::vector<TokenSpan> FindPhrases(const Doc& doc, const std::vector<std::string>& phrases) {
  std::vector<TokenSpan> found;
  uint32_t from = 0;
  for (const std::string& phrase : phrases) {
    auto pdoc = Doc::FromUtf8(phrase);
    text::Segment(&pdoc.value());
    const auto& want = pdoc->tokens;
    bool ok = false;
    for (uint32_t i = from; i + want.size() <= doc.tokens.size() && !ok; ++i) {
      bool same = true;
      for (size_t k = 0; k < want.size() && same; ++k)
        same = doc.TextOf(doc.tokens[i + k]) == pdoc->TextOf(want[k]);
      if (same) {
        found.push_back({i, static_cast<uint32_t>(i + want.size())});
        from = static_cast<uint32_t>(i + want.size());
        ok = true;
      }
    }
    EXPECT_TRUE(ok) << phrase;
  }
  return found;
}

inline Article Make(const std::string& text, const std::vector<std::string>& person_texts) {
  auto doc = Doc::FromUtf8(text);
  EXPECT_TRUE(doc.ok());
  text::Segment(&doc.value());
  Article a{std::move(doc).value(), {}};
  a.persons = FindPhrases(a.doc, person_texts);
  return a;
}

}  // namespace kto::facts::testing
