// Corpus reading, scores and deterministic training on the fixture corpus.
#include "kto/ner/train.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "test_util.h"

namespace kto::ner {
namespace {

std::string SpanText(const AnnotatedDoc& d, const GoldSpan& s) {
  return std::string(d.doc.text().substr(s.begin, s.end - s.begin));
}

TEST(NerCorpus, BratFlatViewKeepsOutermost) {
  auto docs = LoadCorpus(testing::FixtureDir("train"), CorpusFormat::kAuto);
  ASSERT_TRUE(docs.ok()) << docs.status().message();
  ASSERT_EQ(docs->size(), 6u);
  const AnnotatedDoc& d = (*docs)[0];
  ASSERT_FALSE(d.entities.empty());
  EXPECT_EQ(SpanText(d, d.entities[0]), "Марии Ольховской");
  EXPECT_EQ(d.entities[0].type, "PER");
  bool city_in_position = false;
  for (const GoldSpan& p : d.positions) {
    EXPECT_EQ(p.type, "POSITION");
    // The position «директор Ольховки» keeps its city in the entity layer.
    for (const GoldSpan& e : d.entities) city_in_position |= e.begin > p.begin && e.end == p.end;
  }
  EXPECT_TRUE(city_in_position);
  for (size_t i = 1; i < d.entities.size(); ++i)
    EXPECT_LE(d.entities[i - 1].end, d.entities[i].begin);
}

TEST(NerCorpus, MissingFolder) {
  auto docs = LoadCorpus("/no/such/folder", CorpusFormat::kAuto);
  EXPECT_EQ(docs.status().code(), StatusCode::kNotFound);
}

TEST(NerCorpus, Bsnlp) {
  namespace fs = std::filesystem;
  const fs::path root = testing::TempPath("bsnlp");
  fs::create_directories(root / "topic" / "raw");
  fs::create_directories(root / "topic" / "annotated");
  std::ofstream(root / "topic" / "raw" / "file_7_ru.txt")
      << "7\nru\n2026-11-28\nhttp://example.org\nАнна Лесная приехала в Кедровск. АННА ЛЕСНАЯ "
         "довольна.\n";
  std::ofstream(root / "topic" / "annotated" / "7.txt")
      << "7\nанна лесная\tанна лесная\tPER\t1\nкедровск\tкедровск\tLOC\t2\nмост\tмост\tMISC\t3\n";
  auto docs = LoadCorpus(root.string(), CorpusFormat::kAuto);
  ASSERT_TRUE(docs.ok()) << docs.status().message();
  ASSERT_EQ(docs->size(), 1u);
  const AnnotatedDoc& d = (*docs)[0];
  EXPECT_FALSE(d.has_positions);
  ASSERT_EQ(d.entities.size(), 3u);
  EXPECT_EQ(SpanText(d, d.entities[0]), "Анна Лесная");
  EXPECT_EQ(SpanText(d, d.entities[1]), "Кедровск");
  EXPECT_EQ(SpanText(d, d.entities[2]), "АННА ЛЕСНАЯ");
  // Every occurrence of a PER form carries its cross-document id, per topic.
  ASSERT_EQ(d.linked_persons.size(), 2u);
  EXPECT_EQ(d.linked_persons[0].link, "topic:1");
  EXPECT_EQ(SpanText(d, d.linked_persons[1]), "АННА ЛЕСНАЯ");
  EXPECT_EQ(d.linked_persons[1].link, "topic:1");
}

TEST(NerEval, PerfectAndEmptyPredictions) {
  auto docs = LoadCorpus(testing::FixtureDir("dev"), CorpusFormat::kBrat);
  ASSERT_TRUE(docs.ok());
  Evaluator perfect({"PER", "ORG", "LOC"}), empty({"PER", "ORG", "LOC"});
  for (const AnnotatedDoc& d : *docs) {
    // Gold spans as token spans (the fixture is token-aligned).
    Annotations gold;
    auto to_spans = [&](const std::vector<GoldSpan>& spans, std::vector<Span>* out) {
      for (const GoldSpan& g : spans) {
        Span s;
        for (uint32_t t = 0; t < d.doc.tokens.size(); ++t) {
          if (d.doc.tokens[t].begin == g.begin) s.begin_token = t;
          if (d.doc.tokens[t].end == g.end) s.end_token = t + 1;
        }
        s.type = g.type == "PER" ? 0 : g.type == "ORG" ? 1 : g.type == "LOC" ? 2 : 0;
        out->push_back(s);
      }
    };
    to_spans(d.entities, &gold.entities);
    to_spans(d.positions, &gold.positions);
    perfect.Add(d, gold);
    empty.Add(d, Annotations{});
  }
  EXPECT_DOUBLE_EQ(perfect.report().token_all.F1(), 1.0);
  EXPECT_DOUBLE_EQ(perfect.report().span_all.F1(), 1.0);
  EXPECT_DOUBLE_EQ(perfect.report().position_span.F1(), 1.0);
  EXPECT_EQ(empty.report().token_all.tp, 0u);
  EXPECT_GT(empty.report().token_all.fn, 0u);
  EXPECT_NE(FormatReport(perfect.report()).find("PER"), std::string::npos);
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(NerTrain, DeterministicPerSeed) {
  const std::string a = ReadAll(testing::TrainFixtureModel("det_a.bin", 3));
  const std::string b = ReadAll(testing::TrainFixtureModel("det_b.bin", 3));
  const std::string c = ReadAll(testing::TrainFixtureModel("det_c.bin", 4));
  ASSERT_FALSE(a.empty());
  EXPECT_TRUE(a == b) << "same seed, different models";
  EXPECT_FALSE(a == c) << "the seed has no effect";
}

// With morphology features: still deterministic (a regression test: lemmas
// of prefix and hyphen parses read stale memory in module morph), and the
// model refuses to load without the dictionary.
TEST(NerTrain, MorphologyModelIsDeterministicAndNeedsTheDictionary) {
  auto analyzer = morph::Analyzer::Open(KTO_MORPH_DICT_PATH);
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().message();
  const std::string path = testing::TrainFixtureModel("morph_a.bin", 1, *analyzer);
  const std::string a = ReadAll(path);
  const std::string b = ReadAll(testing::TrainFixtureModel("morph_b.bin", 1, *analyzer));
  EXPECT_TRUE(a == b);
  auto without = Model::Load(path);
  ASSERT_FALSE(without.ok());
  EXPECT_EQ(without.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(without.status().message().find("morphology"), std::string::npos);
  LoadOptions options;
  options.analyzer = *analyzer;
  auto with = Model::Load(path, options);
  ASSERT_TRUE(with.ok()) << with.status().message();
  EXPECT_TRUE((*with)->NeedsMorphology());
  Doc doc = testing::Segmented("Анна Лесная из Кедровска и транс-жиры, 42-летний Мохаммад-Али.");
  State state;
  Annotations found;
  Tag(**with, doc, &state, &found);
  EXPECT_FALSE(found.entities.empty());
}

TEST(NerTrain, LearnsTheFixture) {
  const std::string path = testing::TrainFixtureModel("learn.bin");
  auto model = Model::Load(path);
  ASSERT_TRUE(model.ok()) << model.status().message();
  auto dev = LoadCorpus(testing::FixtureDir("dev"), CorpusFormat::kBrat);
  ASSERT_TRUE(dev.ok());
  const EvalReport report = Evaluate(**model, *dev);
  EXPECT_GT(report.token_all.F1(), 0.9) << FormatReport(report);
  EXPECT_GT(report.position_span.F1(), 0.8) << FormatReport(report);
}

TEST(NerTrain, BadOptions) {
  auto train = LoadCorpus(testing::FixtureDir("train"), CorpusFormat::kBrat);
  ASSERT_TRUE(train.ok());
  TrainOptions options;
  options.epochs = 0;
  EXPECT_EQ(Train(*train, {}, options, testing::TempPath("x.bin")).code(),
            StatusCode::kInvalidArgument);
  options.epochs = 1;
  options.entity_bucket_bits = 30;
  EXPECT_EQ(Train(*train, {}, options, testing::TempPath("x.bin")).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Train({}, {}, TrainOptions(), testing::TempPath("x.bin")).code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kto::ner
