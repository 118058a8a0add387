// `kto serve` as its users meet it: the real program on a free port over a
// real SQLite store, spoken to over real HTTP (cpp-httplib's client). Texts
// are about fictional people and places (examples/scenario.jsonl and texts
// written here).
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "admission.h"
#include "run_kto.h"

extern char** environ;

namespace kto::server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

std::string ReadAll(const fs::path& path) {
  return cli_test::ReadFile(path);
}

// Callers past the gate are at most its limit, and the waiting ones pass in
// the order they came; one that steps outside lets the next one in.
TEST(AdmissionGateTest, AdmitsUpToTheLimitInArrivalOrder) {
  AdmissionGate gate(1);
  gate.Enter();
  std::mutex mutex;
  std::vector<int> order;
  std::atomic<int> inside{1}, most_inside{1};
  std::vector<std::thread> callers;
  for (int i = 0; i < 5; ++i) {
    callers.emplace_back([&, i] {
      gate.Enter();
      const int now = ++inside;
      for (int most = most_inside; now > most && !most_inside.compare_exchange_weak(most, now);) {
      }
      {
        std::lock_guard<std::mutex> lock(mutex);
        order.push_back(i);
      }
      --inside;
      gate.Leave();
    });
    while (gate.waiting() < static_cast<size_t>(i + 1)) std::this_thread::yield();
  }
  {
    std::lock_guard<std::mutex> lock(mutex);
    EXPECT_TRUE(order.empty());
  }
  {
    --inside;
    OutsideGate stepped_out(gate);  // the callers pass meanwhile, in order
    for (std::thread& caller : callers) caller.join();
    ++inside;
  }
  --inside;
  gate.Leave();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(most_inside, 1);
  EXPECT_EQ(gate.waiting(), 0u);
}

