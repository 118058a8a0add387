// The date parser: a date it reads is «YYYY-MM-DDTHH:MM:SSZ» of a real day
// and time, and reading that again gives it back.
#include <cstdint>
#include <string>

#include "fuzz_util.h"
#include "kto/ingest/date.h"

using namespace kto;

namespace {

bool IsNormalized(const std::string& d) {
  if (d.size() != 20 || d[4] != '-' || d[7] != '-' || d[10] != 'T' || d[13] != ':' ||
      d[16] != ':' || d[19] != 'Z')
    return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18})
    if (d[i] < '0' || d[i] > '9') return false;
  const int month = std::stoi(d.substr(5, 2)), day = std::stoi(d.substr(8, 2));
  const int hour = std::stoi(d.substr(11, 2)), minute = std::stoi(d.substr(14, 2));
  const int second = std::stoi(d.substr(17, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour < 24 && minute < 60 &&
         second < 61;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto date = ingest::NormalizeDate(fuzz::AsText(data, size));
  if (!date) return 0;
  fuzz::Expect(IsNormalized(*date), "a date out of the normalized form");
  fuzz::Expect(ingest::NormalizeDate(*date) == date, "a normalized date does not read back");
  return 0;
}
