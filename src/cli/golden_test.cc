// Golden outputs: `kto analyze --json` and the text panels of `kto analyze`
// for every article in examples/, compared byte for byte with the files in
// src/cli/testdata/golden/. A change that is meant to change what kto finds
// rewrites them with scripts/update-golden.sh, so that review shows its
// effect on every example; any other difference is a regression.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "run_kto.h"

namespace {

namespace fs = std::filesystem;
using kto::cli_test::KtoRun;
using kto::cli_test::ReadFile;
using kto::cli_test::RunKto;

const fs::path kSource = KTO_SOURCE_DIR;
const fs::path kGolden = kSource / "src/cli/testdata/golden";

// The example inputs, relative to the source tree (kto prints the path as
// the id of a plain-text article), as scripts/update-golden.sh lists them.
std::vector<std::string> Examples() {
  std::set<std::string> articles;
  for (const auto& entry : fs::directory_iterator(kSource / "examples/articles"))
    if (entry.path().extension() == ".txt")
      articles.insert("examples/articles/" + entry.path().filename().string());
  std::vector<std::string> out(articles.begin(), articles.end());
  out.push_back("examples/scenario.jsonl");
  return out;
}

class Golden : public ::testing::Test {
 protected:
  // The committed models and the dictionary beside kto, as the script uses.
  void SetUp() override {
    for (const char* variable : {"KTO_NER_MODEL", "KTO_POSITIONS_MODEL", "KTO_MORPH_DICT"})
      ::unsetenv(variable);
  }

  // Compares `kto ARGS INPUT`, run in the source tree, with the golden file.
  static void ExpectGolden(const std::string& args, const std::string& input,
                           const fs::path& golden) {
    ASSERT_TRUE(fs::exists(golden)) << golden << " is missing: run scripts/update-golden.sh";
    const KtoRun run = RunKto(args + " " + input, "", kSource.string());
    ASSERT_EQ(run.exit_code, 0) << input << ": " << run.err;
    EXPECT_TRUE(run.out == ReadFile(golden))
        << "kto " << args << " " << input << " differs from " << golden
        << "; if the change is meant, run scripts/update-golden.sh and commit. Output:\n"
        << run.out;
  }
};

TEST_F(Golden, AnalyzeJsonOfEveryExample) {
  for (const std::string& input : Examples()) {
    const fs::path path(input);
    const std::string ext = path.extension() == ".jsonl" ? ".jsonl" : ".json";
    ExpectGolden("analyze --json", input, kGolden / (path.stem().string() + ext));
  }
}

TEST_F(Golden, AnalyzePanelsOfEveryExample) {
  for (const std::string& input : Examples())
    ExpectGolden("analyze", input, kGolden / (fs::path(input).stem().string() + ".panel.txt"));
}

// Every golden file belongs to an example: none is left behind by a renamed
// or removed article.
TEST_F(Golden, NoStaleGoldenFiles) {
  std::set<std::string> expected;
  for (const std::string& input : Examples()) {
    const fs::path path(input);
    expected.insert(path.stem().string() + (path.extension() == ".jsonl" ? ".jsonl" : ".json"));
    expected.insert(path.stem().string() + ".panel.txt");
  }
  std::set<std::string> found;
  for (const auto& entry : fs::directory_iterator(kGolden))
    found.insert(entry.path().filename().string());
  EXPECT_EQ(found, expected);
}

}  // namespace
