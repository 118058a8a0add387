// Broken, truncated and garbled input must never crash the HTML and feed
// readers (run under ASan/UBSan by scripts/test.sh --sanitize). A cheap,
// deterministic stand-in for a fuzzer: well-formed documents written for the
// tests, cut and mutated with a fixed seed.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>

#include "kto/ingest/feed.h"
#include "kto/ingest/html.h"
#include "kto/text/utf8.h"

namespace kto::ingest {
namespace {

constexpr const char* kHtml =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Кедровск</title>"
    "<meta property=\"og:title\" content=\"Мост\"><script>if (a < b) { x = \"</p>\"; }</script>"
    "</head><body><nav><a href=\"/\">Главная</a></nav><article><h1>Мост открыт</h1>"
    "<p>Губернатор <b>Игорь Кедров</b> открыл мост &amp; дорогу&nbsp;к Лесногорску.</p>"
    "<time datetime=\"2026-11-28T10:00:00+03:00\">28 ноября</time>"
    "<blockquote>«Мост готов», — сказал он.</blockquote><ul><li>Один</li><li>Два</li></ul>"
    "</article><footer>© 2026</footer></body></html>";

constexpr const char* kRss =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" "
    "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Вестник</title>"
    "<item><title>Мост</title><guid>g1</guid><pubDate>Sat, 28 Nov 2026 10:00:00 +0300</pubDate>"
    "<description>&lt;p&gt;Кедров открыл мост.&lt;/p&gt;</description>"
    "<content:encoded><![CDATA[<p>Губернатор Игорь Кедров</p>]]></content:encoded></item>"
    "</channel></rss>";

// `doc` cut (when `cut`), with bytes replaced, inserted or deleted at random.
std::string Mutate(const std::string& doc, std::mt19937& rng, bool cut = true) {
  std::string s = cut ? doc.substr(0, rng() % (doc.size() + 1)) : doc;
  const int edits = 1 + static_cast<int>(rng() % (cut ? 8 : 2));
  static constexpr char kSpecial[] = "<>&;\"'/=!?[]-\xD0\xC0\xFF\x80\x00 ";
  for (int e = 0; e < edits && !s.empty(); ++e) {
    const size_t pos = rng() % s.size();
    const char c =
        (rng() % 2) != 0 ? kSpecial[rng() % (sizeof kSpecial - 1)] : static_cast<char>(rng() % 256);
    switch (rng() % 3) {
      case 0:
        s[pos] = c;
        break;
      case 1:
        s.insert(s.begin() + static_cast<std::ptrdiff_t>(pos), c);
        break;
      default:
        s.erase(pos, 1 + rng() % 4);
    }
  }
  return s;
}

// Each test also counts the mutated documents that were really read (text or
// items came out), so that a reader refusing everything cannot pass.
TEST(Robustness, MutatedHtmlNeverCrashesAndYieldsValidUtf8) {
  std::mt19937 rng(20261128);
  int with_text = 0;
  for (int i = 0; i < 400; ++i) {
    const std::string html = Mutate(kHtml, rng);
    auto lenient = ExtractHtml(html, Utf8Policy::kLenient);
    ASSERT_TRUE(lenient.ok()) << i << ": " << lenient.status().message();
    with_text += !lenient->text.empty();
    EXPECT_FALSE(text::FindInvalidUtf8(lenient->text)) << i;
    EXPECT_FALSE(text::FindInvalidUtf8(lenient->title)) << i;
    auto strict = ExtractHtml(html);  // may refuse invalid UTF-8, never crash
    if (strict.ok()) {
      EXPECT_FALSE(text::FindInvalidUtf8(strict->text)) << i;
    }
    EXPECT_FALSE(text::FindInvalidUtf8(HtmlFragmentText(html))) << i;
  }
  std::printf("[ html ] %d of 400 mutated pages gave text\n", with_text);
  EXPECT_GE(with_text, 100) << "of 400 mutated pages";
}

// XML must be well formed, so a cut feed is always refused: every other feed
// keeps its end and has one or two bytes changed, and some of those are read.
TEST(Robustness, MutatedFeedsNeverCrash) {
  std::mt19937 rng(7);
  int read = 0, with_items = 0;
  for (int i = 0; i < 400; ++i) {
    auto items = ParseFeed(Mutate(kRss, rng, /*cut=*/i % 2 == 0));
    if (!items.ok()) continue;
    ++read;
    with_items += !items->empty();
    for (const FeedItem& item : *items) {
      EXPECT_FALSE(text::FindInvalidUtf8(item.text)) << i;
      EXPECT_FALSE(text::FindInvalidUtf8(item.title)) << i;
    }
  }
  std::printf("[ feeds ] %d of 400 mutated feeds read, %d with items\n", read, with_items);
  EXPECT_GE(with_items, 10) << "of 400 mutated feeds";
}

}  // namespace
}  // namespace kto::ingest
