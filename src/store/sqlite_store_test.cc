// What only the SQLite backend promises: the file, its pragmas, migrations.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "internal.h"
#include "kto/store/store.h"
#include "kto/text/normalize.h"
#include "sqlite_search.h"
#include "test_util.h"

namespace kto::store {
namespace {

// Runs one statement on the file with a separate raw connection and returns
// the first column of the first row as text ("" when none).
std::string RawQuery(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

TEST(SqliteStore, PlainPathAndSchemeOpenTheSameFileInWalMode) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "news.db").string();
  {
    auto store = Open(path);
    ASSERT_TRUE(store.ok()) << store.status().message();
    ArticleInput a;
    a.external_id = "1";
    a.text = "Кедровск готовится к зиме.";
    ASSERT_TRUE((*store)->UpsertArticle(a).ok());
  }
  auto again = Open("sqlite:" + path);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(*(*again)->CountArticles(), 1);
  EXPECT_EQ(RawQuery(path, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(RawQuery(path, "SELECT MAX(version) FROM schema_migrations"),
            std::to_string(LatestSchemaVersion()));
}

// kto check: what WriteAnalysis keeps is consistent; counts broken behind
// the store's back are found and recomputed by --repair; a dangling
// reference is found and left.
TEST(SqliteStore, CheckFindsBrokenCountsAndRepairRecomputesThem) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "check.db").string();
  int64_t kedrov = 0, zimina = 0;
  {
    auto store = Open(path);
    ASSERT_TRUE(store.ok()) << store.status().message();
    kedrov = *(*store)->CreatePerson(Person{0, "Кедров", "Игорь", "", "m", "Игорь Кедров"});
    zimina = *(*store)->CreatePerson(Person{0, "Зимина", "Анна", "", "f", "Анна Зимина"});
    for (const char* id : {"a1", "a2"}) {
      ArticleInput a;
      a.external_id = id;
      a.published_at = std::string("2026-03-0") + id[1] + "T10:00:00Z";
      a.text = std::string("Губернатор Игорь Кедров и мэр Анна Зимина открыли мост ") + id + ".";
      ArticleAnalysis an;
      an.article_id = (*store)->UpsertArticle(a)->article_id;
      an.mentions.push_back({kedrov, 11, 23, false, "Игорь Кедров", "Игорь Кедров"});
      an.mentions.push_back({zimina, 30, 41, false, "Анна Зимина", "Анна Зимина"});
      an.positions.push_back({kedrov, "губернатор", "", false, 0, 10, "Губернатор"});
      ASSERT_TRUE((*store)->WriteAnalysis(an).ok());
    }
    auto report = (*store)->Check(/*repair=*/false);
    ASSERT_TRUE(report.ok()) << report.status().message();
    EXPECT_EQ(report->schema_version, LatestSchemaVersion());
    EXPECT_TRUE(report->problems.empty()) << report->problems.front();
  }
  RawQuery(path, "UPDATE persons SET article_count = 7, last_seen = '' WHERE id = " +
                     std::to_string(kedrov));
  RawQuery(path, "DELETE FROM co_mentions WHERE person_id = " + std::to_string(zimina));
  RawQuery(path, "UPDATE positions SET evidence_count = 5");
  RawQuery(path, "DELETE FROM person_articles WHERE person_id = " + std::to_string(zimina));
  auto store = Open(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto broken = (*store)->Check(/*repair=*/false);
  ASSERT_TRUE(broken.ok()) << broken.status().message();
  const std::string found = [&] {
    std::string all;
    for (const std::string& p : broken->problems) all += p + "\n";
    return all;
  }();
  for (const char* expected :
       {"missing from person_articles: 2", "article_count differs from their person_articles: 2",
        "first_seen or last_seen differs", "co_mentions rows that differ from the articles",
        "evidence_count differs from their evidence rows: 1"})
    EXPECT_NE(found.find(expected), std::string::npos) << expected << " not in:\n" << found;
  EXPECT_EQ(found.find("gone"), std::string::npos) << found;

  auto repaired = (*store)->Check(/*repair=*/true);
  ASSERT_TRUE(repaired.ok()) << repaired.status().message();
  EXPECT_FALSE(repaired->repaired.empty());
  EXPECT_TRUE(repaired->problems.empty()) << repaired->problems.front();
  EXPECT_EQ((*store)->GetPerson(kedrov)->value().article_count, 2);
  EXPECT_EQ((*store)->GetPerson(zimina)->value().article_count, 2);
  EXPECT_EQ((*store)->GetPersonContext(kedrov, 1)->last_seen, "2026-03-02T10:00:00Z");
  EXPECT_EQ((*store)->CoMentionedPersons(zimina, 5)->front().articles, 2);
  EXPECT_EQ((*store)->PersonPositionSummaries(kedrov)->front().evidence_count, 2);

  // A mention of a person that is gone (written with the keys off): found, not removed.
  store->reset();
  RawQuery(path,
           "INSERT INTO mentions (article_id, person_id, in_title, start_offset, end_offset, "
           "text, normal) VALUES (1, 999, 0, 500, 506, 'Лесин', 'Лесин')");
  store = Open(path);
  ASSERT_TRUE(store.ok());
  auto dangling = (*store)->Check(/*repair=*/true);
  ASSERT_TRUE(dangling.ok()) << dangling.status().message();
  std::string left;
  for (const std::string& p : dangling->problems) left += p + "\n";
  EXPECT_NE(left.find("mentions of persons that are gone: 1"), std::string::npos) << left;
  EXPECT_NE(left.find("mentions outside their article's title or text: 1"), std::string::npos)
      << left;
}

TEST(SqliteStore, RefusesANewerSchema) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "future.db").string();
  ASSERT_TRUE(Open(path).ok());
  RawQuery(path, "INSERT INTO schema_migrations (version, applied_at) VALUES (999, 'x')");
  auto store = Open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(store.status().message().find("schema version 999, newer than this kto knows"),
            std::string::npos)
      << store.status().message();
}

