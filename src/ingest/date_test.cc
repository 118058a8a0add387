#include "kto/ingest/date.h"

#include <gtest/gtest.h>

namespace kto::ingest {
namespace {

TEST(NormalizeDate, Iso8601AndRfc3339) {
  EXPECT_EQ(NormalizeDate("2026-11-28"), "2026-11-28T00:00:00Z");
  EXPECT_EQ(NormalizeDate("2026-11-28T10:15"), "2026-11-28T10:15:00Z");
  EXPECT_EQ(NormalizeDate(" 2026-11-28 10:15:30 "), "2026-11-28T10:15:30Z");
  EXPECT_EQ(NormalizeDate("2026-11-28T10:15:30Z"), "2026-11-28T10:15:30Z");
  EXPECT_EQ(NormalizeDate("2026-11-28T10:15:30.123+03:00"), "2026-11-28T07:15:30Z");
  EXPECT_EQ(NormalizeDate("2026-11-28T01:00:00+0300"), "2026-11-27T22:00:00Z");
  EXPECT_EQ(NormalizeDate("2026-12-31T23:30:00-01:00"), "2027-01-01T00:30:00Z");
  EXPECT_EQ(NormalizeDate("2028-02-29T12:00:00Z"), "2028-02-29T12:00:00Z");
}

TEST(NormalizeDate, Rfc822AsInRss) {
  EXPECT_EQ(NormalizeDate("Sat, 28 Nov 2026 10:15:30 +0300"), "2026-11-28T07:15:30Z");
  EXPECT_EQ(NormalizeDate("28 Nov 2026 10:15 GMT"), "2026-11-28T10:15:00Z");
  EXPECT_EQ(NormalizeDate("Tue, 1 Dec 2026 08:00:00 EST"), "2026-12-01T13:00:00Z");
  EXPECT_EQ(NormalizeDate("1 December 2026"), "2026-12-01T00:00:00Z");
}

TEST(NormalizeDate, MoreFormsThroughLibcurl) {
  EXPECT_EQ(NormalizeDate("Sunday, 06-Nov-94 08:49:37 GMT"), "1994-11-06T08:49:37Z");  // RFC 850
  EXPECT_EQ(NormalizeDate("Sun Nov  6 08:49:37 1994"), "1994-11-06T08:49:37Z");        // asctime
  EXPECT_EQ(NormalizeDate("Sat, 28 Nov 2026 10:15:30 +0300 (MSK)"), "2026-11-28T07:15:30Z");
  EXPECT_EQ(NormalizeDate("28 Nov 2026 10:15 CET"), "2026-11-28T09:15:00Z");
  // What curl_getdate misses, rewritten for it.
  EXPECT_EQ(NormalizeDate("Sat, 28 Nov 2026 10:15:30 +03:00"), "2026-11-28T07:15:30Z");
  EXPECT_EQ(NormalizeDate("Sat, 28 Nov 2026 10:15:30 MSK"), "2026-11-28T07:15:30Z");
  EXPECT_EQ(NormalizeDate("28 Sept 2026"), "2026-09-28T00:00:00Z");
  EXPECT_EQ(NormalizeDate("June 5, 2026"), "2026-06-05T00:00:00Z");
}

// Where libcurl reads differently from kto's own RFC 822 reader before it:
// an unknown zone or word is no longer read as UTC.
TEST(NormalizeDate, LibcurlDifferences) {
  EXPECT_EQ(NormalizeDate("Sat, 28 Nov 2026 10:15:30 XYZ"), std::nullopt);
  EXPECT_EQ(NormalizeDate("Foo, 28 Nov 2026"), std::nullopt);
  EXPECT_EQ(NormalizeDate("Sat, 28 Nov 60 10:00 GMT"), "2060-11-28T10:00:00Z");  // was 1960
}

// libcurl rolls a day the month does not have over into the next month;
// kto refuses it, as it refuses «2026-02-30».
TEST(NormalizeDate, RejectsADayItsMonthDoesNotHave) {
  for (const char* bad : {"Sat, 31 Feb 2026 10:00:00 GMT", "29 Feb 2027", "31 April 2026",
                          "Tuesday, 31-Jun-26 10:00:00 GMT", "Sun Nov 31 08:49:37 1994"}) {
    EXPECT_EQ(NormalizeDate(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(NormalizeDate("Sat, 29 Feb 2028 10:00:00 +0300"), "2028-02-29T07:00:00Z");
  EXPECT_EQ(NormalizeDate("Wed, 31 Dec 2025 23:59:59 -0100"), "2026-01-01T00:59:59Z");
}

TEST(NormalizeDate, RejectsWhatIsNotADate) {
  for (const char* bad : {"", "   ", "вчера", "28 ноября 2026", "2026-13-01", "2026-02-30",
                          "2027-02-29", "2026-11-28T25:00", "2026-11-28Tx", "Sat, 28 Foo 2026",
                          "2026-11-28T10:15:30+99:00", "2026-11-28 junk"}) {
    EXPECT_EQ(NormalizeDate(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace kto::ingest
