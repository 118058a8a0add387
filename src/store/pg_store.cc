// The PostgreSQL backend of store::Store: the shared queries (sql_store.h)
// over one libpq connection, and a full-text index of kto's own terms in a
// tsvector column.
//
// Transactions are READ COMMITTED (PostgreSQL's default); the rows a write
// changes are locked until it commits, so two writers of one person's
// counts wait for each other instead of losing an update. A read
// transaction is REPEATABLE READ, READ ONLY: one snapshot. docs/scale.md
// describes a deployment; docs/store.md the schema.
#include <unordered_set>

#include "internal.h"
#include "pg_db.h"
#include "search_common.h"
#include "sql_store.h"

namespace kto::store {
namespace {

// The advisory lock key (any constant) that serializes schema migrations
// and rebuilds of the full-text index between processes.
constexpr int64_t kSchemaLockKey = 0x6b746f5f736368;  // "kto_sch"

// kto computes the name keys itself (text::MatchKey, text::SpellingKey) and
// stores them; migrations 5 and 8 call these functions only to key persons
// stored before them, which a PostgreSQL store never has (it starts at the
// latest schema). They exist so that those migrations parse, and fail
// loudly if that ever changes.
constexpr const char* kKeyFunctions = R"sql(
CREATE OR REPLACE FUNCTION kto_match_key(t text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'kto_match_key is computed by kto, not in SQL';
END $$;
CREATE OR REPLACE FUNCTION kto_spelling_key(t text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'kto_spelling_key is computed by kto, not in SQL';
END $$;
)sql";

// The full-text index: one row per analyzed article, its distinct terms
// (the SearchTokenizer's, no positions: a query is words ANDed, each any of
// its lemmas) and its search key (search_common.h: newest first, a period
// is a key range).
constexpr const char* kSearchTable = R"sql(
CREATE TABLE IF NOT EXISTS article_search (
  article_id BIGINT NOT NULL PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  search_key BIGINT NOT NULL,
  terms tsvector NOT NULL
);
CREATE INDEX IF NOT EXISTS article_search_terms ON article_search USING GIN (terms);
CREATE INDEX IF NOT EXISTS article_search_key ON article_search (search_key);
)sql";

// PostgreSQL's limits on a tsvector: a lexeme under 2 KB, the whole under 1 MB.
constexpr size_t kMaxLexemeBytes = 2000;
constexpr size_t kMaxTsVectorBytes = 900000;

// `term` as a quoted lexeme of tsvector or tsquery input.
void AppendLexeme(std::string_view term, std::string* out) {
  *out += '\'';
  for (char c : term) {
    if (c == '\'' || c == '\\') *out += c;  // doubled: a literal quote or backslash
    *out += c;
  }
  *out += '\'';
}

// The tsvector input of the distinct terms of the title and the text.
std::string TsVectorOf(const SearchTokenizer& tokenizer, std::string_view title,
                       std::string_view text) {
  std::unordered_set<std::string> terms;
  auto add = [&](std::string_view term, size_t, size_t, bool) {
    if (!term.empty() && term.size() <= kMaxLexemeBytes) terms.emplace(term);
  };
  tokenizer.Tokenize(title, add);
  tokenizer.Tokenize(text, add);
  std::string out;
  for (const std::string& term : terms) {
    if (out.size() + term.size() > kMaxTsVectorBytes) break;  // a giant article: indexed in part
    AppendLexeme(term, &out);
    out += ' ';
  }
  return out;
}

// The tsquery of a search text: each word is any of its terms, all words
// are required. Sets `terms` to every term. Empty when the text has none.
std::string TsQueryOf(const SearchTokenizer& tokenizer, std::string_view text,
                      std::unordered_set<std::string>* terms) {
  std::string query;
  bool open = false;
  tokenizer.Tokenize(text, [&](std::string_view term, size_t, size_t, bool colocated) {
    if (term.empty() || term.size() > kMaxLexemeBytes) return;
    terms->emplace(term);
    if (!colocated || !open) {
      if (open) query += ")";
      query += query.empty() ? "(" : " & (";
      open = true;
    } else {
      query += " | ";
    }
    AppendLexeme(term, &query);
  });
  if (open) query += ")";
  return query;
}

// The snippet of a hit: the window of kSnippetTokens tokens of the text
// (else the title) with the most words having one of `terms`, the matches
// marked, "…" where the window cuts the column.
constexpr int kSnippetTokens = 24;

Highlighted SnippetOf(const SearchTokenizer& tokenizer, std::string_view title,
                      std::string_view text, const std::unordered_set<std::string>& terms) {
  for (std::string_view column : {text, title}) {
    std::vector<std::pair<size_t, size_t>> words;  // byte spans
    std::vector<std::pair<int, int>> matches;      // (word, 1)
    tokenizer.Tokenize(column, [&](std::string_view term, size_t begin, size_t end,
                                   bool colocated) {
      if (!colocated || words.empty()) words.emplace_back(begin, end);
      const int word = static_cast<int>(words.size()) - 1;
      if (terms.contains(std::string(term)) && (matches.empty() || matches.back().first != word))
        matches.emplace_back(word, 1);
    });
    if (matches.empty()) continue;
    const int count = static_cast<int>(words.size());
    const auto [first, last] = SnippetWindow(matches, count, kSnippetTokens);
    Highlighted out;
    auto add = [&](std::string_view piece, bool match) {
      if (piece.empty()) return;
      if (!out.pieces.empty() && out.pieces.back().second == match) {
        out.pieces.back().first += piece;
      } else {
        out.pieces.emplace_back(std::string(piece), match);
      }
    };
    auto span = [&](size_t begin, size_t end) { return column.substr(begin, end - begin); };
    size_t pos = first > 0 ? words[static_cast<size_t>(first)].first : 0;
    if (first > 0) add("…", false);
    for (const auto& [word, size] : matches) {
      if (word < first || word >= last) continue;
      const auto [begin, end] = words[static_cast<size_t>(word)];
      add(span(pos, begin), false);
      add(span(begin, end), true);
      pos = end;
    }
    const bool to_the_end = last >= count;
    add(span(pos, to_the_end ? column.size() : words[static_cast<size_t>(last) - 1].second), false);
    if (!to_the_end) add("…", false);
    return out;
  }
  return {};
}

class PgStore final : public SqlStore {
 public:
  PgStore(std::unique_ptr<PgDb> db, StoreOptions options, int version)
      : SqlStore(db.get(), std::move(options), version,
                 {"BEGIN", "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", "JOIN",
                  "SELECT COUNT(pg_advisory_xact_lock(hashtextextended(column1, 0))) FROM (VALUES",
                  " FOR UPDATE", " FOR UPDATE SKIP LOCKED"}),
        pg_(std::move(db)) {}

