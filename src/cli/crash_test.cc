// Crash safety of the SQLite store (issue 18), through the real kto binary:
// `kto ingest` killed with SIGKILL at random moments, a disk that fills up
// mid-run, a read-only store. After each, the store must open, `kto check`
// must find it consistent, it must hold whole batches only, and running the
// same command again must build the knowledge base an uninterrupted run
// builds from the same articles (generated_articles.h), compared row by row.
//
// KTO_CRASH_KILLS (default 10) and KTO_CRASH_ARTICLES (default 600) size the
// kill test for the debug and sanitizer suites; the long run (BENCHMARKS.md
// «Crash safety») sets them with the release binary in KTO_BINARY.
// KTO_CRASH_SEED changes the moments of the kills. The disk tests mount a
// tmpfs, which needs root (CAP_SYS_ADMIN): skipped without it.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "generated_articles.h"
#include "run_kto.h"
#include "test_data.h"

namespace kto::cli_test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Small batches: many commits for a kill to land between, in the middle of,
// or during a checkpoint after.
constexpr int kBatch = 20;

int EnvInt(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::atoi(value) : fallback;
}

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Every row of a query on an SQLite file, columns joined by '|'.
std::vector<std::string> Rows(const fs::path& db, const std::string& sql) {
  sqlite3* conn = nullptr;
  std::vector<std::string> rows;
  if (sqlite3_open(db.c_str(), &conn) != SQLITE_OK) {
    ADD_FAILURE() << db << ": " << sqlite3_errmsg(conn);
    sqlite3_close(conn);
    return rows;
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(conn, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sqlite3_errmsg(conn) << ": " << sql;
  } else {
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        row += (c > 0 ? "|" : "") + std::string(text != nullptr ? text : "NULL");
      }
      rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) ADD_FAILURE() << sqlite3_errmsg(conn) << ": " << sql;
  }
  sqlite3_finalize(stmt);
  sqlite3_close(conn);
  return rows;
}

std::string Value(const fs::path& db, const std::string& sql) {
  const auto rows = Rows(db, sql);
  return rows.empty() ? "" : rows.front();
}

// The whole knowledge base as sorted lines that name persons and articles
// by what they are, not by the ids the store gave them: two stores with the
// same lines answer every query the same.
std::vector<std::string> Dump(const fs::path& db) {
  std::vector<std::string> dump;
  auto add = [&](const std::string& section, const std::string& sql) {
    for (std::string& row : Rows(db, sql)) dump.push_back(section + " " + row);
  };
  for (const char* table :
       {"articles", "persons", "aliases", "mentions", "quotes", "positions", "position_evidence",
        "person_articles", "co_mentions", "organizations", "organization_mentions", "locations",
        "location_mentions", "article_search_content"})
    add("count", std::string("SELECT '") + table + "', COUNT(*) FROM " + table);
  add("persons",
      "SELECT display_name, surname, first_name, patronymic, gender, article_count, first_seen, "
      "last_seen, COALESCE(external_id, '') FROM persons ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9");
  add("alias",
      "SELECT p.display_name, a.alias FROM aliases a JOIN persons p ON p.id = a.person_id "
      "ORDER BY 1, 2");
  add("position",
      "SELECT p.display_name, q.title, q.org, q.former, q.first_seen, q.last_seen, "
      "q.evidence_count FROM positions q JOIN persons p ON p.id = q.person_id ORDER BY 1, 2, 3, 4");
  add("evidence",
      "SELECT a.external_id, e.start_offset, e.end_offset, e.text, e.evidence_date, "
      "p.display_name, q.title, q.org FROM position_evidence e JOIN articles a ON a.id = "
      "e.article_id JOIN positions q ON q.id = e.position_id JOIN persons p ON p.id = q.person_id "
      "ORDER BY 1, 2, 3, 6, 7, 8");
  add("co_mentions",
      "SELECT p.display_name, o.display_name, c.articles FROM co_mentions c JOIN persons p ON "
      "p.id = c.person_id JOIN persons o ON o.id = c.other_id ORDER BY 1, 2");
  add("article",
      "SELECT external_id, content_hash, article_date, analysis_version, needs_analysis, "
      "search_key IS NOT NULL FROM articles ORDER BY 1");
  add("mention",
      "SELECT a.external_id, m.in_title, m.start_offset, m.end_offset, m.text, m.normal, "
      "p.display_name FROM mentions m JOIN articles a ON a.id = m.article_id JOIN persons p ON "
      "p.id = m.person_id ORDER BY 1, 2, 3, 4, 7");
  add("quote",
      "SELECT a.external_id, q.start_offset, q.end_offset, q.text, q.article_date, "
      "COALESCE(p.display_name, '') FROM quotes q JOIN articles a ON a.id = q.article_id LEFT "
      "JOIN persons p ON p.id = q.person_id ORDER BY 1, 2, 3, 6");
  add("organization",
      "SELECT a.external_id, m.start_offset, m.end_offset, o.name, o.abbr FROM "
      "organization_mentions m JOIN articles a ON a.id = m.article_id JOIN organizations o ON "
      "o.id = m.organization_id ORDER BY 1, 2, 3, 4");
  add("location",
      "SELECT a.external_id, m.start_offset, m.end_offset, l.name, m.derived FROM "
      "location_mentions m JOIN articles a ON a.id = m.article_id JOIN locations l ON l.id = "
      "m.location_id ORDER BY 1, 2, 3, 4");
  return dump;
}

