// Name normalization scores on a small fictional BSNLP corpus: every gold
// form counts, a form missing from the text is an error.
#include "kto/eval/names.h"

#include <gtest/gtest.h>

#include <vector>

#include "test_util.h"

namespace kto::eval {
namespace {

std::shared_ptr<const morph::Analyzer> OpenDictionary() {
  auto dict = morph::Analyzer::Open(KTO_MORPH_DICT_PATH);
  EXPECT_TRUE(dict.ok()) << dict.status().message();
  return dict.ok() ? std::shared_ptr<const morph::Analyzer>(std::move(dict).value()) : nullptr;
}

std::filesystem::path WriteCorpus(const std::string& name) {
  const auto root = testing::TempDir(name);
  testing::WriteFile(root / "topic" / "raw" / "file_1_ru.txt",
                     "1\nru\n2026-11-28\nhttp://example.org\nВчера Игоря Кедрова видели в "
                     "Кедровске.\n");
  // The second form is not in the text.
  testing::WriteFile(root / "topic" / "annotated" / "1.txt",
                     "1\nИгоря Кедрова\tИгорь Кедров\tPER\t1\nПётр Сомов\tПётр Сомов\tPER\t2\n"
                     "Кедровске\tКедровск\tLOC\t3\n");
  return root;
}

TEST(NameMetrics, EveryGoldFormCounts) {
  auto analyzer = OpenDictionary();
  ASSERT_NE(analyzer, nullptr);
  std::vector<NameMismatch> mismatches;
  auto scores = EvaluateNames(WriteCorpus("names").string(), "PER", analyzer,
                              [&](const NameMismatch& m) { mismatches.push_back(m); });
  ASSERT_TRUE(scores.ok()) << scores.status().message();
  EXPECT_EQ(scores->documents, 1u);
  EXPECT_EQ(scores->mentions, 2u);
  EXPECT_EQ(scores->not_found, 1u);
  EXPECT_EQ(scores->case_sensitive_documents, 1u);  // the base forms keep capitals
  EXPECT_DOUBLE_EQ(scores->FoundRate(), 0.5);
  EXPECT_EQ(scores->exact, 1u) << (mismatches.empty() ? "" : mismatches[0].predicted);
  // The missing form is an error: accuracy is over both forms.
  EXPECT_DOUBLE_EQ(scores->Accuracy(), 0.5);
  ASSERT_EQ(mismatches.size(), 1u);
  EXPECT_FALSE(mismatches[0].found);
  EXPECT_EQ(mismatches[0].expected, "Пётр Сомов");
}

TEST(NameMetrics, OtherTypesAndErrors) {
  auto analyzer = OpenDictionary();
  ASSERT_NE(analyzer, nullptr);
  const auto root = WriteCorpus("names-loc");
  auto loc = EvaluateNames(root.string(), "LOC", analyzer);
  ASSERT_TRUE(loc.ok()) << loc.status().message();
  EXPECT_EQ(loc->mentions, 1u);
  EXPECT_EQ(loc->not_found, 0u);
  EXPECT_DOUBLE_EQ(loc->FoundRate(), 1.0);
  EXPECT_EQ(
      EvaluateNames(testing::TempDir("names-empty").string(), "PER", analyzer).status().code(),
      StatusCode::kNotFound);
  // An annotation without its raw file.
  testing::WriteFile(root / "topic" / "annotated" / "2.txt", "2\nИгорь\tИгорь\tPER\t1\n");
  EXPECT_EQ(EvaluateNames(root.string(), "PER", analyzer).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace kto::eval