// A temporary folder per test.
class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("kto_server_test." + std::to_string(getpid()) + "." + std::to_string(counter_++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

// `kto serve ARGS --port 0` running in the background; its standard error
// goes to a file, from which the port is read.
class ServeProcess {
 public:
  ServeProcess(const std::vector<std::string>& args, const fs::path& dir)
      : log_(dir / "serve.log") {
    std::vector<std::string> argv = {KTO_BINARY, "serve"};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> cargv;
    for (std::string& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 2, log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    if (posix_spawn(&pid_, KTO_BINARY, &actions, nullptr, cargv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
  }
  ~ServeProcess() {
    if (pid_ > 0 && exit_code_ < 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }

  // Waits for «listening on http://HOST:PORT/»; 0 when the process ended first.
  int WaitForPort() {
    for (int i = 0; i < 600; ++i) {
      const std::string log = Log();
      const size_t at = log.find("listening on http://");
      if (at != std::string::npos) {
        const size_t colon = log.find(':', at + 20);
        return std::stoi(log.substr(colon + 1));
      }
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
        return 0;
      }
      std::this_thread::sleep_for(50ms);
    }
    return 0;
  }
  // Sends SIGTERM and returns the exit code.
  int Stop() {
    if (exit_code_ >= 0) return exit_code_;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return exit_code_;
  }
  int exit_code() const { return exit_code_; }
  std::string Log() const { return ReadAll(log_); }

 private:
  fs::path log_;
  pid_t pid_ = -1;
  int exit_code_ = -1;
};

std::string Scenario() {
  return std::string(KTO_SOURCE_DIR) + "/examples/scenario.jsonl";
}

// A store holding the scenario's articles, made by `kto ingest`.
fs::path MakeStore(const TempDir& dir) {
  const fs::path db = dir.path() / "kto.db";
  const auto run = cli_test::RunKto("ingest --db " + db.string() + " " + Scenario());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return db;
}

std::string Article(const std::string& id, const std::string& text, const std::string& title = "",
                    const std::string& date = "2026-03-01T10:00:00Z") {
  json a = {{"id", id}, {"text", text}, {"published_at", date}};
  if (!title.empty()) a["title"] = title;
  return a.dump();
}

// One server over the scenario store for the tests that only read or add.
class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const fs::path db = MakeStore(*dir_);
    std::ofstream(dir_->path() / "key") << "test-key-0123456789abcdef\n";
    serve_ =
        new ServeProcess({"--db", db.string(), "--port", "0", "--threads", "16", "--api-key-file",
                          (dir_->path() / "key").string(), "--max-body-mb", "1"},
                         dir_->path());
    port_ = serve_->WaitForPort();
  }
  static void TearDownTestSuite() {
    if (serve_) {
      EXPECT_EQ(serve_->Stop(), 0) << serve_->Log();
    }
    delete serve_;
    delete dir_;
    serve_ = nullptr;
    dir_ = nullptr;
  }
  void SetUp() override { ASSERT_GT(port_, 0) << serve_->Log(); }

  httplib::Client Client() const {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(60);
    return client;
  }
  static httplib::Headers Auth() { return {{"Authorization", "Bearer test-key-0123456789abcdef"}}; }
  static json Json(const httplib::Result& r) { return json::parse(r->body); }
  static std::string ErrorCode(const httplib::Result& r) {
    return json::parse(r->body)["error"]["code"].get<std::string>();
  }
  static std::string Db() { return (dir_->path() / "kto.db").string(); }

  static inline TempDir* dir_ = nullptr;
  static inline ServeProcess* serve_ = nullptr;
  static inline int port_ = 0;
};

TEST_F(ServerTest, HealthReadinessAndMetrics) {
  auto client = Client();
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(Json(health)["status"], "ok");
  auto ready = client.Get("/readyz");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->status, 200);
  EXPECT_GE(Json(ready)["articles"].get<int>(), 10);
  // The log line and the metrics of a request are written just after its
  // answer is sent: wait for them.
  httplib::Result metrics = client.Get("/metrics");
  for (int i = 0; i < 50 && metrics && metrics->body.find("route=\"/readyz\"") == std::string::npos;
       ++i) {
    std::this_thread::sleep_for(20ms);
    metrics = client.Get("/metrics");
  }
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->status, 200);
  EXPECT_NE(metrics->body.find(
                "kto_http_requests_total{route=\"/readyz\",method=\"GET\",status=\"200\"}"),
            std::string::npos)
      << metrics->body;
  EXPECT_NE(metrics->body.find(
                "kto_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"}"),
            std::string::npos);
  EXPECT_NE(metrics->body.find("kto_store_size_bytes "), std::string::npos);
  // Every outcome is exposed before the first article is posted.
  EXPECT_NE(metrics->body.find("kto_articles_ingested_total{outcome=\"updated\"} 0"),
            std::string::npos);
  // Every request is logged: method, path, status, duration.
  EXPECT_NE(serve_->Log().find(" GET /readyz 200 "), std::string::npos) << serve_->Log();
}

TEST_F(ServerTest, OpenApiDescribesEveryRoute) {
  auto client = Client();
  auto r = client.Get("/api/v1/openapi.json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  const json spec = Json(r);
  EXPECT_EQ(spec["openapi"], "3.1.0");
  for (const char* path :
       {"/api/v1/analyze", "/api/v1/articles", "/api/v1/articles/{id}",
        "/api/v1/articles/{id}/panel", "/api/v1/persons", "/api/v1/persons/{kb_id}", "/api/v1/top",
        "/api/v1/search", "/healthz", "/readyz", "/metrics"})
    EXPECT_TRUE(spec["paths"].contains(path)) << path;
}

TEST_F(ServerTest, PanelIsWhatKtoPanelGives) {
  auto client = Client();
  auto r = client.Get("/api/v1/articles/scenario-01/panel");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const auto cli = cli_test::RunKto("panel --json --db " + Db() + " scenario-01");
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(Json(r), json::parse(cli.out));
  const json panel = Json(r);
  ASSERT_FALSE(panel["persons"].empty());
  EXPECT_EQ(panel["persons"][0]["name"], "Игорь Павлович Ясенев");
  EXPECT_TRUE(panel["persons"][0]["kb_id"].is_number_integer());
  EXPECT_TRUE(panel["persons"][0].contains("last_position"));
  EXPECT_GE(panel["persons"][0]["articles"].get<int>(), 5);
}

TEST_F(ServerTest, UnknownArticleAndPersonAre404) {
  auto client = Client();
  for (const char* path :
       {"/api/v1/articles/no-such-article", "/api/v1/articles/nope/panel", "/api/v1/persons/999999",
        "/api/v1/persons/abc", "/api/v1/nothing-here"}) {
    auto r = client.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 404) << path;
    EXPECT_TRUE(Json(r)["error"].contains("message")) << path;
  }
}

TEST_F(ServerTest, PostingIsIdempotentAndIdsMayHoldSlashes) {
  auto client = Client();
  const std::string id = "тест/2026/03 статья";
  const std::string body =
      Article(id, "Глава Ольховского района Пётр Семёнович Гранин открыл новую школу.");
  auto first = client.Post("/api/v1/articles", Auth(), body, "application/json");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 201) << first->body;
  const json created = Json(first);
  EXPECT_EQ(created["id"], id);
  EXPECT_EQ(created["status"], "new");
  ASSERT_FALSE(created["analysis"]["persons"].empty());
  EXPECT_TRUE(created["analysis"]["persons"][0]["kb_id"].is_number_integer());

  auto again = client.Post("/api/v1/articles", Auth(), body, "application/json");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
  EXPECT_EQ(Json(again)["status"], "unchanged");

  auto changed = client.Post(
      "/api/v1/articles", Auth(),
      Article(id, "Глава Ольховского района Пётр Гранин открыл новую школу и детский сад."),
      "application/json");
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->status, 201);
  EXPECT_EQ(Json(changed)["status"], "updated");

  std::string path = "/api/v1/articles/";
  for (char c : id) {  // «/» must be sent as %2F
    if (c == '/' || c == ' ' || static_cast<unsigned char>(c) >= 0x80) {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(c));
      path += hex;
    } else {
      path += c;
    }
  }
  auto got = client.Get(path);
  ASSERT_TRUE(got);
  ASSERT_EQ(got->status, 200) << path << " " << got->body;
  EXPECT_EQ(Json(got)["id"], id);
  EXPECT_NE(Json(got)["text"].get<std::string>().find("детский сад"), std::string::npos);
  auto panel = client.Get(path + "/panel");
  ASSERT_TRUE(panel);
  EXPECT_EQ(panel->status, 200);
  EXPECT_EQ(Json(panel)["id"], id);
}

