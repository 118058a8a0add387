// The embedded SQLite backend of store::Store.
//
// One connection per Store; WAL journal (readers do not block the writer),
// foreign keys enforced, a busy timeout for concurrent writers. Transactions
// start with BEGIN IMMEDIATE (the write lock is taken up front, so two
// writers never deadlock upgrading a read lock); nested ones are savepoints.
#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <tuple>
#include <unordered_set>

#include "internal.h"
#include "kto/text/normalize.h"
#include "kto/text/utf8.h"
#include "schema.h"
#include "sha256.h"
#include "sqlite_db.h"
#include "sqlite_search.h"

namespace kto::store {
namespace {

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

constexpr const char* kArticleColumns =
    "id, external_id, url, source, published_at, title, text, content_hash, analysis_version, "
    "needs_analysis, ingested_at, updated_at";

Article ReadArticle(const Stmt& q) {
  Article a;
  a.id = q.ColumnInt(0);
  a.external_id = q.ColumnText(1);
  a.url = q.ColumnText(2);
  a.source = q.ColumnText(3);
  a.published_at = q.ColumnText(4);
  a.title = q.ColumnText(5);
  a.text = q.ColumnText(6);
  a.content_hash = q.ColumnText(7);
  a.analysis_version = static_cast<int>(q.ColumnInt(8));
  a.needs_analysis = q.ColumnInt(9) != 0;
  a.ingested_at = q.ColumnText(10);
  a.updated_at = q.ColumnText(11);
  return a;
}

// The columns ReadPerson reads, of `persons`.
constexpr const char* kPersonColumns =
    "id, surname, first_name, patronymic, gender, display_name, article_count, external_id";

Person ReadPerson(const Stmt& q) {
  Person p;
  p.id = q.ColumnInt(0);
  p.surname = q.ColumnText(1);
  p.first_name = q.ColumnText(2);
  p.patronymic = q.ColumnText(3);
  p.gender = q.ColumnText(4);
  p.display_name = q.ColumnText(5);
  p.article_count = q.ColumnInt(6);
  p.external_id = q.ColumnText(7);
  return p;
}

// The columns of an ArticleSummary, of `articles a`.
constexpr const char* kSummaryColumns =
    "a.id, a.external_id, a.url, a.source, a.title, a.article_date";

ArticleSummary ReadSummary(const Stmt& q) {
  return ArticleSummary{q.ColumnInt(0),  q.ColumnText(1), q.ColumnText(2),
                        q.ColumnText(3), q.ColumnText(4), q.ColumnText(5)};
}

Status CheckSpan(int64_t start, int64_t end, const char* what) {
  if (start < 0 || end < start) {
    return Status::InvalidInput(std::string("bad ") + what + " span [" + std::to_string(start) +
                                ", " + std::to_string(end) + ")");
  }
  return Status();
}

Status CheckGender(const std::string& gender) {
  if (gender.empty() || gender == "m" || gender == "f") return Status();
  return Status::InvalidInput("gender must be \"m\", \"f\" or empty, not \"" + gender + "\"");
}

// "... AND article_date >= ? AND article_date < ?" for the bounds that are
// set (`table`: the alias of the table whose date counts, or "").
std::string PeriodCondition(const Period& period, const std::string& table = "") {
  const std::string column = table.empty() ? "article_date" : table + ".article_date";
  std::string sql;
  if (!period.from.empty()) sql += " AND " + column + " >= ?";
  if (!period.to.empty()) sql += " AND " + column + " < ?";
  return sql;
}

// Every row of `q`, each read by `read(q)`.
template <typename Read>
auto ReadRows(Stmt& q, Read read) -> Result<std::vector<decltype(read(q))>> {
  std::vector<decltype(read(q))> rows;
  while (q.Step()) rows.push_back(read(q));
  if (!q.status().ok()) return q.status();
  return rows;
}

// A count (LIMIT, OFFSET) as SQLite's 64-bit integer.
int64_t SqlCount(size_t n) {
  return static_cast<int64_t>(std::min<size_t>(n, INT64_MAX));
}

int BindPeriod(Stmt& q, int index, const Period& period) {
  if (!period.from.empty()) q.Bind(index++, period.from);
  if (!period.to.empty()) q.Bind(index++, period.to);
  return index;
}

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

class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<SqliteDb> db, StoreOptions options, int version)
      : db_(std::move(db)), options_(std::move(options)), version_(version) {
    // Snippet markers no article can contain: a control character and a
    // random tag (so a hostile text cannot fake a match).
    std::random_device random;
    const std::string tag = std::to_string(random()) + std::to_string(random());
    snippet_open_ = "\x1e" + tag + "[";
    snippet_close_ = "\x1e" + tag + "]";
  }

  int SchemaVersion() const override { return version_; }

  Status Transaction(const std::function<Status()>& body) override;
  Status ReadTransaction(const std::function<Status()>& body) override;

  Result<UpsertResult> UpsertArticle(const ArticleInput& article) override;
  Result<std::optional<Article>> GetArticle(int64_t id) override;
  Result<std::optional<Article>> FindArticleByExternalId(const std::string& id) override;
  Result<std::vector<int64_t>> ArticlesToAnalyze(int current_version, size_t limit) override;
  Result<int64_t> CountArticles() override;

  Result<int64_t> CreatePerson(const Person& person) override;
  Status UpdatePerson(const Person& person) override;
  Result<std::optional<Person>> GetPerson(int64_t id) override;
  Result<std::optional<Person>> FindPersonByExternalId(const std::string& id) override;
  Result<std::vector<Person>> FindPersonsBySurname(const std::string& surname) override;
  Status AddAlias(int64_t person_id, const std::string& alias) override;
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
  Result<std::vector<Position>> PersonPositionSummaries(int64_t person_id) override;
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
  Result<int64_t> SizeBytes() override;

 private:
  std::string Now() const { return options_.clock ? options_.clock() : SystemNowUtc(); }
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
  // The date the article's evidence carries (articles.article_date).
  Result<std::string> ArticleDate(int64_t article);
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
  Result<int64_t> PositionId(const PositionMention& p, const std::string& article_date);
  Status InsertEntityMentions(const ArticleAnalysis& analysis);
  Result<int64_t> EntityId(const char* table, const EntityMention& entity);
  Status RefreshPositions(const std::set<int64_t>& position_ids);
  Status RefreshPosition(int64_t position_id);
  // Replaces the article's row of the full-text index (WriteAnalysis); sets
  // articles.search_key. Without a tokenizer, marks the index stale instead.
  Status IndexArticle(int64_t article, const std::string& article_date);
  // The person's articles in `period`, newest first.
  Result<std::vector<ArticleSummary>> PersonArticlesIn(int64_t person_id, const Period& period,
                                                       size_t limit, size_t offset);
  Result<SearchResult> SearchText(const SearchQuery& query);
  Result<SearchResult> SearchPersonText(const SearchQuery& query, const TextCondition& condition);
  // The columns of a hit (bind the snippet markers as 1 and 2) for `where`.
  static std::string HitSql(const std::string& where);
  SearchHit ReadHit(const Stmt& row) const;

  std::unique_ptr<SqliteDb> db_;
  StoreOptions options_;
  int version_;
  int depth_ = 0;                             // open transactions: 1 = BEGIN, more = savepoints
  bool read_only_ = false;                    // the outermost is a ReadTransaction
  std::string snippet_open_, snippet_close_;  // around matches in snippet()
};

