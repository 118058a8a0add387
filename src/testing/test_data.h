// Where tests find the development corpora and committed models, and what
// they do when those are absent.
//
// The corpora (NEREL, BSNLP, ...) live outside the repository, in
// ../shared/data beside the source tree, or wherever $KTO_DATA_DIR points;
// tests read them at run time and never copy their text into the repository.
// A developer without them sees the tests that need them skipped; CI sets
// KTO_REQUIRE_DATA=1 (.ci/run), under which a missing corpus or model fails
// the test, so that no published quality figure goes unguarded by accident.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

namespace kto::test_data {

// $KTO_DATA_DIR when set, else ../shared/data beside the source tree.
inline std::filesystem::path DataDir() {
  if (const char* dir = std::getenv("KTO_DATA_DIR"); dir != nullptr && *dir != '\0') return dir;
  return std::filesystem::path(KTO_SOURCE_DIR) / ".." / "shared" / "data";
}

// True when KTO_REQUIRE_DATA=1: a missing corpus or model fails the test.
inline bool DataRequired() {
  const char* required = std::getenv("KTO_REQUIRE_DATA");
  return required != nullptr && std::string_view(required) == "1";
}

}  // namespace kto::test_data

// In a test body: skips the test when `required` (a corpus folder or a model
// file) does not exist, or fails it when KTO_REQUIRE_DATA=1.
#define KTO_REQUIRE_PATH(required)                                                          \
  do {                                                                                      \
    const std::filesystem::path kto_required_path_{required};                               \
    if (!std::filesystem::exists(kto_required_path_)) {                                     \
      if (::kto::test_data::DataRequired())                                                 \
        FAIL() << kto_required_path_ << " is absent and KTO_REQUIRE_DATA=1";                \
      GTEST_SKIP() << kto_required_path_ << " is absent (set KTO_DATA_DIR to the corpora)"; \
    }                                                                                       \
  } while (false)
