// Quality of the committed model on the NEREL dev corpus (flat view). Slow
// and data-dependent, so apart from the unit tests; skipped when
// ../shared/data or the model is absent. The floors guard against
// regressions; MODEL.md has the measured scores and the targets.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>

#include "kto/ner/train.h"

namespace kto::ner {
namespace {

TEST(NerQuality, NerelDev) {
  const std::string root = KTO_SOURCE_DIR;
  const std::string dev = root + "/../shared/data/nerel/dev";
  const std::string model_path = root + "/models/ner-ru.bin";
  if (!std::filesystem::is_directory(dev)) GTEST_SKIP() << dev << " is absent";
  if (!std::filesystem::exists(model_path)) GTEST_SKIP() << model_path << " is absent";
  auto analyzer = morph::Analyzer::Open(KTO_MORPH_DICT_PATH);
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().message();
  LoadOptions options;
  options.analyzer = *analyzer;
  auto model = Model::Load(model_path, options);
  ASSERT_TRUE(model.ok()) << model.status().message();
  auto docs = LoadCorpus(dev, CorpusFormat::kBrat);
  ASSERT_TRUE(docs.ok()) << docs.status().message();
  const EvalReport r = Evaluate(**model, *docs);
  std::cout << FormatReport(r);
  auto f1 = [&](const std::string& type) {
    for (const Counts& c : r.token)
      if (c.type == type) return c.F1();
    return 0.0;
  };
  EXPECT_GE(f1("PER"), KTO_NER_FLOOR_PER);
  EXPECT_GE(f1("LOC"), KTO_NER_FLOOR_LOC);
  EXPECT_GE(f1("ORG"), KTO_NER_FLOOR_ORG);
  EXPECT_GE(r.position_span.F1(), KTO_NER_FLOOR_POSITION);
}

}  // namespace
}  // namespace kto::ner
