// Opening the dictionary: a missing, truncated, damaged or foreign file is
// refused with a Status that says what to do, never a crash — including
// damage that the checksum is told not to look for.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "format.h"
#include "kto/base/container.h"
#include "kto/morph/analyzer.h"
#include "test_util.h"

namespace kto::morph {
namespace {

namespace fs = std::filesystem;

std::string Good() {
  std::ifstream in(KTO_MORPH_DICT_PATH, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class DictionaryFile : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ =
        (fs::temp_directory_path() / ("kto_morph_dict_test_" + std::to_string(::getpid()) + ".bin"))
            .string();
  }
  void TearDown() override { fs::remove(path_); }
  Status OpenWith(const std::string& bytes, bool verify = true) {
    std::ofstream(path_, std::ios::binary | std::ios::trunc)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    Analyzer::Options options;
    options.verify_checksum = verify;
    auto a = Analyzer::Open(path_, options);
    return a.status();
  }
  std::string path_;
};

TEST_F(DictionaryFile, GoodFileOpens) {
  EXPECT_TRUE(OpenWith(Good()).ok());
}

TEST_F(DictionaryFile, MissingFile) {
  auto a = Analyzer::Open("/nonexistent/ru-morph.bin");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), StatusCode::kNotFound);
  EXPECT_NE(a.status().message().find("scripts/setup.sh"), std::string::npos)
      << a.status().message();
}

TEST_F(DictionaryFile, EmptyAndTruncated) {
  const std::string good = Good();
  for (size_t size :
       {size_t{0}, size_t{10}, size_t{64}, size_t{1000}, good.size() / 2, good.size() - 8}) {
    const Status s = OpenWith(good.substr(0, size));
    EXPECT_EQ(s.code(), StatusCode::kCorrupt) << size << ": " << s.message();
    EXPECT_NE(s.message().find("truncated"), std::string::npos) << s.message();
  }
}

TEST_F(DictionaryFile, NotADictionary) {
  std::string bad = Good();
  bad[0] = 'X';
  const Status s = OpenWith(bad);
  EXPECT_EQ(s.code(), StatusCode::kCorrupt);
  EXPECT_NE(s.message().find("magic"), std::string::npos) << s.message();
}

TEST_F(DictionaryFile, OtherFormatVersion) {
  std::string bad = Good();
  const uint32_t version = format::kFormatVersion + 1;
  std::memcpy(bad.data() + 8, &version, 4);
  const Status s = OpenWith(bad);
  EXPECT_EQ(s.code(), StatusCode::kCorrupt);
  EXPECT_NE(s.message().find("format version " + std::to_string(format::kFormatVersion + 1)),
            std::string::npos)
      << s.message();
}

TEST_F(DictionaryFile, ChecksumCatchesAFlippedByte) {
  std::string bad = Good();
  bad[bad.size() / 3] ^= 0x10;
  const Status s = OpenWith(bad);
  EXPECT_EQ(s.code(), StatusCode::kCorrupt);
  EXPECT_NE(s.message().find("checksum"), std::string::npos) << s.message();
}

TEST_F(DictionaryFile, BadSectionTableWithoutChecksum) {
  std::string bad = Good();
  const uint64_t huge = uint64_t{1} << 40;
  std::memcpy(bad.data() + base::kContainerHeaderBytes + 8, &huge, 8);  // first section's offset
  EXPECT_EQ(OpenWith(bad, /*verify=*/false).code(), StatusCode::kCorrupt);
  bad = Good();
  const uint32_t count = 2;  // most sections missing
  std::memcpy(bad.data() + 12, &count, 4);
  EXPECT_EQ(OpenWith(bad, false).code(), StatusCode::kCorrupt);
}

// Random damage past the checksum: opening may succeed or fail, analysis of
// any word must not crash or read out of bounds (run under the sanitizers).
// Light and heavy damage alternate so that some damaged files are opened and
// analyzed, not all refused at the door.
TEST_F(DictionaryFile, RandomDamageNeverCrashes) {
  const std::string good = Good();
  std::mt19937 random(20261128);
  const char* words[] = {"Мазуром", "стали", "Масляком", "человека-паука", "экс-мэра", "нееет",
                         "В",       "КНЛМ",  "елка"};
  const int damaged_bytes[] = {1, 10, 100, 2000};
  int opened = 0, with_parses = 0;
  for (int round = 0; round < 16; ++round) {
    std::string bad = good;
    for (int k = 0; k < damaged_bytes[round % 4]; ++k) {
      const size_t at =
          base::kContainerHeaderBytes + random() % (bad.size() - base::kContainerHeaderBytes);
      bad[at] = static_cast<char>(random());
    }
    std::ofstream(path_, std::ios::binary | std::ios::trunc)
        .write(bad.data(), static_cast<std::streamsize>(bad.size()));
    Analyzer::Options options;
    options.verify_checksum = false;
    auto a = Analyzer::Open(path_, options);
    if (!a.ok()) continue;
    ++opened;
    ParseList list;
    for (const char* w : words) {
      (*a)->Analyze(w, &list);
      with_parses += !list.empty();
      for (const Parse& p : list) {
        (void)(*a)->Lexeme(list, p);
        (void)(*a)->TagString(p.tag);
      }
    }
  }
  EXPECT_GE(opened, 4) << "too few damaged files were opened for the test to mean anything";
  EXPECT_GT(with_parses, 0) << "no damaged file gave a parse";
}

TEST(DictionaryPathTest, ExplicitThenEnvironmentThenBesideTheProgram) {
  EXPECT_EQ(DictionaryPath("/x/y.bin"), "/x/y.bin");
  ::setenv("KTO_MORPH_DICT", "/from/env.bin", 1);
  EXPECT_EQ(DictionaryPath(""), "/from/env.bin");
  EXPECT_EQ(DictionaryPath("/x/y.bin"), "/x/y.bin");
  ::unsetenv("KTO_MORPH_DICT");
  EXPECT_NE(DictionaryPath("").find("/data/ru-morph.bin"), std::string::npos);
}

}  // namespace
}  // namespace kto::morph