Status SqliteStore::Transaction(const std::function<Status()>& body) {
  KTO_RETURN_IF_ERROR(Writable());
  const int level = depth_;
  const std::string savepoint = "kto_sp" + std::to_string(level);
  KTO_RETURN_IF_ERROR(db_->Exec(level == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT " + savepoint));
  ++depth_;
  auto rollback = [&] {
    --depth_;
    if (level == 0) {
      db_->Exec("ROLLBACK");
    } else {
      db_->Exec("ROLLBACK TO SAVEPOINT " + savepoint);
      db_->Exec("RELEASE SAVEPOINT " + savepoint);
    }
  };
  Status status;
  try {
    status = body();
  } catch (...) {
    rollback();
    throw;
  }
  if (!status.ok()) {
    rollback();
    return status;
  }
  --depth_;
  status = db_->Exec(level == 0 ? "COMMIT" : "RELEASE SAVEPOINT " + savepoint);
  if (!status.ok() && level == 0) db_->Exec("ROLLBACK");
  return status;
}

Status SqliteStore::ReadTransaction(const std::function<Status()>& body) {
  if (depth_ > 0) return body();
  KTO_RETURN_IF_ERROR(db_->Exec("BEGIN"));
  ++depth_;
  read_only_ = true;
  Status status;
  try {
    status = body();
  } catch (...) {
    --depth_;
    read_only_ = false;
    db_->Exec("ROLLBACK");
    throw;
  }
  --depth_;
  read_only_ = false;
  // Nothing was written: ending it either way only releases the snapshot.
  db_->Exec("ROLLBACK");
  return status;
}

Result<std::optional<Article>> SqliteStore::FindArticle(const char* column,
                                                        const std::string& value) {
  KTO_PREPARE(q, std::string("SELECT ") + kArticleColumns + " FROM articles WHERE " + column +
                     " = ? ORDER BY id LIMIT 1");
  q.Bind(1, value);
  if (q.Step()) return std::optional<Article>(ReadArticle(q));
  if (!q.status().ok()) return q.status();
  return std::optional<Article>();
}

Result<UpsertResult> SqliteStore::UpsertArticle(const ArticleInput& article) {
  KTO_RETURN_IF_ERROR(ValidateArticle(article));
  const std::string normalized = NormalizeForHash(article.text);
  if (normalized.empty()) return Status::InvalidInput("the article has no text");
  const std::string hash = Sha256Hex(normalized);
  Result<UpsertResult> result = Status::Internal("upsert did not run");
  KTO_RETURN_IF_ERROR(Transaction([&] {
    result = UpsertInTransaction(article, hash);
    return result.status();
  }));
  return result;
}

Result<UpsertResult> SqliteStore::UpsertInTransaction(const ArticleInput& article,
                                                      const std::string& hash) {
  // The same article: same external id, else same url, else same content.
  std::optional<Article> same;
  for (const auto& [column, value] :
       {std::pair<const char*, const std::string*>{"external_id", &article.external_id},
        {"url", &article.url}}) {
    if (value->empty()) continue;
    auto found = FindArticle(column, *value);
    if (!found.ok()) return found.status();
    if (found->has_value()) {
      same = std::move(found).value();
      break;
    }
  }
  if (!same) {
    auto found = FindArticle("content_hash", hash);
    if (!found.ok()) return found.status();
    if (found->has_value()) return UpsertResult{(*found)->id, UpsertOutcome::kUnchanged};
  } else if (same->content_hash == hash) {
    return UpsertResult{same->id, UpsertOutcome::kUnchanged};
  }

  const std::string now = Now();
  if (!same) {
    KTO_PREPARE(q,
                "INSERT INTO articles (external_id, url, source, published_at, title, text, "
                "content_hash, analysis_version, needs_analysis, ingested_at, updated_at, "
                "article_date) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 1, ?, ?, ?) RETURNING id");
    q.BindTextOrNull(1, article.external_id)
        .BindTextOrNull(2, article.url)
        .BindTextOrNull(3, article.source)
        .BindTextOrNull(4, article.published_at)
        .Bind(5, article.title)
        .Bind(6, article.text)
        .Bind(7, hash)
        .Bind(8, now)
        .Bind(9, now)
        .Bind(10, article.published_at.empty() ? now : article.published_at);
    if (!q.Step()) return q.status().ok() ? Status::Internal("INSERT returned no id") : q.status();
    return UpsertResult{q.ColumnInt(0), UpsertOutcome::kNew};
  }

  // The text changed: replace it and what describes it; keep the identity
  // (an id or url the stored article already has is not overwritten, and a
  // url another article owns is not taken).
  Article updated = *same;
  if (updated.external_id.empty()) updated.external_id = article.external_id;
  if (updated.url.empty() && !article.url.empty()) {
    auto owner = FindArticle("url", article.url);
    if (!owner.ok()) return owner.status();
    if (!owner->has_value()) updated.url = article.url;
  }
  if (!article.source.empty()) updated.source = article.source;
  if (!article.published_at.empty()) updated.published_at = article.published_at;
  KTO_PREPARE(q,
              "UPDATE articles SET external_id = ?, url = ?, source = ?, published_at = ?, "
              "title = ?, text = ?, content_hash = ?, needs_analysis = 1, updated_at = ?, "
              "article_date = ? WHERE id = ?");
  q.BindTextOrNull(1, updated.external_id)
      .BindTextOrNull(2, updated.url)
      .BindTextOrNull(3, updated.source)
      .BindTextOrNull(4, updated.published_at)
      .Bind(5, article.title)
      .Bind(6, article.text)
      .Bind(7, hash)
      .Bind(8, now)
      .Bind(9, updated.published_at.empty() ? updated.ingested_at : updated.published_at)
      .Bind(10, updated.id);
  KTO_RETURN_IF_ERROR(q.Run());
  return UpsertResult{updated.id, UpsertOutcome::kUpdated};
}

Result<std::optional<Article>> SqliteStore::GetArticle(int64_t id) {
  KTO_PREPARE(q, std::string("SELECT ") + kArticleColumns + " FROM articles WHERE id = ?");
  q.Bind(1, id);
  if (q.Step()) return std::optional<Article>(ReadArticle(q));
  if (!q.status().ok()) return q.status();
  return std::optional<Article>();
}

Result<std::optional<Article>> SqliteStore::FindArticleByExternalId(const std::string& id) {
  if (id.empty()) return std::optional<Article>();
  return FindArticle("external_id", id);
}

Result<std::vector<int64_t>> SqliteStore::ArticlesToAnalyze(int current_version, size_t limit) {
  KTO_PREPARE(q,
              "SELECT id FROM articles WHERE needs_analysis = 1 OR analysis_version < ? "
              "ORDER BY id LIMIT ?");
  q.Bind(1, int64_t{current_version}).Bind(2, static_cast<int64_t>(limit));
  std::vector<int64_t> ids;
  while (q.Step()) ids.push_back(q.ColumnInt(0));
  if (!q.status().ok()) return q.status();
  return ids;
}

Result<int64_t> SqliteStore::CountArticles() {
  KTO_PREPARE(q, "SELECT COUNT(*) FROM articles");
  if (!q.Step()) return q.status().ok() ? Status::Internal("COUNT returned no row") : q.status();
  return q.ColumnInt(0);
}

Status SqliteStore::CheckPerson(const Person& person) {
  KTO_RETURN_IF_ERROR(CheckGender(person.gender));
  if (person.external_id.empty()) return Status();
  KTO_PREPARE(q, "SELECT id FROM persons WHERE external_id = ? AND id <> ?");
  q.Bind(1, person.external_id).Bind(2, person.id);
  if (q.Step())
    return Status::InvalidInput("external id \"" + person.external_id + "\" is person " +
                                std::to_string(q.ColumnInt(0)) + "'s");
  return q.status();
}

Result<int64_t> SqliteStore::CreatePerson(const Person& person) {
  KTO_RETURN_IF_ERROR(Writable());
  Person fresh = person;
  fresh.id = 0;
  KTO_RETURN_IF_ERROR(CheckPerson(fresh));
  KTO_PREPARE(q,
              "INSERT INTO persons (surname, first_name, patronymic, gender, display_name, "
              "surname_key, created_at, first_name_key, patronymic_key, external_id) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  q.Bind(1, person.surname)
      .Bind(2, person.first_name)
      .Bind(3, person.patronymic)
      .Bind(4, person.gender)
      .Bind(5, person.display_name)
      .Bind(6, text::SpellingKey(person.surname))
      .Bind(7, Now())
      .Bind(8, text::MatchKey(person.first_name))
      .Bind(9, text::MatchKey(person.patronymic))
      .BindTextOrNull(10, person.external_id);
  if (!q.Step()) return q.status().ok() ? Status::Internal("INSERT returned no id") : q.status();
  return q.ColumnInt(0);
}

Status SqliteStore::UpdatePerson(const Person& person) {
  KTO_RETURN_IF_ERROR(Writable());
  KTO_RETURN_IF_ERROR(CheckPerson(person));
  KTO_PREPARE(q,
              "UPDATE persons SET surname = ?, first_name = ?, patronymic = ?, gender = ?, "
              "display_name = ?, surname_key = ?, first_name_key = ?, patronymic_key = ?, "
              "external_id = ? WHERE id = ?");
  q.Bind(1, person.surname)
      .Bind(2, person.first_name)
      .Bind(3, person.patronymic)
      .Bind(4, person.gender)
      .Bind(5, person.display_name)
      .Bind(6, text::SpellingKey(person.surname))
      .Bind(7, text::MatchKey(person.first_name))
      .Bind(8, text::MatchKey(person.patronymic))
      .BindTextOrNull(9, person.external_id)
      .Bind(10, person.id);
  KTO_RETURN_IF_ERROR(q.Run());
  if (sqlite3_changes(db_->handle()) == 0)
    return Status::NotFound("no person with id " + std::to_string(person.id));
  return Status();
}

Result<std::optional<Person>> SqliteStore::GetPerson(int64_t id) {
  KTO_PREPARE(q, std::string("SELECT ") + kPersonColumns + " FROM persons WHERE id = ?");
  q.Bind(1, id);
  if (q.Step()) return std::optional<Person>(ReadPerson(q));
  if (!q.status().ok()) return q.status();
  return std::optional<Person>();
}

Result<std::optional<Person>> SqliteStore::FindPersonByExternalId(const std::string& id) {
  if (id.empty()) return std::optional<Person>();
  KTO_PREPARE(q, std::string("SELECT ") + kPersonColumns + " FROM persons WHERE external_id = ?");
  q.Bind(1, id);
  if (q.Step()) return std::optional<Person>(ReadPerson(q));
  if (!q.status().ok()) return q.status();
  return std::optional<Person>();
}

Result<std::vector<Person>> SqliteStore::FindPersonsBySurname(const std::string& surname) {
  KTO_PREPARE(q, std::string("SELECT ") + kPersonColumns +
                     " FROM persons WHERE surname_key = ? ORDER BY id");
  q.Bind(1, text::SpellingKey(surname));
  std::vector<Person> persons;
  while (q.Step()) persons.push_back(ReadPerson(q));
  if (!q.status().ok()) return q.status();
  return persons;
}

Status SqliteStore::AddAlias(int64_t person_id, const std::string& alias) {
  KTO_RETURN_IF_ERROR(Writable());
  KTO_PREPARE(q,
              "INSERT INTO aliases (person_id, alias) VALUES (?, ?) "
              "ON CONFLICT (person_id, alias) DO NOTHING");
  q.Bind(1, person_id).Bind(2, alias);
  return q.Run();
}

Result<std::vector<std::string>> SqliteStore::Aliases(int64_t person_id) {
  KTO_PREPARE(q, "SELECT alias FROM aliases WHERE person_id = ? ORDER BY alias");
  q.Bind(1, person_id);
  std::vector<std::string> aliases;
  while (q.Step()) aliases.push_back(q.ColumnText(0));
  if (!q.status().ok()) return q.status();
  return aliases;
}

Status SqliteStore::SetImportedPositions(int64_t person_id,
                                         const std::vector<ImportedPosition>& positions) {
  KTO_RETURN_IF_ERROR(Writable());
  std::set<std::tuple<std::string, std::string, bool>> keys;
  for (const ImportedPosition& p : positions) {
    if (p.title.empty()) return Status::InvalidInput("an imported position without a title");
    for (const std::string* field : {&p.title, &p.org})
      if (auto bad = text::FindInvalidUtf8(*field))
        return Status::InvalidInput("invalid UTF-8 in a position at byte " +
                                    std::to_string(bad->byte_offset) + ": " + bad->reason);
    for (const std::string* date : {&p.from, &p.to})
      if (!date->empty() && !IsCanonicalTimestamp(*date))
        return Status::InvalidInput("position date \"" + *date +
                                    "\" is not an ISO-8601 UTC time YYYY-MM-DDTHH:MM:SSZ");
    if (!p.from.empty() && !p.to.empty() && p.from > p.to)
      return Status::InvalidInput("position «" + p.title + "» ends (" + p.to +
                                  ") before it starts (" + p.from + ")");
    if (!keys.emplace(p.title, p.org, p.former).second)
      return Status::InvalidInput("position «" + p.title + "» (" + p.org + ") given twice");
  }
  return Transaction([&] { return SetImportedPositionsInTransaction(person_id, positions); });
}

Status SqliteStore::SetImportedPositionsInTransaction(
    int64_t person_id, const std::vector<ImportedPosition>& positions) {
  {
    KTO_PREPARE(q, "SELECT 1 FROM persons WHERE id = ?");
    q.Bind(1, person_id);
    if (!q.Step()) {
      KTO_RETURN_IF_ERROR(q.status());
      return Status::NotFound("no person with id " + std::to_string(person_id));
    }
  }
  std::set<int64_t> unmarked;  // imported before, not in `positions`
  {
    KTO_PREPARE(q, "SELECT id FROM positions WHERE person_id = ? AND imported = 1");
    q.Bind(1, person_id);
    while (q.Step()) unmarked.insert(q.ColumnInt(0));
    KTO_RETURN_IF_ERROR(q.status());
  }
  std::set<int64_t> touched = unmarked;
  for (const ImportedPosition& p : positions) {
    auto id = PositionId(PositionMention{person_id, p.title, p.org, p.former, 0, 0, ""}, "");
    if (!id.ok()) return id.status();
    KTO_PREPARE(q,
                "UPDATE positions SET imported = 1, imported_from = ?, imported_to = ? "
                "WHERE id = ?");
    q.Bind(1, p.from).Bind(2, p.to).Bind(3, *id);
    KTO_RETURN_IF_ERROR(q.Run());
    unmarked.erase(*id);
    touched.insert(*id);
  }
  for (int64_t id : unmarked) {
    KTO_PREPARE(q,
                "UPDATE positions SET imported = 0, imported_from = '', imported_to = '' "
                "WHERE id = ?");
    q.Bind(1, id);
    KTO_RETURN_IF_ERROR(q.Run());
  }
  return RefreshPositions(touched);
}

Status SqliteStore::WriteAnalysis(const ArticleAnalysis& analysis) {
  if (analysis.analysis_version <= 0)
    return Status::InvalidArgument("analysis_version must be positive");
  for (const Mention& m : analysis.mentions)
    KTO_RETURN_IF_ERROR(CheckSpan(m.start, m.end, "mention"));
  for (const Quote& q : analysis.quotes) KTO_RETURN_IF_ERROR(CheckSpan(q.start, q.end, "quote"));
  for (const PositionMention& p : analysis.positions)
    KTO_RETURN_IF_ERROR(CheckSpan(p.start, p.end, "position"));
  return Transaction([&] { return WriteAnalysisInTransaction(analysis); });
}

Status SqliteStore::WriteAnalysisInTransaction(const ArticleAnalysis& analysis) {
  const int64_t article = analysis.article_id;
  auto evidence_date = ArticleDate(article);
  if (!evidence_date.ok()) return evidence_date.status();
  auto previous = DeleteAnalysis(article);
  if (!previous.ok()) return previous.status();
  // Positions whose evidence changes: those of the old analysis and the new.
  std::set<int64_t> touched = std::move(previous->positions);

  std::set<int64_t> new_persons;
  for (const Mention& m : analysis.mentions) new_persons.insert(m.person_id);
  KTO_RETURN_IF_ERROR(
      UpdatePersonArticles(article, *evidence_date, previous->persons, new_persons));
  KTO_RETURN_IF_ERROR(InsertMentions(article, analysis.mentions));
  KTO_RETURN_IF_ERROR(InsertQuotes(article, *evidence_date, analysis.quotes));
  KTO_RETURN_IF_ERROR(InsertPositions(article, *evidence_date, analysis.positions, &touched));
  KTO_RETURN_IF_ERROR(InsertEntityMentions(analysis));
  KTO_RETURN_IF_ERROR(RefreshPositions(touched));

  KTO_RETURN_IF_ERROR(IndexArticle(article, *evidence_date));
  KTO_PREPARE(q, "UPDATE articles SET analysis_version = ?, needs_analysis = 0 WHERE id = ?");
  q.Bind(1, int64_t{analysis.analysis_version}).Bind(2, article);
  return q.Run();
}

Result<std::string> SqliteStore::ArticleDate(int64_t article) {
  KTO_PREPARE(q, "SELECT article_date FROM articles WHERE id = ?");
  q.Bind(1, article);
  if (!q.Step()) {
    KTO_RETURN_IF_ERROR(q.status());
    return Status::NotFound("no article with id " + std::to_string(article));
  }
  return q.ColumnText(0);
}

Result<SqliteStore::PreviousAnalysis> SqliteStore::DeleteAnalysis(int64_t article) {
  PreviousAnalysis previous;
  {
    KTO_PREPARE(q, "SELECT DISTINCT position_id FROM position_evidence WHERE article_id = ?");
    q.Bind(1, article);
    while (q.Step()) previous.positions.insert(q.ColumnInt(0));
    KTO_RETURN_IF_ERROR(q.status());
  }
  {
    KTO_PREPARE(q, "SELECT DISTINCT person_id FROM mentions WHERE article_id = ?");
    q.Bind(1, article);
    while (q.Step()) previous.persons.insert(q.ColumnInt(0));
    KTO_RETURN_IF_ERROR(q.status());
  }
  for (const char* table : {"mentions", "person_articles", "quotes", "position_evidence",
                            "organization_mentions", "location_mentions"}) {
    KTO_PREPARE(q, std::string("DELETE FROM ") + table + " WHERE article_id = ?");
    q.Bind(1, article);
    KTO_RETURN_IF_ERROR(q.Run());
  }
  return previous;
}

// persons.article_count: the persons of the old analysis lose this article,
// those of the new one gain it.
Status SqliteStore::UpdatePersonArticles(int64_t article, const std::string& article_date,
                                         const std::set<int64_t>& old_persons,
                                         const std::set<int64_t>& new_persons) {
  for (int64_t person : new_persons) {
    KTO_PREPARE(
        q, "INSERT INTO person_articles (person_id, article_id, article_date) VALUES (?, ?, ?)");
    q.Bind(1, person).Bind(2, article).Bind(3, article_date);
    KTO_RETURN_IF_ERROR(q.Run());
  }
  // Every person of the old or the new analysis: the count (+1 gained, -1
  // lost), first and last seen (two index lookups, however many articles
  // mention them).
  std::set<int64_t> changed = old_persons;
  changed.insert(new_persons.begin(), new_persons.end());
  for (int64_t person : changed) {
    const int64_t delta =
        int64_t{new_persons.count(person) > 0} - int64_t{old_persons.count(person) > 0};
    KTO_PREPARE(
        q,
        "UPDATE persons SET article_count = article_count + ?, first_seen = "
        "COALESCE((SELECT MIN(article_date) FROM person_articles WHERE person_id = ?), ''), "
        "last_seen = COALESCE((SELECT MAX(article_date) FROM person_articles WHERE "
        "person_id = ?), '') WHERE id = ?");
    q.Bind(1, delta).Bind(2, person).Bind(3, person).Bind(4, person);
    KTO_RETURN_IF_ERROR(q.Run());
  }
  return UpdateCoMentions(old_persons, new_persons);
}

// co_mentions: every ordered pair of persons of the new analysis gains this
// article, every pair of the old one loses it (a pair of both: no change).
Status SqliteStore::UpdateCoMentions(const std::set<int64_t>& old_persons,
                                     const std::set<int64_t>& new_persons) {
  std::set<int64_t> persons = old_persons;
  persons.insert(new_persons.begin(), new_persons.end());
  for (int64_t a : persons) {
    for (int64_t b : persons) {
      const int64_t delta =
          int64_t{a != b && new_persons.count(a) > 0 && new_persons.count(b) > 0} -
          int64_t{a != b && old_persons.count(a) > 0 && old_persons.count(b) > 0};
      if (delta > 0) {
        KTO_PREPARE(q,
                    "INSERT INTO co_mentions (person_id, other_id, articles) VALUES (?, ?, 1) ON "
                    "CONFLICT (person_id, other_id) DO UPDATE SET articles = co_mentions.articles "
                    "+ 1");
        q.Bind(1, a).Bind(2, b);
        KTO_RETURN_IF_ERROR(q.Run());
      } else if (delta < 0) {
        for (const char* sql :
             {"UPDATE co_mentions SET articles = articles - 1 WHERE person_id = ? AND other_id = ?",
              "DELETE FROM co_mentions WHERE person_id = ? AND other_id = ? AND articles = 0"}) {
          KTO_PREPARE(q, sql);
          q.Bind(1, a).Bind(2, b);
          KTO_RETURN_IF_ERROR(q.Run());
        }
      }
    }
  }
  return Status();
}

Status SqliteStore::InsertMentions(int64_t article, const std::vector<Mention>& mentions) {
  for (const Mention& m : mentions) {
    KTO_PREPARE(q,
                "INSERT INTO mentions (article_id, person_id, in_title, start_offset, end_offset, "
                "text, normal) VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.Bind(1, article)
        .Bind(2, m.person_id)
        .Bind(3, int64_t{m.in_title})
        .Bind(4, m.start)
        .Bind(5, m.end)
        .Bind(6, m.text)
        .Bind(7, m.normal);
    KTO_RETURN_IF_ERROR(q.Run());
  }
  return Status();
}

Status SqliteStore::InsertQuotes(int64_t article, const std::string& article_date,
                                 const std::vector<Quote>& quotes) {
  for (const Quote& quote : quotes) {
    KTO_PREPARE(q,
                "INSERT INTO quotes (article_id, person_id, start_offset, end_offset, text, "
                "article_date) VALUES (?, ?, ?, ?, ?, ?)");
    q.Bind(1, article);
    if (quote.person_id == 0) {
      q.BindNull(2);
    } else {
      q.Bind(2, quote.person_id);
    }
    q.Bind(3, quote.start).Bind(4, quote.end).Bind(5, quote.text).Bind(6, article_date);
    KTO_RETURN_IF_ERROR(q.Run());
  }
  return Status();
}

Status SqliteStore::InsertPositions(int64_t article, const std::string& article_date,
                                    const std::vector<PositionMention>& positions,
                                    std::set<int64_t>* touched) {
  for (const PositionMention& p : positions) {
    auto position_id = PositionId(p, article_date);
    if (!position_id.ok()) return position_id.status();
    touched->insert(*position_id);
    KTO_PREPARE(q,
                "INSERT INTO position_evidence (position_id, article_id, evidence_date, "
                "start_offset, end_offset, text) VALUES (?, ?, ?, ?, ?, ?)");
    q.Bind(1, *position_id)
        .Bind(2, article)
        .Bind(3, article_date)
        .Bind(4, p.start)
        .Bind(5, p.end)
        .Bind(6, p.text);
    KTO_RETURN_IF_ERROR(q.Run());
  }
  return Status();
}

// The id of the position `p` names, created (dated `article_date`, with no
// evidence yet) when new.
Result<int64_t> SqliteStore::PositionId(const PositionMention& p, const std::string& article_date) {
  {
    KTO_PREPARE(q,
                "INSERT INTO positions (person_id, title, org, former, first_seen, last_seen, "
                "evidence_count) VALUES (?, ?, ?, ?, ?, ?, 0) "
                "ON CONFLICT (person_id, title, org, former) DO NOTHING");
    q.Bind(1, p.person_id)
        .Bind(2, p.title)
        .Bind(3, p.org)
        .Bind(4, int64_t{p.former})
        .Bind(5, article_date)
        .Bind(6, article_date);
    KTO_RETURN_IF_ERROR(q.Run());
  }
  KTO_PREPARE(q,
              "SELECT id FROM positions WHERE person_id = ? AND title = ? AND org = ? AND "
              "former = ?");
  q.Bind(1, p.person_id).Bind(2, p.title).Bind(3, p.org).Bind(4, int64_t{p.former});
  if (!q.Step()) return q.status().ok() ? Status::Internal("position not found") : q.status();
  return q.ColumnInt(0);
}

Status SqliteStore::InsertEntityMentions(const ArticleAnalysis& analysis) {
  for (const auto& [entities, table, mentions_table, id_column] :
       {std::tuple{&analysis.organizations, "organizations", "organization_mentions",
                   "organization_id"},
        std::tuple{&analysis.locations, "locations", "location_mentions", "location_id"}}) {
    for (const EntityMention& e : *entities) {
      KTO_RETURN_IF_ERROR(CheckSpan(e.start, e.end, table));
      auto id = EntityId(table, e);
      if (!id.ok()) return id.status();
      KTO_PREPARE(q, std::string("INSERT INTO ") + mentions_table + " (article_id, " + id_column +
                         ", start_offset, end_offset, text, derived) VALUES (?, ?, ?, ?, ?, ?)");
      q.Bind(1, analysis.article_id)
          .Bind(2, *id)
          .Bind(3, e.start)
          .Bind(4, e.end)
          .Bind(5, e.text)
          .Bind(6, int64_t{e.derived});
      KTO_RETURN_IF_ERROR(q.Run());
    }
  }
  return Status();
}

Result<int64_t> SqliteStore::EntityId(const char* table, const EntityMention& entity) {
  const bool organization = std::string_view(table) == "organizations";
  {
    KTO_PREPARE(q, organization ? "INSERT INTO organizations (name, abbr) VALUES (?, ?) "
                                  "ON CONFLICT (name) DO NOTHING"
                                : "INSERT INTO locations (name) VALUES (?) "
                                  "ON CONFLICT (name) DO NOTHING");
    q.Bind(1, entity.name);
    if (organization) q.Bind(2, entity.abbr);
    KTO_RETURN_IF_ERROR(q.Run());
  }
  if (organization && !entity.abbr.empty()) {
    KTO_PREPARE(q, "UPDATE organizations SET abbr = ? WHERE name = ? AND abbr = ''");
    q.Bind(1, entity.abbr).Bind(2, entity.name);
    KTO_RETURN_IF_ERROR(q.Run());
  }
  KTO_PREPARE(q, std::string("SELECT id FROM ") + table + " WHERE name = ?");
  q.Bind(1, entity.name);
  if (!q.Step()) return q.status().ok() ? Status::Internal("entity not found") : q.status();
  return q.ColumnInt(0);
}

// Recomputes first/last seen and the evidence count of `position_ids` from
// their evidence and, for imported ones, the list's dates; a position left
// with neither evidence nor the imported mark is deleted.
Status SqliteStore::RefreshPositions(const std::set<int64_t>& position_ids) {
  for (int64_t id : position_ids) KTO_RETURN_IF_ERROR(RefreshPosition(id));
  return Status();
}

Status SqliteStore::RefreshPosition(int64_t id) {
  int64_t count = 0;
  bool imported = false;
  std::vector<std::string> dates;  // the evidence's earliest and latest, the list's
  {
    // One statement, the evidence read from the index alone.
    KTO_PREPARE(q,
                "SELECT COUNT(e.evidence_date), MIN(e.evidence_date), MAX(e.evidence_date), "
                "p.imported, p.imported_from, p.imported_to FROM positions p LEFT JOIN "
                "position_evidence e ON e.position_id = p.id WHERE p.id = ? "
                "GROUP BY p.id, p.imported, p.imported_from, p.imported_to");
    q.Bind(1, id);
    if (!q.Step()) return q.status();  // deleted already (its person was)
    count = q.ColumnInt(0);
    dates = {q.ColumnText(1), q.ColumnText(2), q.ColumnText(4), q.ColumnText(5)};
    imported = q.ColumnInt(3) != 0;
  }
  if (count == 0 && !imported) {
    KTO_PREPARE(q, "DELETE FROM positions WHERE id = ?");
    q.Bind(1, id);
    return q.Run();
  }
  std::erase(dates, std::string());
  std::string first, last;
  if (!dates.empty()) {
    first = *std::min_element(dates.begin(), dates.end());
    last = *std::max_element(dates.begin(), dates.end());
  }
  KTO_PREPARE(q,
              "UPDATE positions SET first_seen = ?, last_seen = ?, evidence_count = ? "
              "WHERE id = ?");
  q.Bind(1, first).Bind(2, last).Bind(3, count).Bind(4, id);
  return q.Run();
}

Result<std::vector<Mention>> SqliteStore::ArticleMentions(int64_t article_id) {
  KTO_PREPARE(q,
              "SELECT person_id, start_offset, end_offset, in_title, text, normal FROM mentions "
              "WHERE article_id = ? ORDER BY in_title DESC, start_offset, end_offset, id");
  q.Bind(1, article_id);
  std::vector<Mention> mentions;
  while (q.Step()) {
    mentions.push_back(Mention{q.ColumnInt(0), q.ColumnInt(1), q.ColumnInt(2), q.ColumnInt(3) != 0,
                               q.ColumnText(4), q.ColumnText(5)});
  }
  if (!q.status().ok()) return q.status();
  return mentions;
}

Result<std::vector<Quote>> SqliteStore::ArticleQuotes(int64_t article_id) {
  KTO_PREPARE(q,
              "SELECT person_id, start_offset, end_offset, text FROM quotes WHERE article_id = ? "
              "ORDER BY start_offset, id");
  q.Bind(1, article_id);
  std::vector<Quote> quotes;
  while (q.Step())
    quotes.push_back(
        Quote{q.ColumnInt(0), q.ColumnInt(1), q.ColumnInt(2), q.ColumnText(3), article_id});
  if (!q.status().ok()) return q.status();
  return quotes;
}

Result<int64_t> SqliteStore::CountPersonArticles(int64_t person_id, const Period& period) {
  if (period.from.empty() && period.to.empty()) {  // kept by WriteAnalysis
    KTO_PREPARE(q, "SELECT article_count FROM persons WHERE id = ?");
    q.Bind(1, person_id);
    if (q.Step()) return q.ColumnInt(0);
    KTO_RETURN_IF_ERROR(q.status());
    return int64_t{0};
  }
  KTO_PREPARE(q,
              "SELECT COUNT(*) FROM person_articles WHERE person_id = ?" + PeriodCondition(period));
  q.Bind(1, person_id);
  BindPeriod(q, 2, period);
  if (!q.Step()) return q.status().ok() ? Status::Internal("COUNT returned no row") : q.status();
  return q.ColumnInt(0);
}

Result<std::vector<Position>> SqliteStore::PersonPositions(int64_t person_id, size_t max_evidence) {
  auto positions = PersonPositionSummaries(person_id);
  if (!positions.ok()) return positions.status();
  for (Position& p : *positions) {
    if (max_evidence == 0) break;
    // The latest rows by the index (position_id, evidence_date), read until
    // `max_evidence` distinct articles (an article's rows are adjacent: they
    // share its date) -- not all of a long-held post's rows, as DISTINCT
    // would. Then oldest first.
    KTO_PREPARE(q,
                "SELECT article_id FROM position_evidence WHERE position_id = ? ORDER BY "
                "evidence_date DESC, article_id DESC");
    q.Bind(1, p.id);
    while (p.evidence.size() < max_evidence && q.Step()) {
      const int64_t article = q.ColumnInt(0);
      if (p.evidence.empty() || p.evidence.back() != article) p.evidence.push_back(article);
    }
    if (!q.status().ok()) return q.status();
    std::reverse(p.evidence.begin(), p.evidence.end());
  }
  return positions;
}

Result<std::vector<Position>> SqliteStore::PersonPositionSummaries(int64_t person_id) {
  std::vector<Position> positions;
  {
    KTO_PREPARE(q,
                "SELECT id, title, org, former, first_seen, last_seen, evidence_count, imported, "
                "imported_from, imported_to FROM positions WHERE person_id = ? ORDER BY "
                "last_seen DESC, evidence_count DESC, id");
    q.Bind(1, person_id);
    while (q.Step()) {
      Position p;
      p.id = q.ColumnInt(0);
      p.person_id = person_id;
      p.title = q.ColumnText(1);
      p.org = q.ColumnText(2);
      p.former = q.ColumnInt(3) != 0;
      p.first_seen = q.ColumnText(4);
      p.last_seen = q.ColumnText(5);
      p.evidence_count = q.ColumnInt(6);
      p.imported = q.ColumnInt(7) != 0;
      p.imported_from = q.ColumnText(8);
      p.imported_to = q.ColumnText(9);
      positions.push_back(std::move(p));
    }
    if (!q.status().ok()) return q.status();
  }
  return positions;
}

Result<std::vector<PersonCount>> SqliteStore::TopPersons(const Period& period, size_t limit) {
  std::string sql;
  if (period.from.empty() && period.to.empty()) {  // the counts kept by WriteAnalysis
    sql =
        "SELECT id, article_count FROM persons WHERE article_count > 0 ORDER BY "
        "article_count DESC, id LIMIT ?";
  } else {
    // The period's articles by their date index, then who they name.
    sql =
        "SELECT pa.person_id, COUNT(*) AS n FROM articles a JOIN person_articles pa ON "
        "pa.article_id = a.id WHERE 1 = 1" +
        PeriodCondition(period, "a") +
        " GROUP BY pa.person_id ORDER BY n DESC, pa.person_id LIMIT ?";
  }
  KTO_PREPARE(q, sql);
  const int next = BindPeriod(q, 1, period);
  q.Bind(next, static_cast<int64_t>(limit));
  std::vector<PersonCount> counts;
  while (q.Step()) counts.push_back(PersonCount{q.ColumnInt(0), q.ColumnInt(1)});
  if (!q.status().ok()) return q.status();
  return counts;
}

Result<ArticleAnalysis> SqliteStore::ReadAnalysis(int64_t article_id) {
  ArticleAnalysis out;
  out.article_id = article_id;
  {
    KTO_PREPARE(q, "SELECT analysis_version FROM articles WHERE id = ?");
    q.Bind(1, article_id);
    if (!q.Step()) {
      if (!q.status().ok()) return q.status();
      return Status::NotFound("no article " + std::to_string(article_id));
    }
    out.analysis_version = static_cast<int>(q.ColumnInt(0));
  }
  auto mentions = ArticleMentions(article_id);
  if (!mentions.ok()) return mentions.status();
  out.mentions = std::move(mentions).value();
  auto quotes = ArticleQuotes(article_id);
  if (!quotes.ok()) return quotes.status();
  out.quotes = std::move(quotes).value();
  {
    KTO_PREPARE(q,
                "SELECT p.person_id, p.title, p.org, p.former, e.start_offset, e.end_offset, "
                "e.text FROM position_evidence e JOIN positions p ON p.id = e.position_id WHERE "
                "e.article_id = ? ORDER BY e.start_offset, e.id");
    q.Bind(1, article_id);
    while (q.Step())
      out.positions.push_back(PositionMention{q.ColumnInt(0), q.ColumnText(1), q.ColumnText(2),
                                              q.ColumnInt(3) != 0, q.ColumnInt(4), q.ColumnInt(5),
                                              q.ColumnText(6)});
    if (!q.status().ok()) return q.status();
  }
  {
    KTO_PREPARE(q,
                "SELECT o.name, o.abbr, m.start_offset, m.end_offset, m.text, m.derived FROM "
                "organization_mentions m JOIN organizations o ON o.id = m.organization_id WHERE "
                "m.article_id = ? ORDER BY m.start_offset, m.id");
    q.Bind(1, article_id);
    while (q.Step())
      out.organizations.push_back(EntityMention{q.ColumnText(0), q.ColumnText(1), q.ColumnInt(2),
                                                q.ColumnInt(3), q.ColumnText(4),
                                                q.ColumnInt(5) != 0});
    if (!q.status().ok()) return q.status();
  }
  {
    KTO_PREPARE(q,
                "SELECT l.name, m.start_offset, m.end_offset, m.text, m.derived FROM "
                "location_mentions m JOIN locations l ON l.id = m.location_id WHERE "
                "m.article_id = ? ORDER BY m.start_offset, m.id");
    q.Bind(1, article_id);
    while (q.Step())
      out.locations.push_back(EntityMention{q.ColumnText(0), "", q.ColumnInt(1), q.ColumnInt(2),
                                            q.ColumnText(3), q.ColumnInt(4) != 0});
    if (!q.status().ok()) return q.status();
  }
  return out;
}

Result<PersonContext> SqliteStore::GetPersonContext(int64_t person_id, size_t max_articles) {
  PersonContext context;
  {
    KTO_PREPARE(q, "SELECT article_count, first_seen, last_seen FROM persons WHERE id = ?");
    q.Bind(1, person_id);
    if (!q.Step()) {
      KTO_RETURN_IF_ERROR(q.status());
      return context;  // no such person: no articles
    }
    context.articles = q.ColumnInt(0);
    context.first_seen = q.ColumnText(1);
    context.last_seen = q.ColumnText(2);
  }
  if (context.articles == 0 || max_articles == 0) return context;
  // The person's latest articles, then what else they name.
  const std::string recent =
      "WITH recent AS (SELECT article_id FROM person_articles WHERE person_id = ? ORDER BY "
      "article_id DESC LIMIT ?) ";
  auto names = [&](const std::string& sql, std::vector<std::string>* out) -> Status {
    KTO_PREPARE(q, recent + sql);
    q.Bind(1, person_id).Bind(2, static_cast<int64_t>(max_articles));
    while (q.Step()) out->push_back(q.ColumnText(0));
    return q.status();
  };
  KTO_RETURN_IF_ERROR(
      names("SELECT DISTINCT o.name FROM recent r JOIN organization_mentions om ON om.article_id "
            "= r.article_id JOIN organizations o ON o.id = om.organization_id ORDER BY o.name",
            &context.organizations));
  KTO_RETURN_IF_ERROR(
      names("SELECT DISTINCT l.name FROM recent r JOIN location_mentions lm ON lm.article_id = "
            "r.article_id JOIN locations l ON l.id = lm.location_id ORDER BY l.name",
            &context.locations));
  {
    KTO_PREPARE(q, recent +
                       "SELECT DISTINCT p.surname_key FROM recent r JOIN person_articles pa ON "
                       "pa.article_id = r.article_id JOIN persons p ON p.id = pa.person_id WHERE "
                       "pa.person_id <> ? ORDER BY p.surname_key");
    q.Bind(1, person_id).Bind(2, static_cast<int64_t>(max_articles)).Bind(3, person_id);
    while (q.Step()) context.co_surnames.push_back(q.ColumnText(0));
    if (!q.status().ok()) return q.status();
  }
  return context;
}

Result<std::vector<PersonCount>> SqliteStore::CoMentionedPersons(int64_t person_id, size_t limit) {
  KTO_PREPARE(q,
              "SELECT other_id, articles FROM co_mentions WHERE person_id = ? ORDER BY articles "
              "DESC, other_id LIMIT ?");
  q.Bind(1, person_id).Bind(2, SqlCount(limit));
  std::vector<PersonCount> counts;
  while (q.Step()) counts.push_back(PersonCount{q.ColumnInt(0), q.ColumnInt(1)});
  if (!q.status().ok()) return q.status();
  return counts;
}

Result<std::vector<PersonQuote>> SqliteStore::PersonQuotes(int64_t person_id, size_t limit,
                                                           size_t offset) {
  KTO_PREPARE(q,
              "SELECT person_id, start_offset, end_offset, text, article_id, article_date FROM "
              "quotes WHERE person_id = ? ORDER BY article_date DESC, article_id DESC, "
              "start_offset LIMIT ? OFFSET ?");
  q.Bind(1, person_id).Bind(2, SqlCount(limit)).Bind(3, SqlCount(offset));
  return ReadRows(q, [](const Stmt& row) {
    return PersonQuote{Quote{row.ColumnInt(0), row.ColumnInt(1), row.ColumnInt(2),
                             row.ColumnText(3), row.ColumnInt(4)},
                       row.ColumnText(5)};
  });
}

Status RegisterMatchKeyFunction(SqliteDb& db);  // person search, at the end of the file

// ---- listings and full-text search ------------------------------------------

Status SqliteStore::IndexArticle(int64_t article, const std::string& article_date) {
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
    KTO_RETURN_IF_ERROR(q.Run());
  }
  KTO_PREPARE(q, "UPDATE articles SET search_key = ? WHERE id = ?");
  q.Bind(1, key).Bind(2, article);
  return q.Run();
}

Result<std::vector<ArticleSummary>> SqliteStore::LatestArticles(size_t limit, size_t offset) {
  // The index articles_date holds (article_date, id): a backward range.
  KTO_PREPARE(q, std::string("SELECT ") + kSummaryColumns +
                     " FROM articles a ORDER BY a.article_date DESC, a.id DESC LIMIT ? OFFSET ?");
  q.Bind(1, SqlCount(limit)).Bind(2, SqlCount(offset));
  return ReadRows(q, ReadSummary);
}

Result<std::vector<ArticleSummary>> SqliteStore::PersonArticles(int64_t person_id, size_t limit,
                                                                size_t offset) {
  return PersonArticlesIn(person_id, Period{}, limit, offset);
}

Result<std::vector<ArticleSummary>> SqliteStore::PersonArticlesIn(int64_t person_id,
                                                                  const Period& period,
                                                                  size_t limit, size_t offset) {
  // A backward range of person_articles_person_date_article, then each
  // article by its id.
  KTO_PREPARE(q, std::string("SELECT ") + kSummaryColumns +
                     " FROM person_articles pa CROSS JOIN articles a ON a.id = pa.article_id "
                     "WHERE pa.person_id = ?" +
                     PeriodCondition(period, "pa") +
                     " ORDER BY pa.article_date DESC, pa.article_id DESC LIMIT ? OFFSET ?");
  q.Bind(1, person_id);
  const int next = BindPeriod(q, 2, period);
  q.Bind(next, SqlCount(limit)).Bind(next + 1, SqlCount(offset));
  return ReadRows(q, ReadSummary);
}

Result<SearchResult> SqliteStore::SearchArticles(const SearchQuery& query) {
  const bool has_text = query.text.find_first_not_of(" \t\r\n\f\v") != std::string::npos;
  if (!has_text && query.person_id == 0)
    return Status::InvalidArgument("a search needs words or a person");
  if (auto bad = text::FindInvalidUtf8(query.text))
    return Status::InvalidArgument("the search text is not valid UTF-8");
  SearchResult result;
  KTO_RETURN_IF_ERROR(ReadTransaction([&]() -> Status {
    if (has_text) {
      auto found = SearchText(query);
      if (!found.ok()) return found.status();
      result = std::move(found).value();
      return Status();
    }
    auto total = CountPersonArticles(query.person_id, query.period);
    if (!total.ok()) return total.status();
    auto articles = PersonArticlesIn(query.person_id, query.period, query.limit, query.offset);
    if (!articles.ok()) return articles.status();
    result.total = *total;
    for (ArticleSummary& a : *articles) result.hits.push_back(SearchHit{std::move(a), {}});
    return Status();
  }));
  return result;
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

Result<std::vector<MonthCount>> SqliteStore::PersonMonthlyCounts(int64_t person_id) {
  // An index range of person_articles, already in date order.
  KTO_PREPARE(q,
              "SELECT substr(article_date, 1, 7) AS month, COUNT(*) FROM person_articles "
              "WHERE person_id = ? GROUP BY month ORDER BY month");
  q.Bind(1, person_id);
  return ReadRows(q, [](const Stmt& row) {
    return MonthCount{row.ColumnText(0), row.ColumnInt(1)};
  });
}

Result<std::vector<PositionEvidence>> SqliteStore::PositionEvidenceRows(int64_t position_id,
                                                                        size_t limit) {
  KTO_PREPARE(q,
              "SELECT article_id, evidence_date, start_offset, end_offset, text FROM "
              "position_evidence WHERE position_id = ? ORDER BY evidence_date DESC, "
              "article_id DESC, start_offset, id LIMIT ?");
  q.Bind(1, position_id).Bind(2, SqlCount(limit));
  return ReadRows(q, [](const Stmt& row) {
    return PositionEvidence{row.ColumnInt(0), row.ColumnText(1), row.ColumnInt(2), row.ColumnInt(3),
                            row.ColumnText(4)};
  });
}

Result<int64_t> SqliteStore::SizeBytes() {
  int64_t bytes = 0;
  for (const std::string& file : {db_->path(), db_->path() + "-wal"}) {
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    if (!error) bytes += static_cast<int64_t>(size);
  }
  return bytes;
}

// The version recorded in schema_migrations (0 for a fresh file).
Result<int> StoredVersion(SqliteDb& db) {
  auto q = db.Prepare("SELECT MAX(version) FROM schema_migrations");
  if (!q.ok()) return q.status();
  if (!q->Step()) return q->status().ok() ? Status::Internal("no row") : q->status();
  return static_cast<int>(q->ColumnInt(0));
}

// The number of migrations recorded.
Result<int64_t> AppliedCount(SqliteDb& db) {
  auto q = db.Prepare("SELECT COUNT(*) FROM schema_migrations");
  if (!q.ok()) return q.status();
  if (!q->Step()) return q->status().ok() ? Status::Internal("no row") : q->status();
  return q->ColumnInt(0);
}

// Whether migration `version` is recorded.
Result<bool> Applied(SqliteDb& db, int version) {
  auto q = db.Prepare("SELECT 1 FROM schema_migrations WHERE version = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, int64_t{version});
  const bool found = q->Step();
  if (!q->status().ok()) return q->status();
  return found;
}

Status Migrate(SqliteDb& db, const std::vector<Migration>& migrations, const std::string& now,
               int* version) {
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  // Up to date (every open but the first of each new version): no write
  // lock, so a reader does not wait for a running ingestion's transaction.
  if (auto stored = StoredVersion(db); stored.ok() && *stored == latest && latest > 0) {
    if (auto count = AppliedCount(db);
        count.ok() && *count == static_cast<int64_t>(migrations.size())) {
      *version = latest;
      return Status();
    }
  }
  // BEGIN IMMEDIATE: two processes opening a fresh file do not both migrate.
  KTO_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  auto fail = [&](Status status) {
    db.Exec("ROLLBACK");
    return status;
  };
  Status status = db.Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, "
      "applied_at TEXT NOT NULL)");
  if (!status.ok()) return fail(status);
  auto stored = StoredVersion(db);
  if (!stored.ok()) return fail(stored.status());
  if (*stored > latest) {
    return fail(Status::Corrupt("database " + db.path() + " has schema version " +
                                std::to_string(*stored) + ", newer than this kto knows (" +
                                std::to_string(latest) + "); use a newer kto or another database"));
  }
  for (const Migration& m : migrations) {
    // A migration below the latest recorded may be missing: two branches
    // numbered theirs 4 and 5, and a kto with only 5 wrote the file.
    if (m.version <= *stored) {
      auto applied = Applied(db, m.version);
      if (!applied.ok()) return fail(applied.status());
      if (*applied) continue;
    }
    status = db.Exec(ExpandPlaceholders(m.sql, {"INTEGER PRIMARY KEY", "WITHOUT ROWID"}));
    if (!status.ok()) {
      return fail(Status(status.code(), "migration " + std::to_string(m.version) +
                                            " failed: " + status.message()));
    }
    auto q = db.Prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)");
    if (!q.ok()) return fail(q.status());
    q->Bind(1, int64_t{m.version}).Bind(2, now);
    if (status = q->Run(); !status.ok()) return fail(status);
  }
  // Statements must be reset before COMMIT can release the file.
  status = db.Exec("COMMIT");
  if (!status.ok()) return fail(status);
  *version = std::max(*stored, latest);
  return Status();
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
  KTO_RETURN_IF_ERROR(
      Migrate(conn, migrations, options.clock ? options.clock() : SystemNowUtc(), &version));
  if (options.search_tokenizer && version >= 4) {
    KTO_RETURN_IF_ERROR(RegisterSearchTokenizer(conn.handle(), options.search_tokenizer));
    KTO_RETURN_IF_ERROR(OpenSearchIndex(conn, *options.search_tokenizer));
  }
  return std::unique_ptr<Store>(new SqliteStore(std::move(db).value(), options, version));
}

}  // namespace kto::store

// ---- person search by name parts ---------------------------------------------

namespace kto::store {
namespace {

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

Result<std::vector<Person>> SqliteStore::FindPersonsByName(const std::vector<std::string>& names,
                                                           size_t limit) {
  // The first `limit` of each (column, key) are an index range; the first
  // `limit` of their union are among them.
  std::vector<Person> persons;
  for (const char* column : {"surname_key", "first_name_key", "patronymic_key"}) {
    // (Surnames are keyed by their spelling key, the other parts by the match key.)
    std::vector<std::string> keys;
    for (const std::string& name : names) {
      std::string key = column == std::string_view("surname_key") ? text::SpellingKey(name)
                                                                  : text::MatchKey(name);
      if (!key.empty()) keys.push_back(std::move(key));
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    const std::string sql = std::string("SELECT ") + kPersonColumns + " FROM persons WHERE " +
                            column + " = ? ORDER BY article_count DESC, id LIMIT ?";
    for (const std::string& key : keys) {
      KTO_PREPARE(q, sql);
      q.Bind(1, key).Bind(2, static_cast<int64_t>(std::min<size_t>(limit, INT64_MAX)));
      while (q.Step()) persons.push_back(ReadPerson(q));
      if (!q.status().ok()) return q.status();
    }
  }
  std::sort(persons.begin(), persons.end(), [](const Person& a, const Person& b) {
    return a.article_count != b.article_count ? a.article_count > b.article_count : a.id < b.id;
  });
  persons.erase(std::unique(persons.begin(), persons.end(),
                            [](const Person& a, const Person& b) { return a.id == b.id; }),
                persons.end());
  if (persons.size() > limit) persons.resize(limit);
  return persons;
}

}  // namespace
}  // namespace kto::store
