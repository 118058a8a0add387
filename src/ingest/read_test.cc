// ReadArticles over files, standard formats and a local HTTP server.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <vector>

#include "kto/ingest/ingest.h"
#include "test_http_server.h"

namespace kto::ingest {
namespace {

namespace fs = std::filesystem;

struct Collected {
  std::vector<SourceArticle> articles;
  std::vector<std::pair<std::string, std::string>> rejected;  // origin, message
  Result<ReadSummary> summary = Status::Internal("not run");
};

Collected Read(const std::string& input, ReadOptions options = {}) {
  Collected c;
  c.summary = ReadArticles(
      input, options,
      [&](SourceArticle&& a) {
        c.articles.push_back(std::move(a));
        return Status();
      },
      [&](const std::string& origin, const Status& why) {
        c.rejected.emplace_back(origin, why.message());
      });
  return c;
}

class ReadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kto_ingest_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& content) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }

  fs::path dir_;
};

TEST_F(ReadTest, JsonLinesReportsABadLineByNumberAndReadsTheRest) {
  const std::string path =
      Write("news.jsonl",
            "{\"id\": \"a1\", \"title\": \"Мост\", \"text\": \"Кедров открыл мост.\","
            " \"published_at\": \"2026-11-28T10:00:00+03:00\", \"source\": "
            "\"Вестник\", \"url\": \"https://v.example/1\"}\n"
            "\n"
            "{\"id\": \"a2\", \"text\": \"оборвано\n"
            "{\"id\": 7, \"text\": \"Зимина открыла школу.\"}\n"
            "{\"id\": \"a4\", \"text\": \"Дата плохая.\", \"published_at\": \"вчера\"}\n"
            "{\"id\": \"a5\", \"text\": \"   \"}\n"
            "[1, 2]\n"
            "{\"text\": \"Без id.\", \"title\": null}\n");
  const Collected c = Read(path);
  ASSERT_TRUE(c.summary.ok()) << c.summary.status().message();
  EXPECT_EQ(c.summary->accepted, 3u);
  EXPECT_EQ(c.summary->rejected, 4u);
  ASSERT_EQ(c.articles.size(), 3u);
  const SourceArticle& a = c.articles[0];
  EXPECT_EQ(a.external_id, "a1");
  EXPECT_EQ(a.title, "Мост");
  EXPECT_EQ(a.text, "Кедров открыл мост.");
  EXPECT_EQ(a.published_at, "2026-11-28T07:00:00Z");
  EXPECT_EQ(a.source, "Вестник");
  EXPECT_EQ(a.url, "https://v.example/1");
  EXPECT_EQ(a.origin, path + ":1");
  EXPECT_EQ(c.articles[1].external_id, "7");
  EXPECT_EQ(c.articles[1].origin, path + ":4");
  EXPECT_EQ(c.articles[2].external_id, "");
  ASSERT_EQ(c.rejected.size(), 4u);
  EXPECT_EQ(c.rejected[0].first, path + ":3");
  EXPECT_EQ(c.rejected[0].second, "not valid JSON");
  EXPECT_EQ(c.rejected[1].first, path + ":5");
  EXPECT_NE(c.rejected[1].second.find("published_at"), std::string::npos);
  EXPECT_EQ(c.rejected[2].first, path + ":6");
  EXPECT_EQ(c.rejected[3].first, path + ":7");
}

TEST_F(ReadTest, InvalidUtf8IsRejectedOrRepaired) {
  const std::string jsonl = Write("bad.jsonl", "{\"id\": \"x\", \"text\": \"Кедр\xC0\xAF\"}\n");
  Collected strict = Read(jsonl);
  EXPECT_EQ(strict.summary->rejected, 1u);
  EXPECT_NE(strict.rejected[0].second.find("invalid UTF-8"), std::string::npos);
  ReadOptions lenient;
  lenient.utf8 = Utf8Policy::kLenient;
  Collected repaired = Read(jsonl, lenient);
  ASSERT_EQ(repaired.articles.size(), 1u);
  EXPECT_EQ(repaired.articles[0].text, "Кедр\uFFFD\uFFFD");

  const std::string txt = Write("bad.txt", "Мэр\xFF Зимина");
  EXPECT_EQ(Read(txt).summary->rejected, 1u);
  EXPECT_EQ(Read(txt, lenient).articles.at(0).text, "Мэр\uFFFD Зимина");
  const std::string html = Write("bad.html", "<p>Мэр\xFF Зимина</p>");
  EXPECT_EQ(Read(html).summary->rejected, 1u);
  EXPECT_EQ(Read(html, lenient).articles.at(0).text, "Мэр\uFFFD Зимина");
  const std::string feed = Write("bad.xml",
                                 "<rss><channel><item><description>Мэр\xFF Зимина</description>"
                                 "</item></channel></rss>");
  EXPECT_EQ(Read(feed).summary->rejected, 1u);
  EXPECT_EQ(Read(feed, lenient).articles.at(0).text, "Мэр\uFFFD Зимина");
}