TEST(SqliteStore, RefusesAFileThatIsNotADatabase) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "notes.db").string();
  std::ofstream(path) << "Это не база данных, а заметки о Кедровске.\n" << std::string(4096, 'x');
  auto store = Open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kCorrupt) << store.status().message();
}

TEST(SqliteStore, ReportsAFileThatCannotBeCreated) {
  auto store = Open("/nonexistent-kto-dir/sub/kto.db");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kIoError) << store.status().message();
}

TEST(SqliteStore, UnknownSchemeIsABadArgument) {
  EXPECT_EQ(Open("mysql://localhost/kto").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Open("").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Open("sqlite:").status().code(), StatusCode::kInvalidArgument);
}

TEST(SqliteStore, ForeignKeysAreEnforced) {
  testing::TempDir dir;
  auto store = Open((dir.path() / "fk.db").string());
  ASSERT_TRUE(store.ok());
  EXPECT_FALSE((*store)->AddAlias(12345, "Никто").ok());
}

}  // namespace
}  // namespace kto::store

namespace kto::store {
namespace {

TEST(SqliteStore, TwoConnectionsReadWhileOneWrites) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "shared.db").string();
  auto writer = Open(path);
  auto reader = Open(path);
  ASSERT_TRUE(writer.ok() && reader.ok());
  ArticleInput a;
  a.external_id = "w1";
  a.text = "Совет Лесногорска собрался.";
  ASSERT_TRUE((*writer)
                  ->Transaction([&]() -> Status {
                    if (auto r = (*writer)->UpsertArticle(a); !r.ok()) return r.status();
                    // WAL: the reader is not blocked and sees the last commit.
                    auto count = (*reader)->CountArticles();
                    EXPECT_TRUE(count.ok()) << count.status().message();
                    EXPECT_EQ(count.ok() ? *count : -1, 0);
                    return Status();
                  })
                  .ok());
  EXPECT_EQ(*(*reader)->CountArticles(), 1);
  // The same article through the other connection: unchanged.
  EXPECT_EQ((*reader)->UpsertArticle(a)->outcome, UpsertOutcome::kUnchanged);
}

