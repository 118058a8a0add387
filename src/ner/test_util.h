// Helpers shared by the ner module's tests: the fictional fixture corpus
// (testdata/, made by testdata/generate.py) and a model trained on it.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <string>

#include "kto/eval/corpus.h"
#include "kto/ner/train.h"
#include "kto/text/segment.h"

namespace kto::ner::testing {

inline std::string FixtureDir(const std::string& split) {
  return std::string(KTO_SOURCE_DIR) + "/src/ner/testdata/" + split;
}

// A per-process temporary file: CTest runs test cases as parallel processes.
inline std::string TempPath(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("kto_ner_test." + std::to_string(static_cast<long>(getpid())));
  std::filesystem::create_directories(dir);
  struct RemoveAtExit {
    std::filesystem::path dir;
    ~RemoveAtExit() {
      std::error_code ec;
      std::filesystem::remove_all(dir, ec);
    }
  };
  static RemoveAtExit cleanup{dir};
  return (dir / name).string();
}

// Trains a model on the fixture corpus into a temporary file, with the
// fixture's options as changed by `adjust`; returns its path.
inline std::string TrainFixtureModelWith(const std::string& name,
                                         const std::function<void(TrainOptions*)>& adjust) {
  auto train = eval::LoadCorpus(FixtureDir("train"), eval::CorpusFormat::kBrat);
  EXPECT_TRUE(train.ok()) << train.status().message();
  TrainOptions options;
  options.seed = 1;
  options.epochs = 5;
  options.entity_bucket_bits = 14;
  options.position_bucket_bits = 12;
  adjust(&options);
  const std::string path = TempPath(name);
  const Status s = Train(*train, {}, options, path);
  EXPECT_TRUE(s.ok()) << s.message();
  return path;
}

// Trains the fixture model (seed 1 unless told) into a temporary file.
inline std::string TrainFixtureModel(const std::string& name, uint64_t seed = 1,
                                     std::shared_ptr<const morph::Analyzer> analyzer = nullptr) {
  return TrainFixtureModelWith(name, [&](TrainOptions* options) {
    options->seed = seed;
    options->analyzer = std::move(analyzer);
  });
}

inline Doc Segmented(std::string text) {
  auto doc = Doc::FromUtf8(std::move(text));
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  text::Segment(&doc.value());
  return std::move(doc).value();
}

}  // namespace kto::ner::testing
