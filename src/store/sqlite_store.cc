// The embedded SQLite backend of store::Store: the shared queries
// (sql_store.h) over one SQLite connection, and an FTS5 full-text index.
//
// One connection per Store; WAL journal (readers do not block the writer),
// foreign keys enforced, a busy timeout for concurrent writers. Transactions
// start with BEGIN IMMEDIATE (the write lock is taken up front, so two
// writers never deadlock upgrading a read lock); nested ones are savepoints.
#include <filesystem>
#include <random>
#include <unordered_set>

#include "internal.h"
#include "kto/text/normalize.h"
#include "sql_store.h"
#include "sqlite_db.h"
#include "sqlite_search.h"

namespace kto::store {
namespace {

// A text search's condition on article_search: the FTS5 query and the
// period as a rowid range.
struct TextCondition {
  std::string match;
  std::optional<int64_t> low, high;

  std::string Sql() const {
    std::string sql = "article_search MATCH ?";
    if (low) sql += " AND article_search.rowid >= ?";
    if (high) sql += " AND article_search.rowid < ?";
    return sql;
  }
  // Binds from `index`; returns the next index.
  int Bind(Stmt& q, int index) const {
    q.Bind(index++, match);
    if (low) q.Bind(index++, *low);
    if (high) q.Bind(index++, *high);
    return index;
  }
};

class SqliteStore final : public SqlStore {
 public:
  // `terms_slot`: the connection's (RegisterSearchTokenizer), or null without
  // a search index.
  SqliteStore(std::unique_ptr<SqliteDb> db, StoreOptions options, int version,
              SearchTermsSlot* terms_slot)
      : SqlStore(db.get(), std::move(options), version,
                 {"BEGIN IMMEDIATE", "BEGIN", "CROSS JOIN", "", "", ""}),
        sqlite_(std::move(db)),
        terms_slot_(terms_slot) {
    // Snippet markers no article can contain: a control character and a
    // random tag (so a hostile text cannot fake a match).
    std::random_device random;
    const std::string tag = std::to_string(random()) + std::to_string(random());
    snippet_open_ = "\x1e" + tag + "[";
    snippet_close_ = "\x1e" + tag + "]";
  }

  Result<int64_t> SizeBytes() override;
  const SearchTokenizer* TermsTokenizer() const override {
    return terms_slot_ != nullptr ? options_.search_tokenizer.get() : nullptr;
  }

 private:
  Status IndexArticle(int64_t article, const std::string& article_date,
                      const SearchTerms* terms) override;
  Result<SearchResult> SearchText(const SearchQuery& query) override;
  Result<SearchResult> SearchPersonText(const SearchQuery& query, const TextCondition& condition);
  // The columns of a hit (bind the snippet markers as 1 and 2) for `where`.
  static std::string HitSql(const std::string& where);
  SearchHit ReadHit(const Stmt& row) const;

