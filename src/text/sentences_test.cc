#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "abbreviations.h"
#include "test_util.h"

namespace kto::text {
namespace {

using testing::SentenceTexts;
using Texts = std::vector<std::string>;

TEST(Sentences, SplitsAtTerminalMarks) {
  EXPECT_EQ(SentenceTexts("Кедров приехал. Его ждали! Кто он? Мэр."),
            (Texts{"Кедров приехал.", "Его ждали!", "Кто он?", "Мэр."}));
  EXPECT_EQ(SentenceTexts("Без точки в конце"), Texts{"Без точки в конце"});
  EXPECT_EQ(SentenceTexts("Первое… Второе. 2026 год начался."),
            (Texts{"Первое…", "Второе.", "2026 год начался."}));
}

TEST(Sentences, KeepsInitialsAndAbbreviationsInside) {
  EXPECT_EQ(SentenceTexts("Это сказал В.В. Кедров. Потом ушёл."),
            (Texts{"Это сказал В.В. Кедров.", "Потом ушёл."}));
  EXPECT_EQ(SentenceTexts("Мэр А. Г. Берестов приехал в г. Кедровск на ул. Лесную."),
            Texts{"Мэр А. Г. Берестов приехал в г. Кедровск на ул. Лесную."});
  EXPECT_EQ(SentenceTexts("Школа им. Кедрова открыта, т.е. работает."),
            Texts{"Школа им. Кедрова открыта, т.е. работает."});
  EXPECT_EQ(SentenceTexts("Проф. Кедров и др. Затем пришли все."),
            (Texts{"Проф. Кедров и др.", "Затем пришли все."}));
  // «г.» ends a sentence after a year, not before a town name.
  EXPECT_EQ(SentenceTexts("Это было в 1990 г. Потом всё изменилось."),
            (Texts{"Это было в 1990 г.", "Потом всё изменилось."}));
}

TEST(Sentences, DirectSpeech) {
  EXPECT_EQ(SentenceTexts("«Мы победим!» — сказал Кедров. Все согласились."),
            (Texts{"«Мы победим!» — сказал Кедров.", "Все согласились."}));
  EXPECT_EQ(SentenceTexts("Он сказал: «Мы победим». Все согласились."),
            (Texts{"Он сказал: «Мы победим».", "Все согласились."}));
  EXPECT_EQ(SentenceTexts("Кедров ответил: «Нет!» Потом ушёл."),
            (Texts{"Кедров ответил: «Нет!»", "Потом ушёл."}));
  EXPECT_EQ(SentenceTexts("(Это важно.) Дальше."), (Texts{"(Это важно.)", "Дальше."}));
}

TEST(Sentences, DialogueDashes) {
  EXPECT_EQ(SentenceTexts("— Вы придёте? — спросил он.\n— Приду, — ответила Лесная."),
            (Texts{"— Вы придёте? — спросил он.", "— Приду, — ответила Лесная."}));
  EXPECT_EQ(SentenceTexts("Он пришёл домой. — Где ты был? — Гулял."),
            (Texts{"Он пришёл домой.", "— Где ты был?", "— Гулял."}));
}

TEST(Sentences, LineBreaks) {
  EXPECT_EQ(SentenceTexts("Заголовок новости\nТекст новости."),
            (Texts{"Заголовок новости", "Текст новости."}));
  EXPECT_EQ(SentenceTexts("строка, перенесённая\nвручную."),
            Texts{"строка, перенесённая\nвручную."});
  EXPECT_EQ(SentenceTexts("Абзац один\n\nабзац два"), (Texts{"Абзац один", "абзац два"}));
}

TEST(Sentences, LowerCaseAfterEllipsisContinues) {
  EXPECT_EQ(SentenceTexts("Он ждал... и дождался."), Texts{"Он ждал... и дождался."});
}

TEST(Sentences, CoverEveryTokenInOrder) {
  const Doc doc = testing::Segmented("А. Б. В. — «Г!» д. Е? ж… З.\n\nи");
  uint32_t next = 0;
  for (const Sentence& s : doc.sentences) {
    EXPECT_EQ(s.begin, next);
    EXPECT_LT(s.begin, s.end);
    next = s.end;
  }
  EXPECT_EQ(next, doc.tokens.size());
}

TEST(Abbreviations, TableIsSortedAndChainsAreRecognized) {
  using internal::Abbreviation;
  using internal::LookupAbbreviation;
  EXPECT_EQ(LookupAbbreviation("г."), Abbreviation::kYear);
  EXPECT_EQ(LookupAbbreviation("др."), Abbreviation::kMayEnd);
  EXPECT_EQ(LookupAbbreviation("им."), Abbreviation::kInner);
  EXPECT_EQ(LookupAbbreviation("с.-х."), Abbreviation::kInner);
  EXPECT_EQ(LookupAbbreviation("н.э."), Abbreviation::kMayEnd);
  EXPECT_EQ(LookupAbbreviation("к.т.н."), Abbreviation::kInner);  // a chain
  EXPECT_EQ(LookupAbbreviation("кедров."), Abbreviation::kUnknown);
  for (const char* key : {"акад.", "янв.", "т.д.", "т.е.", "в.", "вв.", "ул.", "ш."})
    EXPECT_NE(LookupAbbreviation(key), Abbreviation::kUnknown) << key;  // binary search finds all
}

}  // namespace
}  // namespace kto::text