TEST_F(ServerTest, JsonLinesAnswerPerArticle) {
  auto client = Client();
  const std::string body =
      Article("lines-1",
              "Министр культуры Заречной области Вера Олеговна Стрижова посетила театр.") +
      "\n{not json}\n" + R"({"id": "lines-3"})" + "\n" +
      Article("lines-4", "Вера Стрижова открыла выставку.", "", "31 February 2026") + "\n";
  auto r = client.Post("/api/v1/articles", Auth(), body, "application/x-ndjson");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  std::vector<json> lines;
  std::istringstream in(r->body);
  for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
  ASSERT_EQ(lines.size(), 4u) << r->body;
  EXPECT_EQ(lines[0]["status"], "new");
  EXPECT_EQ(lines[1]["status"], "rejected");
  EXPECT_EQ(lines[1]["error"]["code"], "malformed_json");
  EXPECT_EQ(lines[2]["status"], "rejected");
  EXPECT_EQ(lines[3]["status"], "rejected");  // no such day
  EXPECT_NE(lines[3]["error"]["message"].get<std::string>().find("published_at"),
            std::string::npos);
}

TEST_F(ServerTest, BadRequestsGetTheirStatus) {
  auto client = Client();
  const std::string good = Article("bad-1", "Текст о вымышленном городе Ольховске.");
  struct Case {
    const char* what;
    std::string body, type;
    int status;
    const char* code;
  };
  const std::vector<Case> cases = {
      {"malformed", "{\"id\": \"x\", \"text\": ", "application/json", 400, "malformed_json"},
      {"array", "[1, 2]", "application/json", 422, "not_an_article"},
      {"no text", R"({"id": "x"})", "application/json", 422, "not_an_article"},
      {"no id", R"({"text": "Текст."})", "application/json", 422, "not_an_article"},
      {"blank text", R"({"id": "x", "text": "   "})", "application/json", 422, "not_an_article"},
      {"wrong type", good, "text/html", 415, "unsupported_media_type"},
      {"invalid UTF-8", "{\"id\": \"x\", \"text\": \"\xff\xfe\"}", "application/json", 400,
       "invalid_utf8"},
      {"empty lines", "\n\n", "application/x-ndjson", 400, "empty_body"},
      {"too large", Article("big", std::string(2 << 20, 'a')), "application/json", 413,
       "too_large"},
  };
  for (const Case& c : cases) {
    auto r = client.Post("/api/v1/articles", Auth(), c.body, c.type.c_str());
    ASSERT_TRUE(r) << c.what;
    EXPECT_EQ(r->status, c.status) << c.what << ": " << r->body;
    if (r->status == c.status) {
      EXPECT_EQ(ErrorCode(r), c.code) << c.what;
    }
  }
  // Nothing of them was stored.
  EXPECT_EQ(client.Get("/api/v1/articles/x")->status, 404);
  EXPECT_EQ(client.Get("/api/v1/articles/big")->status, 404);
  for (const char* query :
       {"/api/v1/top?from=2026-13", "/api/v1/top?from=2026-02-30", "/api/v1/top?to=2026-13-01",
        "/api/v1/top?limit=0", "/api/v1/top?limit=abc", "/api/v1/persons", "/api/v1/search"}) {
    auto r = client.Get(query);
    ASSERT_TRUE(r) << query;
    EXPECT_EQ(r->status, 400) << query << ": " << r->body;
  }
}

