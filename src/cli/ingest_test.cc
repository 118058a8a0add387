// Runs `kto ingest` end to end on files written here (fictional people and
// places) and checks the store it leaves behind.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "../ingest/test_http_server.h"
#include "kto/store/store.h"

namespace {

namespace fs = std::filesystem;

struct KtoRun {
  int exit_code = -1;
  std::string out, err;
};

class IngestCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kto_ingest_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "test.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name, std::ios::binary) << content;
    return (dir_ / name).string();
  }

  // Runs `kto ARGS` in the test's folder with `input` on stdin.
  KtoRun Kto(const std::string& args, const std::string& input = "") {
    Write("stdin", input);
    const std::string command =
        "cd " + dir_.string() + " && " + KTO_BINARY + " " + args + " <stdin >stdout 2>stderr";
    const int status = std::system(command.c_str());
    KtoRun run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::stringstream o, e;
    o << std::ifstream(dir_ / "stdout").rdbuf();
    e << std::ifstream(dir_ / "stderr").rdbuf();
    run.out = o.str();
    run.err = e.str();
    return run;
  }

  // `kto ingest --json --db test.db ARGS`: the summary line parsed.
  nlohmann::json Ingest(const std::string& args, int expected_exit = 0,
                        const std::string& input = "") {
    last_ = Kto("ingest --json --db " + db_ + " " + args, input);
    EXPECT_EQ(last_.exit_code, expected_exit) << last_.err;
    auto summary = nlohmann::json::parse(last_.out, nullptr, false);
    EXPECT_FALSE(summary.is_discarded()) << last_.out;
    return summary;
  }

  std::unique_ptr<kto::store::Store> OpenStore() {
    auto store = kto::store::Open(db_);
    EXPECT_TRUE(store.ok()) << store.status().message();
    return std::move(store).value();
  }

  fs::path dir_;
  std::string db_;
  KtoRun last_;
};

constexpr const char* kNews =
    "{\"id\": \"v1\", \"title\": \"Мост\", \"text\": \"Губернатор Игорь Кедров открыл мост.\", "
    "\"published_at\": \"2026-11-28T10:00:00+03:00\", \"source\": \"Вестник\", \"url\": "
    "\"https://vestnik.example/1\"}\n"
    "{\"id\": \"v2\", \"text\": \"Мэр Анна Зимина открыла школу.\"}\n";

TEST_F(IngestCli, StoresArticlesAndIsIdempotent) {
  const std::string news = Write("news.jsonl", kNews);
  auto first = Ingest(news);
  EXPECT_EQ(first["new"], 2);
  EXPECT_EQ(first["rejected"], 0);
  // The same file again, the same articles under another file, and the same
  // content under another id and url: nothing changes.
  EXPECT_EQ(Ingest(news)["unchanged"], 2);
  const std::string copy =
      Write("copy.jsonl",
            "{\"id\": \"other\", \"url\": \"https://mirror.example/x\", \"text\": \"Губернатор "
            "Игорь  Кедров\\nоткрыл мост.\"}\n");
  auto again = Ingest(copy);
  EXPECT_EQ(again["new"], 0);
  EXPECT_EQ(again["unchanged"], 1);
  auto store = OpenStore();
  EXPECT_EQ(*store->CountArticles(), 2);
  const auto v1 = store->FindArticleByExternalId("v1")->value();
  EXPECT_EQ(v1.published_at, "2026-11-28T07:00:00Z");
  EXPECT_EQ(v1.source, "Вестник");
  // Analyzed when a model is at hand, else kept for a later analysis.
  EXPECT_EQ(v1.needs_analysis, first["analyzed"] == 0);
}

TEST_F(IngestCli, ChangedTextIsUpdated) {
  Ingest(Write("a.jsonl", kNews));
  auto changed = Ingest(
      Write("b.jsonl", "{\"id\": \"v2\", \"text\": \"Мэр Анна Зимина открыла две школы.\"}\n"));
  EXPECT_EQ(changed["updated"], 1);
  auto store = OpenStore();
  EXPECT_EQ(store->FindArticleByExternalId("v2")->value().text,
            "Мэр Анна Зимина открыла две школы.");
}

TEST_F(IngestCli, MalformedLineIsReportedWithItsNumberAndTheRestIngested) {
  const std::string path =
      Write("mixed.jsonl", std::string(kNews) + "{\"id\": \"v3\", \"text\": \n" +
                               "{\"id\": \"v4\", \"text\": \"Совет собрался.\"}\n");
  auto summary = Ingest(path, 3);
  EXPECT_EQ(summary["new"], 3);
  EXPECT_EQ(summary["rejected"], 1);
  EXPECT_NE(last_.err.find(path + ":3: not valid JSON"), std::string::npos) << last_.err;
  EXPECT_EQ(*OpenStore()->CountArticles(), 3);
}

