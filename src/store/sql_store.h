// The store's queries, written once for its SQL backends: SqlStore
// implements store::Store over a SqlDb connection (sql_db.h); a backend
// (SQLite: sqlite_store.cc, PostgreSQL: pg_store.cc) subclasses it with how
// it opens transactions, its full-text index and its size on disk.
//
// Thread safety: a SqlStore is used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include "internal.h"
#include "kto/store/store.h"
#include "schema.h"
#include "sql_db.h"

namespace kto::store {

#define KTO_RETURN_IF_ERROR(expr)      \
  do {                                 \
    Status status_ = (expr);           \
    if (!status_.ok()) return status_; \
  } while (0)

// Declares `Stmt& name` for `sql`, returning the error when it cannot be prepared.
#define KTO_PREPARE(name, sql)                                \
  auto name##_prepared = db_->Prepare(sql);                   \
  if (!name##_prepared.ok()) return name##_prepared.status(); \
  Stmt& name = *name##_prepared

// How a backend spells what the shared queries need of it.
struct SqlStatements {
  // Starts a write transaction, taking the write lock up front where the
  // backend has one (SQLite: "BEGIN IMMEDIATE").
  std::string begin_write;
  // Starts a read-only transaction on one snapshot.
  std::string begin_read;
  // A join that keeps the written order of its tables (SQLite: "CROSS
  // JOIN", which its planner never reorders; PostgreSQL: "JOIN").
  std::string ordered_join;
  // Takes the transaction's locks of keys (LockKeys): the head of a
  // statement over "(VALUES (key), ...) AS keys" (their column is column1);
  // empty when a write transaction holds the whole database (SQLite).
  std::string lock_keys;
  // After a SELECT: locks the rows it reads until the transaction ends
  // (PostgreSQL: " FOR UPDATE"; SQLite: ""), and the same skipping rows
  // another transaction holds (" FOR UPDATE SKIP LOCKED").
  std::string for_update;
  std::string for_update_skip_locked;
};

// The columns of an ArticleSummary, of `articles a`, and its reader.
inline constexpr const char* kSummaryColumns =
    "a.id, a.external_id, a.url, a.source, a.title, a.article_date";
ArticleSummary ReadSummary(const Stmt& q);

// Every row of `q`, each read by `read(q)`.
template <typename Read>
auto ReadRows(Stmt& q, Read read) -> Result<std::vector<decltype(read(q))>> {
  std::vector<decltype(read(q))> rows;
  while (q.Step()) rows.push_back(read(q));
  if (!q.status().ok()) return q.status();
  return rows;
}

// A count (LIMIT, OFFSET) as SQL's 64-bit integer.
int64_t SqlCount(size_t n);

// A value bound to a statement: NULL, an integer or a text.
using SqlValue = std::variant<std::monostate, int64_t, std::string>;

// Rows sent many to a statement: one call (for PostgreSQL, one round trip)
// per kRows rows instead of one per row. The statement is `head`, then the
// rows, each `row` (its `?` marks bound to the row's values) joined by ", ",
// then `tail`: an INSERT ("INSERT INTO t (a, b) VALUES", "(?, ?)", " ON
// CONFLICT ..."), or a list a query reads ("SELECT ... WHERE name IN (",
// "?", ")"), whose rows go to `on_row`. Thread safety: none.
class RowBatch {
 public:
  // Rows a statement carries at most, fewer for wide rows: SQLite takes at
  // most 32,766 parameters, PostgreSQL 65,535, but libpq refuses a
  // prepared statement's parameter description (4 bytes a parameter)
  // longer than 30,000 bytes.
  static constexpr size_t kRows = 500;
  static constexpr size_t kMaxParameters = 7000;

  RowBatch(SqlDb& db, std::string head, std::string row, std::string tail = "",
           std::function<void(const Stmt&)> on_row = nullptr);
  // Adds a row of as many values as `row` has marks; runs the statement when full.
  Status Add(std::vector<SqlValue> values);
  // Runs the rows not run yet. Call it before reading what they wrote.
  Status Flush();

 private:
  SqlDb& db_;
  std::string head_, row_, tail_;
  std::function<void(const Stmt&)> on_row_;
  size_t columns_, per_statement_;
  std::vector<SqlValue> values_;
};

class SqlStore : public Store {
 public:
  int SchemaVersion() const override { return version_; }

  Status Transaction(const std::function<Status()>& body) override;
  Status ReadTransaction(const std::function<Status()>& body) override;
  Status LockKeys(const std::vector<std::string>& keys) override;

  Result<UpsertResult> UpsertArticle(const ArticleInput& article) override;
  Result<std::optional<Article>> GetArticle(int64_t id) override;
  Result<std::optional<Article>> FindArticleByExternalId(const std::string& id) override;
  Result<std::vector<int64_t>> ArticlesToAnalyze(int current_version, size_t limit) override;
  Result<std::vector<int64_t>> ClaimArticlesToAnalyze(int current_version, size_t limit,
                                                      int64_t lease_seconds) override;
  Status HoldArticle(int64_t id, int64_t lease_seconds) override;
  Result<int64_t> CountArticles() override;

  Result<int64_t> CreatePerson(const Person& person) override;
  Status UpdatePerson(const Person& person) override;
  Result<std::optional<Person>> GetPerson(int64_t id) override;
  Result<std::vector<Person>> GetPersons(const std::vector<int64_t>& ids) override;
  Result<std::optional<Person>> FindPersonByExternalId(const std::string& id) override;
  Result<std::vector<Person>> FindPersonsBySurnames(
      const std::vector<std::string>& surnames) override;
  Status AddAliases(const std::vector<PersonAlias>& aliases) override;
  Result<std::vector<std::string>> Aliases(int64_t person_id) override;
  Status SetImportedPositions(int64_t person_id,
                              const std::vector<ImportedPosition>& positions) override;

  Status WriteAnalysis(const ArticleAnalysis& analysis) override;

  Result<std::vector<Mention>> ArticleMentions(int64_t article_id) override;
  Result<std::vector<Quote>> ArticleQuotes(int64_t article_id) override;
  Result<int64_t> CountPersonArticles(int64_t person_id, const Period& period) override;
  Result<std::vector<Position>> PersonPositions(int64_t person_id, size_t max_evidence) override;
  Result<std::vector<PersonCount>> TopPersons(const Period& period, size_t limit) override;
  Result<PersonContext> GetPersonContext(int64_t person_id, size_t max_articles) override;
  Result<ArticleAnalysis> ReadAnalysis(int64_t article_id) override;
  Result<std::vector<Position>> PositionSummariesOf(
      const std::vector<int64_t>& person_ids) override;
  Result<std::vector<PersonCount>> CoMentionedPersons(int64_t person_id, size_t limit) override;
  Result<std::vector<Person>> FindPersonsByName(const std::vector<std::string>& names,
                                                size_t limit) override;
  Result<std::vector<PersonQuote>> PersonQuotes(int64_t person_id, size_t limit,
                                                size_t offset) override;
  Result<SearchResult> SearchArticles(const SearchQuery& query) override;
  Result<std::vector<ArticleSummary>> LatestArticles(size_t limit, size_t offset) override;
  Result<std::vector<ArticleSummary>> PersonArticles(int64_t person_id, size_t limit,
                                                     size_t offset) override;
  Result<std::vector<MonthCount>> PersonMonthlyCounts(int64_t person_id) override;
  Result<std::vector<PositionEvidence>> PositionEvidenceRows(int64_t position_id,
                                                             size_t limit) override;

  Result<CheckReport> Check(bool repair) override;  // check.cc

  // The connection (CopyStore reads and writes tables whole).
  SqlDb& connection() { return *db_; }
  // After rows were inserted into `table` with their ids given: the next
  // id the database assigns follows them (PostgreSQL's identity sequences;
  // SQLite takes the largest id anyway).
  virtual Status ContinueIdsAfterCopy(const std::string& /*table*/) { return Status(); }

 protected:
  // REQUIRES: `db` outlives the store (the subclass owns it).
  SqlStore(SqlDb* db, StoreOptions options, int version, SqlStatements statements)
      : db_(db),
        options_(std::move(options)),
        version_(version),
        statements_(std::move(statements)) {}

  // The backend's full-text index. IndexArticle replaces the article's
  // entry (WriteAnalysis, inside its transaction), with `terms` when made
  // ahead (may be null; a backend may ignore them); without a tokenizer it
  // marks the index stale instead. SearchText runs a query with a text
  // (SearchArticles checked it and opened a read transaction).
  virtual Status IndexArticle(int64_t article, const std::string& article_date,
                              const SearchTerms* terms) = 0;
  virtual Result<SearchResult> SearchText(const SearchQuery& query) = 0;

  // The person's articles in `period`, newest first.
  Result<std::vector<ArticleSummary>> PersonArticlesIn(int64_t person_id, const Period& period,
                                                       size_t limit, size_t offset);

  SqlDb* db_;
  StoreOptions options_;
  int version_;

 private:
  std::string Now() const { return options_.clock ? options_.clock() : SystemNowUtc(); }
  // Now() as Unix seconds (the leases' clock).
  int64_t NowSeconds() const;
  Status Writable() const {
    return read_only_ ? Status::Internal("a write inside Store::ReadTransaction") : Status();
  }
  Result<std::optional<Article>> FindArticle(const char* column, const std::string& value);
  // CreatePerson's and UpdatePerson's checks: the gender, and an external id
  // no other person than `person.id` has.
  Status CheckPerson(const Person& person);
  Status SetImportedPositionsInTransaction(int64_t person_id,
                                           const std::vector<ImportedPosition>& positions);
  Result<UpsertResult> UpsertInTransaction(const ArticleInput& article, const std::string& hash);
  // WriteAnalysis inside its transaction, in the order of its sections.
  Status WriteAnalysisInTransaction(const ArticleAnalysis& analysis);
  // The article, locked for writing its analysis: the date its evidence
  // carries (articles.article_date), and whether an analysis was written
  // before (analysis_version > 0: WriteAnalysis alone sets it).
  struct ArticleToWrite {
    std::string date;
    bool analyzed = false;
  };
  Result<ArticleToWrite> LockArticle(int64_t article);
  // What an article's previous analysis referred to, found before deleting it.
  struct PreviousAnalysis {
    std::set<int64_t> persons;    // mentioned
    std::set<int64_t> positions;  // with evidence in the article
  };
  Result<PreviousAnalysis> DeleteAnalysis(int64_t article);
  Status UpdateCoMentions(const std::set<int64_t>& old_persons,
                          const std::set<int64_t>& new_persons);
  Status UpdatePersonArticles(int64_t article, const std::string& article_date,
                              const std::set<int64_t>& old_persons,
                              const std::set<int64_t>& new_persons);
  Status InsertMentions(int64_t article, const std::vector<Mention>& mentions);
  Status InsertQuotes(int64_t article, const std::string& article_date,
                      const std::vector<Quote>& quotes);
  // Adds the ids of the positions given evidence to `touched`.
  Status InsertPositions(int64_t article, const std::string& article_date,
                         const std::vector<PositionMention>& positions, std::set<int64_t>* touched);
  // What names a position: (person, title, organization, former).
  using PositionKey = std::tuple<int64_t, std::string, std::string, bool>;
  static PositionKey KeyOf(const PositionMention& p);
  Result<std::map<PositionKey, int64_t>> PositionIds(const std::set<PositionKey>& keys,
                                                     const std::string& article_date);
  Status InsertEntityMentions(const ArticleAnalysis& analysis);
  // name -> abbreviation (organizations) or "" (locations).
  Result<std::map<std::string, int64_t>> EntityIds(const char* table,
                                                   const std::map<std::string, std::string>& names);
  Status RefreshPositions(const std::set<int64_t>& position_ids);

  SqlStatements statements_;
  int depth_ = 0;           // open transactions: 1 = BEGIN, more = savepoints
  bool read_only_ = false;  // the outermost is a ReadTransaction
};

// Brings the schema of `db` up to `migrations`, each pending one applied in
// one transaction with the others and recorded in schema_migrations; sets
// `*version`. `begin` starts that transaction so that two processes opening
// a fresh database do not both migrate (SQLite: BEGIN IMMEDIATE; PostgreSQL:
// BEGIN and an advisory lock); `prologue` (may be empty) runs first in it.
// kCorrupt when the database's schema is newer than `migrations`.
Status Migrate(SqlDb& db, const std::vector<Migration>& migrations, const std::string& now,
               const SqlDialect& dialect, const std::string& begin, const std::string& prologue,
               int* version);

}  // namespace kto::store