// Sends `request` as it is on a new connection and returns what the server
// answers before it closes the connection (or 5 s pass).
std::string RawExchange(int port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return "";
  }
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  (void)::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string answer;
  char buffer[4096];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) answer.append(buffer, n);
  ::close(fd);
  return answer;
}

// What cpp-httplib 0.11 would read without bound is refused before the body
// is read (a chunked or compressed body: 411, 415, the connection closed),
// ranges are ignored (a copy of the answer per range otherwise), a long
// target is 414 and a hostile one cannot forge a log line.
TEST_F(ServerTest, UnboundedBodiesRangesAndHostileTargetsAreRefused) {
  const std::string chunked = RawExchange(
      port_,
      "POST /api/v1/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"id\"\r\n0\r\n\r\n");
  EXPECT_EQ(chunked.rfind("HTTP/1.1 411", 0), 0u) << chunked;
  EXPECT_NE(chunked.find("Connection: close"), std::string::npos) << chunked;
  const std::string gzip =
      RawExchange(port_,
                  "POST /api/v1/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                  "Content-Encoding: gzip\r\nContent-Length: 4\r\n\r\nabcd");
  EXPECT_EQ(gzip.rfind("HTTP/1.1 415", 0), 0u) << gzip;

  auto client = Client();
  auto ranges = client.Get("/api/v1/articles/scenario-01/panel",
                           {{"Range", "bytes=0-,0-,0-,0-,0-,0-,0-,0-"}});
  ASSERT_TRUE(ranges);
  EXPECT_EQ(ranges->status, 200);
  EXPECT_FALSE(json::parse(ranges->body).is_discarded());

  auto long_target = client.Get("/api/v1/search?q=" + std::string(5000, 'a'));
  ASSERT_TRUE(long_target);
  EXPECT_EQ(long_target->status, 414);

  // A terminal escape in the target is logged as text.
  RawExchange(port_,
              "GET /api/v1/top?x=\x1b[2J HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              "Connection: close\r\n\r\n");
  const std::string log = serve_->Log();
  EXPECT_EQ(log.find('\x1b'), std::string::npos);
  EXPECT_NE(log.find("x=\\x1b[2J"), std::string::npos) << log;
  auto json_answer = client.Get("/api/v1/top");
  ASSERT_TRUE(json_answer);
  EXPECT_EQ(json_answer->get_header_value("X-Content-Type-Options"), "nosniff");
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
  auto client = Client();
  auto get_articles = client.Get("/api/v1/articles");  // a POST route
  ASSERT_TRUE(get_articles);
  EXPECT_EQ(get_articles->status, 405);
  EXPECT_EQ(get_articles->get_header_value("Allow"), "POST");
  EXPECT_EQ(ErrorCode(get_articles), "method_not_allowed");
  auto delete_top = client.Delete("/api/v1/top");
  ASSERT_TRUE(delete_top);
  EXPECT_EQ(delete_top->status, 405);
  EXPECT_EQ(delete_top->get_header_value("Allow"), "GET, HEAD");
  auto unknown = client.Delete("/api/v1/nothing-here");  // no route at all
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_FALSE(unknown->has_header("Allow"));
}

TEST_F(ServerTest, WritingNeedsTheKeyReadingDoesNot) {
  auto client = Client();
  const std::string body = Article("key-1", "Мэр Лесногорска Кирилл Ветров открыл парк.");
  auto none = client.Post("/api/v1/articles", body, "application/json");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_EQ(ErrorCode(none), "unauthorized");
  auto wrong =
      client.Post("/api/v1/articles", {{"Authorization", "Bearer test-key-0123456789abcdeX"}}, body,
                  "application/json");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(client.Get("/api/v1/articles/key-1")->status, 404);
  EXPECT_EQ(client.Get("/api/v1/articles/scenario-01")->status, 200);
  auto right = client.Post("/api/v1/articles", Auth(), body, "application/json");
  ASSERT_TRUE(right);
  EXPECT_EQ(right->status, 201);
}

TEST_F(ServerTest, AnalyzeStoresNothing) {
  auto client = Client();
  auto r = client.Post(
      "/api/v1/analyze",
      R"({"title": "Визит", "text": "Губернатор Заречной области Игорь Ясенев посетил Ольховск."})",
      "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const json analysis = Json(r);
  ASSERT_FALSE(analysis["persons"].empty());
  // The person the KB would link him to, with its count (scenario: 7+ articles).
  EXPECT_TRUE(analysis["persons"][0]["kb_id"].is_number_integer()) << r->body;
  EXPECT_GE(analysis["persons"][0]["articles"].get<int>(), 5) << r->body;
  auto plain = client.Post("/api/v1/analyze", "Мэр Кедровска Анна Лебедева.", "text/plain");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->status, 200);
  auto wrong = client.Post("/api/v1/analyze", "<p>x</p>", "text/html");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 415);
  auto not_article = client.Post("/api/v1/analyze", R"({"text": 5})", "application/json");
  ASSERT_TRUE(not_article);
  EXPECT_EQ(not_article->status, 422);
}

TEST_F(ServerTest, PersonsTopAndSearch) {
  auto client = Client();
  auto found = client.Get("/api/v1/persons?q=" + httplib::detail::encode_query_param("Ясеневу"));
  ASSERT_TRUE(found);
  ASSERT_EQ(found->status, 200) << found->body;
  const json persons = Json(found)["persons"];
  ASSERT_FALSE(persons.empty()) << found->body;
  EXPECT_EQ(persons[0]["name"], "Игорь Павлович Ясенев");
  const int64_t kb_id = persons[0]["kb_id"];

  auto dossier = client.Get("/api/v1/persons/" + std::to_string(kb_id) + "?articles_limit=2");
  ASSERT_TRUE(dossier);
  ASSERT_EQ(dossier->status, 200) << dossier->body;
  const json d = Json(dossier);
  EXPECT_EQ(d["name"], "Игорь Павлович Ясенев");
  EXPECT_EQ(d["article_list"].size(), 2u);
  auto page2 = client.Get("/api/v1/persons/" + std::to_string(kb_id) +
                          "?articles_limit=2&articles_offset=2");
  ASSERT_TRUE(page2);
  ASSERT_EQ(Json(page2)["article_list"].size(), 2u);
  EXPECT_NE(Json(page2)["article_list"][0]["id"], d["article_list"][0]["id"]);

  auto top = client.Get("/api/v1/top?from=2026-01-01&to=2026-12-31&limit=3");
  ASSERT_TRUE(top);
  ASSERT_EQ(top->status, 200) << top->body;
  ASSERT_FALSE(Json(top)["persons"].empty());
  EXPECT_EQ(Json(top)["persons"][0]["rank"], 1);

  // «губернатор» finds «Губернатор…» and «губернатором» alike.
  auto search = client.Get(
      "/api/v1/search?q=" + httplib::detail::encode_query_param("губернатора") + "&limit=50");
  ASSERT_TRUE(search);
  ASSERT_EQ(search->status, 200) << search->body;
  const json hits = Json(search)["articles"];
  ASSERT_FALSE(hits.empty());
  EXPECT_GE(Json(search)["total"].get<int>(), static_cast<int>(hits.size()));
  for (size_t i = 1; i < hits.size(); ++i)
    EXPECT_GE(hits[i - 1]["date"].get<std::string>(), hits[i]["date"].get<std::string>());
  EXPECT_FALSE(hits[0]["highlights"].empty());
  auto by_person = client.Get("/api/v1/search?person=" + std::to_string(kb_id));
  ASSERT_TRUE(by_person);
  EXPECT_EQ(by_person->status, 200);
  EXPECT_EQ(Json(by_person)["total"], d["articles"]);
}

TEST_F(ServerTest, PagesAreServedSafely) {
  auto client = Client();
  const std::string hostile =
      "Мэр Ольховска Семён Грачёв написал: <script>window.pwned=1</script> и "
      "\"><img src=x onerror=\"window.pwned=1\"> <a href=\"javascript:window.pwned=1\">ссылка</a>.";
  auto posted = client.Post("/api/v1/articles", Auth(),
                            json({{"id", "hostile/1"},
                                  {"title", "<script>window.pwned=1</script>"},
                                  {"text", hostile},
                                  {"url", "javascript:window.pwned=1"}})
                                .dump(),
                            "application/json");
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 201) << posted->body;
  auto page = client.Get("/articles/hostile%2F1");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("default-src 'none'"),
            std::string::npos);
  EXPECT_EQ(page->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_EQ(page->body.find("<script"), std::string::npos);
  EXPECT_EQ(page->body.find("<img"), std::string::npos);
  EXPECT_EQ(page->body.find("href=\"javascript:"), std::string::npos);
  EXPECT_NE(page->body.find("&lt;script&gt;window.pwned=1&lt;/script&gt;"), std::string::npos);

  auto embed = client.Get("/embed/articles/scenario-01/panel");
  ASSERT_TRUE(embed);
  EXPECT_EQ(embed->status, 200);
  EXPECT_NE(embed->get_header_value("Content-Security-Policy").find("frame-ancestors *"),
            std::string::npos);
  EXPECT_NE(embed->body.find("kto-panel-person"), std::string::npos);

  auto missing = client.Get("/articles/no-such-article");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_NE(missing->body.find("<html"), std::string::npos);  // a page, not JSON

  // A position stated in a title only is shown with the title's sentence.
  auto titled = client.Post(
      "/api/v1/articles", Auth(),
      json({{"id", "titled/1"},
            {"title", "Вера Осинова стала директором заповедника"},
            {"text",
             "Вера Осинова приступила к работе в понедельник. Осинова рассказала о планах."}})
          .dump(),
      "application/json");
  ASSERT_TRUE(titled);
  ASSERT_EQ(titled->status, 201) << titled->body;
  auto found = client.Get("/api/v1/persons?q=" + httplib::detail::encode_query_param("Осинова"));
  ASSERT_TRUE(found);
  ASSERT_FALSE(Json(found)["persons"].empty()) << found->body;
  const int64_t kb_id = Json(found)["persons"][0]["kb_id"];
  auto dossier = client.Get("/persons/" + std::to_string(kb_id));
  ASSERT_TRUE(dossier);
  ASSERT_EQ(dossier->status, 200);
  EXPECT_NE(dossier->body.find("Вера Осинова стала <strong class=\"kto-phrase\">директором "
                               "заповедника</strong>"),
            std::string::npos)
      << dossier->body;
  for (const char* path : {"/", "/top", "/top?from=2026-01-01&to=2026-06-30", "/analyze",
                           "/search?q=%D0%BC%D0%BE%D1%81%D1%82"}) {
    auto r = client.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 200) << path;
  }
}