// The lines of one dump missing from the other, a few of each.
std::string Difference(const std::vector<std::string>& got,
                       const std::vector<std::string>& expected) {
  const std::multiset<std::string> a(got.begin(), got.end()), b(expected.begin(), expected.end());
  std::string out;
  int shown = 0;
  for (const auto& [from, to, sign] : {std::tuple{&a, &b, "+ "}, std::tuple{&b, &a, "- "}}) {
    std::vector<std::string> only;
    std::set_difference(from->begin(), from->end(), to->begin(), to->end(),
                        std::back_inserter(only));
    out += "\n" + std::to_string(only.size()) + " line(s) " +
           (from == &a ? "only in the store:" : "only in the reference:");
    for (const std::string& line : only)
      if (++shown <= 40) out += "\n  " + std::string(sign) + line;
  }
  return out;
}

// What a store left by an interrupted `kto ingest` of generated articles in
// batches of kBatch must be: consistent by `kto check`, and exactly the
// first n articles (n a multiple of the batch, or all `total`), each
// analyzed: no batch half there, none doubled. Returns n.
int ExpectWholeBatches(const fs::path& db, int total) {
  const KtoRun check = RunKto("check --db " + db.string());
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  const int n = std::atoi(Value(db, "SELECT COUNT(*) FROM articles").c_str());
  EXPECT_EQ(Value(db,
                  "SELECT COUNT(DISTINCT external_id) || ' ' || COALESCE(MAX(CAST(substr("
                  "external_id, 5) AS INTEGER)), -1) FROM articles"),
            std::to_string(n) + " " + std::to_string(n - 1))
      << "the articles stored are not the first " << n;
  EXPECT_TRUE(n % kBatch == 0 || n == total)
      << n << " articles: a batch of " << kBatch << " stored in part";
  EXPECT_EQ(Value(db,
                  "SELECT COUNT(*) FROM articles WHERE needs_analysis = 1 OR analysis_version = "
                  "0"),
            "0")
      << "stored without their analysis";
  const auto twice =
      Rows(db, "SELECT display_name FROM persons GROUP BY display_name HAVING COUNT(*) > 1");
  EXPECT_TRUE(twice.empty()) << "persons twice: " << twice.front();
  return n;
}

