// HTML pages written for these tests, about fictional people and places.
#include "kto/ingest/html.h"

#include <gtest/gtest.h>

namespace kto::ingest {
namespace {

constexpr const char* kPage = R"(<!DOCTYPE html>
<html lang="ru">
<head>
  <meta charset="utf-8">
  <title>Мост в Кедровске — Северский вестник</title>
  <meta property="og:title" content="В Кедровске открыли мост">
  <meta property="og:site_name" content="Северский вестник">
  <meta property="article:published_time" content="2026-11-28T10:00:00+03:00">
  <link rel="canonical" href="https://vestnik.example/most">
  <style>p { color: red }</style>
  <script>var tracker = "Губернатор Скрипт";</script>
</head>
<body>
  <header><a href="/">Северский вестник</a> <span>Главная новость дня</span></header>
  <nav><ul><li><a href="/politics">Политика</a></li><li><a href="/city">Город</a></li></ul></nav>
  <div class="cookie-banner">Мы используем cookie</div>
  <main>
    <article>
      <h1>В Кедровске открыли мост</h1>
      <time datetime="2026-11-27">27 ноября</time>
      <p>Губернатор Северской области Игорь Кедров открыл
         движение по&nbsp;новому мосту через реку Светлую.</p>
      <figure><img src="most.jpg"><figcaption>Фото: пресс-служба</figcaption></figure>
      <p>«Мост построен на год раньше срока», — сказал Кедров.</p>
      <div class="share-buttons"><a href="#">ВКонтакте</a> <a href="#">Телеграм</a></div>
      <p>Читайте также: <a href="/other">мэр Лесногорска Анна Зимина открыла школу</a></p>
      <aside>Реклама: лучшие окна Кедровска</aside>
    </article>
    <section class="related"><p>Другие новости о Светлой реке</p></section>
  </main>
  <footer>© Северский вестник, 2026</footer>
</body>
</html>)";

TEST(ExtractHtml, KeepsTheArticleAndDropsBoilerplate) {
  auto page = ExtractHtml(kPage);
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page->title, "В Кедровске открыли мост");
  EXPECT_EQ(page->published_at, "2026-11-28T07:00:00Z");
  EXPECT_EQ(page->url, "https://vestnik.example/most");
  EXPECT_EQ(page->source, "Северский вестник");
  EXPECT_EQ(page->text,
            "В Кедровске открыли мост\n\n"
            "27 ноября\n\n"
            "Губернатор Северской области Игорь Кедров открыл движение по\u00A0новому мосту "
            "через реку Светлую.\n\n"
            "«Мост построен на год раньше срока», — сказал Кедров.");
}

TEST(ExtractHtml, FallsBackToTitleTagTimeAndBody) {
  auto page = ExtractHtml(
      "<html><head><title> Совет  округа </title></head><body>"
      "<div id=\"sidebar\">Меню сайта</div>"
      "<p>Депутат Олег Лесин предложил <b>новый</b> бюджет.</p>"
      "<p>Сессия прошла <time datetime=\"2026-10-05T12:00:00Z\">5 октября</time>.</p>"
      "</body></html>");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->title, "Совет округа");
  EXPECT_EQ(page->published_at, "2026-10-05T12:00:00Z");
  EXPECT_EQ(page->url, "");
  EXPECT_EQ(page->text, "Депутат Олег Лесин предложил новый бюджет.\n\nСессия прошла 5 октября.");
}

TEST(ExtractHtml, SurvivesBrokenMarkup) {
  const char* broken[] = {
      "<p>Мэр Анна Зимина <b>открыла <i>школу</p><p>в Лесногорске",
      "<html><body><div><p>Текст без конца",
      "<<<>>><p>Сломанные </div></span> теги</p></table>",
      "<p>Кавычки <a href=\"x>не закрыты</a> совсем</p>",
      "<script>никогда не кончается",
      "",
      "<",
      "\0\0\0<p>нули</p>",
  };
  for (const char* html : broken) {
    auto page = ExtractHtml(html);
    EXPECT_TRUE(page.ok()) << html;
  }
  auto page = ExtractHtml(broken[0]);
  EXPECT_NE(page->text.find("Мэр Анна Зимина открыла школу"), std::string::npos) << page->text;
  EXPECT_NE(page->text.find("в Лесногорске"), std::string::npos) << page->text;
}

TEST(ExtractHtml, InvalidUtf8IsRefusedOrReplaced) {
  const std::string html = "<p>Кедр\xC0\xAF и Зимина</p>";
  auto strict = ExtractHtml(html);
  ASSERT_FALSE(strict.ok());
  EXPECT_EQ(strict.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(strict.status().message().find("invalid UTF-8 at byte 11"), std::string::npos)
      << strict.status().message();
  auto lenient = ExtractHtml(html, Utf8Policy::kLenient);
  ASSERT_TRUE(lenient.ok());
  EXPECT_EQ(lenient->text, "Кедр\uFFFD\uFFFD и Зимина");
}

TEST(ExtractHtml, DecodesADeclaredCharset) {
  // «Кедров» in windows-1251.
  const std::string html =
      "<html><head><meta charset=\"windows-1251\"></head><body><p>\xCA\xE5\xE4\xF0\xEE\xE2"
      "</p></body></html>";
  auto page = ExtractHtml(html);
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page->text, "Кедров");
}

// A page libxml2 cannot decode in its declared charset (found by fuzz_html):
// refused under kStrict, read as UTF-8 under kLenient, as a browser falls
// back to its default.
TEST(ExtractHtml, AnUndecodablePageIsRefusedOrReadAsUtf8) {
  const std::string html("<\0\0\0Charset=-", 13);
  auto strict = ExtractHtml(html);
  ASSERT_FALSE(strict.ok());
  EXPECT_EQ(strict.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(strict.status().message().find("charset \"-\""), std::string::npos)
      << strict.status().message();
  auto lenient = ExtractHtml(html, Utf8Policy::kLenient);
  ASSERT_TRUE(lenient.ok()) << lenient.status().message();
  EXPECT_TRUE(lenient->text.empty()) << lenient->text;
}

TEST(HtmlFragmentText, ParagraphsOfADescription) {
  EXPECT_EQ(HtmlFragmentText("<p>Первый абзац.</p><p>Второй &amp; <b>последний</b>.</p>"),
            "Первый абзац.\n\nВторой & последний.");
  EXPECT_EQ(HtmlFragmentText("Просто текст"), "Просто текст");
  EXPECT_EQ(HtmlFragmentText(""), "");
}

}  // namespace
}  // namespace kto::ingest
