#include "kto/text/utf8.h"

#include <gtest/gtest.h>

#include "kto/text/doc.h"

namespace kto::text {
namespace {

TEST(Utf8, FirstAndLastCodePoints) {
  EXPECT_EQ(FirstCodePoints("Кедров", 3), "Кед");
  EXPECT_EQ(LastCodePoints("Кедров", 2), "ов");
  EXPECT_EQ(LastCodePoints("швея", 3), "вея");
  EXPECT_EQ(FirstCodePoints("ab", 5), "ab");
  EXPECT_EQ(LastCodePoints("", 2), "");
  EXPECT_EQ(LastCodePoints("a€b", 2), "€b");
}

TEST(Utf8, AcceptsValidText) {
  EXPECT_FALSE(FindInvalidUtf8(""));
  EXPECT_FALSE(FindInvalidUtf8("plain ASCII"));
  EXPECT_FALSE(FindInvalidUtf8("Губернатор Кедров — «да» 😀 €"));
  EXPECT_FALSE(FindInvalidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
  EXPECT_FALSE(FindInvalidUtf8("\xEF\xBF\xBF"));      // U+FFFF
}

struct BadCase {
  const char* name;
  std::string bytes;
  size_t offset;
  std::string reason_part;
};

TEST(Utf8, RejectsEachKindOfBadSequenceAtItsOffset) {
  const BadCase cases[] = {
      {"lone continuation",
       "ab\x80"
       "cd",
       2, "continuation"},
      {"truncated 2-byte at end", "ab\xD0", 2, "truncated"},
      {"truncated 3-byte at end", "\xE2\x82", 0, "truncated"},
      {"truncated 4-byte in middle", "\xF0\x9F\x98z", 0, "truncated"},
      {"overlong 2-byte", "x\xC0\xAF", 1, "overlong"},
      {"overlong C1", "\xC1\xBF", 0, "overlong"},
      {"overlong 3-byte", "\xE0\x80\xAF", 0, "overlong"},
      {"overlong 4-byte", "\xF0\x80\x80\xAF", 0, "overlong"},
      {"high surrogate", "ok \xED\xA0\x80", 3, "surrogate"},
      {"low surrogate", "\xED\xBF\xBF", 0, "surrogate"},
      {"above U+10FFFF", "\xF4\x90\x80\x80", 0, "10FFFF"},
      {"F5 lead", "\xF5\x80\x80\x80", 0, "never"},
      {"FF byte", "Кто\xFF", 6, "never"},
      {"after eight ASCII bytes", "12345678\x80", 8, "continuation"},
  };
  for (const BadCase& c : cases) {
    const auto error = FindInvalidUtf8(c.bytes);
    ASSERT_TRUE(error) << c.name;
    EXPECT_EQ(error->byte_offset, c.offset) << c.name;
    EXPECT_NE(std::string(error->reason).find(c.reason_part), std::string::npos)
        << c.name << ": " << error->reason;
    const Status status = ValidateUtf8(c.bytes);
    EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
    EXPECT_NE(status.message().find("byte " + std::to_string(c.offset)), std::string::npos)
        << status.message();
  }
}

TEST(Utf8, ReplacesMaximalSubpartsWithReplacementCharacter) {
  EXPECT_EQ(ReplaceInvalidUtf8("ab\x80"
                               "cd"),
            "ab\uFFFD"
            "cd");
  // A truncated 3-byte sequence is one maximal subpart: one U+FFFD.
  EXPECT_EQ(ReplaceInvalidUtf8("\xE2\x82z"), "\uFFFDz");
  // Each byte of a surrogate after the lead is its own subpart.
  EXPECT_EQ(ReplaceInvalidUtf8("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(ReplaceInvalidUtf8("\xC0\xAF"), "\uFFFD\uFFFD");
  EXPECT_EQ(ReplaceInvalidUtf8("Кто\xFF"), "Кто\uFFFD");
  EXPECT_EQ(ReplaceInvalidUtf8("valid Кто"), "valid Кто");
  EXPECT_FALSE(FindInvalidUtf8(ReplaceInvalidUtf8("\xF0\x9F\x98")));
}

TEST(Utf8, RepairedTextIsAlwaysValid) {
  // Every two-byte string: whatever goes in, valid UTF-8 comes out.
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; b += 7) {
      std::string s{static_cast<char>(a), static_cast<char>(b), static_cast<char>(0xE0)};
      EXPECT_FALSE(FindInvalidUtf8(ReplaceInvalidUtf8(s))) << a << " " << b;
    }
  }
}

TEST(Utf8, CountsCodePointsAndConvertsOffsets) {
  const std::string s = "Мир, 😀 a";
  EXPECT_EQ(CountCodePoints(s), 8u);
  CodePointCounter counter(s);
  EXPECT_EQ(counter.ToCodePoints(0), 0u);
  EXPECT_EQ(counter.ToCodePoints(6), 3u);   // after «Мир»
  EXPECT_EQ(counter.ToCodePoints(8), 5u);   // before the emoji
  EXPECT_EQ(counter.ToCodePoints(12), 6u);  // after it
  EXPECT_EQ(counter.ToCodePoints(2), 1u);   // going back restarts
}

TEST(Utf8, AppendsEncodings) {
  std::string out;
  for (char32_t cp : {U'a', U'Ж', U'€', U'😀'}) AppendUtf8(cp, &out);
  EXPECT_EQ(out, "aЖ€😀");
}

TEST(Doc, StrictRefusesAndLenientRepairs) {
  auto strict = Doc::FromUtf8("Кедров\xFF");
  ASSERT_FALSE(strict.ok());
  EXPECT_NE(strict.status().message().find("byte 12"), std::string::npos);
  auto lenient = Doc::FromUtf8("Кедров\xFF", Utf8Policy::kLenient);
  ASSERT_TRUE(lenient.ok());
  EXPECT_EQ(lenient->text(), "Кедров\uFFFD");
}

TEST(Utf8, EscapeControlBytesLeavesTextAndEscapesControls) {
  EXPECT_EQ(EscapeControlBytes("Кедров: «мост»"), "Кедров: «мост»");
  EXPECT_EQ(EscapeControlBytes("a\nb\x1b[2J\x7f\t"), "a\\x0ab\\x1b[2J\\x7f\\x09");
  EXPECT_EQ(EscapeControlBytes(std::string_view("\0", 1)), "\\x00");
}

}  // namespace
}  // namespace kto::text