// 100 clients at once, reading panels, dossiers and searches while others
// post articles: no error, and every posted article stored exactly once.
TEST_F(ServerTest, HundredConcurrentClients) {
  constexpr int kClients = 100, kPostsPerWriter = 3;
  std::atomic<int> errors{0}, posted{0};
  std::vector<std::thread> clients;
  std::mutex failures_mutex;
  std::vector<std::string> failures;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      auto client = Client();
      auto fail = [&](const std::string& what) {
        ++errors;
        std::lock_guard<std::mutex> lock(failures_mutex);
        failures.push_back(what);
      };
      for (int i = 0; i < kPostsPerWriter; ++i) {
        const int kind = (c + i) % 4;
        const std::string what = kind == 0   ? "panel"
                                 : kind == 1 ? "person"
                                 : kind == 2 ? "search"
                                             : "post";
        httplib::Result r = [&] {
          switch (kind) {
            case 0:
              return client.Get("/api/v1/articles/scenario-0" + std::to_string(1 + (c % 9)) +
                                "/panel");
            case 1:
              return client.Get("/api/v1/persons?q=" +
                                httplib::detail::encode_query_param("Ясенев"));
            case 2:
              return client.Get("/api/v1/search?q=" + httplib::detail::encode_query_param("мост"));
            default:
              return client.Post(
                  "/api/v1/articles", Auth(),
                  Article("load-" + std::to_string(c) + "-" + std::to_string(i),
                          "Мэр Ольховска Семён Игнатьевич Грачёв провёл встречу номер " +
                              std::to_string(c * 10 + i) + "."),
                  "application/json");
          }
        }();
        if (kind == 3 && r && r->status == 201) {
          ++posted;
          // Concurrent POSTs are written in one transaction; each answer is
          // still its own article's.
          const std::string id = "load-" + std::to_string(c) + "-" + std::to_string(i);
          if (Json(r)["id"] != id) fail("post: answered " + r->body + " for " + id);
        }
        if (!r) {
          fail(what + ": no answer: " + httplib::to_string(r.error()));
        } else if (r->status != 200 && r->status != 201) {
          fail(what + ": " + std::to_string(r->status) + " " + r->body);
        }
      }
    });
  }
  for (std::thread& t : clients) t.join();
  const std::string log = serve_->Log();
  size_t logged_posts = 0;
  for (size_t at = log.find("POST /api/v1/articles 201"); at != std::string::npos;
       at = log.find("POST /api/v1/articles 201", at + 1))
    ++logged_posts;
  std::cerr << "posted " << posted << ", logged " << logged_posts << "\n";
  EXPECT_EQ(errors.load(), 0) << (failures.empty() ? "" : failures.front()) << "\n"
                              << log.substr(log.size() > 4000 ? log.size() - 4000 : 0);
  // Every posted article is there once: posting them again changes nothing.
  auto client = Client();
  int stored = 0;
  for (int c = 0; c < kClients; ++c)
    for (int i = 0; i < kPostsPerWriter; ++i)
      if ((c + i) % 4 == 3) {
        auto r = client.Get("/api/v1/articles/load-" + std::to_string(c) + "-" + std::to_string(i));
        if (r && r->status == 200) ++stored;
      }
  EXPECT_EQ(stored, posted.load());
  auto search =
      client.Get("/api/v1/search?q=" + httplib::detail::encode_query_param("встречу") + "&limit=1");
  ASSERT_TRUE(search);
  EXPECT_EQ(Json(search)["total"], posted.load());
}