// An article over the size limit is rejected with the reason, in every
// format, and the articles around it are read.
TEST_F(ReadTest, AnArticleOverTheSizeLimitIsRejectedAndTheRestRead) {
  ReadOptions small;
  small.max_article_bytes = 100;
  const std::string big(101, 'a');
  Collected lines = Read(Write("a.jsonl",
                               "{\"id\": \"1\", \"text\": \"Мэр Зимина\"}\n"
                               "{\"id\": \"2\", \"text\": \"" +
                                   big +
                                   "\"}\n"
                                   "{\"id\": \"3\", \"text\": \"Мэр Лесин\"}\n"),
                         small);
  ASSERT_EQ(lines.articles.size(), 2u);
  EXPECT_EQ(lines.articles[1].external_id, "3");
  ASSERT_EQ(lines.rejected.size(), 1u);
  EXPECT_NE(lines.rejected[0].first.find("a.jsonl:2"), std::string::npos);
  EXPECT_NE(lines.rejected[0].second.find("101 bytes, more than the limit of 100"),
            std::string::npos)
      << lines.rejected[0].second;
  EXPECT_EQ(Read(Write("a.txt", big), small).summary->rejected, 1u);
  EXPECT_EQ(Read(Write("a.txt", big)).articles.size(), 1u);  // the default limit is 4 MB
  EXPECT_EQ(Read(Write("a.html", "<p>" + big + "</p>"), small).summary->rejected, 1u);

  std::istringstream in("{\"id\": \"x\", \"text\": \"" + big + "\"}\n");
  size_t rejected = 0;
  auto summary = ReadJsonLines(
      in, "in", 1, Utf8Policy::kStrict, [](SourceArticle&&) { return Status(); },
      [&](const std::string&, const Status&) { ++rejected; }, 100);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(rejected, 1u);
}

TEST_F(ReadTest, EmptyInputsGiveNothingAndNoError) {
  for (const char* name : {"empty.jsonl", "empty.txt", "empty.html", "blank.txt"}) {
    const Collected c = Read(Write(name, name[0] == 'b' ? " \n\n \t\n" : ""));
    ASSERT_TRUE(c.summary.ok()) << name;
    EXPECT_EQ(c.summary->accepted + c.summary->rejected, 0u) << name;
  }
  // A page with no text in it is rejected: there is no article.
  const Collected page = Read(Write("nav.html", "<nav><a href=\"/\">Главная</a></nav>"));
  EXPECT_EQ(page.summary->rejected, 1u);
}

TEST_F(ReadTest, FormatFromExtensionOrContent) {
  const std::string text = "\n\nГубернатор Игорь Кедров открыл мост.\n";
  const Collected t = Read(Write("01-most.txt", text));
  ASSERT_EQ(t.articles.size(), 1u);
  EXPECT_EQ(t.articles[0].text, text);  // leading lines kept: offsets are offsets into the file
  EXPECT_EQ(t.articles[0].external_id, (dir_ / "01-most.txt").string());

  const Collected h = Read(Write("page.dat", "<!doctype html><title>Т</title><p>Абзац.</p>"));
  ASSERT_EQ(h.articles.size(), 1u);
  EXPECT_EQ(h.articles[0].title, "Т");
  EXPECT_EQ(h.articles[0].text, "Абзац.");

  const Collected f =
      Read(Write("feed.dat",
                 "<?xml version=\"1.0\"?>\n<rss><channel><title>Вестник</title><item>"
                 "<guid>g1</guid><description>Новость.</description></item>"
                 "</channel></rss>"));
  ASSERT_EQ(f.articles.size(), 1u);
  EXPECT_EQ(f.articles[0].external_id, "g1");
  EXPECT_EQ(f.articles[0].source, "Вестник");
  EXPECT_EQ(f.articles[0].origin, (dir_ / "feed.dat").string() + " item 1");

  EXPECT_EQ(SniffFormat("  {\"text\": 1}"), Format::kJsonLines);
  EXPECT_EQ(SniffFormat("\xEF\xBB\xBF<feed xmlns=\"http://www.w3.org/2005/Atom\">"), Format::kFeed);
  EXPECT_EQ(SniffFormat("<div>Текст</div>"), Format::kHtml);
  EXPECT_EQ(SniffFormat("Просто текст"), Format::kText);
  EXPECT_EQ(FormatFromExtension("a/b.NDJSON"), Format::kJsonLines);
  EXPECT_EQ(FormatFromExtension("feed.atom"), Format::kFeed);
  EXPECT_EQ(FormatFromExtension("x"), Format::kAuto);
}

