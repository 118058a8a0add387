#include "kto/text/mapped_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace kto::text {
namespace {

namespace fs = std::filesystem;

TEST(MappedFile, MapsContentAndReportsErrors) {
  const fs::path dir = fs::temp_directory_path() / ("kto_mapped_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path file = dir / "data.bin", empty = dir / "empty.bin";
  std::ofstream(file, std::ios::binary) << "мост";
  std::ofstream(empty, std::ios::binary).close();

  auto mapped = MappedFile::Open(file.string(), "test file", "");
  ASSERT_TRUE(mapped.ok()) << mapped.status().message();
  EXPECT_EQ(std::string((*mapped)->data(), (*mapped)->size()), "мост");

  auto nothing = MappedFile::Open(empty.string(), "test file", "");
  ASSERT_TRUE(nothing.ok());
  EXPECT_EQ((*nothing)->size(), 0u);
  EXPECT_EQ((*nothing)->data(), nullptr);

  auto missing = MappedFile::Open((dir / "absent").string(), "test file", "; make one");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "test file does not exist; make one");

  auto directory = MappedFile::Open(dir.string(), "test file", "");
  ASSERT_FALSE(directory.ok());
  EXPECT_EQ(directory.status().code(), StatusCode::kIoError);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace kto::text
