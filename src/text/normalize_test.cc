#include "kto/text/normalize.h"

#include <gtest/gtest.h>

namespace kto::text {
namespace {

TEST(Normalize, NfcComposesDecomposedLetters) {
  EXPECT_EQ(Nfc("Андреи\u0306"), "Андрей");  // и + combining breve
  EXPECT_EQ(Nfc("е\u0308лка"), "ёлка");      // е + combining diaeresis
  EXPECT_EQ(Nfc("Cafe\u0301"), "Café");
  EXPECT_EQ(Nfc("уже NFC"), "уже NFC");
}

TEST(Normalize, MatchKeyFoldsCaseAndYo) {
  EXPECT_EQ(MatchKey("Ёлкин"), "елкин");
  EXPECT_EQ(MatchKey("ЁЛКИН"), "елкин");
  EXPECT_EQ(MatchKey("Е\u0308лкин"), "елкин");
  EXPECT_EQ(MatchKey("Ёлкин", {.lowercase = false, .fold_yo = true}), "Елкин");
  EXPECT_EQ(MatchKey("Ёлкин", {.lowercase = true, .fold_yo = false}), "ёлкин");
  EXPECT_EQ(MatchKey("O'CONNOR"), "o'connor");
}

}  // namespace
}  // namespace kto::text

namespace kto::text {
namespace {

TEST(Normalize, SpellingKeyFoldsTheVariantsOfATranscription) {
  EXPECT_EQ(SpellingKey("Дэниел"), SpellingKey("Дениэл"));
  EXPECT_EQ(SpellingKey("Кассиев"), "касиев");
  EXPECT_EQ(SpellingKey("Кассиев"), SpellingKey("Касиев"));
  EXPECT_EQ(SpellingKey("Жозé"), "жозе");        // a Latin é in a Cyrillic word
  EXPECT_EQ(SpellingKey("Жозе\u0301"), "жозе");  // a stress mark
  EXPECT_EQ(SpellingKey("Гоголь"), "гогол");
  EXPECT_EQ(SpellingKey("Алёшин"), "алешин");
  EXPECT_EQ(SpellingKey("Müller"), "muller");  // Latin keeps its spelling, not its accents
  // «й» and «ё» are letters of their own, not accented ones: only «ё» folds.
  EXPECT_NE(SpellingKey("Дмитрий"), SpellingKey("Дмитрии"));
  EXPECT_NE(SpellingKey("Кедров"), SpellingKey("Кедрова"));
}

TEST(Normalize, CopyCaseFollowsTheOriginalPartByPart) {
  EXPECT_EQ(CopyCase("томская", "Томской"), "Томская");
  EXPECT_EQ(CopyCase("лебедева-крылова", "Лебедевой-Крыловой"), "Лебедева-Крылова");
  EXPECT_EQ(CopyCase("мвд", "МВД"), "МВД");
  EXPECT_EQ(CopyCase("кедров", "КЕДРОВЫМ"), "КЕДРОВ");
  EXPECT_EQ(CopyCase("аль-файед", "аль-Файеда"), "аль-Файед");
  EXPECT_EQ(CopyCase("о’брайен", "О’Брайена"), "О’Брайен");
  EXPECT_EQ(CopyCase("д'артаньян", "д'Артаньяна"), "д'Артаньян");
  EXPECT_EQ(CopyCase("губернатор", "губернатором"), "губернатор");
  EXPECT_EQ(CopyCase("нью-йорк", "Нью"), "Нью-йорк");  // no part to copy from: lower case
  EXPECT_EQ(CopyCase("", "Кедр"), "");
}

TEST(Normalize, CapitalsAsNameWritesCyrillicCapitalsAsAName) {
  EXPECT_EQ(CapitalsAsName("КЕДРОВА"), "Кедрова");
  EXPECT_EQ(CapitalsAsName("ЛЕБЕДЕВОЙ-КРЫЛОВОЙ"), "Лебедевой-Крыловой");
  EXPECT_EQ(CapitalsAsName("О’БРАЙЕНА"), "О’Брайена");
  EXPECT_EQ(CapitalsAsName("Кедрова"), "");  // not all capitals
  EXPECT_EQ(CapitalsAsName("XIV"), "");      // Latin
  EXPECT_EQ(CapitalsAsName("Я"), "");        // one letter
  EXPECT_EQ(CapitalsAsName("ТУ-154"), "");   // digits
}

}  // namespace
}  // namespace kto::text