// ---- start-up and shutdown, each with its own server ------------------------

TEST(ServeTest, RefusesAMissingOrCorruptStoreAndATakenPort) {
  TempDir dir;
  ServeProcess missing({"--db", (dir.path() / "none.db").string(), "--port", "0"}, dir.path());
  EXPECT_EQ(missing.WaitForPort(), 0);
  EXPECT_EQ(missing.exit_code(), 4);
  EXPECT_NE(missing.Log().find("no database"), std::string::npos) << missing.Log();

  std::ofstream(dir.path() / "junk.db") << "this is not a database, just some text";
  ServeProcess corrupt({"--db", (dir.path() / "junk.db").string(), "--port", "0"}, dir.path());
  EXPECT_EQ(corrupt.WaitForPort(), 0);
  EXPECT_EQ(corrupt.exit_code(), 5) << corrupt.Log();

  const fs::path db = MakeStore(dir);
  ServeProcess first({"--db", db.string(), "--port", "0"}, dir.path());
  const int port = first.WaitForPort();
  ASSERT_GT(port, 0) << first.Log();
  TempDir other;
  ServeProcess second({"--db", db.string(), "--port", std::to_string(port)}, other.path());
  EXPECT_EQ(second.WaitForPort(), 0);
  EXPECT_EQ(second.exit_code(), 4);
  EXPECT_NE(second.Log().find("cannot listen"), std::string::npos) << second.Log();
  EXPECT_EQ(first.Stop(), 0);
}