TEST_F(ReadTest, MissingFileAndFolderAreErrors) {
  EXPECT_EQ(Read((dir_ / "none.txt").string()).summary.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Read(dir_.string()).summary.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(ReadTest, SinkErrorStopsReading) {
  const std::string path = Write("two.jsonl", "{\"text\": \"Один.\"}\n{\"text\": \"Два.\"}\n");
  int calls = 0;
  auto summary = ReadArticles(
      path, {},
      [&](SourceArticle&&) {
        ++calls;
        return Status::IoError("disk full");
      },
      [](const std::string&, const Status&) {});
  EXPECT_EQ(summary.status().code(), StatusCode::kIoError);
  EXPECT_EQ(calls, 1);
}

constexpr const char* kFeed = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Северский вестник</title>
<item><guid>v-1</guid><link>https://vestnik.example/1</link>
<description>Губернатор Игорь Кедров открыл мост.</description></item>
<item><guid>v-2</guid><link>https://vestnik.example/2</link>
<description>Мэр Анна Зимина открыла школу.</description></item>
</channel></rss>)";

TEST_F(ReadTest, FetchesAFeedFromAnHttpUrl) {
  testing::TestHttpServer server(200, "application/rss+xml; charset=utf-8", kFeed);
  ASSERT_TRUE(server.ok());
  const Collected c = Read(server.Url("/feed"));
  ASSERT_TRUE(c.summary.ok()) << c.summary.status().message();
  ASSERT_EQ(c.articles.size(), 2u);
  EXPECT_EQ(c.articles[1].external_id, "v-2");
  EXPECT_EQ(c.articles[1].text, "Мэр Анна Зимина открыла школу.");
  EXPECT_EQ(server.requests(), 1);
}

TEST_F(ReadTest, UnreachableFeedIsAClearErrorAndYieldsNothing) {
  const std::string url =
      "http://127.0.0.1:" + std::to_string(testing::TestHttpServer::UnusedPort()) + "/feed";
  const Collected c = Read(url);
  ASSERT_FALSE(c.summary.ok());
  EXPECT_EQ(c.summary.status().code(), StatusCode::kIoError);
  EXPECT_NE(c.summary.status().message().find("cannot fetch " + url), std::string::npos)
      << c.summary.status().message();
  EXPECT_TRUE(c.articles.empty());
  EXPECT_TRUE(c.rejected.empty());
}

TEST_F(ReadTest, HttpErrorStatusIsAClearError) {
  testing::TestHttpServer server(404, "text/html", "<p>Нет такой страницы</p>");
  ASSERT_TRUE(server.ok());
  const Collected c = Read(server.Url("/missing"));
  ASSERT_FALSE(c.summary.ok());
  EXPECT_NE(c.summary.status().message().find("HTTP status 404"), std::string::npos)
      << c.summary.status().message();
  EXPECT_TRUE(c.articles.empty());
}

TEST_F(ReadTest, SlowServerTimesOut) {
  // A server that reads the request and answers only long after the timeout.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  testing::TestHttpServer server([released](const httplib::Request&, httplib::Response& response) {
    released.wait_for(std::chrono::seconds(30));
    response.set_content(kFeed, "application/rss+xml");
  });
  ASSERT_TRUE(server.ok());
  ReadOptions options;
  options.fetch.timeout_ms = 300;
  const auto start = std::chrono::steady_clock::now();
  const Collected c = Read(server.Url("/feed"), options);
  const auto waited = std::chrono::steady_clock::now() - start;
  release.set_value();
  ASSERT_FALSE(c.summary.ok());
  EXPECT_EQ(c.summary.status().code(), StatusCode::kIoError);
  EXPECT_NE(c.summary.status().message().find("cannot fetch"), std::string::npos);
  EXPECT_LT(waited, std::chrono::seconds(10));
  EXPECT_TRUE(c.articles.empty());
  EXPECT_EQ(server.requests(), 1);
}

TEST_F(ReadTest, FollowsRedirects) {
  testing::TestHttpServer server([](const httplib::Request& request, httplib::Response& response) {
    if (request.path == "/feed") {
      response.set_content(kFeed, "application/rss+xml");
    } else {
      response.set_redirect(request.path == "/old" ? "/moved" : "/feed", 301);
    }
  });
  ASSERT_TRUE(server.ok());
  const Collected c = Read(server.Url("/old"));
  ASSERT_TRUE(c.summary.ok()) << c.summary.status().message();
  ASSERT_EQ(c.articles.size(), 2u);
  EXPECT_EQ(c.articles[0].external_id, "v-1");
  EXPECT_EQ(server.requests(), 3);
}

}  // namespace
}  // namespace kto::ingest
