// Helpers shared by the text module's tests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kto/text/segment.h"

namespace kto::text::testing {

inline Doc Segmented(std::string text) {
  auto doc = Doc::FromUtf8(std::move(text));
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  Segment(&doc.value());
  return std::move(doc).value();
}

inline std::vector<std::string> TokenTexts(const std::string& text) {
  const Doc doc = Segmented(text);
  std::vector<std::string> out;
  for (const Token& t : doc.tokens) out.emplace_back(doc.TextOf(t));
  return out;
}

inline std::vector<std::string> SentenceTexts(const std::string& text) {
  const Doc doc = Segmented(text);
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences) {
    const uint32_t begin = doc.tokens[s.begin].begin;
    const uint32_t end = doc.tokens[s.end - 1].end;
    out.emplace_back(doc.text().substr(begin, end - begin));
  }
  return out;
}

}  // namespace kto::text::testing
