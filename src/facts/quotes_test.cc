#include "kto/facts/quotes.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_util.h"

namespace kto::facts {
namespace {

using testing::Article;
using testing::Make;

std::string SpeechText(const Article& a, const Quote& q) {
  const uint32_t begin = a.doc.tokens[q.speech.begin].begin;
  const uint32_t end = a.doc.tokens[q.speech.end - 1].end;
  return std::string(a.doc.text().substr(begin, end - begin));
}

TEST(Quotes, QuoteThenDashVerbPerson) {
  const Article a =
      Make("«Этот мост ждали тридцать лет», — сказал губернатор Игорь Кедров.", {"Игорь Кедров"});
  const auto quotes = FindQuotes(a.doc, a.persons);
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_EQ(SpeechText(a, quotes[0]), "Этот мост ждали тридцать лет");
  EXPECT_EQ(quotes[0].speaker, 0);
  EXPECT_FALSE(quotes[0].by_pronoun);
}

TEST(Quotes, MultiSentenceQuoteAndPositionBeforeTheName) {
  const Article a = Make(
      "«Мост ждали давно. Теперь дорога займёт 40 минут», — отметил министр транспорта "
      "Северской области В. А. Ольховский.",
      {"В. А. Ольховский"});
  const auto quotes = FindQuotes(a.doc, a.persons);
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_EQ(SpeechText(a, quotes[0]), "Мост ждали давно. Теперь дорога займёт 40 минут");
  EXPECT_EQ(quotes[0].speaker, 0);
}

TEST(Quotes, APostAloneNamesTheSpeaker) {
  const Article a = Make(
      "Эрик Нюгрен прибыл в Кедровск. «Это только начало», — добавил министр. Министр "
      "заявил: «Соглашения подпишут завтра».",
      {"Эрик Нюгрен"});
  const auto posts = testing::FindPhrases(a.doc, {"министр", "Министр"});
  const auto quotes = FindQuotes(a.doc, a.persons, posts);
  ASSERT_EQ(quotes.size(), 2u);
  EXPECT_EQ(quotes[0].speaker, -1);
  EXPECT_EQ(quotes[0].speaker_post, 0);
  EXPECT_EQ(quotes[1].speaker, -1);
  EXPECT_EQ(quotes[1].speaker_post, 1);
  // Without the posts, nobody.
  EXPECT_EQ(FindQuotes(a.doc, a.persons)[0].speaker_post, -1);
}

TEST(Quotes, PersonVerbColonQuote) {
  const Article a =
      Make("Мэр Анна Лебедева заявила: «Остановки появятся весной». Все рады.", {"Анна Лебедева"});
  const auto quotes = FindQuotes(a.doc, a.persons);
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_EQ(SpeechText(a, quotes[0]), "Остановки появятся весной");
  EXPECT_EQ(quotes[0].speaker, 0);
}

TEST(Quotes, CriticismWithAColon) {
  const Article a =
      Make("Ольховский раскритиковал документ: «Расходы снова урезаны».", {"Ольховский"});
  const auto quotes = FindQuotes(a.doc, a.persons);
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_EQ(quotes[0].speaker, 0);
}

TEST(Quotes, VerbPersonColonQuote) {
  const Article a = Make("Как сообщил Дубравин: «Программа продолжится».", {"Дубравин"});
  const auto quotes = FindQuotes(a.doc, a.persons);
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_EQ(quotes[0].speaker, 0);
}

TEST(Quotes, DialogueDash) {
  const Article a = Make(
      "Директор школы Марина Ветрова довольна.\n— Дети наконец смогут проводить опыты, — "
      "отметила Ветрова.",
      {"Марина Ветрова", "Ветрова"});
  const auto quotes = FindQuotes(a.doc, a.persons);
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_EQ(SpeechText(a, quotes[0]), "Дети наконец смогут проводить опыты");
  EXPECT_EQ(quotes[0].speaker, 1);
}

TEST(Quotes, PronounGoesToTheLastPersonBefore) {
  const Article a = Make(
      "Лидер фракции Дмитрий Ольховский раскритиковал бюджет. «Расходы снова урезаны», — "
      "сказал он.",
      {"Дмитрий Ольховский"});
  const auto quotes = FindQuotes(a.doc, a.persons);
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_EQ(quotes[0].speaker, 0);
  EXPECT_TRUE(quotes[0].by_pronoun);
}

TEST(Quotes, PoSlovam) {
  const Article a = Make("По словам Кедрова, «мост окупится за десять лет».", {"Кедрова"});
  const auto quotes = FindQuotes(a.doc, a.persons);
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_EQ(quotes[0].speaker, 0);
}

TEST(Quotes, NamesInQuotesAreNotSpeech) {
  const Article a = Make(
      "Деньги выделил фонд «Северное сияние», который возглавляет Олег Дубравин. Фракция "
      "«Новый Север» против.",
      {"Олег Дубравин"});
  EXPECT_TRUE(FindQuotes(a.doc, a.persons).empty());
}

TEST(Quotes, UnattributedSpeechHasNoSpeaker) {
  const Article a = Make("«Решение принято. Оно окончательное», — говорится в сообщении.", {});
  const auto quotes = FindQuotes(a.doc, a.persons);
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_EQ(quotes[0].speaker, -1);
}

TEST(Quotes, NestedQuotesStayInside) {
  const Article a =
      Make("«Мы назвали его „Кедр“ в честь города», — пояснил Сосновский.", {"Сосновский"});
  const auto quotes = FindQuotes(a.doc, a.persons);
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_EQ(SpeechText(a, quotes[0]), "Мы назвали его „Кедр“ в честь города");
}

TEST(Quotes, UnclosedQuoteAndEmptyDocAreHarmless) {
  const Article a = Make("«Он так и не закончил", {});
  EXPECT_TRUE(FindQuotes(a.doc, a.persons).empty());
  const Article empty = Make("", {});
  EXPECT_TRUE(FindQuotes(empty.doc, empty.persons).empty());
}

}  // namespace
}  // namespace kto::facts