// `kto panel` while `kto ingest` writes a batch: opening an up-to-date store
// takes no write lock, so it does not wait for the writer's transaction.
TEST(SqliteStore, OpeningAnUpToDateStoreDoesNotWaitForAWriter) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "open.db").string();
  auto writer = Open(path);
  ASSERT_TRUE(writer.ok());
  StoreOptions quick;
  quick.busy_timeout_ms = 50;
  ASSERT_TRUE((*writer)
                  ->Transaction([&]() -> Status {
                    ArticleInput a;
                    a.text = "Совет Лесногорска собрался.";
                    if (auto r = (*writer)->UpsertArticle(a); !r.ok()) return r.status();
                    auto reader = Open(path, quick);
                    EXPECT_TRUE(reader.ok()) << reader.status().message();
                    if (reader.ok()) {
                      EXPECT_EQ(*(*reader)->CountArticles(), 0);
                    }
                    return Status();
                  })
                  .ok());
}

TEST(SqliteStore, BusyWriterTimesOutWithAnIoError) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "busy.db").string();
  StoreOptions quick;
  quick.busy_timeout_ms = 50;
  auto first = Open(path);
  auto second = Open(path, quick);
  ASSERT_TRUE(first.ok() && second.ok());
  ArticleInput a;
  a.text = "Первая.";
  ArticleInput b;
  b.text = "Вторая.";
  ASSERT_TRUE((*first)
                  ->Transaction([&]() -> Status {
                    auto r = (*second)->UpsertArticle(b);
                    EXPECT_FALSE(r.ok());
                    EXPECT_EQ(r.status().code(), StatusCode::kIoError) << r.status().message();
                    return (*first)->UpsertArticle(a).status();
                  })
                  .ok());
  EXPECT_EQ(*(*second)->CountArticles(), 1);
}

// A server's readers are always somewhere in the WAL: SQLite's own passive
// checkpoint then never starts the WAL over, and it grows for as long as
// the server runs. Past its limit (64 MB) the writer waits for the readers
// then in it and truncates it.
TEST(SqliteStore, TheWalIsTruncatedPastItsLimitThoughReadersAreAlwaysInIt) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "wal.db").string();
  auto writer = Open(path);
  ASSERT_TRUE(writer.ok());
  std::atomic<bool> writing{true};
  std::thread reader([&] {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    while (writing) {  // read transactions back to back, each a few milliseconds long
      sqlite3_exec(db, "BEGIN; SELECT count(*) FROM articles;", nullptr, nullptr, nullptr);
      std::this_thread::sleep_for(std::chrono::milliseconds(3));
      sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
    sqlite3_close(db);
  });
  const std::string paragraph(1000, 'a');
  int64_t largest_wal = 0;
  for (int i = 0; i < 100; ++i) {  // 100 MB of articles, one a transaction
    ArticleInput a;
    a.external_id = "big-" + std::to_string(i);
    for (int p = 0; p < 1000; ++p) a.text += paragraph + std::to_string(i) + "\n";
    auto upserted = (*writer)->UpsertArticle(a);
    ASSERT_TRUE(upserted.ok()) << upserted.status().message();
    largest_wal = std::max<int64_t>(largest_wal, std::filesystem::file_size(path + "-wal"));
  }
  writing = false;
  reader.join();
  EXPECT_LT(largest_wal, 72 << 20);  // the limit and the last transaction
  EXPECT_EQ(*(*writer)->CountArticles(), 100);
}

}  // namespace
}  // namespace kto::store

