#include "featurize.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "kto/base/hash.h"
#include "viterbi.h"

namespace kto::ner::internal {
namespace {

TEST(Featurize, ShapesCaseAndClasses) {
  WordAnalysis w;
  AnalyzeWord("Ёлкин", nullptr, &w);
  EXPECT_EQ(w.lower, "елкин");
  EXPECT_EQ(w.shape, "Xxxxx");
  EXPECT_EQ(w.short_shape, "Xx");
  EXPECT_EQ(w.info.cls, kClsCapital);
  EXPECT_EQ(w.script, 1);
  AnalyzeWord("Нью-Йорк", nullptr, &w);
  EXPECT_EQ(w.short_shape, "Xx-Xx");
  AnalyzeWord("ООН", nullptr, &w);
  EXPECT_EQ(w.info.cls, kClsAllCaps);
  AnalyzeWord("«", nullptr, &w);
  EXPECT_EQ(w.info.cls, kClsOpenQuote);
  AnalyzeWord("2026", nullptr, &w);
  EXPECT_EQ(w.info.cls, kClsNumber);
  AnalyzeWord("iPhone", nullptr, &w);
  EXPECT_EQ(w.script, 2);
  AnalyzeWord("Длинноеслововтексте", nullptr, &w);
  EXPECT_EQ(w.shape, "Xxxxxxxx+");
  // Same stem for the cases of one surname.
  WordAnalysis a, b;
  AnalyzeWord("Кедрова", nullptr, &a);
  AnalyzeWord("Кедровым", nullptr, &b);
  EXPECT_EQ(a.info.stem, b.info.stem);
}

TEST(Featurize, OffsetsGiveDistinctFeatures) {
  WordAnalysis w;
  AnalyzeWord("мэр", nullptr, &w);
  std::vector<uint64_t> at0, at1, again;
  WordFeatures(w, 0, &at0);
  WordFeatures(w, 1, &at1);
  WordFeatures(w, 0, &again);
  EXPECT_EQ(at0, again);
  for (uint64_t h : at1) EXPECT_EQ(std::count(at0.begin(), at0.end(), h), 0);
}

// A word's clusters are features at every offset: the same cluster gives
// the same features whatever the word, another cluster others, and a word
// outside the vocabulary one feature a level of its own.
TEST(Featurize, ClustersAtEveryOffset) {
  const std::string lower[] = {"губернатор", "мэр", "кедровск"};
  std::vector<std::pair<uint64_t, int>> entries;
  for (int i = 0; i < 3; ++i) entries.emplace_back(base::Fnv1a(lower[i]), i);
  std::sort(entries.begin(), entries.end());
  alignas(8) uint64_t words[3];
  uint16_t ids[3][kClusterLevels];
  const uint16_t of[3][kClusterLevels] = {{0, 1, 7}, {0, 1, 7}, {1, 2, 9}};  // two posts, a town
  for (int j = 0; j < 3; ++j) {
    words[j] = entries[j].first;
    std::copy_n(of[entries[j].second], kClusterLevels, ids[j]);
  }
  auto clusters = WordClusters::FromSections(
      std::string_view(reinterpret_cast<const char*>(words), sizeof words),
      std::string_view(reinterpret_cast<const char*>(ids), sizeof ids));
  ASSERT_TRUE(clusters.ok()) << clusters.status().message();
  auto features = [&](std::string_view text, int offset) {
    WordAnalysis w;
    AnalyzeWord(text, nullptr, &w, {.clusters = &*clusters});
    std::vector<uint64_t> all, plain;
    WordFeatures(w, offset, &all);
    AnalyzeWord(text, nullptr, &w);
    WordFeatures(w, offset, &plain);
    EXPECT_EQ(all.size(), plain.size() + kClusterLevels);
    return std::vector<uint64_t>(all.begin(), all.begin() + kClusterLevels);
  };
  for (int offset = -kWindow; offset <= kWindow; ++offset) {
    EXPECT_EQ(features("Губернатор", offset), features("мэр", offset));
    const std::vector<uint64_t> town = features("Кедровск", offset);
    const std::vector<uint64_t> post = features("мэр", offset);
    for (int level = 0; level < kClusterLevels; ++level) EXPECT_NE(town[level], post[level]);
    EXPECT_NE(features("неведомое", offset), post);
  }
  EXPECT_NE(features("мэр", 0), features("мэр", 1));
  // Sections that disagree, or words out of order, are refused.
  EXPECT_FALSE(WordClusters::FromSections(
                   std::string_view(reinterpret_cast<const char*>(words), sizeof words),
                   std::string_view(reinterpret_cast<const char*>(ids), sizeof ids - 2))
                   .ok());
  std::swap(words[0], words[2]);
  EXPECT_FALSE(WordClusters::FromSections(
                   std::string_view(reinterpret_cast<const char*>(words), sizeof words),
                   std::string_view(reinterpret_cast<const char*>(ids), sizeof ids))
                   .ok());
}

class TestSource : public TokenFeatureSource {
 public:
  void Features(std::string_view text, morph::AnalyzerCache*, std::vector<std::string>* out,
                std::vector<std::string>* positions_only) const override {
    if (text == "мэр") {
      out->push_back("POS=NOUN");
      positions_only->push_back("anim");
    }
  }
};

TEST(Featurize, ExtraSourceAddsFeatures) {
  TestSource source;
  WordAnalysis plain, extra;
  AnalyzeWord("мэр", nullptr, &plain);
  AnalyzeWord("мэр", &source, &extra);
  std::vector<uint64_t> a, b;
  WordFeatures(plain, 0, &a);
  WordFeatures(extra, 0, &b);
  EXPECT_EQ(b.size(), a.size() + 1);
  // The positions-only feature is read at offsets -1..1 and by nothing else.
  std::vector<uint64_t> p0, p1, p2;
  PositionWordFeatures(extra, 0, &p0);
  PositionWordFeatures(extra, 1, &p1);
  PositionWordFeatures(extra, 2, &p2);
  ASSERT_EQ(p0.size(), 1u);
  ASSERT_EQ(p1.size(), 1u);
  EXPECT_TRUE(p2.empty());
  EXPECT_NE(p0[0], p1[0]);
  EXPECT_EQ(std::count(b.begin(), b.end(), p0[0]), 0);
  p0.clear();
  PositionWordFeatures(plain, 0, &p0);
  EXPECT_TRUE(p0.empty());
}

bool Valid(const std::vector<uint8_t>& labels) {
  for (size_t i = 0; i < labels.size(); ++i)
    if (!Allowed(i == 0 ? -1 : labels[i - 1], labels[i])) return false;
  return true;
}

// Whatever the scores (huge, tiny, favouring I- labels), the decoded
// sequence is valid, and it is the best valid sequence.
TEST(Viterbi, NeverInvalidAndOptimal) {
  std::mt19937 rng(42);
  std::uniform_real_distribution<float> score(-10.f, 10.f);
  for (int trial = 0; trial < 300; ++trial) {
    const int L = trial % 2 == 0 ? 7 : 3;
    const size_t n = 1 + trial % 6;
    std::vector<float> e(n * L), trans(L * L), start(L), end(L);
    for (float& x : e) x = score(rng);
    for (float& x : trans) x = score(rng);
    for (float& x : start) x = score(rng);
    for (float& x : end) x = score(rng);
    if (trial % 3 == 0)  // push towards invalid I- labels
      for (size_t i = 0; i < n; ++i)
        for (int y = 2; y < L; y += 2) e[i * L + y] += 100.f;
    std::vector<float> lattice;
    std::vector<uint8_t> back, out(n);
    Viterbi(e.data(), n, L, trans.data(), start.data(), end.data(), &lattice, &back, out.data());
    ASSERT_TRUE(Valid(out)) << "trial " << trial;
    // Brute force over all sequences.
    auto total = [&](const std::vector<uint8_t>& y) {
      float s = start[y[0]] + e[y[0]];
      for (size_t i = 1; i < n; ++i) s += trans[y[i - 1] * L + y[i]] + e[i * L + y[i]];
      return s + end[y[n - 1]];
    };
    std::vector<uint8_t> y(n, 0);
    float best = -1e30f;
    while (true) {
      if (Valid(y)) best = std::max(best, total(y));
      size_t k = 0;
      while (k < n && ++y[k] == L) y[k++] = 0;
      if (k == n) break;
    }
    EXPECT_NEAR(total(out), best, 1e-3f) << "trial " << trial;
  }
}

}  // namespace
}  // namespace kto::ner::internal
