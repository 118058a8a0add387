#include "kto/text/case.h"

#include <gtest/gtest.h>
#include <utf8proc.h>

namespace kto::text {
namespace {

TEST(Case, FastPathAgreesWithUnicodeForEveryBmpCodePoint) {
  for (char32_t c = 0; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    ASSERT_EQ(ToLower(c), static_cast<char32_t>(utf8proc_tolower(static_cast<int32_t>(c))))
        << static_cast<uint32_t>(c);
    ASSERT_EQ(ToUpper(c), static_cast<char32_t>(utf8proc_toupper(static_cast<int32_t>(c))))
        << static_cast<uint32_t>(c);
  }
}

TEST(Case, MapsRussianLettersAndYo) {
  EXPECT_EQ(ToLower(U'Ё'), U'ё');
  EXPECT_EQ(ToUpper(U'ё'), U'Ё');
  EXPECT_EQ(ToLower(U'Я'), U'я');
  EXPECT_EQ(ToUpper(U'а'), U'А');
  EXPECT_EQ(ToLower(U'7'), U'7');
  EXPECT_EQ(Lower(U"Лебедева-КРЫЛОВА"), U"лебедева-крылова");
  std::string lower = "old";
  LowerInto("Т.Е. Ёж", &lower);
  EXPECT_EQ(lower, "т.е. ёж");
}

TEST(Case, ClassifiesByGeneralCategory) {
  EXPECT_TRUE(IsUpper(U'Ж'));
  EXPECT_TRUE(IsUpper(U'ǅ'));  // Lt: title case counts as upper
  EXPECT_FALSE(IsUpper(U'ж'));
  EXPECT_TRUE(IsLower(U'ё'));
  EXPECT_FALSE(IsLower(U'-'));
  EXPECT_TRUE(IsLetter(U'中'));
  EXPECT_FALSE(IsLetter(U'5'));
}

TEST(Case, AsciiLowerLeavesOtherBytes) {
  EXPECT_EQ(AsciiLower("Text/HTML; Charset=UTF-8"), "text/html; charset=utf-8");
  EXPECT_EQ(AsciiLower("ЖУРНАЛ.HTML"), "ЖУРНАЛ.html");
}

TEST(Case, CapitalizedRaisesTheFirstLetterOnly) {
  EXPECT_EQ(Capitalized("министр финансов"), "Министр финансов");
  EXPECT_EQ(Capitalized("ёлочный базар"), "Ёлочный базар");
  EXPECT_EQ(Capitalized("МВД"), "МВД");
  EXPECT_EQ(Capitalized("2 места"), "2 места");
  EXPECT_EQ(Capitalized(""), "");
}

TEST(Spaces, CollapseAsciiSpacesTrims) {
  EXPECT_EQ(CollapseSpaces("  Новости \t\n дня \r\n"), "Новости дня");
  EXPECT_EQ(CollapseSpaces("a\u00A0b"), "a\u00A0b");  // NBSP is no ASCII space
  EXPECT_EQ(CollapseSpaces(" \n "), "");
}

TEST(Spaces, CollapseUnicodeSpaces) {
  EXPECT_EQ(CollapseSpaces("\u3000a\u00A0\u2009b\u2028c\u205F", Spaces::kUnicode), "a b c");
  EXPECT_EQ(UnicodeSpaceLength("\u202F", 0), 3u);
  EXPECT_EQ(UnicodeSpaceLength("\u2010", 0), 0u);    // a hyphen
  EXPECT_EQ(UnicodeSpaceLength("\xE2\x80", 0), 0u);  // cut short
}

TEST(Spaces, AppendKeepsARunPendingAcrossCalls) {
  std::string out;
  bool pending = false;
  EXPECT_EQ(AppendCollapsingSpaces(" Иван ", Spaces::kAscii, &pending, &out), 8u);  // bytes
  EXPECT_TRUE(pending);
  EXPECT_EQ(out, "Иван");
  AppendCollapsingSpaces("\nПетров", Spaces::kAscii, &pending, &out);
  EXPECT_EQ(out, "Иван Петров");
  EXPECT_FALSE(pending);
}

}  // namespace
}  // namespace kto::text