namespace kto::store {
namespace {

TEST(SqliteStore, MigrationsApplyInOrderAndAFailedOneLeavesTheFileAsItWas) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "migrate.db").string();
  const std::vector<Migration> v1 = {{1, "CREATE TABLE towns (id {ID}, name TEXT NOT NULL)"}};
  {
    auto store = OpenSqliteWithMigrations(path, {}, v1);
    ASSERT_TRUE(store.ok()) << store.status().message();
    EXPECT_EQ((*store)->SchemaVersion(), 1);
  }
  RawQuery(path, "INSERT INTO towns (name) VALUES ('Кедровск')");

  // Version 2 and a broken version 3: neither is applied.
  std::vector<Migration> broken = v1;
  broken.push_back({2, "ALTER TABLE towns ADD COLUMN region TEXT"});
  broken.push_back({3, "CREATE TABLE rivers (id {ID}); THIS IS NOT SQL"});
  auto failed = OpenSqliteWithMigrations(path, {}, broken);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("migration 3 failed"), std::string::npos)
      << failed.status().message();
  EXPECT_EQ(RawQuery(path, "SELECT MAX(version) FROM schema_migrations"), "1");
  EXPECT_EQ(RawQuery(path, "SELECT COUNT(*) FROM pragma_table_info('towns')"), "2");
  EXPECT_EQ(RawQuery(path, "SELECT name FROM towns"), "Кедровск");

  // Fixed: 2 and 3 are applied, 1 is not applied again.
  broken.back().sql = "CREATE TABLE rivers (id {ID}, name TEXT)";
  auto fixed = OpenSqliteWithMigrations(path, {}, broken);
  ASSERT_TRUE(fixed.ok()) << fixed.status().message();
  EXPECT_EQ((*fixed)->SchemaVersion(), 3);
  EXPECT_EQ(RawQuery(path, "SELECT COUNT(*) FROM schema_migrations"), "3");
  EXPECT_EQ(RawQuery(path, "SELECT COUNT(*) FROM pragma_table_info('towns')"), "3");
}

