// Many processes, one PostgreSQL knowledge base (issue 17), through the real
// kto binary: concurrent ingesters, workers killed with SIGKILL, a lost
// connection. Each test compares the knowledge base built under that stress
// with one a single process builds from the same articles (generated about
// fictional officials, generated_articles.h).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "generated_articles.h"
#include "postgres_test_db.h"
#include "run_kto.h"

namespace kto::cli_test {
namespace {

namespace fs = std::filesystem;
using kto::testing::PostgresTestDatabase;

// Every row of a query, columns joined by '|'.
std::vector<std::string> Rows(const std::string& uri, const std::string& sql) {
  std::string error;
  auto conn = PostgresTestDatabase::Connect(uri, &error);
  EXPECT_NE(conn, nullptr) << error;
  if (conn == nullptr) return {};
  PGresult* result = PQexec(conn.get(), sql.c_str());
  EXPECT_EQ(PQresultStatus(result), PGRES_TUPLES_OK) << PQresultErrorMessage(result) << sql;
  std::vector<std::string> rows;
  for (int r = 0; r < PQntuples(result); ++r) {
    std::string row;
    for (int c = 0; c < PQnfields(result); ++c)
      row += (c > 0 ? "|" : "") + std::string(PQgetvalue(result, r, c));
    rows.push_back(std::move(row));
  }
  PQclear(result);
  return rows;
}

std::string Value(const std::string& uri, const std::string& sql) {
  const auto rows = Rows(uri, sql);
  return rows.empty() ? "" : rows.front();
}

std::string Joined(const std::vector<std::string>& rows) {
  std::string out;
  for (const std::string& row : rows) out += "\n  " + row;
  return out;
}

// What must hold of any knowledge base, however it was built: each article
// once and analyzed, every kept count equal to the rows it counts, no two
// persons of one name.
void ExpectConsistent(const std::string& uri, int articles) {
  EXPECT_EQ(Value(uri, "SELECT COUNT(*) FROM articles"), std::to_string(articles));
  EXPECT_EQ(Value(uri, "SELECT COUNT(DISTINCT external_id) FROM articles"),
            std::to_string(articles));
  EXPECT_EQ(Value(uri,
                  "SELECT COUNT(*) FROM articles WHERE needs_analysis = 1 OR "
                  "analysis_version = 0"),
            "0");
  EXPECT_EQ(Value(uri,
                  "SELECT COUNT(*) FROM persons p WHERE article_count <> (SELECT "
                  "COUNT(DISTINCT m.article_id) FROM mentions m WHERE m.person_id = p.id)"),
            "0");
  EXPECT_EQ(Value(uri,
                  "SELECT COUNT(*) FROM persons p WHERE article_count <> (SELECT COUNT(*) "
                  "FROM person_articles pa WHERE pa.person_id = p.id)"),
            "0");
  EXPECT_EQ(Value(uri,
                  "SELECT COUNT(*) FROM positions p WHERE evidence_count <> (SELECT "
                  "COUNT(*) FROM position_evidence e WHERE e.position_id = p.id)"),
            "0");
  EXPECT_EQ(Value(uri,
                  "SELECT COUNT(*) FROM co_mentions c WHERE articles <> (SELECT COUNT(*) "
                  "FROM person_articles a JOIN person_articles b ON b.article_id = "
                  "a.article_id WHERE a.person_id = c.person_id AND b.person_id = "
                  "c.other_id)"),
            "0");
  const auto twice = Rows(uri,
                          "SELECT display_name || ' ' || string_agg(id || ':' || article_count, ' "
                          "') FROM persons GROUP BY display_name HAVING COUNT(*) > 1");
  EXPECT_TRUE(twice.empty()) << "persons twice: " << Joined(twice);
}

// Who the knowledge base knows: each person's name, article count and last
// position, sorted.
std::vector<std::string> People(const std::string& uri) {
  return Rows(uri,
              "SELECT p.display_name, p.article_count, p.last_seen, COALESCE((SELECT "
              "string_agg(title || ' ' || org || ' ' || evidence_count, ';' ORDER BY title, org) "
              "FROM positions WHERE person_id = p.id), '') FROM persons p ORDER BY 1, 2, 3, 4");
}

class PostgresIngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(shared_.ok());
    ASSERT_TRUE(alone_.ok());
    dir_ = fs::temp_directory_path() /
           ("kto_pg_cli." + std::to_string(getpid()) + "." +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The reference: one process ingests every article in order.
  std::vector<std::string> Reference(const fs::path& all) {
    const KtoRun run = RunKto("ingest --threads 1 --db " + alone_.uri() + " " + all.string());
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return People(alone_.uri());
  }

  PostgresTestDatabase shared_, alone_;
  fs::path dir_;
};

TEST_F(PostgresIngestTest, FourIngestersStoreEachArticleOnceAndOnePersonPerName) {
  constexpr int kArticles = 2000;
  const std::vector<std::string> articles = MakeArticles(kArticles);
  WriteLines(dir_ / "all.jsonl", articles);
  // Four overlapping shares of 1,000 (each article in two), each in an order of its own.
  std::vector<pid_t> ingesters;
  for (int p = 0; p < 4; ++p) {
    std::vector<std::string> share;
    for (int i = 0; i < 1000; ++i) share.push_back(articles[(p * 500 + i) % kArticles]);
    std::shuffle(share.begin(), share.end(), std::mt19937(p));
    const fs::path file = dir_ / ("share" + std::to_string(p) + ".jsonl");
    WriteLines(file, share);
    ingesters.push_back(
        Spawn("ingest --json --threads 1 --batch 50 --db " + shared_.uri() + " " + file.string(),
              dir_ / ("ingest" + std::to_string(p) + ".log")));
  }
  int stored_new = 0, unchanged = 0;
  for (int p = 0; p < 4; ++p) {
    const fs::path log = dir_ / ("ingest" + std::to_string(p) + ".log");
    EXPECT_EQ(Wait(ingesters[static_cast<size_t>(p)]), 0) << ReadFile(log);
    const std::string out = ReadFile(log);
    const auto field = [&](const std::string& key) {
      const size_t at = out.find("\"" + key + "\":");
      return at == std::string::npos ? -1 : std::atoi(out.c_str() + at + key.size() + 3);
    };
    stored_new += field("new");
    unchanged += field("unchanged");
  }
  EXPECT_EQ(stored_new, kArticles);  // each article new to exactly one process
  EXPECT_EQ(unchanged, 4 * 1000 - kArticles);
  ExpectConsistent(shared_.uri(), kArticles);
  const auto people = People(shared_.uri()), reference = Reference(dir_ / "all.jsonl");
  EXPECT_EQ(people, reference) << "four processes:" << Joined(people)
                               << "\none process:" << Joined(reference);
}

TEST_F(PostgresIngestTest, KilledWorkersAndIngestersLoseNothing) {
  constexpr int kArticles = 400;
  const std::vector<std::string> articles = MakeArticles(kArticles);
  WriteLines(dir_ / "all.jsonl", articles);
  const std::vector<std::string> first(articles.begin(), articles.begin() + kArticles / 2);
  const std::vector<std::string> second(articles.begin() + kArticles / 2, articles.end());
  WriteLines(dir_ / "first.jsonl", first);
  WriteLines(dir_ / "second.jsonl", second);
  // The first half queued for workers; the second ingested by processes
  // that analyze it themselves. Twenty of them all are killed at a random
  // moment, alternately a worker and an ingester.
  ASSERT_EQ(RunKto("ingest --enqueue --db " + shared_.uri() + " " + (dir_ / "first.jsonl").string())
                .exit_code,
            0);
  std::mt19937 random(5);
  for (int kill = 0; kill < 20; ++kill) {
    const bool worker = kill % 2 == 0;
    const pid_t pid = Spawn(worker ? "worker --exit-when-idle --threads 1 --batch 10 --lease 2 "
                                     "--db " +
                                         shared_.uri()
                                   : "ingest --threads 1 --batch 10 --lease 2 --db " +
                                         shared_.uri() + " " + (dir_ / "second.jsonl").string(),
                            dir_ / "killed.log");
    std::this_thread::sleep_for(std::chrono::milliseconds(200 + random() % 1200));
    ::kill(pid, SIGKILL);
    const int code = Wait(pid);
    EXPECT_TRUE(code == -SIGKILL || code == 0) << code << ReadFile(dir_ / "killed.log");
  }
  // The holds of the killed run out; then one ingester and one worker finish.
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  const KtoRun ingest = RunKto("ingest --threads 1 --lease 2 --db " + shared_.uri() + " " +
                               (dir_ / "second.jsonl").string());
  EXPECT_EQ(ingest.exit_code, 0) << ingest.err;
  const KtoRun work = RunKto("worker --exit-when-idle --threads 1 --db " + shared_.uri());
  EXPECT_EQ(work.exit_code, 0) << work.err;
  ExpectConsistent(shared_.uri(), kArticles);
  // Killed processes change the order articles are linked in, not who is who.
  const auto people = People(shared_.uri()), reference = Reference(dir_ / "all.jsonl");
  EXPECT_EQ(people, reference) << "with kills:" << Joined(people)
                               << "\nwithout:" << Joined(reference);
}

TEST_F(PostgresIngestTest, ALostConnectionFailsClearlyAndWritesNoHalfArticle) {
  constexpr int kArticles = 300;
  WriteLines(dir_ / "all.jsonl", MakeArticles(kArticles));
  ASSERT_EQ(RunKto("ingest --enqueue --db " + shared_.uri() + " " + (dir_ / "all.jsonl").string())
                .exit_code,
            0);
  const pid_t pid =
      Spawn("worker --exit-when-idle --threads 1 --batch 5 --lease 1 --db " + shared_.uri(),
            dir_ / "worker.log");
  // The server drops the worker's connection in the middle of its work.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  Rows(alone_.uri(), "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
                         shared_.name() + "'");
  const int code = Wait(pid);
  const std::string log = ReadFile(dir_ / "worker.log");
  // Either it failed with the I/O exit code and said why, or it reconnected.
  if (code != 0) {
    EXPECT_EQ(code, 4) << log;
    EXPECT_NE(log.find("connection"), std::string::npos) << log;
  }
  // Whatever was written is whole; a new worker finishes the rest.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  const KtoRun work = RunKto("worker --exit-when-idle --threads 1 --db " + shared_.uri());
  EXPECT_EQ(work.exit_code, 0) << work.err;
  ExpectConsistent(shared_.uri(), kArticles);
}

}  // namespace
}  // namespace kto::cli_test
