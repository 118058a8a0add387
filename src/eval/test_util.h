// Helpers shared by the eval module's tests: small corpora written into a
// per-process temporary folder (fictional texts only).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace kto::eval::testing {

// A fresh folder for one test: CTest runs test cases as parallel processes.
inline std::filesystem::path TempDir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("kto_eval_test." + std::to_string(static_cast<long>(getpid()))) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline void WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// The code point offset of `part` in `text` (brat counts code points).
inline size_t CodePoints(const std::string& text, const std::string& part) {
  const size_t bytes = text.find(part);
  EXPECT_NE(bytes, std::string::npos) << part;
  size_t n = 0;
  for (size_t i = 0; i < bytes; ++i) n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  return n;
}

// A brat T line for `part` of `text`: «T1<TAB>TYPE START END<TAB>part».
inline std::string TLine(const std::string& id, const std::string& type, const std::string& text,
                         const std::string& part) {
  const size_t begin = CodePoints(text, part);
  size_t length = 0;
  for (unsigned char c : part) length += (c & 0xC0) != 0x80;
  return id + "\t" + type + " " + std::to_string(begin) + " " + std::to_string(begin + length) +
         "\t" + part + "\n";
}

}  // namespace kto::eval::testing
