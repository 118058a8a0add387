// Deterministic training on the fixture corpus (reading and scoring it are
// tested in src/eval).
#include "kto/ner/train.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "kto/eval/ner_metrics.h"
#include "test_util.h"

namespace kto::ner {
namespace {

using eval::CorpusFormat;
using eval::EvalReport;
using eval::LoadCorpus;

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
  const EvalReport report = eval::Evaluate(**model, *dev);
  EXPECT_GT(report.token_all.F1(), 0.9) << eval::FormatReport(report);
  EXPECT_GT(report.position_span.F1(), 0.8) << eval::FormatReport(report);
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