  Result<int64_t> SizeBytes() override;
  Status ContinueIdsAfterCopy(const std::string& table) override {
    // (`table` is one of CopyStore's own names, never input.)
    return pg_->Exec("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), " +
                     "COALESCE(MAX(id), 0) + 1, false) FROM " + table);
  }

 private:
  Status IndexArticle(int64_t article, const std::string& article_date,
                      const SearchTerms* terms) override;
  Result<SearchResult> SearchText(const SearchQuery& query) override;

  std::unique_ptr<PgDb> pg_;
};

Result<int64_t> PgStore::SizeBytes() {
  KTO_PREPARE(q, "SELECT pg_database_size(current_database())");
  if (!q.Step()) return q.status().ok() ? Status::Internal("no size") : q.status();
  return q.ColumnInt(0);
}

Status PgStore::IndexArticle(int64_t article, const std::string& article_date,
                             const SearchTerms* /*terms*/) {
  if (!options_.search_tokenizer) {
    // The index misses this analysis: the next store opened with a
    // tokenizer rebuilds it.
    KTO_PREPARE(q, "DELETE FROM store_meta WHERE key = 'search_tokenizer'");
    return q.Run();
  }
  std::string terms;
  {
    KTO_PREPARE(q, "SELECT title, text FROM articles WHERE id = ?");
    q.Bind(1, article);
    if (!q.Step()) return q.status().ok() ? Status::NotFound("no article") : q.status();
    terms = TsVectorOf(*options_.search_tokenizer, q.ColumnText(0), q.ColumnText(1));
  }
  const int64_t key = SearchKey(UnixSeconds(article_date).value_or(0), article);
  {
    KTO_PREPARE(q,
                "INSERT INTO article_search (article_id, search_key, terms) VALUES (?, ?, "
                "CAST(? AS tsvector)) ON CONFLICT (article_id) DO UPDATE SET search_key = "
                "excluded.search_key, terms = excluded.terms");
    q.Bind(1, article).Bind(2, key).Bind(3, terms);
    KTO_RETURN_IF_ERROR(q.Run());
  }
  KTO_PREPARE(q, "UPDATE articles SET search_key = ? WHERE id = ?");
  q.Bind(1, key).Bind(2, article);
  return q.Run();
}

Result<SearchResult> PgStore::SearchText(const SearchQuery& query) {
  if (!options_.search_tokenizer)
    return Status::InvalidArgument("full-text search is off: the store has no search tokenizer");
  const SearchTokenizer& tokenizer = *options_.search_tokenizer;
  std::unordered_set<std::string> terms;
  const std::string tsquery = TsQueryOf(tokenizer, query.text, &terms);
  if (tsquery.empty()) return SearchResult{};
  std::string where = "s.terms @@ CAST(? AS tsquery)";
  std::vector<int64_t> bounds;
  for (const auto& [bound, op] : {std::pair{&query.period.from, " AND s.search_key >= ?"},
                                  std::pair{&query.period.to, " AND s.search_key < ?"}}) {
    if (bound->empty()) continue;
    const auto seconds = UnixSeconds(*bound);
    if (!seconds) return Status::InvalidArgument("\"" + *bound + "\" is not an ISO-8601 date");
    where += op;
    bounds.push_back(SearchKey(*seconds, 0));
  }
  if (query.person_id != 0)
    where += " AND s.article_id IN (SELECT article_id FROM person_articles WHERE person_id = ?)";
  auto bind = [&](Stmt& q) {
    int index = 1;
    q.Bind(index++, tsquery);
    for (int64_t b : bounds) q.Bind(index++, b);
    if (query.person_id != 0) q.Bind(index++, query.person_id);
    return index;
  };
  SearchResult result;
  {
    KTO_PREPARE(q, "SELECT COUNT(*) FROM article_search s WHERE " + where);
    bind(q);
    if (q.Step()) result.total = q.ColumnInt(0);
    KTO_RETURN_IF_ERROR(q.status());
  }
  if (result.total <= static_cast<int64_t>(std::min<size_t>(query.offset, INT64_MAX)) ||
      query.limit == 0)
    return result;
  KTO_PREPARE(q, std::string("SELECT ") + kSummaryColumns +
                     ", a.title, a.text FROM article_search s JOIN articles a ON a.id = "
                     "s.article_id WHERE " +
                     where + " ORDER BY s.search_key DESC LIMIT ? OFFSET ?");
  const int next = bind(q);
  q.Bind(next, SqlCount(query.limit)).Bind(next + 1, SqlCount(query.offset));
  while (q.Step())
    result.hits.push_back(
        SearchHit{ReadSummary(q), SnippetOf(tokenizer, q.ColumnText(6), q.ColumnText(7), terms)});
  KTO_RETURN_IF_ERROR(q.status());
  return result;
}

// The text of one value of a one-row query.
Result<std::string> QueryValue(SqlDb& db, const std::string& sql) {
  auto q = db.Prepare(sql);
  if (!q.ok()) return q.status();
  if (q->Step()) return q->ColumnText(0);
  if (!q->status().ok()) return q->status();
  return std::string();
}

// Refuses a database that cannot hold Russian text.
Status CheckEncoding(PgDb& db) {
  auto encoding = QueryValue(db,
                             "SELECT pg_encoding_to_char(encoding) FROM pg_database "
                             "WHERE datname = current_database()");
  if (!encoding.ok()) return encoding.status();
  if (*encoding != "UTF8")
    return Status::InvalidArgument("PostgreSQL database " + db.name() + " is encoded in " +
                                   *encoding +
                                   "; kto needs UTF8 (CREATE DATABASE ... ENCODING 'UTF8' "
                                   "TEMPLATE template0)");
  return Status();
}

// Drops and refills the full-text index from every analyzed article.
Status RebuildSearchIndex(PgDb& db, const SearchTokenizer& tokenizer) {
  KTO_RETURN_IF_ERROR(db.Exec("TRUNCATE article_search; UPDATE articles SET search_key = NULL"));
  std::vector<std::pair<int64_t, std::string>> articles;
  {
    auto q = db.Prepare("SELECT id, article_date FROM articles WHERE analysis_version > 0");
    if (!q.ok()) return q.status();
    while (q->Step()) articles.emplace_back(q->ColumnInt(0), q->ColumnText(1));
    KTO_RETURN_IF_ERROR(q->status());
  }
  for (const auto& [id, date] : articles) {
    auto text = db.Prepare("SELECT title, text FROM articles WHERE id = ?");
    if (!text.ok()) return text.status();
    text->Bind(1, id);
    if (!text->Step()) return text->status();
    const std::string terms = TsVectorOf(tokenizer, text->ColumnText(0), text->ColumnText(1));
    const int64_t key = SearchKey(UnixSeconds(date).value_or(0), id);
    auto insert = db.Prepare(
        "INSERT INTO article_search (article_id, search_key, terms) VALUES (?, ?, CAST(? AS "
        "tsvector))");
    if (!insert.ok()) return insert.status();
    insert->Bind(1, id).Bind(2, key).Bind(3, terms);
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
  meta->Bind(1, tokenizer.Version());
  return meta->Run();
}

const char* kIndexVersionSql = "SELECT value FROM store_meta WHERE key = 'search_tokenizer'";

// Creates the index table, and rebuilds the index when it was built with
// another tokenizer version or misses analyses (a store without a tokenizer
// wrote some: it cleared the version).
Status OpenSearchIndex(PgDb& db, const SearchTokenizer& tokenizer) {
  const std::string version = tokenizer.Version();
  if (auto indexed = QueryValue(db, kIndexVersionSql); indexed.ok() && *indexed == version)
    return Status();
  KTO_RETURN_IF_ERROR(
      db.Exec("BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(kSchemaLockKey) + ")"));
  Status status = db.Exec(kSearchTable);
  if (status.ok()) {
    auto indexed = QueryValue(db, kIndexVersionSql);  // another process may have rebuilt it
    status = indexed.status();
    if (status.ok() && *indexed != version) status = RebuildSearchIndex(db, tokenizer);
  }
  if (status.ok()) status = db.Exec("COMMIT");
  if (!status.ok()) {
    db.Exec("ROLLBACK");
    return Status(status.code(), "cannot build the full-text index: " + status.message());
  }
  return Status();
}

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgres(const std::string& uri, const StoreOptions& options) {
  // A writer waits for another's row locks at most busy_timeout_ms.
  auto db = PgDb::Connect(uri, "SET lock_timeout = " + std::to_string(options.busy_timeout_ms) +
                                   "; SET client_min_messages = warning");
  if (!db.ok()) return db.status();
  PgDb& conn = **db;
  KTO_RETURN_IF_ERROR(CheckEncoding(conn));
  int version = 0;
  KTO_RETURN_IF_ERROR(
      Migrate(conn, Migrations(), options.clock ? options.clock() : SystemNowUtc(),
              SqlDialect{"BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", ""},
              "BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(kSchemaLockKey) + ")",
              kKeyFunctions, &version));
  if (options.search_tokenizer)
    KTO_RETURN_IF_ERROR(OpenSearchIndex(conn, *options.search_tokenizer));
  return std::unique_ptr<Store>(new PgStore(std::move(db).value(), options, version));
}

}  // namespace kto::store
