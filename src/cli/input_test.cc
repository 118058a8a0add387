#include "input.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <vector>

namespace kto::cli {
namespace {

namespace fs = std::filesystem;

class InputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kto_input_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& content) {
    const fs::path path = dir_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }

  std::vector<std::string> Read(const std::string& path, InputOptions options = {},
                                ReadSummary* summary = nullptr) {
    std::vector<std::string> texts;
    auto result = ReadDocuments(path, options, [&](InputDoc&& d) {
      texts.emplace_back(d.doc.text());
      ids_.push_back(d.id_json);
    });
    EXPECT_TRUE(result.ok()) << result.status().message();
    if (summary && result.ok()) *summary = *result;
    return texts;
  }

  fs::path dir_;
  std::vector<std::string> ids_;
};

TEST_F(InputTest, PlainTextIsOneDocumentWithLeadingBlankLinesKept) {
  const auto texts = Read(Write("a.txt", "\n\nКедров приехал.\nВторая строка"));
  ASSERT_EQ(texts.size(), 1u);
  EXPECT_EQ(texts[0], "\n\nКедров приехал.\nВторая строка");
}

TEST_F(InputTest, EmptyFileIsOneEmptyDocument) {
  const auto texts = Read(Write("empty.txt", ""));
  ASSERT_EQ(texts.size(), 1u);
  EXPECT_EQ(texts[0], "");
}

TEST_F(InputTest, JsonLinesSkipsBadLinesAndKeepsTheRest) {
  ReadSummary summary;
  const auto texts = Read(Write("a.jsonl",
                                "{\"id\": \"a\", \"text\": \"Один.\"}\n"
                                "{broken\n"
                                "\n"
                                "[1, 2]\n"
                                "{\"id\": 7, \"text\": \"Два.\"}\r\n"
                                "{\"id\": \"no text\"}\n"
                                "{\"text\": \"Кедр \xFF\"}\n"
                                "{\"id\": {\"x\": 1}, \"text\": \"t\"}\n"
                                "{\"text\": \"Три.\"}"),
                          {}, &summary);
  EXPECT_EQ(texts, (std::vector<std::string>{"Один.", "Два.", "Три."}));
  EXPECT_EQ(ids_, (std::vector<std::string>{"\"a\"", "7", "9"}));
  EXPECT_EQ(summary.accepted, 3u);
  EXPECT_EQ(summary.rejected, 5u);
}

// The line numbers of messages and of ids count the blank lines before the
// first JSON line (the reader is ingest's, shared with kto ingest).
TEST_F(InputTest, JsonLinesAfterBlankLinesKeepTheirLineNumbers) {
  ReadSummary summary;
  ::testing::internal::CaptureStderr();
  const auto texts = Read(Write("d.jsonl",
                                "\n  \n  {broken\n{\"text\": \"Кедров.\", \"title\": 5}\n"
                                "{\"text\": \"\"}\n"),
                          {}, &summary);
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(texts, std::vector<std::string>{""});  // an empty text is a document
  EXPECT_EQ(ids_, std::vector<std::string>{"5"});
  EXPECT_EQ(summary.rejected, 2u);
  EXPECT_NE(err.find("d.jsonl:3: not valid JSON"), std::string::npos) << err;
  EXPECT_NE(err.find("d.jsonl:4: field \"title\" must be a string"), std::string::npos) << err;
}

TEST_F(InputTest, LenientModeRepairsInvalidUtf8) {
  const auto texts = Read(Write("b.jsonl", "{\"text\": \"Кедр \xFF\"}\n"),
                          {.format = InputFormat::kAuto, .utf8 = Utf8Policy::kLenient});
  EXPECT_EQ(texts, std::vector<std::string>{"Кедр \uFFFD"});
}

TEST_F(InputTest, ForcedTextFormatReadsJsonAsText) {
  const auto texts = Read(Write("c.jsonl", "{\"text\": \"x\"}\n"), {.format = InputFormat::kText});
  EXPECT_EQ(texts, std::vector<std::string>{"{\"text\": \"x\"}\n"});
}

TEST_F(InputTest, MissingFileIsAnError) {
  auto result = ReadDocuments((dir_ / "nope.txt").string(), {}, [](InputDoc&&) {});
  EXPECT_EQ(result.status().code(), StatusCode::kNotFound);
}

TEST_F(InputTest, CorpusFolderReadsBratAndBsnlpLayouts) {
  Write("brat/001_text.txt", "Текст один.");
  Write("brat/001_text.ann", "T1\tPERSON 0 5\tТекст");
  Write("bsnlp/topic/raw/file_1.txt", "id1\nru\n2026-11-28\nhttps://example.org\nТекст два.");
  Write("bsnlp/topic/annotated/1.txt", "id1\nтекст\tтекст\tPER\t1");
  std::vector<std::string> texts;
  auto result = ReadCorpus(dir_.string(), [&](InputDoc&& d) { texts.emplace_back(d.doc.text()); });
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(texts, (std::vector<std::string>{"Текст один.", "Текст два."}));
}

}  // namespace
}  // namespace kto::cli