// Writes open to the network only with a key; a key cpp-httplib would
// percent-decode out of recognition is refused.
TEST(ServeTest, AnotherHostNeedsAnApiKeyOfSafeCharacters) {
  TempDir dir;
  const fs::path db = MakeStore(dir);
  ServeProcess open_writes({"--db", db.string(), "--host", "0.0.0.0", "--port", "0"}, dir.path());
  EXPECT_EQ(open_writes.WaitForPort(), 0);
  EXPECT_EQ(open_writes.exit_code(), 2);
  EXPECT_NE(open_writes.Log().find("--api-key-file"), std::string::npos) << open_writes.Log();
  std::ofstream(dir.path() / "key") << "bad%20key-0123456789\n";
  ServeProcess bad_key(
      {"--db", db.string(), "--port", "0", "--api-key-file", (dir.path() / "key").string()},
      dir.path());
  EXPECT_EQ(bad_key.WaitForPort(), 0);
  EXPECT_EQ(bad_key.exit_code(), 2) << bad_key.Log();
}

// SIGTERM while a large batch is being written: the batch finishes and is
// committed, the process exits 0, and a new request is not served.
TEST(ServeTest, GracefulShutdownFinishesRequestsInFlight) {
  TempDir dir;
  const fs::path db = MakeStore(dir);
  ServeProcess serve({"--db", db.string(), "--port", "0"}, dir.path());
  const int port = serve.WaitForPort();
  ASSERT_GT(port, 0) << serve.Log();
  std::string body;
  constexpr int kArticles = 300;
  for (int i = 0; i < kArticles; ++i)
    body += Article("batch-" + std::to_string(i),
                    "Губернатор Заречной области Игорь Ясенев провёл совещание номер " +
                        std::to_string(i) +
                        " в Кедровске. Мэр Кедровска Анна Лебедева доложила о ремонте.") +
            "\n";
  int status = 0;
  std::thread poster([&] {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(120);
    auto answer = client.Post("/api/v1/articles", body, "application/x-ndjson");
    status = answer ? answer->status : -1;
  });
  std::this_thread::sleep_for(300ms);  // the batch is being analyzed
  EXPECT_EQ(serve.Stop(), 0) << serve.Log();
  poster.join();
  EXPECT_EQ(status, 201) << serve.Log();
  // Everything it answered for is in the store.
  const auto panel =
      cli_test::RunKto("panel --db " + db.string() + " batch-" + std::to_string(kArticles - 1));
  EXPECT_EQ(panel.exit_code, 0) << panel.err;
  EXPECT_NE(serve.Log().find("stopped"), std::string::npos) << serve.Log();
}

}  // namespace
}  // namespace kto::server
