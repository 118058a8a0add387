// Feeds written for these tests, about fictional people and places.
#include "kto/ingest/feed.h"

#include <gtest/gtest.h>

namespace kto::ingest {
namespace {

constexpr const char* kRss = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Северский вестник</title>
  <link>https://vestnik.example/</link>
  <item>
    <title>Мост через Светлую открыт</title>
    <link>https://vestnik.example/most</link>
    <guid isPermaLink="false">vestnik-101</guid>
    <pubDate>Sat, 28 Nov 2026 10:00:00 +0300</pubDate>
    <description>Короткое описание.</description>
    <content:encoded><![CDATA[<p>Губернатор Игорь Кедров открыл мост.</p><p>Движение запущено.</p>]]></content:encoded>
  </item>
  <item>
    <title>Школа в Лесногорске</title>
    <link>https://vestnik.example/school</link>
    <pubDate>не дата</pubDate>
    <description>&lt;p&gt;Мэр Анна Зимина открыла школу.&lt;/p&gt;</description>
  </item>
  <item><title>Пустая</title></item>
</channel>
</rss>)";

constexpr const char* kAtom = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Лесногорские новости</title>
  <entry>
    <title type="html">Совет &lt;b&gt;округа&lt;/b&gt;</title>
    <id>urn:lesnogorsk:7</id>
    <link rel="self" href="https://les.example/feed/7"/>
    <link rel="alternate" href="https://les.example/7"/>
    <updated>2026-10-05T12:00:00Z</updated>
    <published>2026-10-05T09:30:00+03:00</published>
    <summary>Кратко.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Депутат Олег Лесин выступил.</p></div></content>
  </entry>
  <entry>
    <title>Вторая</title>
    <id>urn:lesnogorsk:8</id>
    <link href="https://les.example/8"/>
    <updated>2026-10-06T08:00:00Z</updated>
    <summary>Только краткое содержание.</summary>
  </entry>
</feed>)";

TEST(ParseFeed, Rss2) {
  auto items = ParseFeed(kRss);
  ASSERT_TRUE(items.ok()) << items.status().message();
  ASSERT_EQ(items->size(), 3u);
  const FeedItem& a = (*items)[0];
  EXPECT_EQ(a.external_id, "vestnik-101");
  EXPECT_EQ(a.url, "https://vestnik.example/most");
  EXPECT_EQ(a.source, "Северский вестник");
  EXPECT_EQ(a.published_at, "2026-11-28T07:00:00Z");
  EXPECT_EQ(a.title, "Мост через Светлую открыт");
  EXPECT_EQ(a.text, "Губернатор Игорь Кедров открыл мост.\n\nДвижение запущено.");
  const FeedItem& b = (*items)[1];
  EXPECT_EQ(b.external_id, "");
  EXPECT_EQ(b.published_at, "");  // unreadable date dropped
  EXPECT_EQ(b.text, "Мэр Анна Зимина открыла школу.");
  EXPECT_EQ((*items)[2].text, "");
}

TEST(ParseFeed, Atom) {
  auto items = ParseFeed(kAtom);
  ASSERT_TRUE(items.ok()) << items.status().message();
  ASSERT_EQ(items->size(), 2u);
  const FeedItem& a = (*items)[0];
  EXPECT_EQ(a.external_id, "urn:lesnogorsk:7");
  EXPECT_EQ(a.url, "https://les.example/7");
  EXPECT_EQ(a.source, "Лесногорские новости");
  EXPECT_EQ(a.published_at, "2026-10-05T06:30:00Z");
  EXPECT_EQ(a.title, "Совет округа");
  EXPECT_EQ(a.text, "Депутат Олег Лесин выступил.");
  const FeedItem& b = (*items)[1];
  EXPECT_EQ(b.url, "https://les.example/8");
  EXPECT_EQ(b.published_at, "2026-10-06T08:00:00Z");
  EXPECT_EQ(b.text, "Только краткое содержание.");
}

TEST(ParseFeed, RejectsWhatIsNotAFeed) {
  auto broken = ParseFeed("<rss><channel><item><title>Оборвано");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(broken.status().message().find("not well-formed XML"), std::string::npos);
  auto other = ParseFeed("<?xml version=\"1.0\"?><note>Заметка</note>");
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.status().message().find("<note>"), std::string::npos);
  EXPECT_FALSE(ParseFeed("").ok());
  EXPECT_FALSE(ParseFeed("<rss><channel><title>Кедр\xC0\xAF</title></channel></rss>").ok());
}

TEST(ParseFeed, DoesNotExpandExternalEntities) {
  auto items = ParseFeed(
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
      "<rss><channel><item><title>&x;</title><description>Текст</description></item>"
      "</channel></rss>");
  if (items.ok()) {
    ASSERT_EQ(items->size(), 1u);
    EXPECT_EQ((*items)[0].title, "");
  }
}

}  // namespace
}  // namespace kto::ingest
