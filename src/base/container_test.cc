// The container round-trips its sections and refuses every damaged file with
// kCorrupt, never reading outside the bytes it is given (run under ASan).
#include "kto/base/container.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "kto/base/hash.h"

namespace kto::base {
namespace {

constexpr char kMagic[8] = {'K', 'T', 'O', 'T', 'E', 'S', 'T', '!'};
constexpr uint32_t kVersion = 7;

std::string Sample() {
  ContainerWriter w(kMagic, kVersion, /*flags=*/5);
  w.Add(1, 0, "meta=1\n");
  w.Add(2, 3, std::string(100, 'x'));
  w.Add(2, 4, "");
  return w.Bytes();
}

// Rewrites the checksum, so that only the damage under test is seen.
void Reseal(std::string* file) {
  const uint64_t sum = Checksum(file->data(), file->size() - 8);
  std::memcpy(file->data() + file->size() - 8, &sum, 8);
}

Status ParseStatus(const std::string& file, bool verify = true) {
  return Container::Parse(file, kMagic, kVersion, verify).status();
}

TEST(Container, RoundTrip) {
  const std::string file = Sample();
  auto c = Container::Parse(file, kMagic, kVersion);
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->flags(), 5u);
  ASSERT_EQ(c->sections().size(), 3u);
  ASSERT_NE(c->Find(1), nullptr);
  EXPECT_EQ(c->Find(1)->bytes, "meta=1\n");
  ASSERT_NE(c->Find(2, 3), nullptr);
  EXPECT_EQ(c->Find(2, 3)->bytes, std::string(100, 'x'));
  ASSERT_NE(c->Find(2, 4), nullptr);
  EXPECT_TRUE(c->Find(2, 4)->bytes.empty());
  EXPECT_EQ(c->Find(2), nullptr);
  EXPECT_EQ(c->Find(9), nullptr);
  for (const ContainerSection& s : c->sections())
    EXPECT_EQ((s.bytes.data() - file.data()) % kContainerAlignment, 0u);
  EXPECT_EQ(file.size() % 8, 0u);  // the checksum follows 64-aligned sections
}

TEST(Container, EmptyContainer) {
  const std::string file = ContainerWriter(kMagic, kVersion).Bytes();
  EXPECT_EQ(file.size(), kContainerHeaderBytes + 8);
  auto c = Container::Parse(file, kMagic, kVersion);
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_TRUE(c->sections().empty());
}

TEST(Container, TruncationAtEveryByteIsRefused) {
  const std::string file = Sample();
  for (size_t size = 0; size < file.size(); ++size) {
    // A copy of exactly `size` bytes, so that ASan sees any read past it.
    const std::string cut = file.substr(0, size);
    const Status s = ParseStatus(cut);
    EXPECT_EQ(s.code(), StatusCode::kCorrupt) << size;
    EXPECT_NE(s.message().find("truncated"), std::string::npos) << size << ": " << s.message();
    EXPECT_EQ(ParseStatus(cut, /*verify=*/false).code(), StatusCode::kCorrupt) << size;
  }
  EXPECT_EQ(ParseStatus(file + "x").code(), StatusCode::kCorrupt);
}

TEST(Container, EveryFlippedByteIsCaught) {
  const std::string good = Sample();
  for (size_t at = 0; at < good.size(); ++at) {
    std::string bad = good;
    bad[at] ^= 0x21;
    EXPECT_EQ(ParseStatus(bad).code(), StatusCode::kCorrupt) << at;
    // Without the checksum the bounds still hold: parse may succeed, and
    // every section it returns lies inside the file.
    auto c = Container::Parse(bad, kMagic, kVersion, /*verify_checksum=*/false);
    if (!c.ok()) continue;
    for (const ContainerSection& s : c->sections()) {
      EXPECT_GE(s.bytes.data(), bad.data());
      EXPECT_LE(s.bytes.data() + s.bytes.size(), bad.data() + bad.size() - 8);
    }
  }
}

TEST(Container, WrongMagicOrVersion) {
  std::string bad = Sample();
  bad[0] = 'X';
  Reseal(&bad);
  EXPECT_NE(ParseStatus(bad).message().find("magic"), std::string::npos);
  constexpr char kOther[8] = {'K', 'T', 'O', 'O', 'T', 'H', 'E', 'R'};
  EXPECT_EQ(Container::Parse(Sample(), kOther, kVersion).status().code(), StatusCode::kCorrupt);
  for (uint32_t version : {kVersion - 1, kVersion + 1}) {
    const Status s = Container::Parse(Sample(), kMagic, version).status();
    EXPECT_EQ(s.code(), StatusCode::kCorrupt);
    EXPECT_NE(
        s.message().find("format version 7, this kto reads version " + std::to_string(version)),
        std::string::npos)
        << s.message();
  }
}

TEST(Container, HostileSectionTablesAreRefused) {
  const std::string good = Sample();
  auto hostile = [&](size_t at, const void* value, size_t n) {
    std::string bad = good;
    std::memcpy(bad.data() + at, value, n);
    Reseal(&bad);
    return ParseStatus(bad);
  };
  const uint64_t huge = uint64_t{1} << 62, misaligned = 65, inside_table = 0;
  const uint32_t many = 1u << 30, few = 1;
  const size_t entry = kContainerHeaderBytes + kContainerEntryBytes;           // the second section
  EXPECT_EQ(hostile(entry + 8, &huge, 8).code(), StatusCode::kCorrupt);        // offset
  EXPECT_EQ(hostile(entry + 16, &huge, 8).code(), StatusCode::kCorrupt);       // size
  EXPECT_EQ(hostile(entry + 8, &misaligned, 8).code(), StatusCode::kCorrupt);  // alignment
  EXPECT_EQ(hostile(entry + 8, &inside_table, 8).code(), StatusCode::kCorrupt);  // overlaps header
  EXPECT_EQ(hostile(12, &many, 4).code(), StatusCode::kCorrupt);                 // section count
  EXPECT_EQ(hostile(12, &few, 4).code(), StatusCode::kCorrupt);  // disagrees with header_bytes
  const uint64_t size = good.size() - 64;  // the last section running into the checksum
  EXPECT_EQ(hostile(entry + 16, &size, 8).code(), StatusCode::kCorrupt);
}

TEST(Container, WriteFileReplacesTheFile) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "kto_container_test.bin").string();
  ContainerWriter w(kMagic, kVersion);
  w.Add(1, 0, "one");
  ASSERT_TRUE(w.WriteFile(path).ok());
  w.Add(2, 0, "two");
  ASSERT_TRUE(w.WriteFile(path).ok());
  std::stringstream read;
  read << std::ifstream(path, std::ios::binary).rdbuf();
  EXPECT_EQ(read.str(), w.Bytes());
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  std::filesystem::remove(path);
  EXPECT_EQ(w.WriteFile("/nonexistent-dir/x.bin").code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace kto::base
