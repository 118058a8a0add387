#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "kto/link/article_text.h"
#include "kto/text/segment.h"
#include "kto/text/utf8.h"
#include "kto/web/highlight.h"
#include "kto/web/html.h"
#include "kto/web/pages.h"

namespace kto::web {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

size_t Count(const std::string& haystack, std::string_view needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size()))
    ++n;
  return n;
}

// Every tag of `html` is one kto writes: a known element, no event handler
// attribute, links only to kto's paths or to http(s) (escaped text holds no
// «<», so every «<» starts a real tag).
void ExpectOnlyKtoMarkup(const std::string& html) {
  static const std::regex kTag(R"(<(/?)([a-zA-Z0-9!]+)([^>]*)>)");
  static const std::regex kAttribute(R"re(\s([a-zA-Z-]+)(="([^"]*)")?)re");
  static const std::vector<std::string> kElements = {
      "!DOCTYPE", "html", "head",   "meta",   "title",   "style",   "body",       "a",     "header",
      "div",      "form", "input",  "button", "nav",     "ul",      "ol",         "li",    "main",
      "footer",   "h1",   "h2",     "h3",     "p",       "section", "article",    "mark",  "span",
      "time",     "br",   "strong", "dl",     "dt",      "dd",      "blockquote", "svg",   "desc",
      "line",     "text", "rect",   "figure", "details", "summary", "table",      "thead", "tbody",
      "tr",       "th",   "td",     "label",  "textarea"};
  const std::string body = html.substr(html.find("</style>"));  // CSS holds «>»
  for (auto it = std::sregex_iterator(body.begin(), body.end(), kTag); it != std::sregex_iterator();
       ++it) {
    const std::string name = (*it)[2], attributes = (*it)[3];
    EXPECT_NE(std::find(kElements.begin(), kElements.end(), name), kElements.end()) << name;
    for (auto a = std::sregex_iterator(attributes.begin(), attributes.end(), kAttribute);
         a != std::sregex_iterator(); ++a) {
      const std::string attribute = (*a)[1], value = (*a)[3];
      EXPECT_NE(attribute.rfind("on", 0), 0u) << (*it)[0];
      EXPECT_NE(attribute, "src") << (*it)[0];
      if (attribute == "href" || attribute == "action") {
        EXPECT_TRUE(value.rfind("/", 0) == 0 || value.rfind("#", 0) == 0 ||
                    value.rfind("https://", 0) == 0)
            << (*it)[0];
      }
    }
  }
}

// Every page is a complete, valid UTF-8 document with the shared shell.
void ExpectDocument(const std::string& html) {
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_THAT(html, HasSubstr("<html lang=\"ru\">"));
  EXPECT_THAT(html, HasSubstr("<meta name=\"viewport\""));
  EXPECT_THAT(html, HasSubstr("</html>\n"));
  EXPECT_FALSE(text::FindInvalidUtf8(html));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  ExpectOnlyKtoMarkup(html);
}

void ExpectShell(const std::string& html) {
  ExpectDocument(html);
  EXPECT_THAT(html, HasSubstr("<form class=\"kto-search\" action=\"/search\" method=\"get\" "
                              "role=\"search\"><input name=\"q\""));
  EXPECT_THAT(html, HasSubstr("<a class=\"kto-site\" href=\"/\">кто</a>"));
  for (const char* nav : {">Главная</a>", ">Топ</a>", ">Анализ текста</a>"})
    EXPECT_THAT(html, HasSubstr(nav));
  EXPECT_THAT(html, HasSubstr(":focus-visible"));
}

kb::PanelEntry Ivolgin() {
  kb::PanelEntry e;
  e.person_id = 7;
  e.name = "Аркадий Петрович Иволгин";
  e.last_position = kb::LastPosition{"президент", "Республика Заречье", "2026-03-01"};
  e.articles = 207;
  return e;
}

// ---- html.h --------------------------------------------------------------

TEST(Html, EscapesTextAndAttributes) {
  EXPECT_EQ(EscapeText("a < b && c > \"d\" 'e'"),
            "a &lt; b &amp;&amp; c &gt; &quot;d&quot; &#39;e&#39;");
  EXPECT_EQ(EscapeAttribute("\"><img src=x onerror=alert(1)>"),
            "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
  EXPECT_EQ(EscapeText("Привет 👋"), "Привет 👋");
}

TEST(Html, RepairsInvalidUtf8AndNul) {
  const std::string bad = std::string("a\xC3") + "b" + std::string(1, '\0');
  const std::string out = EscapeText(bad);
  EXPECT_FALSE(text::FindInvalidUtf8(out));
  EXPECT_EQ(out,
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD");
}

TEST(Html, PercentEncodesIds) {
  EXPECT_EQ(PercentEncode("news/2026/03 a"), "news%2F2026%2F03%20a");
  EXPECT_EQ(PercentEncode("Az-09._~"), "Az-09._~");
  EXPECT_EQ(PercentEncode("д\"'<"), "%D0%B4%22%27%3C");
  EXPECT_EQ(PercentEncode("?#&=%+"), "%3F%23%26%3D%25%2B");
  EXPECT_EQ(ArticlePath("лента/1"), "/articles/%D0%BB%D0%B5%D0%BD%D1%82%D0%B0%2F1");
  EXPECT_EQ(PersonPath(42), "/persons/42");
}

TEST(Html, OnlyHttpUrlsAreLinks) {
  EXPECT_TRUE(IsSafeLinkUrl("https://zarechye.example/news/1"));
  EXPECT_TRUE(IsSafeLinkUrl("HTTP://zarechye.example/"));
  EXPECT_FALSE(IsSafeLinkUrl("javascript:alert(1)"));
  EXPECT_FALSE(IsSafeLinkUrl(" https://x.example/"));
  EXPECT_FALSE(IsSafeLinkUrl("https://x.example/\njavascript:"));
  EXPECT_FALSE(IsSafeLinkUrl("data:text/html,<script>"));
  EXPECT_FALSE(IsSafeLinkUrl("/articles/1"));
  EXPECT_FALSE(IsSafeLinkUrl("https://"));
}

TEST(Html, HumanDates) {
  EXPECT_EQ(HumanDate("2026-03-05T10:00:00Z"), "5 марта 2026");
  EXPECT_EQ(HumanDate("2025-12-31"), "31 декабря 2025");
  EXPECT_EQ(HumanDate("вчера"), "вчера");
  EXPECT_EQ(HumanDate("2026-13-01"), "2026-13-01");
  EXPECT_EQ(HumanDate(""), "");
}

// ---- highlights ------------------------------------------------------------

Highlight Mark(int64_t start, int64_t end, EntityKind kind, std::string normal, int64_t kb = 0,
               bool in_title = false) {
  return Highlight{start, end, in_title, kind, std::move(normal), kb};
}

TEST(Highlight, CyrillicAndEmojiOffsetsAreCodePoints) {
  // «👋» is one code point of four bytes; «Ё» one of two.
  const std::string text = "👋 Ёлкин и Заречье";
  const std::string html = HighlightedHtml(text,
                                           {Mark(2, 7, EntityKind::kPerson, "Пётр Ёлкин", 3),
                                            Mark(10, 17, EntityKind::kLocation, "Заречье")},
                                           false);
  EXPECT_EQ(html,
            "👋 <mark class=\"ent ent-per\" title=\"Пётр Ёлкин\"><a href=\"/persons/3\">Ёлкин</a>"
            "</mark> и <mark class=\"ent ent-loc\" title=\"Заречье\">Заречье</mark>");
}

TEST(Highlight, OverlappingAndOutOfRangeSpansAreSafe) {
  const std::string text = "Глава Заречного района Ёлкин";  // 28 code points
  const std::vector<Highlight> marks = {
      Mark(6, 22, EntityKind::kLocation, "Заречный район"),
      Mark(6, 15, EntityKind::kOrganization, "inner"),         // inside the first: dropped
      Mark(15, 28, EntityKind::kPerson, "crossing"),           // crosses the first: dropped
      Mark(23, 100, EntityKind::kPerson, "Ёлкин", 5),          // clipped to the end
      Mark(-5, 2, EntityKind::kOrganization, "<b>\""),         // clipped to the start
      Mark(4, 4, EntityKind::kPerson, "empty"),                // empty: dropped
      Mark(40, 50, EntityKind::kPerson, "beyond"),             // beyond the end: dropped
      Mark(0, 5, EntityKind::kPerson, "title only", 0, true),  // the title's: not here
  };
  const std::string html = HighlightedHtml(text, marks, false);
  EXPECT_FALSE(text::FindInvalidUtf8(html));
  EXPECT_EQ(html,
            "<mark class=\"ent ent-org\" title=\"&lt;b&gt;&quot;\">Гл</mark>ава "
            "<mark class=\"ent ent-loc\" title=\"Заречный район\">Заречного района</mark> "
            "<mark class=\"ent ent-per\" title=\"Ёлкин\"><a href=\"/persons/5\">Ёлкин</a></mark>");
  EXPECT_EQ(Count(html, "<mark"), Count(html, "</mark>"));
}

TEST(Highlight, AnySpansOverAnyTextGiveValidBalancedMarkup) {
  std::mt19937 random(14);
  const std::vector<std::string> pieces = {"Ё", "👋", "a",    " ",        "\n", "\n\n",
                                           "<", "&", "\xC3", "\xF0\x9F", "д",  "\r\n"};
  for (int round = 0; round < 300; ++round) {
    std::string text;
    for (int i = random() % 30; i > 0; --i) text += pieces[random() % pieces.size()];
    std::vector<Highlight> marks;
    for (int i = random() % 8; i > 0; --i)
      marks.push_back(Mark(static_cast<int>(random() % 40) - 5, static_cast<int>(random() % 40) - 5,
                           static_cast<EntityKind>(random() % 3), "n", random() % 2,
                           random() % 2 == 0));
    ArticlePage page;
    page.title = text;
    page.text = text;
    page.highlights = marks;
    const std::string html = RenderArticlePage(page);
    ASSERT_FALSE(text::FindInvalidUtf8(html)) << round;
    EXPECT_EQ(Count(html, "<mark"), Count(html, "</mark>")) << round;
    EXPECT_EQ(Count(html, "<p"), Count(html, "</p>")) << round;
    const size_t first_mark = html.find("<mark"), main = html.find("<main");
    EXPECT_TRUE(first_mark == std::string::npos || first_mark > main);
  }
}

TEST(Highlight, EmptyTextAndNoSpans) {
  EXPECT_EQ(HighlightedHtml("", {Mark(0, 3, EntityKind::kPerson, "x")}, false), "");
  EXPECT_EQ(HighlightedHtml("<i>", {}, false), "&lt;i&gt;");
}

TEST(Highlight, FromStoredPlacesEntitiesInTitleOrText) {
  store::ArticleAnalysis a;
  a.mentions.push_back(store::Mention{7, 0, 6, true, "Иволгин", "Аркадий Иволгин"});
  store::EntityMention in_title{"Заречье", "", 9, 16, "Заречье"};
  store::EntityMention in_text{"Синегорск", "", 2, 12, "Синегорске"};
  store::EntityMention nowhere{"Призрак", "", 0, 3, "Нет"};
  a.locations = {in_title, in_text, nowhere};
  a.organizations.push_back(store::EntityMention{"Совет", "", 0, 5, "Совет"});
  const std::string title = "Иволгин: Заречье ждёт";
  const std::string text = "В Синегорске Совет заседал.";
  const std::vector<Highlight> h = HighlightsFromStored(a, title, text);
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[0].kind, EntityKind::kPerson);
  EXPECT_TRUE(h[0].in_title);
  EXPECT_EQ(h[0].kb_id, 7);
  EXPECT_EQ(h[1].normal, "Заречье");
  EXPECT_TRUE(h[1].in_title);
  EXPECT_EQ(h[2].normal, "Синегорск");
  EXPECT_FALSE(h[2].in_title);  // «Совет» stands at 13, not at 0: dropped
}

TEST(Highlight, FromLiveMapsTokensOntoTitleAndText) {
  const std::string title = "Ёлкин 👋 приехал";
  const std::string text = "Пётр Ёлкин посетил Заречье.";
  auto doc = Doc::FromUtf8(link::AnalyzedText(title, text));
  ASSERT_TRUE(doc.ok());
  text::Segment(&*doc);
  auto token = [&](std::string_view word, size_t from) {
    for (uint32_t i = 0; i < doc->tokens.size(); ++i)
      if (doc->TextOf(doc->tokens[i]) == word && doc->tokens[i].begin >= from) return i;
    ADD_FAILURE() << "no token " << word;
    return uint32_t{0};
  };
  const size_t body = title.size() + 2;
  facts::ArticleAnalysis a;
  facts::PersonFact p;
  const uint32_t t0 = token("Ёлкин", 0), t1 = token("Пётр", body);
  p.mentions.push_back(facts::MentionFact{TokenSpan{t0, t0 + 1}, "Ёлкин"});
  p.mentions.push_back(facts::MentionFact{TokenSpan{t1, t1 + 2}, "Пётр Ёлкин"});
  a.persons.push_back(p);
  facts::EntityFact place;
  const uint32_t t2 = token("Заречье", body);
  place.name = "Заречье";
  place.mentions.push_back(facts::MentionFact{TokenSpan{t2, t2 + 1}, "Заречье"});
  a.locations.push_back(place);
  const std::vector<Highlight> h = HighlightsFromLive(*doc, text::CountCodePoints(title), a, {12});
  ASSERT_EQ(h.size(), 3u);
  EXPECT_TRUE(h[0].in_title);
  EXPECT_EQ(h[0].start, 0);
  EXPECT_EQ(h[0].end, 5);
  EXPECT_EQ(h[0].kb_id, 12);
  EXPECT_FALSE(h[1].in_title);
  EXPECT_EQ(h[1].start, 0);
  EXPECT_EQ(h[1].end, 10);
  EXPECT_EQ(h[2].kind, EntityKind::kLocation);
  EXPECT_EQ(h[2].start, 19);
  EXPECT_EQ(h[2].end, 26);
  EXPECT_EQ(h[2].kb_id, 0);
}

TEST(Highlight, SentenceAroundAPhrase) {
  // Initials do not end the sentence; the emoji counts as one code point.
  const std::string text =
      "Мост открыт 👋. Вчера А. П. Иволгин, президент Республики Заречье, открыл его. Потом "
      "он уехал.";
  const std::u32string all = text::DecodeUtf8(text);
  const auto start = static_cast<int64_t>(all.find(U"президент"));
  const int64_t end = start + 28;
  SentenceExcerpt e = SentenceAround(text, start, end);
  EXPECT_EQ(e.sentence, "Вчера А. П. Иволгин, президент Республики Заречье, открыл его.");
  EXPECT_EQ(text::DecodeUtf8(e.sentence).substr(e.start, e.end - e.start),
            U"президент Республики Заречье");

  e = SentenceAround(text, start, end, 40);  // cut around the phrase
  EXPECT_EQ(e.sentence, "… президент Республики Заречье, …");
  EXPECT_EQ(text::DecodeUtf8(e.sentence).substr(e.start, e.end - e.start),
            U"президент Республики Заречье");

  EXPECT_TRUE(SentenceAround(text, 5, 500).sentence.empty());
  EXPECT_TRUE(SentenceAround(text, 7, 7).sentence.empty());
  EXPECT_TRUE(SentenceAround("", 0, 1).sentence.empty());
}

// ---- pages -------------------------------------------------------------------

ArticlePage SampleArticle() {
  ArticlePage page;
  page.id = "zarechye/2026 03/«1»";
  page.title = "Иволгин посетил Синегорск";
  page.text =
      "Президент Аркадий Иволгин приехал в Синегорск.\n\nОн встретился с "
      "руководством «Заречье-Транс».\nВстреча длилась час.";
  page.url = "https://zarechye.example/news/1";
  page.source = "Вести Заречья";
  page.date = "2026-03-05T10:00:00Z";
  page.highlights = {Mark(0, 7, EntityKind::kPerson, "Аркадий Иволгин", 7, true),
                     Mark(16, 25, EntityKind::kLocation, "Синегорск", 0, true),
                     Mark(10, 25, EntityKind::kPerson, "Аркадий Иволгин", 7),
                     Mark(36, 45, EntityKind::kLocation, "Синегорск"),
                     Mark(78, 91, EntityKind::kOrganization, "Заречье-Транс")};
  page.panel = {Ivolgin()};
  return page;
}

TEST(Pages, ArticleHasMarksParagraphsAndPanel) {
  const std::string html = RenderArticlePage(SampleArticle());
  ExpectShell(html);
  EXPECT_THAT(html, HasSubstr("<h1 class=\"kto-article-title\"><mark class=\"ent ent-per\" "
                              "title=\"Аркадий Иволгин\"><a href=\"/persons/7\">Иволгин</a>"
                              "</mark> посетил <mark class=\"ent ent-loc\" title=\"Синегорск\">"
                              "Синегорск</mark></h1>"));
  EXPECT_THAT(html, HasSubstr("<p>Президент <mark class=\"ent ent-per\" title=\"Аркадий "
                              "Иволгин\"><a href=\"/persons/7\">Аркадий Иволгин</a></mark>"));
  EXPECT_THAT(html, HasSubstr("<mark class=\"ent ent-org\" title=\"Заречье-Транс\">"
                              "Заречье-Транс</mark>».<br>\nВстреча длилась час.</p>"));
  EXPECT_EQ(Count(html, "<p>"), 2u + Count(html, "<p>На главную"));
  EXPECT_THAT(html, HasSubstr("<section class=\"kto-panel\">\n<h2>Анализ</h2>"));
  EXPECT_THAT(html, HasSubstr("<li class=\"kto-panel-person\"><a class=\"kto-person-name\" "
                              "href=\"/persons/7\">Аркадий Петрович Иволгин</a> — <span "
                              "class=\"kto-position\">Последняя должность: Президент "
                              "(Республика Заречье)</span> — <span class=\"kto-articles\">207"
                              "</span>"));
  EXPECT_THAT(html, HasSubstr("href=\"https://zarechye.example/news/1\""));
  EXPECT_THAT(html, HasSubstr("<time datetime=\"2026-03-05T10:00:00Z\">5 марта 2026</time>"));
  EXPECT_THAT(html, HasSubstr("class=\"legend-per\""));
}

TEST(Pages, PanelLeavesOutAMissingPositionAndLinksOnlyKbPersons) {
  ArticlePage page = SampleArticle();
  kb::PanelEntry newcomer;
  newcomer.name = "Зоя Ручейкова";
  newcomer.articles = 1;
  page.panel = {newcomer};
  const std::string html = RenderArticlePage(page);
  EXPECT_THAT(html, HasSubstr("<li class=\"kto-panel-person\"><span class=\"kto-person-name\">"
                              "Зоя Ручейкова</span> — <span class=\"kto-articles\">1</span> "
                              "<span class=\"kto-articles-label\">статья</span></li>"));
  EXPECT_THAT(html, Not(HasSubstr("kto-position\"")));
}

TEST(Pages, ParagraphsKeepOffsetsAcrossBreaks) {
  ArticlePage page;
  page.id = "p";
  page.title = "Т";
  page.text = "Один 👋.\r\n\r\nДва Ёлкин\n  \nТри";
  page.highlights = {Mark(15, 20, EntityKind::kPerson, "Пётр Ёлкин"),
                     Mark(17, 26, EntityKind::kLocation, "x"),  // overlaps the person: dropped
                     Mark(4, 12, EntityKind::kOrganization, "через абзац")};
  const std::string html = RenderArticlePage(page);
  EXPECT_THAT(html, HasSubstr("<p>Один<mark class=\"ent ent-org\" title=\"через абзац\"> 👋."
                              "</mark></p>\n<p><mark class=\"ent ent-org\" title=\"через абзац\">"
                              "Д</mark>ва <mark class=\"ent ent-per\" title=\"Пётр Ёлкин\">Ёлкин"
                              "</mark></p>\n<p>Три</p>"));
}

TEST(Pages, EmptyArticleRenders) {
  ArticlePage page;
  page.id = "x";
  const std::string html = RenderArticlePage(page);
  ExpectShell(html);
  EXPECT_THAT(html, HasSubstr("Без заголовка"));
  EXPECT_THAT(html, HasSubstr("Текст пуст."));
  EXPECT_THAT(html, HasSubstr("Персоны не найдены."));
}

TEST(Pages, HostileArticleIsInertText) {
  ArticlePage page;
  page.id = "\"><script>alert(1)</script>";
  page.title = "<script>alert(1)</script>";
  page.text =
      "Текст \"><img src=x onerror=alert(1)> и <a href=\"javascript:alert(1)\">ссылка</a>"
      "\n\n<script>alert(2)</script> <iframe src=//evil.example></iframe>";
  page.url = "javascript:alert(1)";
  page.source = "<b onmouseover=alert(1)>";
  page.highlights = {Mark(0, 5, EntityKind::kPerson, "\"><script>x</script>", 3),
                     Mark(0, 8, EntityKind::kOrganization, "' onfocus='alert(1)", 0, true)};
  kb::PanelEntry evil;
  evil.person_id = 3;
  evil.name = "<img src=x onerror=alert(1)>";
  evil.last_position = kb::LastPosition{"<script>", "\" onclick=\"x", ""};
  page.panel = {evil};
  for (const std::string& html : {RenderArticlePage(page), RenderEmbedPanel(page.panel)}) {
    ExpectDocument(html);
    // (The words of the attacks stay as inert text: «onerror=alert(1)&gt;».)
    for (const char* bad : {"<script", "<img", "<iframe", "<b ", "onerror=\"", "onclick=\"",
                            " onfocus='", "href=\"javascript", "<a href=\"javas"})
      EXPECT_THAT(html, Not(HasSubstr(bad))) << bad;
  }
  const std::string html = RenderArticlePage(page);
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(html, HasSubstr("<span class=\"kto-url\">javascript:alert(1)</span>"));
  EXPECT_THAT(html, HasSubstr("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
}

TEST(Pages, HostileInputsOnEveryPageAreEscaped) {
  const std::string evil = "\"><script>alert(1)</script><img src=x onerror=alert(1)>";
  kb::PanelEntry person = Ivolgin();
  person.name = evil;
  ArticleLink article{evil, evil, evil, evil};
  HomePage home{{article}, {person}, evil, evil};
  PersonPage dossier;
  dossier.kb_id = 7;
  dossier.name = dossier.surname = evil;
  dossier.aliases = {evil};
  dossier.positions = {PositionView{evil, evil, true, evil, evil, 1, evil, 0, 5, evil, evil}};
  dossier.months = {MonthCount{evil, 3}};
  dossier.co_mentioned = {CoMentionView{8, evil, 2}};
  dossier.quotes = {QuoteView{evil, evil, evil, evil}};
  dossier.article_list = {article};
  TopPage top{evil, evil, {person}, evil};
  SearchPage search{evil, {person},       {SearchHitView{article, {{evil, false}, {evil, true}}}},
                    1,    Pager{2, true}, evil};
  AnalyzePage analyze{evil, evil, true, {Mark(0, 3, EntityKind::kPerson, evil, 1)}, {person}, evil};
  for (const std::string& html :
       {RenderHomePage(home), RenderPersonPage(dossier), RenderTopPage(top),
        RenderSearchPage(search), RenderAnalyzePage(analyze), RenderErrorPage(404, evil)}) {
    ExpectShell(html);
    EXPECT_THAT(html, Not(HasSubstr("<img")));
  }
}

TEST(Pages, Home) {
  HomePage home;
  home.latest = {ArticleLink{"a/1", "Синегорск готовится к весне", "2026-03-05", "Вести"}};
  home.top_persons = {Ivolgin()};
  home.top_from = "2026-02-27";
  home.top_to = "2026-03-06";
  const std::string html = RenderHomePage(home);
  ExpectShell(html);
  EXPECT_THAT(html, HasSubstr("<li class=\"kto-article-item\"><a href=\"/articles/a%2F1\">"
                              "Синегорск готовится к весне</a>"));
  EXPECT_THAT(html, HasSubstr("<li class=\"kto-top-person\"><a class=\"kto-person-name\" "
                              "href=\"/persons/7\">"));
  EXPECT_THAT(html, HasSubstr("aria-current=\"page\">Главная"));
  EXPECT_THAT(html, HasSubstr("Чаще всего за неделю"));
  home.top_from.clear();  // the week had nobody: the rating is over all time
  home.top_to.clear();
  EXPECT_THAT(RenderHomePage(home), HasSubstr("Чаще всего за всё время"));
  ExpectShell(RenderHomePage(HomePage{}));
}

TEST(Pages, PersonDossier) {
  PersonPage page;
  page.kb_id = 7;
  page.name = "Аркадий Петрович Иволгин";
  page.surname = "Иволгин";
  page.first_name = "Аркадий";
  page.patronymic = "Петрович";
  page.aliases = {"Иволгин", "А. П. Иволгин"};
  page.last_position = kb::LastPosition{"президент", "Республика Заречье", "2026-03-01"};
  page.articles = 207;
  page.first_seen = "2024-01-10";
  page.last_seen = "2026-03-01";
  page.positions = {
      PositionView{"президент", "Республика Заречье", false, "2024-05-01", "2026-03-01", 150,
                   "Президент Республики Заречье Аркадий Иволгин 👋 открыл мост.", 0, 28, "z/9",
                   "Мост открыт"},
      PositionView{"мэр", "Синегорск", true, "2024-01-10", "2024-04-01", 3, "", 0, 0, "", ""},
      PositionView{"депутат", "Заречная дума", true, "2016-09-18", "2021-09-19", 0, "", 0, 0, "",
                   "", true, "2016-09-18", "2021-09-19"}};
  page.months = {MonthCount{"2025-11", 4}, MonthCount{"2026-02", 10}};
  page.co_mentioned = {CoMentionView{8, "Зоя Ручейкова", 12}};
  page.quotes = {QuoteView{"Мост откроем весной", "2026-03-01", "z/9", "Мост открыт"}};
  page.article_list = {ArticleLink{"z/9", "Мост открыт", "2026-03-01", "Вести"}};
  page.article_pager = Pager{2, true};
  const std::string html = RenderPersonPage(page);
  ExpectShell(html);
  EXPECT_THAT(html, HasSubstr("<h1 class=\"kto-person-title\">Аркадий Петрович Иволгин</h1>"));
  EXPECT_THAT(html, HasSubstr("<svg class=\"kto-chart\""));
  EXPECT_THAT(html, HasSubstr("<title id=\"chart-title\">Упоминания по месяцам</title>"));
  EXPECT_EQ(Count(html, "<rect class=\"bar\""), 4u);  // November to February, gaps as zero
  EXPECT_THAT(html, HasSubstr("<title>дек 2025: 0 статей</title>"));
  EXPECT_THAT(html, HasSubstr("<title>фев 2026: 10 статей</title>"));
  EXPECT_EQ(Count(html, "<li class=\"kto-position-item\">"), 3u);
  EXPECT_THAT(html, HasSubstr("по списку известных лиц с <time datetime=\"2016-09-18\">"));
  EXPECT_EQ(Count(html, "по списку известных лиц"), 1u);
  EXPECT_THAT(html, HasSubstr("<strong class=\"kto-phrase\">Президент Республики Заречье</strong>"
                              " Аркадий Иволгин 👋 открыл мост."));
  EXPECT_THAT(html, HasSubstr("(бывшая должность)"));
  EXPECT_THAT(html, HasSubstr("<blockquote class=\"kto-quote\"><p>«Мост откроем весной»</p>"));
  EXPECT_THAT(html, HasSubstr("<li class=\"kto-article-item\"><a href=\"/articles/z%2F9\">"));
  EXPECT_THAT(html, HasSubstr("<a rel=\"next\" href=\"/persons/7?page=3\">ещё</a>"));
  EXPECT_THAT(html, HasSubstr("<a rel=\"prev\" href=\"/persons/7?page=1\">назад</a>"));
  EXPECT_THAT(html, HasSubstr("<a href=\"/persons/8\">Зоя Ручейкова</a> — 12 общих статей"));
  EXPECT_THAT(html, HasSubstr("А. П. Иволгин"));
  EXPECT_THAT(html, HasSubstr("Последняя должность: Президент (Республика Заречье)"));
}

TEST(Pages, PersonDossierWithNothingKnown) {
  PersonPage page;
  page.kb_id = 1;
  page.name = "Ёлкин";
  const std::string html = RenderPersonPage(page);
  ExpectShell(html);
  EXPECT_THAT(html, HasSubstr("<svg class=\"kto-chart\""));
  EXPECT_THAT(html, Not(HasSubstr("<rect")));
  EXPECT_THAT(html, Not(HasSubstr("<nav class=\"kto-pager\"")));
}

TEST(Pages, Top) {
  TopPage page;
  page.from = "2026-03-01";
  page.to = "2026-03-08";
  page.persons = {Ivolgin()};
  const std::string html = RenderTopPage(page);
  ExpectShell(html);
  EXPECT_THAT(html, HasSubstr("name=\"from\" value=\"2026-03-01\""));
  EXPECT_THAT(html, HasSubstr("name=\"to\" value=\"2026-03-08\""));
  EXPECT_THAT(html, HasSubstr("type=\"date\""));
  EXPECT_THAT(html, HasSubstr("<ol class=\"kto-top\">\n<li class=\"kto-top-person\">"));
}

TEST(Pages, Search) {
  SearchPage page;
  page.query = "губернатор & «Заречье»";
  page.persons = {Ivolgin()};
  page.hits = {SearchHitView{ArticleLink{"n 1", "Новый губернатор", "2026-03-02", ""},
                             {{"…назначен ", false}, {"губернатором", true}, {" области", false}}}};
  page.total = 41;
  page.pager = Pager{1, true};
  const std::string html = RenderSearchPage(page);
  ExpectShell(html);
  EXPECT_THAT(html, HasSubstr("<li class=\"kto-person-hit\"><a class=\"kto-person-name\" "
                              "href=\"/persons/7\">"));
  EXPECT_THAT(html, HasSubstr("<li class=\"kto-search-hit\"><a href=\"/articles/n%201\">"));
  EXPECT_THAT(html, HasSubstr("…назначен <mark class=\"kto-hit\">губернатором</mark> области"));
  EXPECT_THAT(html, HasSubstr("Найдено: 41 статья"));
  EXPECT_THAT(html,
              HasSubstr("href=\"/search?q=%D0%B3%D1%83%D0%B1%D0%B5%D1%80%D0%BD%D0%B0%D1%82%D0%BE"
                        "%D1%80%20%26%20%C2%AB%D0%97%D0%B0%D1%80%D0%B5%D1%87%D1%8C%D0%B5%C2%BB&amp;"
                        "page=2\">ещё</a>"));
  EXPECT_THAT(html, HasSubstr("value=\"губернатор &amp; «Заречье»\""));
  ExpectShell(RenderSearchPage(SearchPage{}));
}

TEST(Pages, Analyze) {
  AnalyzePage page;
  const std::string form = RenderAnalyzePage(page);
  ExpectShell(form);
  EXPECT_THAT(form, HasSubstr("<form class=\"kto-analyze\" action=\"/analyze\" method=\"post\" "
                              "enctype=\"multipart/form-data\">"));
  EXPECT_THAT(form, HasSubstr("<textarea name=\"text\""));
  EXPECT_THAT(form, HasSubstr("<input name=\"title\""));
  EXPECT_THAT(form, Not(HasSubstr("kto-panel\"")));

  page.title = "Визит";
  page.text = "Аркадий Иволгин прибыл.";
  page.analyzed = true;
  page.highlights = {Mark(0, 15, EntityKind::kPerson, "Аркадий Иволгин")};
  kb::PanelEntry e = Ivolgin();
  e.person_id = 0;
  page.panel = {e};
  const std::string html = RenderAnalyzePage(page);
  ExpectShell(html);
  EXPECT_THAT(html, HasSubstr(">Аркадий Иволгин прибыл.</textarea>"));
  EXPECT_THAT(html, HasSubstr("<mark class=\"ent ent-per\" title=\"Аркадий Иволгин\">Аркадий "
                              "Иволгин</mark> прибыл."));
  EXPECT_THAT(html, HasSubstr("<section class=\"kto-panel\">"));
  EXPECT_THAT(html, HasSubstr("<span class=\"kto-person-name\">Аркадий Петрович Иволгин</span>"));
}

TEST(Pages, EmbedPanel) {
  const std::string html = RenderEmbedPanel({Ivolgin()});
  ExpectDocument(html);
  for (const char* var : {"--kto-font", "--kto-fg", "--kto-bg", "--kto-accent", "--kto-muted"})
    EXPECT_THAT(html, HasSubstr(var));
  EXPECT_THAT(html, HasSubstr("<a class=\"kto-person-name\" href=\"/persons/7\" "
                              "target=\"_blank\" rel=\"noopener\">"));
  EXPECT_THAT(html, HasSubstr("<section class=\"kto-panel\">\n<h2>Анализ</h2>"));
  EXPECT_THAT(html, Not(HasSubstr("kto-search")));  // the panel alone
  EXPECT_LT(html.size(), 4000u);
}

// The colour variables of a page's styles: name -> «#rrggbb».
std::map<std::string, std::string> Colours(const std::string& html) {
  static const std::regex kVariable(R"((--[a-z-]+): (#[0-9a-f]{6});)");
  std::map<std::string, std::string> out;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), kVariable);
       it != std::sregex_iterator(); ++it)
    out[(*it)[1]] = (*it)[2];
  return out;
}

// WCAG 2 contrast ratio of two «#rrggbb» colours.
double Contrast(const std::string& a, const std::string& b) {
  auto luminance = [](const std::string& hex) {
    double l = 0;
    const double weights[] = {0.2126, 0.7152, 0.0722};
    for (int i = 0; i < 3; ++i) {
      const double c = std::stoi(hex.substr(1 + 2 * i, 2), nullptr, 16) / 255.0;
      l += weights[i] * (c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4));
    }
    return l;
  };
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

TEST(Pages, ColoursKeepContrast) {
  auto page = Colours(RenderHomePage(HomePage{}));
  for (const auto& [fg, bg] :
       std::vector<std::pair<std::string, std::string>>{{"--fg", "--bg"},
                                                        {"--muted", "--bg"},
                                                        {"--accent", "--bg"},
                                                        {"--fg", "--panel-bg"},
                                                        {"--muted", "--panel-bg"},
                                                        {"--accent", "--panel-bg"},
                                                        {"--fg", "--per-bg"},
                                                        {"--fg", "--org-bg"},
                                                        {"--fg", "--loc-bg"},
                                                        {"--fg", "--hit-bg"},
                                                        {"--former-fg", "--bg"},
                                                        {"--error-fg", "--bg"}}) {
    ASSERT_TRUE(page.count(fg) && page.count(bg)) << fg << " " << bg;
    EXPECT_GE(Contrast(page[fg], page[bg]), 4.5) << fg << " on " << bg;
  }
  auto embed = Colours(RenderEmbedPanel({}));
  for (const char* fg : {"--kto-fg", "--kto-muted", "--kto-accent"}) {
    ASSERT_TRUE(embed.count(fg) && embed.count("--kto-bg")) << fg;
    EXPECT_GE(Contrast(embed[fg], embed["--kto-bg"]), 4.5) << fg;
  }
}

TEST(Pages, Error) {
  const std::string html = RenderErrorPage(404, "Нет статьи «x/1»");
  ExpectShell(html);
  EXPECT_THAT(html, HasSubstr("404 — Страница не найдена"));
  EXPECT_THAT(html, HasSubstr("Нет статьи «x/1»"));
  ExpectShell(RenderErrorPage(418, ""));
}

}  // namespace
}  // namespace kto::web
