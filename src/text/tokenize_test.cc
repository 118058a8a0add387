#include <gtest/gtest.h>
#include <utf8proc.h>

#include <string>
#include <vector>

#include "kto/text/segment.h"
#include "kto/text/utf8.h"
#include "test_util.h"

namespace kto::text {
namespace {

using testing::Segmented;
using testing::TokenTexts;
using Texts = std::vector<std::string>;

TEST(Tokenize, EmptyAndBlankInput) {
  EXPECT_TRUE(TokenTexts("").empty());
  EXPECT_TRUE(TokenTexts(" \n\t\u00A0\r\n").empty());
  EXPECT_TRUE(Segmented("").sentences.empty());
}

TEST(Tokenize, WordsAndPunctuation) {
  EXPECT_EQ(TokenTexts("Губернатор Кедров, по его словам, доволен."),
            (Texts{"Губернатор", "Кедров", ",", "по", "его", "словам", ",", "доволен", "."}));
}

TEST(Tokenize, HyphenatedWords) {
  EXPECT_EQ(TokenTexts("Нью-Йорк"), Texts{"Нью-Йорк"});
  EXPECT_EQ(TokenTexts("Техрик-э-Лабаик"), Texts{"Техрик-э-Лабаик"});
  EXPECT_EQ(TokenTexts("из-за"), Texts{"из-за"});
  EXPECT_EQ(TokenTexts("экс-мэр Усть-Кедровска"), (Texts{"экс-мэр", "Усть-Кедровска"}));
  EXPECT_EQ(TokenTexts("Су-57 и COVID-19"), (Texts{"Су-57", "и", "COVID-19"}));
  // A hyphen with spaces is a dash, and a hyphen at a word edge is not inside it.
  EXPECT_EQ(TokenTexts("Кедров - мэр"), (Texts{"Кедров", "-", "мэр"}));
  EXPECT_EQ(TokenTexts("пред- и постпродажный"), (Texts{"пред", "-", "и", "постпродажный"}));
  EXPECT_EQ(TokenTexts("Нью\u2011Йорк"), Texts{"Нью\u2011Йорк"});  // non-breaking hyphen
}

TEST(Tokenize, Apostrophes) {
  EXPECT_EQ(TokenTexts("О'Коннор"), Texts{"О'Коннор"});
  EXPECT_EQ(TokenTexts("д’Артаньян"), Texts{"д’Артаньян"});
  // As quotation marks they stay apart.
  EXPECT_EQ(TokenTexts("'Кедр'"), (Texts{"'", "Кедр", "'"}));
}

TEST(Tokenize, Initials) {
  EXPECT_EQ(TokenTexts("В.В. Кедров"), (Texts{"В.", "В.", "Кедров"}));
  EXPECT_EQ(TokenTexts("А. Г. Берестов"), (Texts{"А.", "Г.", "Берестов"}));
  EXPECT_EQ(TokenTexts("Кедров В.В."), (Texts{"Кедров", "В.", "В."}));
  EXPECT_EQ(TokenTexts("J. R. Smith"), (Texts{"J.", "R.", "Smith"}));
  const Doc doc = Segmented("А. Г. Берестов");
  EXPECT_EQ(doc.tokens[0].kind, TokenKind::kInitial);
  EXPECT_EQ(doc.tokens[2].kind, TokenKind::kWord);
}

TEST(Tokenize, Abbreviations) {
  EXPECT_EQ(TokenTexts("т.е. так"), (Texts{"т.е.", "так"}));
  EXPECT_EQ(TokenTexts("г. Кедровск"), (Texts{"г.", "Кедровск"}));
  EXPECT_EQ(TokenTexts("школа им. Кедрова на ул. Лесной"),
            (Texts{"школа", "им.", "Кедрова", "на", "ул.", "Лесной"}));
  EXPECT_EQ(TokenTexts("и.о. мэра"), (Texts{"и.о.", "мэра"}));
  EXPECT_EQ(TokenTexts("и т.д."), (Texts{"и", "т.д."}));
  EXPECT_EQ(Segmented("т.е.").tokens[0].kind, TokenKind::kAbbreviation);
  // An ordinary word before a full stop keeps the stop apart.
  EXPECT_EQ(TokenTexts("Он ушёл."), (Texts{"Он", "ушёл", "."}));
}

TEST(Tokenize, Numbers) {
  EXPECT_EQ(TokenTexts("8,1 балла"), (Texts{"8,1", "балла"}));
  EXPECT_EQ(TokenTexts("2 000 рублей"), (Texts{"2 000", "рублей"}));
  EXPECT_EQ(TokenTexts("1 250 000 голосов"), (Texts{"1 250 000", "голосов"}));
  EXPECT_EQ(TokenTexts("15\u00A0000"), Texts{"15\u00A0000"});
  EXPECT_EQ(TokenTexts("1990-х годах"), (Texts{"1990-х", "годах"}));
  EXPECT_EQ(TokenTexts("5-летний"), Texts{"5-летний"});
  EXPECT_EQ(TokenTexts("28.11.2026 в 10:30"), (Texts{"28.11.2026", "в", "10:30"}));
  EXPECT_EQ(TokenTexts("3.5%"), (Texts{"3.5", "%"}));
  // A year is not a thousands group of the number before it.
  EXPECT_EQ(TokenTexts("в 2019 300 человек"), (Texts{"в", "2019", "300", "человек"}));
  EXPECT_EQ(TokenTexts("10-15 лет"), (Texts{"10", "-", "15", "лет"}));
  EXPECT_EQ(Segmented("8,1").tokens[0].kind, TokenKind::kNumber);
}

TEST(Tokenize, UrlsEmailsHashtags) {
  EXPECT_EQ(TokenTexts("см. https://kedrovsk.example.org/news?id=5&x=1."),
            (Texts{"см.", "https://kedrovsk.example.org/news?id=5&x=1", "."}));
  EXPECT_EQ(TokenTexts("(сайт www.kedrovsk.ru)"), (Texts{"(", "сайт", "www.kedrovsk.ru", ")"}));
  EXPECT_EQ(TokenTexts("https://ru.example.org/wiki/Кедр_(дерево)"),
            Texts{"https://ru.example.org/wiki/Кедр_(дерево)"});
  EXPECT_EQ(TokenTexts("на kedrovsk.ru/about сказано"),
            (Texts{"на", "kedrovsk.ru/about", "сказано"}));
  EXPECT_EQ(TokenTexts("пишите press@kedrovsk.ru."), (Texts{"пишите", "press@kedrovsk.ru", "."}));
  EXPECT_EQ(TokenTexts("#выборы2026 и #кто_есть_кто"),
            (Texts{"#выборы2026", "и", "#кто_есть_кто"}));
  const Doc doc = Segmented("https://a.example.org x@y.org #тег");
  EXPECT_EQ(doc.tokens[0].kind, TokenKind::kUrl);
  EXPECT_EQ(doc.tokens[1].kind, TokenKind::kEmail);
  EXPECT_EQ(doc.tokens[2].kind, TokenKind::kHashtag);
}

TEST(Tokenize, QuotesDashesBracketsEllipsis) {
  EXPECT_EQ(TokenTexts("«Кедр» — „Лес“ – \"Бор\""),
            (Texts{"«", "Кедр", "»", "—", "„", "Лес", "“", "–", "\"", "Бор", "\""}));
  EXPECT_EQ(TokenTexts("Ну... Нет… Да?! Как?.."),
            (Texts{"Ну", "...", "Нет", "…", "Да", "?!", "Как", "?.."}));
  EXPECT_EQ(TokenTexts("(Кедров) [1] {x}"),
            (Texts{"(", "Кедров", ")", "[", "1", "]", "{", "x", "}"}));
}

TEST(Tokenize, CombiningMarksAndInvisibleCharactersStayInWords) {
  EXPECT_EQ(TokenTexts("Андреи\u0306 за\u0301мок"), (Texts{"Андреи\u0306", "за\u0301мок"}));
  EXPECT_EQ(TokenTexts("Кед\u00ADров"), Texts{"Кед\u00ADров"});  // soft hyphen
  EXPECT_EQ(TokenTexts("\uFEFFКедров"), Texts{"Кедров"});        // byte order mark
}

TEST(Tokenize, LatinAndMixedScript) {
  EXPECT_EQ(TokenTexts("Reuters reported: Kedrov won."),
            (Texts{"Reuters", "reported", ":", "Kedrov", "won", "."}));
  const Doc doc = Segmented("iPhone Кедр КЕДР 2026 Xiaomi-Кедр");
  EXPECT_TRUE(doc.tokens[0].Has(token_flags::kLatin));
  EXPECT_TRUE(doc.tokens[0].Has(token_flags::kLowerFirst));
  EXPECT_TRUE(doc.tokens[1].Has(token_flags::kUpperFirst));
  EXPECT_FALSE(doc.tokens[1].Has(token_flags::kAllUpper));
  EXPECT_TRUE(doc.tokens[2].Has(token_flags::kAllUpper));
  EXPECT_TRUE(doc.tokens[2].Has(token_flags::kCyrillic));
  EXPECT_FALSE(doc.tokens[3].Has(token_flags::kUpperFirst));
  EXPECT_TRUE(doc.tokens[4].Has(token_flags::kLatin));
  EXPECT_TRUE(doc.tokens[4].Has(token_flags::kCyrillic));
}

TEST(Tokenize, SymbolsAndEmoji) {
  EXPECT_EQ(TokenTexts("№ 5 $ 100 + 😀👍🏽👩‍💻"),
            (Texts{"№", "5", "$", "100", "+", "😀", "👍🏽", "👩‍💻"}));
}

TEST(Tokenize, WhitespaceFlags) {
  const Doc doc = Segmented("Кедр,\nлес\n\nбор");
  ASSERT_EQ(doc.tokens.size(), 4u);
  EXPECT_FALSE(doc.tokens[1].Has(token_flags::kSpaceBefore));
  EXPECT_TRUE(doc.tokens[2].Has(token_flags::kLineBreakBefore));
  EXPECT_FALSE(doc.tokens[2].Has(token_flags::kParagraphBefore));
  EXPECT_TRUE(doc.tokens[3].Has(token_flags::kParagraphBefore));
  // \r\n counts as one line break.
  EXPECT_FALSE(Segmented("а\r\nб").tokens[1].Has(token_flags::kParagraphBefore));
  EXPECT_TRUE(Segmented("а\r\n\r\nб").tokens[1].Has(token_flags::kParagraphBefore));
}

// Tokens are in order, do not overlap, cover every non-space character, and
// their offsets are code point boundaries.
void ExpectWellFormed(const Doc& doc) {
  uint32_t previous_end = 0;
  for (const Token& t : doc.tokens) {
    ASSERT_LE(previous_end, t.begin);
    ASSERT_LT(t.begin, t.end);
    ASSERT_FALSE(FindInvalidUtf8(doc.TextOf(t)));
    previous_end = t.end;
  }
  // What lies between tokens is white space, line breaks, invisible format
  // characters or control characters, by Unicode's own categories.
  size_t gap_begin = 0;
  auto expect_blank = [&doc](size_t begin, size_t end) {
    for (const char* p = doc.text().data() + begin; p < doc.text().data() + end;) {
      const char* at = p;
      const char32_t cp = DecodeValid(p);
      const auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
      EXPECT_TRUE(category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_ZL ||
                  category == UTF8PROC_CATEGORY_ZP || category == UTF8PROC_CATEGORY_CC ||
                  category == UTF8PROC_CATEGORY_CF)
          << "U+" << std::hex << static_cast<uint32_t>(cp) << " at byte " << std::dec
          << (at - doc.text().data()) << " is in no token";
    }
  };
  for (const Token& t : doc.tokens) {
    expect_blank(gap_begin, t.begin);
    gap_begin = t.end;
  }
  expect_blank(gap_begin, doc.text().size());
}

TEST(Tokenize, OffsetsAreOrderedAndOnBoundaries) {
  ExpectWellFormed(Segmented("«Мы — за!» — сказал В.В. Кедров (г. Кедровск, 2 000 чел.)… 😀"));
  ExpectWellFormed(Segmented(
      "\tКедр\u00A0лес\u2009бор \u200B \u2028Ель\r\n\u3000дуб\x01 \u00AD-+§ \uE000\U0001F600"));
}

TEST(Tokenize, ArbitraryRepairedBytesNeverBreakIt) {
  // Deterministic pseudo-random bytes, repaired, then tokenized.
  uint64_t state = 42;
  std::string bytes;
  for (int i = 0; i < 200000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    bytes.push_back(static_cast<char>(state >> 56));
  }
  auto doc = Doc::FromUtf8(bytes, Utf8Policy::kLenient);
  ASSERT_TRUE(doc.ok());
  Segment(&doc.value());
  ExpectWellFormed(*doc);
}

TEST(Tokenize, FiftyMegabyteInput) {
  const std::string paragraph =
      "Губернатор Северной области В.В. Кедров 28.11.2026 посетил г. Кедровск, т.е. "
      "свой родной город; «Мы построим 2 000 домов!» — сказал он. Подробности: "
      "https://kedrovsk.example.org/news.\n\n";
  std::string text;
  text.reserve(50u << 20);
  while (text.size() < (50u << 20)) text += paragraph;
  const size_t paragraphs = text.size() / paragraph.size();
  const Doc doc = Segmented(std::move(text));
  const size_t tokens_per_paragraph = Segmented(paragraph).tokens.size();
  EXPECT_EQ(doc.tokens.size(), paragraphs * tokens_per_paragraph);
  EXPECT_EQ(doc.sentences.size(), paragraphs * Segmented(paragraph).sentences.size());
}

}  // namespace
}  // namespace kto::text