TEST(SqliteSearch, DatesAndPrefixesAsUnixSeconds) {
  EXPECT_EQ(UnixSeconds("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(UnixSeconds("2026-11-20T09:00:00Z"), 1795165200);
  EXPECT_EQ(UnixSeconds("2026-11-20"), 1795132800);
  EXPECT_EQ(UnixSeconds("2026-11"), 1793491200);
  EXPECT_EQ(UnixSeconds("2026"), 1767225600);
  EXPECT_EQ(UnixSeconds("1960-05-01"), 0);  // clamped
  for (const char* bad : {"", "вчера", "2026-13-01", "2026-11-20 09:00", "2026-1", "20261120"})
    EXPECT_FALSE(UnixSeconds(bad).has_value()) << bad;
  // Keys order by date, then id.
  EXPECT_LT(SearchKey(100, 999), SearchKey(101, 1));
  EXPECT_LT(SearchKey(100, 1), SearchKey(100, 2));
}

TEST(SqliteSearch, SnippetPiecesOnlyFromWellFormedMarkers) {
  const Highlighted h = SplitSnippet("a <b> c <b>d", "<b>", "</b>");
  ASSERT_EQ(h.pieces.size(), 1u);
  EXPECT_EQ(h.pieces[0].first, "a <b> c <b>d");
  const Highlighted m = SplitSnippet("<b>x</b> and <b>y</b>", "<b>", "</b>");
  ASSERT_EQ(m.pieces.size(), 3u);
  EXPECT_EQ(m.pieces[0], (std::pair<std::string, bool>{"x", true}));
  EXPECT_EQ(m.pieces[1], (std::pair<std::string, bool>{" and ", false}));
  EXPECT_EQ(m.pieces[2], (std::pair<std::string, bool>{"y", true}));
}

// A file written by a kto that knew migration 5 but not 4 gains 4.
TEST(SqliteStore, AMigrationMissingBelowTheLatestIsApplied) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "gap.db").string();
  std::vector<Migration> without4;
  for (const Migration& m : Migrations())
    if (m.version != 4) without4.push_back(m);
  ASSERT_TRUE(OpenSqliteWithMigrations(path, {}, without4).ok());
  EXPECT_EQ(RawQuery(path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'store_meta'"), "0");
  auto store = Open(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(RawQuery(path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'store_meta'"), "1");
  EXPECT_EQ(RawQuery(path, "SELECT COUNT(*) FROM schema_migrations"),
            std::to_string(Migrations().size()));
}

// A store written by a kto of schema version 2 (no person_articles, no
// first/last seen, undated quotes) gains them when a newer kto opens it.
TEST(SqliteStore, MigrationFromVersion2FillsWhatVersion3Keeps) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "v2.db").string();
  const std::vector<Migration> v2(Migrations().begin(), Migrations().begin() + 2);
  ASSERT_EQ(v2.back().version, 2);
  int64_t kedrov = 0, zimina = 0;
  std::vector<int64_t> articles;
  {
    auto store = OpenSqliteWithMigrations(path, {}, v2);
    ASSERT_TRUE(store.ok()) << store.status().message();
    for (const char* date :
         {"2026-02-01T08:00:00Z", "2026-04-01T08:00:00Z", "2026-06-01T08:00:00Z"}) {
      ArticleInput a;
      a.external_id = date;
      a.published_at = date;
      a.text = std::string("Кедров и Зимина, ") + date;
      articles.push_back((*store)->UpsertArticle(a)->article_id);
    }
    // As a version-2 CreatePerson wrote them (today's writes columns of later versions).
    auto person = [&](const std::string& surname, const std::string& first, const char* gender) {
      return std::stoll(RawQuery(
          path,
          "INSERT INTO persons (surname, first_name, patronymic, gender, display_name, "
          "surname_key, created_at) VALUES ('" +
              surname + "', '" + first + "', '', '" + gender + "', '" + first + " " + surname +
              "', '" + text::MatchKey(surname) + "', '2026-01-01T00:00:00Z') RETURNING id"));
    };
    kedrov = person("Кедров", "Игорь", "m");
    zimina = person("Зимина", "Анна", "f");
  }
  // What a version-2 WriteAnalysis wrote: Кедров in all three articles (twice
  // in the second), Зимина in the first two; one quote of Кедров each; the
  // articles marked analyzed.
  auto raw = [&](const std::string& sql) { RawQuery(path, sql); };
  for (size_t i = 0; i < articles.size(); ++i) {
    const std::string a = std::to_string(articles[i]);
    raw("UPDATE articles SET analysis_version = 1, needs_analysis = 0 WHERE id = " + a);
    raw("INSERT INTO mentions (article_id, person_id, in_title, start_offset, end_offset, text, "
        "normal) VALUES (" +
        a + ", " + std::to_string(kedrov) + ", 0, 0, 6, 'Кедров', 'Кедров')");
    if (i == 1)
      raw("INSERT INTO mentions (article_id, person_id, in_title, start_offset, end_offset, "
          "text, normal) VALUES (" +
          a + ", " + std::to_string(kedrov) + ", 0, 20, 26, 'Кедров', 'Кедров')");
    if (i < 2)
      raw("INSERT INTO mentions (article_id, person_id, in_title, start_offset, end_offset, "
          "text, normal) VALUES (" +
          a + ", " + std::to_string(zimina) + ", 0, 9, 15, 'Зимина', 'Зимина')");
    raw("INSERT INTO quotes (article_id, person_id, start_offset, end_offset, text) VALUES (" + a +
        ", " + std::to_string(kedrov) + ", 0, 6, 'Цитата " + std::to_string(i) + "')");
  }
  raw("UPDATE persons SET article_count = (SELECT COUNT(DISTINCT article_id) FROM mentions m "
      "WHERE m.person_id = persons.id)");

  auto store = Open(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ((*store)->SchemaVersion(), LatestSchemaVersion());
  EXPECT_EQ(RawQuery(path, "SELECT COUNT(*) FROM person_articles"), "5");
  auto context = (*store)->GetPersonContext(kedrov, 10);
  ASSERT_TRUE(context.ok());
  EXPECT_EQ(context->articles, 3);
  EXPECT_EQ(context->first_seen, "2026-02-01T08:00:00Z");
  EXPECT_EQ(context->last_seen, "2026-06-01T08:00:00Z");
  EXPECT_EQ((*store)->GetPersonContext(zimina, 10)->last_seen, "2026-04-01T08:00:00Z");
  EXPECT_EQ(*(*store)->CountPersonArticles(kedrov, {"2026-03-01", "2026-07-01"}), 2);
  auto quotes = (*store)->PersonQuotes(kedrov, 5);
  ASSERT_TRUE(quotes.ok());
  ASSERT_EQ(quotes->size(), 3u);
  EXPECT_EQ((*quotes)[0].quote.text, "Цитата 2");
  EXPECT_EQ((*quotes)[0].date, "2026-06-01T08:00:00Z");
  auto co = (*store)->CoMentionedPersons(kedrov, 5);
  ASSERT_EQ(co->size(), 1u);
  EXPECT_EQ((*co)[0].articles, 2);
  auto top = (*store)->TopPersons({}, 5);
  ASSERT_EQ(top->size(), 2u);
  EXPECT_EQ((*top)[0].person_id, kedrov);
  EXPECT_EQ((*top)[0].articles, 3);

  // Kept from now on: Кедров leaves the latest article.
  ArticleAnalysis without;
  without.article_id = articles[2];
  ASSERT_TRUE((*store)->WriteAnalysis(without).ok());
  EXPECT_EQ((*store)->GetPersonContext(kedrov, 10)->last_seen, "2026-04-01T08:00:00Z");
  EXPECT_EQ(*(*store)->CountPersonArticles(kedrov, {}), 2);
}

// Persons stored before version 5 are found by first name and patronymic
// after it: the migration fills their keys.
TEST(SqliteStore, MigrationFromVersion3KeysFirstNamesAndPatronymics) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "v3.db").string();
  const std::vector<Migration> v3(Migrations().begin(), Migrations().begin() + 3);
  ASSERT_EQ(v3.back().version, 3);
  ASSERT_TRUE(OpenSqliteWithMigrations(path, {}, v3).ok());
  const std::string id = RawQuery(
      path,
      "INSERT INTO persons (surname, first_name, patronymic, gender, display_name, surname_key, "
      "created_at) VALUES ('Ёлкина', 'Алёна', 'Петровна', 'f', 'Алёна Петровна Ёлкина', "
      "'елкина', '2026-01-01T00:00:00Z') RETURNING id");
  auto store = Open(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  for (const char* name : {"АЛЕНА", "петровна", "Елкина"}) {
    auto found = (*store)->FindPersonsByName({name}, 5);
    ASSERT_TRUE(found.ok()) << found.status().message();
    ASSERT_EQ(found->size(), 1u) << name;
    EXPECT_EQ(std::to_string(found->at(0).id), id);
  }
  EXPECT_EQ(RawQuery(path, "SELECT first_name_key || ' ' || patronymic_key FROM persons"),
            "алена петровна");
}

// Persons and positions stored before version 7 have no external id and are
// not imported: a position is still deleted with its last evidence.
TEST(SqliteStore, MigrationFromVersion6LeavesPersonsAndPositionsAsTheyWere) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "v6.db").string();
  const std::vector<Migration> v6(Migrations().begin(), Migrations().begin() + 6);
  ASSERT_EQ(v6.back().version, 6);
  ASSERT_TRUE(OpenSqliteWithMigrations(path, {}, v6).ok());
  const std::string person = RawQuery(
      path,
      "INSERT INTO persons (surname, first_name, patronymic, gender, display_name, surname_key, "
      "created_at) VALUES ('Зимина', 'Анна', '', 'f', 'Анна Зимина', 'зимина', "
      "'2026-01-01T00:00:00Z') RETURNING id");
  const std::string article = RawQuery(
      path,
      "INSERT INTO articles (title, text, content_hash, ingested_at, updated_at, article_date, "
      "analysis_version, needs_analysis) VALUES ('', 'Мэр Анна Зимина', 'h', "
      "'2026-02-01T00:00:00Z', '2026-02-01T00:00:00Z', '2026-02-01T00:00:00Z', 1, 0) "
      "RETURNING id");
  const std::string position =
      RawQuery(path,
               "INSERT INTO positions (person_id, title, org, former, first_seen, last_seen, "
               "evidence_count) VALUES (" +
                   person +
                   ", 'мэр', 'Лесногорск', 0, '2026-02-01T00:00:00Z', '2026-02-01T00:00:00Z', 1) "
                   "RETURNING id");
  RawQuery(path,
           "INSERT INTO position_evidence (position_id, article_id, evidence_date, start_offset, "
           "end_offset, text) VALUES (" +
               position + ", " + article + ", '2026-02-01T00:00:00Z', 0, 3, 'Мэр')");

  auto store = Open(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto zimina = (*store)->GetPerson(std::stoll(person));
  ASSERT_TRUE(zimina.ok() && zimina->has_value());
  EXPECT_EQ((*zimina)->external_id, "");
  EXPECT_EQ(RawQuery(path, "SELECT COUNT(*) FROM persons WHERE external_id IS NULL"), "1");
  auto positions = (*store)->PersonPositionSummaries(std::stoll(person));
  ASSERT_EQ(positions->size(), 1u);
  EXPECT_FALSE((*positions)[0].imported);
  EXPECT_EQ((*positions)[0].imported_from, "");

  ArticleAnalysis without;
  without.article_id = std::stoll(article);
  ASSERT_TRUE((*store)->WriteAnalysis(without).ok());
  EXPECT_TRUE((*store)->PersonPositionSummaries(std::stoll(person))->empty());
}

// Version 8 keys the surnames stored before it by their spelling key.
TEST(SqliteStore, MigrationFromVersion7KeysSurnamesBySpelling) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "v7.db").string();
  const std::vector<Migration> v7(Migrations().begin(), Migrations().begin() + 7);
  ASSERT_EQ(v7.back().version, 7);
  ASSERT_TRUE(OpenSqliteWithMigrations(path, {}, v7).ok());
  const std::string id = RawQuery(
      path,
      "INSERT INTO persons (surname, first_name, patronymic, gender, display_name, surname_key, "
      "created_at) VALUES ('Кассиев', 'Тимур', '', 'm', 'Тимур Кассиев', 'кассиев', "
      "'2026-01-01T00:00:00Z') RETURNING id");
  auto store = Open(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(RawQuery(path, "SELECT surname_key FROM persons"), "касиев");
  auto found = (*store)->FindPersonsBySurname("Касиев");
  ASSERT_TRUE(found.ok()) << found.status().message();
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(std::to_string(found->at(0).id), id);
}

TEST(SqliteStore, ExpandPlaceholders) {
  const SqlDialect dialect{"INTEGER PRIMARY KEY", "WITHOUT ROWID"};
  EXPECT_EQ(ExpandPlaceholders("CREATE TABLE t (id {ID}, x {ID}) {BY_PRIMARY_KEY};", dialect),
            "CREATE TABLE t (id INTEGER PRIMARY KEY, x INTEGER PRIMARY KEY) WITHOUT ROWID;");
  EXPECT_EQ(ExpandPlaceholders("SELECT '{ID' || '{}' || '{X}'", dialect),
            "SELECT '{ID' || '{}' || '{X}'");
  EXPECT_EQ(ExpandPlaceholders("{BY_PRIMARY_KEY}", {"", ""}), "");
}

}  // namespace
}  // namespace kto::store