  std::unique_ptr<SqliteDb> sqlite_;
  SearchTermsSlot* terms_slot_;
  std::string snippet_open_, snippet_close_;  // around matches in snippet()
};

// ---- full-text search -------------------------------------------------------

Status SqliteStore::IndexArticle(int64_t article, const std::string& article_date,
                                 const SearchTerms* terms) {
  if (version_ < 4) return Status();  // an old schema (migration tests)
  if (!options_.search_tokenizer) {
    // The index (if any) misses this analysis: the next store opened with a
    // tokenizer rebuilds it.
    KTO_PREPARE(q, "DELETE FROM store_meta WHERE key = 'search_tokenizer'");
    return q.Run();
  }
  {
    KTO_PREPARE(q,
                "DELETE FROM article_search WHERE rowid = (SELECT search_key FROM articles "
                "WHERE id = ?)");
    q.Bind(1, article);
    KTO_RETURN_IF_ERROR(q.Run());
  }
  const int64_t key = SearchKey(UnixSeconds(article_date).value_or(0), article);
  {
    KTO_PREPARE(q,
                "INSERT INTO article_search (rowid, title, text) SELECT ?, title, text FROM "
                "articles WHERE id = ?");
    q.Bind(1, key).Bind(2, article);
    // The terms made ahead stand for the texts they were made from, during
    // this statement only.
    if (terms_slot_ != nullptr) terms_slot_->terms = terms;
    const Status inserted = q.Run();
    if (terms_slot_ != nullptr) terms_slot_->terms = nullptr;
    KTO_RETURN_IF_ERROR(inserted);
  }
  KTO_PREPARE(q, "UPDATE articles SET search_key = ? WHERE id = ?");
  q.Bind(1, key).Bind(2, article);
  return q.Run();
}

Result<SearchResult> SqliteStore::SearchText(const SearchQuery& query) {
  if (!options_.search_tokenizer)
    return Status::InvalidArgument("full-text search is off: the store has no search tokenizer");
  TextCondition condition;
  condition.match = SearchMatchExpression(*options_.search_tokenizer, query.text);
  if (condition.match.empty()) return SearchResult{};
  // The period as a range of index rowids (whose high bits are the date).
  for (auto [bound, key] :
       {std::pair{&query.period.from, &condition.low}, {&query.period.to, &condition.high}}) {
    if (bound->empty()) continue;
    const auto seconds = UnixSeconds(*bound);
    if (!seconds) return Status::InvalidArgument("\"" + *bound + "\" is not an ISO-8601 date");
    *key = SearchKey(*seconds, 0);
  }
  if (query.person_id != 0) return SearchPersonText(query, condition);
  SearchResult result;
  {
    KTO_PREPARE(q, "SELECT COUNT(*) FROM article_search WHERE " + condition.Sql());
    condition.Bind(q, 1);
    if (q.Step()) result.total = q.ColumnInt(0);
    KTO_RETURN_IF_ERROR(q.status());
  }
  if (result.total <= static_cast<int64_t>(std::min<size_t>(query.offset, INT64_MAX)) ||
      query.limit == 0)
    return result;
  // The page in rowid order (FTS5 walks its doclists backwards and stops
  // after the page), snippets computed for the page's rows only.
  KTO_PREPARE(q, HitSql(condition.Sql()) + " ORDER BY article_search.rowid DESC LIMIT ? OFFSET ?");
  q.Bind(1, snippet_open_).Bind(2, snippet_close_);
  const int next = condition.Bind(q, 3);
  q.Bind(next, SqlCount(query.limit)).Bind(next + 1, SqlCount(query.offset));
  auto hits = ReadRows(q, [&](const Stmt& row) { return ReadHit(row); });
  if (!hits.ok()) return hits.status();
  result.hits = std::move(hits).value();
  return result;
}

// The person's articles in a hash set, then the text's matches (rowids
// only: the index alone) kept when in the set. A lookup of person_articles
// per match in SQL costs three times as much for a frequent word; going
// from the person's articles to the index costs a whole MATCH each.
Result<SearchResult> SqliteStore::SearchPersonText(const SearchQuery& query,
                                                   const TextCondition& condition) {
  std::unordered_set<int64_t> articles;
  {
    KTO_PREPARE(q, "SELECT article_id FROM person_articles WHERE person_id = ?");
    q.Bind(1, query.person_id);
    while (q.Step()) articles.insert(q.ColumnInt(0));
    KTO_RETURN_IF_ERROR(q.status());
  }
  SearchResult result;
  std::vector<int64_t> page;  // rowids
  {
    KTO_PREPARE(
        q, "SELECT rowid FROM article_search WHERE " + condition.Sql() + " ORDER BY rowid DESC");
    condition.Bind(q, 1);
    while (q.Step()) {
      const int64_t key = q.ColumnInt(0);
      if (!articles.contains(key & kSearchKeyIdMask)) continue;
      if (static_cast<size_t>(result.total) >= query.offset && page.size() < query.limit)
        page.push_back(key);
      ++result.total;
    }
    KTO_RETURN_IF_ERROR(q.status());
  }
  for (const int64_t key : page) {
    KTO_PREPARE(q, HitSql(condition.Sql() + " AND article_search.rowid = ?"));
    q.Bind(1, snippet_open_).Bind(2, snippet_close_);
    q.Bind(condition.Bind(q, 3), key);
    if (q.Step()) result.hits.push_back(ReadHit(q));
    KTO_RETURN_IF_ERROR(q.status());
  }
  return result;
}

std::string SqliteStore::HitSql(const std::string& where) {
  return std::string("SELECT ") + kSummaryColumns +
         ", kto_snippet(article_search, ?, ?, '…', 24) FROM article_search CROSS JOIN articles a "
         "ON a.id = (article_search.rowid & " +
         std::to_string(kSearchKeyIdMask) + ") WHERE " + where;
}

SearchHit SqliteStore::ReadHit(const Stmt& row) const {
  return SearchHit{ReadSummary(row),
                   SplitSnippet(row.ColumnText(6), snippet_open_, snippet_close_)};
}

Result<int64_t> SqliteStore::SizeBytes() {
  int64_t bytes = 0;
  for (const std::string& file : {sqlite_->path(), sqlite_->path() + "-wal"}) {
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    if (!error) bytes += static_cast<int64_t>(size);
  }
  return bytes;
}
// The tokenizer version the full-text index was built with ("" if none).
Result<std::string> IndexedTokenizerVersion(SqliteDb& db) {
  auto q = db.Prepare(
      "SELECT (SELECT value FROM store_meta WHERE key = 'search_tokenizer'), EXISTS (SELECT 1 "
      "FROM sqlite_master WHERE name = 'article_search')");
  if (!q.ok()) return q.status();
  if (!q->Step()) return q->status().ok() ? Status::Internal("no row") : q->status();
  return q->ColumnInt(1) != 0 ? q->ColumnText(0) : std::string();
}

// Drops and refills the full-text index from every analyzed article.
Status RebuildSearchIndex(SqliteDb& db, const std::string& version) {
  KTO_RETURN_IF_ERROR(
      db.Exec("DROP TABLE IF EXISTS article_search; CREATE VIRTUAL TABLE article_search USING "
              "fts5(title, text, tokenize = '" +
              std::string(kSearchTokenizerName) + "'); UPDATE articles SET search_key = NULL"));
  std::vector<std::pair<int64_t, std::string>> articles;
  {
    auto q = db.Prepare("SELECT id, article_date FROM articles WHERE analysis_version > 0");
    if (!q.ok()) return q.status();
    while (q->Step()) articles.emplace_back(q->ColumnInt(0), q->ColumnText(1));
    KTO_RETURN_IF_ERROR(q->status());
  }
  for (const auto& [id, date] : articles) {
    const int64_t key = SearchKey(UnixSeconds(date).value_or(0), id);
    auto insert = db.Prepare(
        "INSERT INTO article_search (rowid, title, text) SELECT ?, title, text FROM articles "
        "WHERE id = ?");
    if (!insert.ok()) return insert.status();
    insert->Bind(1, key).Bind(2, id);
    KTO_RETURN_IF_ERROR(insert->Run());
    auto update = db.Prepare("UPDATE articles SET search_key = ? WHERE id = ?");
    if (!update.ok()) return update.status();
    update->Bind(1, key).Bind(2, id);
    KTO_RETURN_IF_ERROR(update->Run());
  }
  auto meta = db.Prepare(
      "INSERT INTO store_meta (key, value) VALUES ('search_tokenizer', ?) ON CONFLICT (key) DO "
      "UPDATE SET value = excluded.value");
  if (!meta.ok()) return meta.status();
  meta->Bind(1, version);
  return meta->Run();
}

// Registers the tokenizer and rebuilds the index when it was built with
// another tokenizer version or misses analyses (a store without a tokenizer
// wrote some: it cleared the version).
Status OpenSearchIndex(SqliteDb& db, const SearchTokenizer& tokenizer) {
  const std::string version = tokenizer.Version();
  auto indexed = IndexedTokenizerVersion(db);
  if (!indexed.ok()) return indexed.status();
  if (*indexed == version) return Status();
  KTO_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  indexed = IndexedTokenizerVersion(db);  // another connection may have rebuilt it
  Status status = indexed.status();
  if (status.ok() && *indexed != version) status = RebuildSearchIndex(db, version);
  if (status.ok()) status = db.Exec("COMMIT");
  if (!status.ok()) {
    db.Exec("ROLLBACK");
    return Status(status.code(), "cannot build the full-text index: " + status.message());
  }
  return Status();
}

// SQLite's own automatic checkpoint (PASSIVE, at 1,000 WAL pages) never
// waits for readers. In a server some reader is always in the WAL, so the
// checkpoint copies pages back but the WAL never starts over, and the file
// grows as long as the server runs. Past kWalTruncatePages the writer
// truncates it, trying again while readers are in the way: a reader that
// starts once every page has been copied back reads the database file, not
// the WAL, so each try waits only for the readers of the try before. (One
// long wait would not do: SQLite then waits for the lock of the reader that
// was in the way, which the next reader takes again.) A commit waits at
// most kWalTruncateTries * kWalTruncateTryMs; what does not finish is tried
// after the next commit.
constexpr int kWalCheckpointPages = 1000;
constexpr int kWalTruncatePages = 16384;  // 64 MB of 4 KB pages
constexpr int kWalTruncateTries = 20;
constexpr int kWalTruncateTryMs = 5;

// `busy_timeout_ms`: the connection's own, restored after the truncation.
int CheckpointAfterCommit(void* busy_timeout_ms, sqlite3* db, const char* schema, int wal_pages) {
  if (wal_pages >= kWalTruncatePages) {
    sqlite3_busy_timeout(db, kWalTruncateTryMs);
    for (int i = 0; i < kWalTruncateTries; ++i) {
      if (sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr) !=
          SQLITE_BUSY)
        break;
    }
    sqlite3_busy_timeout(db, static_cast<int>(reinterpret_cast<intptr_t>(busy_timeout_ms)));
  } else if (wal_pages >= kWalCheckpointPages) {
    sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  }
  return SQLITE_OK;
}

// The settings of every connection; docs/store.md «SQLite settings» gives
// the reasons.
Status Configure(SqliteDb& conn, int busy_timeout_ms) {
  // journal_mode answers with a row; Exec ignores it. The first statement
  // reading the file is where a non-database file is detected.
  KTO_RETURN_IF_ERROR(conn.Exec("PRAGMA journal_mode = WAL"));
  KTO_RETURN_IF_ERROR(conn.Exec("PRAGMA foreign_keys = ON"));
  KTO_RETURN_IF_ERROR(conn.Exec("PRAGMA synchronous = NORMAL"));
  // Reads map the file instead of copying each page into the connection's
  // cache (2 GB, SQLite's largest by default; a bigger file is read past it).
  KTO_RETURN_IF_ERROR(conn.Exec("PRAGMA mmap_size = 2147418112"));
  sqlite3_wal_hook(conn.handle(), CheckpointAfterCommit,
                   reinterpret_cast<void*>(static_cast<intptr_t>(busy_timeout_ms)));
  return Status();
}

// kto_match_key(text), kto_spelling_key(text): text::MatchKey and
// text::SpellingKey in SQL, for migrations 5 and 8 to fill the keys of the
// persons stored before them.
template <std::string (*kKey)(std::string_view)>
void KeyFunction(sqlite3_context* context, int, sqlite3_value** args) {
  const auto* bytes = reinterpret_cast<const char*>(sqlite3_value_text(args[0]));
  const std::string key = bytes ? kKey(std::string_view(bytes, sqlite3_value_bytes(args[0]))) : "";
  sqlite3_result_text(context, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
}

std::string MatchKeyOf(std::string_view text) {
  return text::MatchKey(text);
}

Status RegisterMatchKeyFunction(SqliteDb& db) {
  constexpr int kFlags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  int rc = sqlite3_create_function(db.handle(), "kto_match_key", 1, kFlags, nullptr,
                                   KeyFunction<MatchKeyOf>, nullptr, nullptr);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function(db.handle(), "kto_spelling_key", 1, kFlags, nullptr,
                                 KeyFunction<text::SpellingKey>, nullptr, nullptr);
  return rc == SQLITE_OK ? Status() : db.Error(rc, "registering the key functions");
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqlite(const std::string& path, const StoreOptions& options) {
  return OpenSqliteWithMigrations(path, options, Migrations());
}

Result<std::unique_ptr<Store>> OpenSqliteWithMigrations(const std::string& path,
                                                        const StoreOptions& options,
                                                        const std::vector<Migration>& migrations) {
  auto db = SqliteDb::Open(path, options.busy_timeout_ms);
  if (!db.ok()) return db.status();
  SqliteDb& conn = **db;
  KTO_RETURN_IF_ERROR(RegisterMatchKeyFunction(conn));
  KTO_RETURN_IF_ERROR(Configure(conn, options.busy_timeout_ms));
  int version = 0;
  KTO_RETURN_IF_ERROR(Migrate(conn, migrations, options.clock ? options.clock() : SystemNowUtc(),
                              SqlDialect{"INTEGER PRIMARY KEY", "WITHOUT ROWID"}, "BEGIN IMMEDIATE",
                              "", &version));
  SearchTermsSlot* terms_slot = nullptr;
  if (options.search_tokenizer && version >= 4) {
    KTO_RETURN_IF_ERROR(
        RegisterSearchTokenizer(conn.handle(), options.search_tokenizer, &terms_slot));
    KTO_RETURN_IF_ERROR(OpenSearchIndex(conn, *options.search_tokenizer));
  }
  return std::unique_ptr<Store>(
      new SqliteStore(std::move(db).value(), options, version, terms_slot));
}

}  // namespace kto::store