nlohmann::json Summary(const KtoRun& run) {
  auto summary = nlohmann::json::parse(run.out, nullptr, false);
  EXPECT_FALSE(summary.is_discarded()) << run.out << run.err;
  return summary;
}

class IngestCrash : public ::testing::Test {
 protected:
  void SetUp() override {
    KTO_REQUIRE_PATH(std::string(KTO_SOURCE_DIR) + "/models/ner-ru.bin");
    dir_ = fs::temp_directory_path() /
           ("kto_crash." + std::to_string(getpid()) + "." +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // `kto ingest` as every run of these tests gives it: one analysis thread,
  // as CTest runs tests side by side on two cores.
  static std::string Ingest(const fs::path& db, const fs::path& input) {
    return "ingest --json --threads 1 --batch " + std::to_string(kBatch) + " --db " + db.string() +
           " " + input.string();
  }

  fs::path ReferenceInput(int count) const {
    return dir_ / ("reference" + std::to_string(count) + ".jsonl");
  }
  fs::path ReferenceDb(int count) const {
    return dir_ / ("reference" + std::to_string(count) + ".db");
  }

  // The first `count` generated articles ingested into a fresh store
  // (ReferenceDb) by one uninterrupted run; returns the store's dump.
  std::vector<std::string> Reference(int count, double* seconds = nullptr) {
    const fs::path input = ReferenceInput(count), db = ReferenceDb(count);
    WriteLines(input, MakeArticles(count));
    const auto start = Clock::now();
    const KtoRun run = RunKto(Ingest(db, input));
    if (seconds != nullptr) *seconds = SecondsSince(start);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(Summary(run)["analyzed"], count) << run.out;
    return Dump(db);
  }

  fs::path dir_;
};

TEST_F(IngestCrash, KilledAtRandomMomentsEndsAsIfNeverKilled) {
  const int kills = EnvInt("KTO_CRASH_KILLS", 10);
  const int articles = EnvInt("KTO_CRASH_ARTICLES", 600);
  const unsigned seed = static_cast<unsigned>(EnvInt("KTO_CRASH_SEED", 18));
  ASSERT_GT(articles, 0);
  const auto start = Clock::now();
  double whole = 0;
  const std::vector<std::string> reference = Reference(articles, &whole);
  const fs::path all = ReferenceInput(articles);

  // Run again over the same input, the reference skips every article by its
  // id: nothing analyzed again, nothing changed. That run's time is what a
  // killed run spends before it reaches new articles.
  const auto again_start = Clock::now();
  const KtoRun again = RunKto(Ingest(ReferenceDb(articles), all));
  const double startup = SecondsSince(again_start);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  const auto summary = Summary(again);
  EXPECT_EQ(summary["new"], 0);
  EXPECT_EQ(summary["unchanged"], articles);
  EXPECT_EQ(summary["analyzed"], 0);
  EXPECT_EQ(Dump(ReferenceDb(articles)), reference);

  // A quarter of the kills land while kto starts, opens (the first one:
  // creates) the store and skips what is stored; the others after that, by
  // up to twice a kill's share of the work and a batch more, so that the
  // kills together cover most of the input.
  const double work = std::max(whole - startup, 0.01);
  const double after = 2 * work / std::max(kills, 1) + work * kBatch / articles;
  std::mt19937 random(seed);
  const fs::path db = dir_ / "killed.db";
  int stored = 0, killed = 0, finished = 0, early = 0;
  for (int k = 0; k < kills; ++k) {
    const double delay = random() % 4 == 0
                             ? std::uniform_real_distribution<double>(0, startup)(random)
                             : startup + std::uniform_real_distribution<double>(0, after)(random);
    early += delay < startup;
    const pid_t pid = Spawn(Ingest(db, all), dir_ / "killed.log");
    std::this_thread::sleep_for(std::chrono::duration<double>(delay));
    ::kill(pid, SIGKILL);
    const int code = Wait(pid);
    ASSERT_TRUE(code == -SIGKILL || code == 0) << code << ReadFile(dir_ / "killed.log");
    (code == 0 ? finished : killed) += 1;
    if (!fs::exists(db)) continue;  // killed before it created the file
    SCOPED_TRACE("after kill " + std::to_string(k + 1) + " at " + std::to_string(delay) + " s");
    const int n = ExpectWholeBatches(db, articles);
    EXPECT_GE(n, stored) << "committed articles lost";
    stored = n;
    if (HasFailure()) return;
  }
  // The same command, uninterrupted, does what is left.
  const KtoRun rest = RunKto(Ingest(db, all));
  ASSERT_EQ(rest.exit_code, 0) << rest.err;
  const auto done = Summary(rest);
  EXPECT_EQ(done["new"], articles - stored) << rest.out;
  EXPECT_EQ(done["unchanged"], stored) << rest.out;
  EXPECT_EQ(done["analyzed"], articles - stored) << rest.out;
  EXPECT_EQ(ExpectWholeBatches(db, articles), articles);
  const std::vector<std::string> dump = Dump(db);
  EXPECT_EQ(dump.size(), reference.size());
  EXPECT_TRUE(dump == reference) << Difference(dump, reference);
  // The figures of BENCHMARKS.md «Crash safety».
  std::cout << "crash test: " << kills << " kills (" << killed << " killed, " << early
            << " of them while starting, " << finished << " had finished), " << articles
            << " articles, " << stored << " stored under the kills, uninterrupted run " << whole
            << " s, total " << SecondsSince(start) << " s, seed " << seed << "\n";
}

// A tmpfs of its own size, mounted for the test (root only).
class IngestDisk : public IngestCrash {
 protected:
  void SetUp() override {
    IngestCrash::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    disk_ = dir_ / "disk";
    fs::create_directories(disk_);
  }
  void TearDown() override {
    if (mounted_) umount2(disk_.c_str(), MNT_DETACH);
    IngestCrash::TearDown();
  }

  // Mounts the tmpfs of `size` (as mount -o size= reads it); false when
  // this process may not mount.
  bool Mount(const std::string& size) {
    const std::string options = "size=" + size + ",mode=0755";
    if (mount("tmpfs", disk_.c_str(), "tmpfs", 0, options.c_str()) != 0) {
      why_not_ = std::strerror(errno);
      return false;
    }
    mounted_ = true;
    return true;
  }
  // Remounts it read-only or read-write (with a new size when given). No
  // process may have a file of it open for writing.
  void Remount(bool read_only, const std::string& size = "") {
    const std::string options = size.empty() ? "" : "size=" + size;
    ASSERT_EQ(mount(nullptr, disk_.c_str(), nullptr,
                    MS_REMOUNT | (read_only ? static_cast<unsigned long>(MS_RDONLY) : 0UL),
                    options.empty() ? nullptr : options.c_str()),
              0)
        << std::strerror(errno);
  }

  fs::path disk_;
  bool mounted_ = false;
  std::string why_not_;
};

#define KTO_MOUNT_OR_SKIP(size)                                                          \
  do {                                                                                   \
    if (!Mount(size))                                                                    \
      GTEST_SKIP() << "cannot mount a tmpfs (" << why_not_                               \
                   << "): the full-disk and read-only tests need root or CAP_SYS_ADMIN"; \
  } while (false)

TEST_F(IngestDisk, FullDiskFailsWithIoErrorAndKeepsEveryBatchBefore) {
  KTO_MOUNT_OR_SKIP("4m");
  constexpr int kFirst = 100, kAll = 400;
  WriteLines(dir_ / "first.jsonl", MakeArticles(kFirst));
  WriteLines(dir_ / "all.jsonl", MakeArticles(kAll));
  const fs::path db = disk_ / "kto.db";
  const KtoRun first = RunKto(Ingest(db, dir_ / "first.jsonl"));
  ASSERT_EQ(first.exit_code, 0) << first.err;

  // An article takes about 5 KB in the file, and as much again in the WAL
  // until a checkpoint (at 4 MB of WAL) copies it back: the 4 MB fill up at
  // about 260 articles, in the WAL; the checkpoint when kto closes the store
  // then fails too, and the WAL stays, holding the store's latest state.
  const KtoRun full = RunKto(Ingest(db, dir_ / "all.jsonl"));
  ASSERT_NE(full.exit_code, 0) << "the disk did not fill up: " << full.out;
  EXPECT_EQ(full.exit_code, 4) << full.err;
  EXPECT_NE(full.err.find("database or disk is full"), std::string::npos) << full.err;

  // The store is what the batches before the failed one made: every
  // article of the first run, and whole batches after them, exactly as an
  // uninterrupted run of as many articles makes them.
  const int n = ExpectWholeBatches(db, kAll);
  EXPECT_GE(n, kFirst);
  EXPECT_LT(n, kAll);
  const std::vector<std::string> dump = Dump(db), reference = Reference(n);
  EXPECT_TRUE(dump == reference) << Difference(dump, reference);

  // With room again, the same command finishes the work.
  Remount(false, "64m");
  const KtoRun rest = RunKto(Ingest(db, dir_ / "all.jsonl"));
  ASSERT_EQ(rest.exit_code, 0) << rest.err;
  EXPECT_EQ(Summary(rest)["new"], kAll - n);
  EXPECT_EQ(ExpectWholeBatches(db, kAll), kAll);
  const std::vector<std::string> all = Dump(db), all_reference = Reference(kAll);
  EXPECT_TRUE(all == all_reference) << Difference(all, all_reference);
}

TEST_F(IngestDisk, ReadOnlyStoreFailsClearlyAndIsNotChanged) {
  KTO_MOUNT_OR_SKIP("64m");
  constexpr int kFirst = 100, kAll = 300;
  WriteLines(dir_ / "first.jsonl", MakeArticles(kFirst));
  WriteLines(dir_ / "all.jsonl", MakeArticles(kAll));
  const fs::path db = disk_ / "kto.db";
  ASSERT_EQ(RunKto(Ingest(db, dir_ / "first.jsonl")).exit_code, 0);

  // A store closed cleanly is the file alone (no -wal, no -shm); then one a
  // killed process left with its WAL.
  for (const bool with_wal : {false, true}) {
    SCOPED_TRACE(with_wal ? "with its WAL" : "closed cleanly");
    if (with_wal) {
      const pid_t pid = Spawn(Ingest(db, dir_ / "all.jsonl"), dir_ / "killed.log");
      const fs::path wal = db.string() + "-wal";
      const auto deadline = Clock::now() + std::chrono::seconds(60);
      while (!(fs::exists(wal) && fs::file_size(wal) > 0) && Clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      ::kill(pid, SIGKILL);
      Wait(pid);
      ASSERT_GT(fs::file_size(wal), 0u);
    }
    const std::string files = ReadFile(db) + "|" + ReadFile(db.string() + "-wal");
    Remount(true);
    const KtoRun run = RunKto(Ingest(db, dir_ / "all.jsonl"));
    EXPECT_EQ(run.exit_code, 4) << run.out << run.err;
    EXPECT_NE(run.err.find(db.string() + "-wal"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("Read-only file system"), std::string::npos) << run.err;
    EXPECT_EQ(ReadFile(db) + "|" + ReadFile(db.string() + "-wal"), files) << "changed";
    Remount(false);
  }
  // Back on a writable disk the store opens consistent, with whole batches:
  // what the first run and the killed one committed.
  const int n = ExpectWholeBatches(db, kAll);
  EXPECT_GE(n, kFirst);
  const std::vector<std::string> dump = Dump(db), reference = Reference(n);
  EXPECT_TRUE(dump == reference) << Difference(dump, reference);
}

}  // namespace
}  // namespace kto::cli_test