TEST_F(IngestCli, TextHtmlAndStdin) {
  const std::string txt = Write("most.txt", "Губернатор Игорь Кедров открыл мост.\n");
  const std::string html = Write("school.html",
                                 "<html><head><title>Школа</title></head><body><nav>Меню</nav>"
                                 "<p>Мэр Анна Зимина открыла школу.</p><script>x()</script>"
                                 "</body></html>");
  auto summary = Ingest(txt + " " + html + " -", 0, "Депутат Олег Лесин выступил.");
  EXPECT_EQ(summary["new"], 3);
  auto store = OpenStore();
  const auto page = store->FindArticleByExternalId(html)->value();
  EXPECT_EQ(page.title, "Школа");
  EXPECT_EQ(page.text, "Мэр Анна Зимина открыла школу.");
}

TEST_F(IngestCli, EmptyInputStoresNothing) {
  auto summary = Ingest(Write("empty.jsonl", "") + " -", 0, "");
  EXPECT_EQ(summary["new"], 0);
  EXPECT_EQ(summary["rejected"], 0);
  EXPECT_EQ(*OpenStore()->CountArticles(), 0);
}

TEST_F(IngestCli, InvalidUtf8IsRejectedUnlessLenient) {
  const std::string path = Write("bad.txt", "Мэр\xFF Зимина");
  EXPECT_EQ(Ingest(path, 3)["rejected"], 1);
  EXPECT_NE(last_.err.find("invalid UTF-8"), std::string::npos);
  EXPECT_EQ(Ingest("--lenient " + path)["new"], 1);
}

TEST_F(IngestCli, UnreachableFeedIsAClearErrorAndWritesNothing) {
  const std::string url =
      "http://127.0.0.1:" + std::to_string(kto::ingest::testing::TestHttpServer::UnusedPort()) +
      "/rss";
  auto summary = Ingest(url, 4);
  EXPECT_EQ(summary["new"], 0);
  EXPECT_NE(last_.err.find("cannot fetch " + url), std::string::npos) << last_.err;
  EXPECT_EQ(*OpenStore()->CountArticles(), 0);
}

TEST_F(IngestCli, FetchesAFeed) {
  kto::ingest::testing::TestHttpServer server(
      200, "application/rss+xml",
      "<?xml version=\"1.0\"?><rss><channel><title>Вестник</title>"
      "<item><guid>g1</guid><description>Кедров открыл мост.</description></item>"
      "<item><guid>g2</guid><description>Зимина открыла школу.</description></item>"
      "</channel></rss>");
  ASSERT_TRUE(server.ok());
  EXPECT_EQ(Ingest(server.Url("/rss"))["new"], 2);
  EXPECT_EQ(OpenStore()->FindArticleByExternalId("g2")->value().source, "Вестник");
}

TEST_F(IngestCli, DefaultDatabaseAndBadDatabase) {
  Write("a.txt", "Губернатор Игорь Кедров открыл мост.");
  const KtoRun run = Kto("ingest a.txt");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("kto.db: 1 new, 0 unchanged, 0 updated, 0 rejected"), std::string::npos)
      << run.out;
  EXPECT_TRUE(fs::exists(dir_ / "kto.db"));

  Write("notes.db", std::string(8192, 'x'));
  const KtoRun bad = Kto("ingest --db notes.db a.txt");
  EXPECT_EQ(bad.exit_code, 5) << bad.err;
  EXPECT_NE(bad.err.find("not a kto database"), std::string::npos) << bad.err;
  EXPECT_EQ(Kto("ingest").exit_code, 2);
  EXPECT_EQ(Kto("ingest --format xml a.txt").exit_code, 2);
  EXPECT_EQ(Kto("ingest no-such-file.txt").exit_code, 4);
}

}  // namespace

namespace {

TEST_F(IngestCli, BenchStoreMeasuresStoringWithoutAnalysis) {
  const std::string news = Write("news.jsonl", kNews);
  const KtoRun run = Kto("bench store --repeat 2 --input " + news);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto line = nlohmann::json::parse(run.out);
  EXPECT_EQ(line["stage"], "store");
  EXPECT_EQ(line["docs"], 4);
  EXPECT_GT(line["docs_per_s"].get<double>(), 0);
}

}  // namespace
