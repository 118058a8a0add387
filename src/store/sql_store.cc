// The store's queries over a SqlDb: what every SQL backend shares (see
// sql_store.h). The SQL is portable between SQLite and PostgreSQL.
#include "sql_store.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "kto/text/normalize.h"
#include "kto/text/utf8.h"
#include "search_common.h"
#include "sha256.h"

namespace kto::store {

ArticleSummary ReadSummary(const Stmt& q) {
  return ArticleSummary{q.ColumnInt(0),  q.ColumnText(1), q.ColumnText(2),
                        q.ColumnText(3), q.ColumnText(4), q.ColumnText(5)};
}

int64_t SqlCount(size_t n) {
  return static_cast<int64_t>(std::min<size_t>(n, INT64_MAX));
}

RowBatch::RowBatch(SqlDb& db, std::string head, std::string row, std::string tail,
                   std::function<void(const Stmt&)> on_row)
    : db_(db),
      head_(std::move(head)),
      row_(std::move(row)),
      tail_(std::move(tail)),
      on_row_(std::move(on_row)),
      columns_(std::max<size_t>(1, static_cast<size_t>(std::count(row_.begin(), row_.end(), '?')))),
      per_statement_(std::max<size_t>(1, std::min(kRows, kMaxParameters / columns_))) {}

Status RowBatch::Add(std::vector<SqlValue> values) {
  for (SqlValue& v : values) values_.push_back(std::move(v));
  return values_.size() >= per_statement_ * columns_ ? Flush() : Status();
}

Status RowBatch::Flush() {
  const size_t rows = values_.size() / columns_;
  if (rows == 0) return Status();
  std::string sql = head_;
  for (size_t r = 0; r < rows; ++r) sql += (r > 0 ? ", " : " ") + row_;
  sql += tail_;
  auto q = db_.Prepare(sql);
  if (!q.ok()) return q.status();
  for (size_t i = 0; i < values_.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    if (const auto* n = std::get_if<int64_t>(&values_[i])) {
      q->Bind(index, *n);
    } else if (const auto* t = std::get_if<std::string>(&values_[i])) {
      q->Bind(index, *t);
    } else {
      q->BindNull(index);
    }
  }
  values_.clear();
  while (q->Step())
    if (on_row_) on_row_(*q);
  return q->status();
}

namespace {

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

int BindPeriod(Stmt& q, int index, const Period& period) {
  if (!period.from.empty()) q.Bind(index++, period.from);
  if (!period.to.empty()) q.Bind(index++, period.to);
  return index;
}

}  // namespace

Status SqlStore::Transaction(const std::function<Status()>& body) {
  KTO_RETURN_IF_ERROR(Writable());
  const int level = depth_;
  const std::string savepoint = "kto_sp" + std::to_string(level);
  KTO_RETURN_IF_ERROR(db_->Exec(level == 0 ? statements_.begin_write : "SAVEPOINT " + savepoint));
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

Status SqlStore::ReadTransaction(const std::function<Status()>& body) {
  if (depth_ > 0) return body();
  KTO_RETURN_IF_ERROR(db_->Exec(statements_.begin_read));
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

Status SqlStore::LockKeys(const std::vector<std::string>& keys) {
  if (statements_.lock_keys.empty() || depth_ == 0) return Status();
  // One statement, the keys locked in the order given.
  RowBatch locks(*db_, statements_.lock_keys, "(CAST(? AS TEXT))", ") AS keys");
  for (const std::string& key : keys) KTO_RETURN_IF_ERROR(locks.Add({key}));
  return locks.Flush();
}

Result<std::optional<Article>> SqlStore::FindArticle(const char* column, const std::string& value) {
  KTO_PREPARE(q, std::string("SELECT ") + kArticleColumns + " FROM articles WHERE " + column +
                     " = ? ORDER BY id LIMIT 1");
  q.Bind(1, value);
  if (q.Step()) return std::optional<Article>(ReadArticle(q));
  if (!q.status().ok()) return q.status();
  return std::optional<Article>();
}

Result<UpsertResult> SqlStore::UpsertArticle(const ArticleInput& article) {
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

Result<UpsertResult> SqlStore::UpsertInTransaction(const ArticleInput& article,
                                                   const std::string& hash) {
  // Another process upserting the same article waits here until this
  // transaction ends, then finds it.
  std::vector<std::string> keys = {"article hash " + hash};
  if (!article.external_id.empty()) keys.push_back("article id " + article.external_id);
  if (!article.url.empty()) keys.push_back("article url " + article.url);
  std::sort(keys.begin(), keys.end());
  KTO_RETURN_IF_ERROR(LockKeys(keys));
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

Result<std::optional<Article>> SqlStore::GetArticle(int64_t id) {
  KTO_PREPARE(q, std::string("SELECT ") + kArticleColumns + " FROM articles WHERE id = ?");
  q.Bind(1, id);
  if (q.Step()) return std::optional<Article>(ReadArticle(q));
  if (!q.status().ok()) return q.status();
  return std::optional<Article>();
}

Result<std::optional<Article>> SqlStore::FindArticleByExternalId(const std::string& id) {
  if (id.empty()) return std::optional<Article>();
  return FindArticle("external_id", id);
}

Result<std::vector<int64_t>> SqlStore::ArticlesToAnalyze(int current_version, size_t limit) {
  KTO_PREPARE(q,
              "SELECT id FROM articles WHERE needs_analysis = 1 OR analysis_version < ? "
              "ORDER BY id LIMIT ?");
  q.Bind(1, int64_t{current_version}).Bind(2, static_cast<int64_t>(limit));
  std::vector<int64_t> ids;
  while (q.Step()) ids.push_back(q.ColumnInt(0));
  if (!q.status().ok()) return q.status();
  return ids;
}

int64_t SqlStore::NowSeconds() const {
  return UnixSeconds(Now()).value_or(0);
}

Result<std::vector<int64_t>> SqlStore::ClaimArticlesToAnalyze(int current_version, size_t limit,
                                                              int64_t lease_seconds) {
  KTO_RETURN_IF_ERROR(Writable());
  std::vector<int64_t> ids;
  KTO_RETURN_IF_ERROR(Transaction([&] {
    const int64_t now = NowSeconds();
    KTO_PREPARE(q,
                "UPDATE articles SET lease_until = ? WHERE id IN (SELECT id FROM articles WHERE "
                "(needs_analysis = 1 OR analysis_version < ?) AND lease_until <= ? ORDER BY id "
                "LIMIT ?" +
                    statements_.for_update_skip_locked + ") RETURNING id");
    q.Bind(1, now + std::max<int64_t>(lease_seconds, 1))
        .Bind(2, int64_t{current_version})
        .Bind(3, now)
        .Bind(4, SqlCount(limit));
    ids.clear();
    while (q.Step()) ids.push_back(q.ColumnInt(0));
    return q.status();
  }));
  std::sort(ids.begin(), ids.end());
  return ids;
}

Status SqlStore::HoldArticle(int64_t id, int64_t lease_seconds) {
  KTO_RETURN_IF_ERROR(Writable());
  KTO_PREPARE(q, "UPDATE articles SET lease_until = ? WHERE id = ? RETURNING id");
  q.Bind(1, NowSeconds() + std::max<int64_t>(lease_seconds, 1)).Bind(2, id);
  const bool found = q.Step();
  KTO_RETURN_IF_ERROR(q.Run());
  return found ? Status() : Status::NotFound("no article with id " + std::to_string(id));
}

Result<int64_t> SqlStore::CountArticles() {
  KTO_PREPARE(q, "SELECT COUNT(*) FROM articles");
  if (!q.Step()) return q.status().ok() ? Status::Internal("COUNT returned no row") : q.status();
  return q.ColumnInt(0);
}

Status SqlStore::CheckPerson(const Person& person) {
  KTO_RETURN_IF_ERROR(CheckGender(person.gender));
  if (person.external_id.empty()) return Status();
  KTO_PREPARE(q, "SELECT id FROM persons WHERE external_id = ? AND id <> ?");
  q.Bind(1, person.external_id).Bind(2, person.id);
  if (q.Step())
    return Status::InvalidInput("external id \"" + person.external_id + "\" is person " +
                                std::to_string(q.ColumnInt(0)) + "'s");
  return q.status();
}

Result<int64_t> SqlStore::CreatePerson(const Person& person) {
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

Status SqlStore::UpdatePerson(const Person& person) {
  KTO_RETURN_IF_ERROR(Writable());
  KTO_RETURN_IF_ERROR(CheckPerson(person));
  KTO_PREPARE(q,
              "UPDATE persons SET surname = ?, first_name = ?, patronymic = ?, gender = ?, "
              "display_name = ?, surname_key = ?, first_name_key = ?, patronymic_key = ?, "
              "external_id = ? WHERE id = ? RETURNING id");
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
  const bool found = q.Step();
  KTO_RETURN_IF_ERROR(q.Run());
  if (!found) return Status::NotFound("no person with id " + std::to_string(person.id));
  return Status();
}

Result<std::optional<Person>> SqlStore::GetPerson(int64_t id) {
  KTO_PREPARE(q, std::string("SELECT ") + kPersonColumns + " FROM persons WHERE id = ?");
  q.Bind(1, id);
  if (q.Step()) return std::optional<Person>(ReadPerson(q));
  if (!q.status().ok()) return q.status();
  return std::optional<Person>();
}

Result<std::vector<Person>> SqlStore::GetPersons(const std::vector<int64_t>& ids) {
  std::map<int64_t, Person> by_id;
  RowBatch select(*db_, std::string("SELECT ") + kPersonColumns + " FROM persons WHERE id IN (",
                  "?", ")", [&](const Stmt& q) {
                    Person p = ReadPerson(q);
                    by_id.emplace(p.id, std::move(p));
                  });
  for (int64_t id : std::set<int64_t>(ids.begin(), ids.end()))
    KTO_RETURN_IF_ERROR(select.Add({id}));
  KTO_RETURN_IF_ERROR(select.Flush());
  std::vector<Person> persons;
  for (int64_t id : ids) {
    auto it = by_id.find(id);
    if (it == by_id.end()) continue;
    persons.push_back(std::move(it->second));
    by_id.erase(it);
  }
  return persons;
}

Result<std::optional<Person>> SqlStore::FindPersonByExternalId(const std::string& id) {
  if (id.empty()) return std::optional<Person>();
  KTO_PREPARE(q, std::string("SELECT ") + kPersonColumns + " FROM persons WHERE external_id = ?");
  q.Bind(1, id);
  if (q.Step()) return std::optional<Person>(ReadPerson(q));
  if (!q.status().ok()) return q.status();
  return std::optional<Person>();
}

Result<std::vector<Person>> SqlStore::FindPersonsBySurnames(
    const std::vector<std::string>& surnames) {
  std::set<std::string> keys;
  for (const std::string& surname : surnames) keys.insert(text::SpellingKey(surname));
  std::vector<Person> persons;
  RowBatch lookup(*db_,
                  std::string("SELECT ") + kPersonColumns + " FROM persons WHERE surname_key IN (",
                  "?", ")", [&](const Stmt& q) { persons.push_back(ReadPerson(q)); });
  for (const std::string& key : keys) KTO_RETURN_IF_ERROR(lookup.Add({key}));
  KTO_RETURN_IF_ERROR(lookup.Flush());
  // Each key has its statement's rows: by id across statements too.
  std::sort(persons.begin(), persons.end(),
            [](const Person& a, const Person& b) { return a.id < b.id; });
  return persons;
}

Status SqlStore::AddAliases(const std::vector<PersonAlias>& aliases) {
  KTO_RETURN_IF_ERROR(Writable());
  // Sorted and once each: a statement may not insert one row twice
  // (PostgreSQL's ON CONFLICT), and rows in key order lock in one order.
  std::vector<std::pair<int64_t, std::string>> rows;
  for (const PersonAlias& a : aliases) rows.emplace_back(a.person_id, a.alias);
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  RowBatch batch(*db_, "INSERT INTO aliases (person_id, alias) VALUES", "(?, ?)",
                 " ON CONFLICT (person_id, alias) DO NOTHING");
  for (auto& [person, alias] : rows) KTO_RETURN_IF_ERROR(batch.Add({person, std::move(alias)}));
  return batch.Flush();
}

Result<std::vector<std::string>> SqlStore::Aliases(int64_t person_id) {
  KTO_PREPARE(q, "SELECT alias FROM aliases WHERE person_id = ?");
  q.Bind(1, person_id);
  std::vector<std::string> aliases;
  while (q.Step()) aliases.push_back(q.ColumnText(0));
  if (!q.status().ok()) return q.status();
  // Sorted here, by bytes: a PostgreSQL database's collation may order text otherwise.
  std::sort(aliases.begin(), aliases.end());
  return aliases;
}

Status SqlStore::SetImportedPositions(int64_t person_id,
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

Status SqlStore::SetImportedPositionsInTransaction(int64_t person_id,
                                                   const std::vector<ImportedPosition>& positions) {
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
  std::set<PositionKey> keys;
  for (const ImportedPosition& p : positions) keys.insert({person_id, p.title, p.org, p.former});
  auto ids = PositionIds(keys, "");
  if (!ids.ok()) return ids.status();
  for (const ImportedPosition& p : positions) {
    const int64_t id = (*ids)[{person_id, p.title, p.org, p.former}];
    KTO_PREPARE(q,
                "UPDATE positions SET imported = 1, imported_from = ?, imported_to = ? "
                "WHERE id = ?");
    q.Bind(1, p.from).Bind(2, p.to).Bind(3, id);
    KTO_RETURN_IF_ERROR(q.Run());
    unmarked.erase(id);
    touched.insert(id);
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

Status SqlStore::WriteAnalysis(const ArticleAnalysis& analysis) {
  if (analysis.analysis_version <= 0)
    return Status::InvalidArgument("analysis_version must be positive");
  for (const Mention& m : analysis.mentions)
    KTO_RETURN_IF_ERROR(CheckSpan(m.start, m.end, "mention"));
  for (const Quote& q : analysis.quotes) KTO_RETURN_IF_ERROR(CheckSpan(q.start, q.end, "quote"));
  for (const PositionMention& p : analysis.positions)
    KTO_RETURN_IF_ERROR(CheckSpan(p.start, p.end, "position"));
  return Transaction([&] { return WriteAnalysisInTransaction(analysis); });
}

Status SqlStore::WriteAnalysisInTransaction(const ArticleAnalysis& analysis) {
  const int64_t article = analysis.article_id;
  auto locked = LockArticle(article);
  if (!locked.ok()) return locked.status();
  const std::string& evidence_date = locked->date;
  // A first analysis has nothing to delete (the round trips saved count on
  // a shared store).
  PreviousAnalysis previous;
  if (locked->analyzed) {
    auto deleted = DeleteAnalysis(article);
    if (!deleted.ok()) return deleted.status();
    previous = std::move(deleted).value();
  }
  // Positions whose evidence changes: those of the old analysis and the new.
  std::set<int64_t> touched = std::move(previous.positions);

  std::set<int64_t> new_persons;
  for (const Mention& m : analysis.mentions) new_persons.insert(m.person_id);
  KTO_RETURN_IF_ERROR(UpdatePersonArticles(article, evidence_date, previous.persons, new_persons));
  KTO_RETURN_IF_ERROR(InsertMentions(article, analysis.mentions));
  KTO_RETURN_IF_ERROR(InsertQuotes(article, evidence_date, analysis.quotes));
  KTO_RETURN_IF_ERROR(InsertPositions(article, evidence_date, analysis.positions, &touched));
  KTO_RETURN_IF_ERROR(InsertEntityMentions(analysis));
  KTO_RETURN_IF_ERROR(RefreshPositions(touched));

  KTO_RETURN_IF_ERROR(IndexArticle(article, evidence_date, analysis.search_terms.get()));
  KTO_PREPARE(q,
              "UPDATE articles SET analysis_version = ?, needs_analysis = 0, lease_until = 0 "
              "WHERE id = ?");
  q.Bind(1, int64_t{analysis.analysis_version}).Bind(2, article);
  return q.Run();
}

Result<SqlStore::ArticleToWrite> SqlStore::LockArticle(int64_t article) {
  // Locked: two writers of one article's analysis take turns.
  KTO_PREPARE(q, "SELECT article_date, analysis_version FROM articles WHERE id = ?" +
                     statements_.for_update);
  q.Bind(1, article);
  if (!q.Step()) {
    KTO_RETURN_IF_ERROR(q.status());
    return Status::NotFound("no article with id " + std::to_string(article));
  }
  return ArticleToWrite{q.ColumnText(0), q.ColumnInt(1) > 0};
}

Result<SqlStore::PreviousAnalysis> SqlStore::DeleteAnalysis(int64_t article) {
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
Status SqlStore::UpdatePersonArticles(int64_t article, const std::string& article_date,
                                      const std::set<int64_t>& old_persons,
                                      const std::set<int64_t>& new_persons) {
  RowBatch rows(*db_, "INSERT INTO person_articles (person_id, article_id, article_date) VALUES",
                "(?, ?, ?)");
  for (int64_t person : new_persons) KTO_RETURN_IF_ERROR(rows.Add({person, article, article_date}));
  KTO_RETURN_IF_ERROR(rows.Flush());
  // Every person of the old or the new analysis: the count (+1 gained, -1
  // lost), first and last seen (two index lookups each, however many
  // articles mention them), in one statement.
  RowBatch counts(*db_,
                  "UPDATE persons SET article_count = article_count + v.column2, first_seen = "
                  "COALESCE((SELECT MIN(article_date) FROM person_articles WHERE person_id = "
                  "persons.id), ''), last_seen = COALESCE((SELECT MAX(article_date) FROM "
                  "person_articles WHERE person_id = persons.id), '') FROM (VALUES",
                  "(CAST(? AS BIGINT), CAST(? AS BIGINT))", ") AS v WHERE persons.id = v.column1");
  std::set<int64_t> changed = old_persons;
  changed.insert(new_persons.begin(), new_persons.end());
  for (int64_t person : changed) {
    const int64_t delta =
        int64_t{new_persons.count(person) > 0} - int64_t{old_persons.count(person) > 0};
    KTO_RETURN_IF_ERROR(counts.Add({person, delta}));
  }
  KTO_RETURN_IF_ERROR(counts.Flush());
  return UpdateCoMentions(old_persons, new_persons);
}

// co_mentions: every ordered pair of persons of the new analysis gains this
// article, every pair of the old one loses it (a pair of both: no change).
Status SqlStore::UpdateCoMentions(const std::set<int64_t>& old_persons,
                                  const std::set<int64_t>& new_persons) {
  RowBatch gained(*db_, "INSERT INTO co_mentions (person_id, other_id, articles) VALUES",
                  "(?, ?, ?)",
                  " ON CONFLICT (person_id, other_id) DO UPDATE SET articles = "
                  "co_mentions.articles + 1");
  std::vector<std::pair<int64_t, int64_t>> lost;
  std::set<int64_t> persons = old_persons;
  persons.insert(new_persons.begin(), new_persons.end());
  for (int64_t a : persons) {
    for (int64_t b : persons) {
      const int64_t delta =
          int64_t{a != b && new_persons.count(a) > 0 && new_persons.count(b) > 0} -
          int64_t{a != b && old_persons.count(a) > 0 && old_persons.count(b) > 0};
      if (delta > 0) KTO_RETURN_IF_ERROR(gained.Add({a, b, int64_t{1}}));
      if (delta < 0) lost.emplace_back(a, b);
    }
  }
  KTO_RETURN_IF_ERROR(gained.Flush());
  // The lost pairs: one fewer article, and gone at none.
  const char* pair = "(CAST(? AS BIGINT), CAST(? AS BIGINT))";
  RowBatch fewer(*db_, "UPDATE co_mentions SET articles = articles - 1 FROM (VALUES", pair,
                 ") AS v WHERE co_mentions.person_id = v.column1 AND co_mentions.other_id = "
                 "v.column2");
  // IN (SELECT ... FROM (VALUES ...)), not IN (VALUES ...): SQLite 3.40
  // scans the whole table for the latter (200 ms an article at 1.2M pairs)
  // and uses the primary key for the former.
  RowBatch gone(*db_,
                "DELETE FROM co_mentions WHERE articles = 0 AND (person_id, other_id) IN "
                "(SELECT v.column1, v.column2 FROM (VALUES",
                pair, ") AS v)");
  for (RowBatch* batch : {&fewer, &gone}) {
    for (const auto& [a, b] : lost) KTO_RETURN_IF_ERROR(batch->Add({a, b}));
    KTO_RETURN_IF_ERROR(batch->Flush());
  }
  return Status();
}

Status SqlStore::InsertMentions(int64_t article, const std::vector<Mention>& mentions) {
  RowBatch rows(*db_,
                "INSERT INTO mentions (article_id, person_id, in_title, start_offset, end_offset, "
                "text, normal) VALUES",
                "(?, ?, ?, ?, ?, ?, ?)");
  for (const Mention& m : mentions)
    KTO_RETURN_IF_ERROR(
        rows.Add({article, m.person_id, int64_t{m.in_title}, m.start, m.end, m.text, m.normal}));
  return rows.Flush();
}

Status SqlStore::InsertQuotes(int64_t article, const std::string& article_date,
                              const std::vector<Quote>& quotes) {
  RowBatch rows(*db_,
                "INSERT INTO quotes (article_id, person_id, start_offset, end_offset, text, "
                "article_date) VALUES",
                "(?, ?, ?, ?, ?, ?)");
  for (const Quote& quote : quotes) {
    const SqlValue person = quote.person_id == 0 ? SqlValue() : SqlValue(quote.person_id);
    KTO_RETURN_IF_ERROR(
        rows.Add({article, person, quote.start, quote.end, quote.text, article_date}));
  }
  return rows.Flush();
}

Status SqlStore::InsertPositions(int64_t article, const std::string& article_date,
                                 const std::vector<PositionMention>& positions,
                                 std::set<int64_t>* touched) {
  std::set<PositionKey> keys;
  for (const PositionMention& p : positions) keys.insert(KeyOf(p));
  auto ids = PositionIds(keys, article_date);
  if (!ids.ok()) return ids.status();
  for (const auto& [key, id] : *ids) touched->insert(id);
  RowBatch rows(*db_,
                "INSERT INTO position_evidence (position_id, article_id, evidence_date, "
                "start_offset, end_offset, text) VALUES",
                "(?, ?, ?, ?, ?, ?)");
  for (const PositionMention& p : positions)
    KTO_RETURN_IF_ERROR(
        rows.Add({(*ids)[KeyOf(p)], article, article_date, p.start, p.end, p.text}));
  return rows.Flush();
}

SqlStore::PositionKey SqlStore::KeyOf(const PositionMention& p) {
  return {p.person_id, p.title, p.org, p.former};
}

// The ids of the positions `keys` name, those new created (dated
// `article_date`, with no evidence yet): two statements however many.
Result<std::map<SqlStore::PositionKey, int64_t>> SqlStore::PositionIds(
    const std::set<PositionKey>& keys, const std::string& article_date) {
  RowBatch create(*db_,
                  "INSERT INTO positions (person_id, title, org, former, first_seen, last_seen, "
                  "evidence_count) VALUES",
                  "(?, ?, ?, ?, ?, ?, 0)",
                  " ON CONFLICT (person_id, title, org, former) DO NOTHING");
  std::map<PositionKey, int64_t> ids;
  RowBatch read(
      *db_, "SELECT p.id, p.person_id, p.title, p.org, p.former FROM (VALUES",
      "(CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS INTEGER))",
      ") AS v " + statements_.ordered_join +
          " positions p ON p.person_id = v.column1 AND p.title = v.column2 AND "
          "p.org = v.column3 AND p.former = v.column4",
      [&](const Stmt& row) {
        ids[{row.ColumnInt(1), row.ColumnText(2), row.ColumnText(3), row.ColumnInt(4) != 0}] =
            row.ColumnInt(0);
      });
  for (const auto& [person, title, org, former] : keys)
    KTO_RETURN_IF_ERROR(
        create.Add({person, title, org, int64_t{former}, article_date, article_date}));
  KTO_RETURN_IF_ERROR(create.Flush());
  for (const auto& [person, title, org, former] : keys)
    KTO_RETURN_IF_ERROR(read.Add({person, title, org, int64_t{former}}));
  KTO_RETURN_IF_ERROR(read.Flush());
  if (ids.size() != keys.size()) return Status::Internal("positions not found");
  return ids;
}

Status SqlStore::InsertEntityMentions(const ArticleAnalysis& analysis) {
  for (const auto& [entities, table, mentions_table, id_column] :
       {std::tuple{&analysis.organizations, "organizations", "organization_mentions",
                   "organization_id"},
        std::tuple{&analysis.locations, "locations", "location_mentions", "location_id"}}) {
    std::map<std::string, std::string> names;  // each name (an article repeats them), its abbr
    for (const EntityMention& e : *entities) {
      KTO_RETURN_IF_ERROR(CheckSpan(e.start, e.end, table));
      std::string& abbr = names[e.name];
      if (abbr.empty()) abbr = e.abbr;
    }
    auto ids = EntityIds(table, names);
    if (!ids.ok()) return ids.status();
    RowBatch rows(*db_,
                  std::string("INSERT INTO ") + mentions_table + " (article_id, " + id_column +
                      ", start_offset, end_offset, text, derived) VALUES",
                  "(?, ?, ?, ?, ?, ?)");
    for (const EntityMention& e : *entities)
      KTO_RETURN_IF_ERROR(rows.Add(
          {analysis.article_id, (*ids)[e.name], e.start, e.end, e.text, int64_t{e.derived}}));
    KTO_RETURN_IF_ERROR(rows.Flush());
  }
  return Status();
}

// The ids of `names` in `table` (organizations or locations), created when
// new (an organization with its abbreviation, which an organization stored
// without one gains): three statements however many names.
Result<std::map<std::string, int64_t>> SqlStore::EntityIds(
    const char* table, const std::map<std::string, std::string>& names) {
  const bool organization = std::string_view(table) == "organizations";
  RowBatch create(*db_,
                  organization ? "INSERT INTO organizations (name, abbr) VALUES"
                               : "INSERT INTO locations (name) VALUES",
                  organization ? "(?, ?)" : "(?)", " ON CONFLICT (name) DO NOTHING");
  RowBatch abbreviate(*db_, "UPDATE organizations SET abbr = v.column2 FROM (VALUES",
                      "(CAST(? AS TEXT), CAST(? AS TEXT))",
                      ") AS v WHERE organizations.name = v.column1 AND organizations.abbr = ''");
  std::map<std::string, int64_t> ids;
  RowBatch read(*db_, std::string("SELECT id, name FROM ") + table + " WHERE name IN (", "?", ")",
                [&](const Stmt& row) { ids[row.ColumnText(1)] = row.ColumnInt(0); });
  for (const auto& [name, abbr] : names) {
    KTO_RETURN_IF_ERROR(organization ? create.Add({name, abbr}) : create.Add({name}));
    if (organization && !abbr.empty()) KTO_RETURN_IF_ERROR(abbreviate.Add({name, abbr}));
  }
  KTO_RETURN_IF_ERROR(create.Flush());
  KTO_RETURN_IF_ERROR(abbreviate.Flush());
  for (const auto& [name, abbr] : names) KTO_RETURN_IF_ERROR(read.Add({name}));
  KTO_RETURN_IF_ERROR(read.Flush());
  if (ids.size() != names.size()) return Status::Internal(std::string(table) + " not found");
  return ids;
}

// Recomputes first/last seen and the evidence count of `position_ids` from
// their evidence and, for imported ones, the list's dates; a position left
// with neither evidence nor the imported mark is deleted. Three statements
// however many positions.
Status SqlStore::RefreshPositions(const std::set<int64_t>& position_ids) {
  RowBatch remove(*db_, "DELETE FROM positions WHERE id IN (", "?", ")");
  RowBatch update(*db_,
                  "UPDATE positions SET first_seen = v.column2, last_seen = v.column3, "
                  "evidence_count = v.column4 FROM (VALUES",
                  "(CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS BIGINT))",
                  ") AS v WHERE positions.id = v.column1");
  struct Refreshed {
    int64_t id, count;
    bool imported;
    std::vector<std::string> dates;  // the evidence's earliest and latest, the list's
  };
  std::vector<Refreshed> rows;
  // A position deleted already (its person was) returns no row.
  RowBatch read(*db_,
                "SELECT p.id, COUNT(e.evidence_date), MIN(e.evidence_date), "
                "MAX(e.evidence_date), p.imported, p.imported_from, p.imported_to FROM positions "
                "p LEFT JOIN position_evidence e ON e.position_id = p.id WHERE p.id IN (",
                "?", ") GROUP BY p.id, p.imported, p.imported_from, p.imported_to",
                [&](const Stmt& q) {
                  rows.push_back(Refreshed{
                      q.ColumnInt(0),
                      q.ColumnInt(1),
                      q.ColumnInt(4) != 0,
                      {q.ColumnText(2), q.ColumnText(3), q.ColumnText(5), q.ColumnText(6)}});
                });
  for (int64_t id : position_ids) KTO_RETURN_IF_ERROR(read.Add({id}));
  KTO_RETURN_IF_ERROR(read.Flush());
  for (Refreshed& row : rows) {
    if (row.count == 0 && !row.imported) {
      KTO_RETURN_IF_ERROR(remove.Add({row.id}));
      continue;
    }
    std::erase(row.dates, std::string());
    std::string first, last;
    if (!row.dates.empty()) {
      first = *std::min_element(row.dates.begin(), row.dates.end());
      last = *std::max_element(row.dates.begin(), row.dates.end());
    }
    KTO_RETURN_IF_ERROR(update.Add({row.id, first, last, row.count}));
  }
  KTO_RETURN_IF_ERROR(remove.Flush());
  return update.Flush();
}

Result<std::vector<Mention>> SqlStore::ArticleMentions(int64_t article_id) {
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

Result<std::vector<Quote>> SqlStore::ArticleQuotes(int64_t article_id) {
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

Result<int64_t> SqlStore::CountPersonArticles(int64_t person_id, const Period& period) {
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

Result<std::vector<Position>> SqlStore::PersonPositions(int64_t person_id, size_t max_evidence) {
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

Result<std::vector<Position>> SqlStore::PositionSummariesOf(
    const std::vector<int64_t>& person_ids) {
  std::map<int64_t, std::vector<Position>> by_person;
  RowBatch select(*db_,
                  "SELECT person_id, id, title, org, former, first_seen, last_seen, "
                  "evidence_count, imported, imported_from, imported_to FROM positions WHERE "
                  "person_id IN (",
                  "?", ") ORDER BY person_id, last_seen DESC, evidence_count DESC, id",
                  [&](const Stmt& q) {
                    Position p;
                    p.person_id = q.ColumnInt(0);
                    p.id = q.ColumnInt(1);
                    p.title = q.ColumnText(2);
                    p.org = q.ColumnText(3);
                    p.former = q.ColumnInt(4) != 0;
                    p.first_seen = q.ColumnText(5);
                    p.last_seen = q.ColumnText(6);
                    p.evidence_count = q.ColumnInt(7);
                    p.imported = q.ColumnInt(8) != 0;
                    p.imported_from = q.ColumnText(9);
                    p.imported_to = q.ColumnText(10);
                    by_person[p.person_id].push_back(std::move(p));
                  });
  for (int64_t id : std::set<int64_t>(person_ids.begin(), person_ids.end()))
    KTO_RETURN_IF_ERROR(select.Add({id}));
  KTO_RETURN_IF_ERROR(select.Flush());
  std::vector<Position> positions;
  for (int64_t id : person_ids) {
    auto it = by_person.find(id);
    if (it == by_person.end()) continue;
    for (Position& p : it->second) positions.push_back(std::move(p));
    by_person.erase(it);  // an id given twice: once
  }
  return positions;
}

Result<std::vector<PersonCount>> SqlStore::TopPersons(const Period& period, size_t limit) {
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

Result<ArticleAnalysis> SqlStore::ReadAnalysis(int64_t article_id) {
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

Result<PersonContext> SqlStore::GetPersonContext(int64_t person_id, size_t max_articles) {
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
            "= r.article_id JOIN organizations o ON o.id = om.organization_id",
            &context.organizations));
  KTO_RETURN_IF_ERROR(
      names("SELECT DISTINCT l.name FROM recent r JOIN location_mentions lm ON lm.article_id = "
            "r.article_id JOIN locations l ON l.id = lm.location_id",
            &context.locations));
  {
    KTO_PREPARE(q, recent +
                       "SELECT DISTINCT p.surname_key FROM recent r JOIN person_articles pa ON "
                       "pa.article_id = r.article_id JOIN persons p ON p.id = pa.person_id WHERE "
                       "pa.person_id <> ?");
    q.Bind(1, person_id).Bind(2, static_cast<int64_t>(max_articles)).Bind(3, person_id);
    while (q.Step()) context.co_surnames.push_back(q.ColumnText(0));
    if (!q.status().ok()) return q.status();
  }
  // Sorted here, by bytes: a PostgreSQL database's collation may order text otherwise.
  for (auto* list : {&context.organizations, &context.locations, &context.co_surnames})
    std::sort(list->begin(), list->end());
  return context;
}

Result<std::vector<PersonCount>> SqlStore::CoMentionedPersons(int64_t person_id, size_t limit) {
  KTO_PREPARE(q,
              "SELECT other_id, articles FROM co_mentions WHERE person_id = ? ORDER BY articles "
              "DESC, other_id LIMIT ?");
  q.Bind(1, person_id).Bind(2, SqlCount(limit));
  std::vector<PersonCount> counts;
  while (q.Step()) counts.push_back(PersonCount{q.ColumnInt(0), q.ColumnInt(1)});
  if (!q.status().ok()) return q.status();
  return counts;
}

Result<std::vector<PersonQuote>> SqlStore::PersonQuotes(int64_t person_id, size_t limit,
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

// ---- listings -----------------------------------------------------------------

Result<std::vector<ArticleSummary>> SqlStore::LatestArticles(size_t limit, size_t offset) {
  // The index articles_date holds (article_date, id): a backward range.
  KTO_PREPARE(q, std::string("SELECT ") + kSummaryColumns +
                     " FROM articles a ORDER BY a.article_date DESC, a.id DESC LIMIT ? OFFSET ?");
  q.Bind(1, SqlCount(limit)).Bind(2, SqlCount(offset));
  return ReadRows(q, ReadSummary);
}

Result<std::vector<ArticleSummary>> SqlStore::PersonArticles(int64_t person_id, size_t limit,
                                                             size_t offset) {
  return PersonArticlesIn(person_id, Period{}, limit, offset);
}

Result<std::vector<ArticleSummary>> SqlStore::PersonArticlesIn(int64_t person_id,
                                                               const Period& period, size_t limit,
                                                               size_t offset) {
  // A backward range of person_articles_person_date_article, then each
  // article by its id.
  KTO_PREPARE(q, std::string("SELECT ") + kSummaryColumns + " FROM person_articles pa " +
                     statements_.ordered_join +
                     " articles a ON a.id = pa.article_id "
                     "WHERE pa.person_id = ?" +
                     PeriodCondition(period, "pa") +
                     " ORDER BY pa.article_date DESC, pa.article_id DESC LIMIT ? OFFSET ?");
  q.Bind(1, person_id);
  const int next = BindPeriod(q, 2, period);
  q.Bind(next, SqlCount(limit)).Bind(next + 1, SqlCount(offset));
  return ReadRows(q, ReadSummary);
}

Result<SearchResult> SqlStore::SearchArticles(const SearchQuery& query) {
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

Result<std::vector<MonthCount>> SqlStore::PersonMonthlyCounts(int64_t person_id) {
  // An index range of person_articles, already in date order.
  KTO_PREPARE(q,
              "SELECT substr(article_date, 1, 7) AS month, COUNT(*) FROM person_articles "
              "WHERE person_id = ? GROUP BY month ORDER BY month");
  q.Bind(1, person_id);
  return ReadRows(q, [](const Stmt& row) {
    return MonthCount{row.ColumnText(0), row.ColumnInt(1)};
  });
}

Result<std::vector<PositionEvidence>> SqlStore::PositionEvidenceRows(int64_t position_id,
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

Result<std::vector<Person>> SqlStore::FindPersonsByName(const std::vector<std::string>& names,
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

// ---- migrations ------------------------------------------------------------------

namespace {

// The version recorded in schema_migrations (0 for a fresh file).
Result<int> StoredVersion(SqlDb& db) {
  auto q = db.Prepare("SELECT MAX(version) FROM schema_migrations");
  if (!q.ok()) return q.status();
  if (!q->Step()) return q->status().ok() ? Status::Internal("no row") : q->status();
  return static_cast<int>(q->ColumnInt(0));
}

// The number of migrations recorded.
Result<int64_t> AppliedCount(SqlDb& db) {
  auto q = db.Prepare("SELECT COUNT(*) FROM schema_migrations");
  if (!q.ok()) return q.status();
  if (!q->Step()) return q->status().ok() ? Status::Internal("no row") : q->status();
  return q->ColumnInt(0);
}

// Whether migration `version` is recorded.
Result<bool> Applied(SqlDb& db, int version) {
  auto q = db.Prepare("SELECT 1 FROM schema_migrations WHERE version = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, int64_t{version});
  const bool found = q->Step();
  if (!q->status().ok()) return q->status();
  return found;
}

}  // namespace

Status Migrate(SqlDb& db, const std::vector<Migration>& migrations, const std::string& now,
               const SqlDialect& dialect, const std::string& begin, const std::string& prologue,
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
  // Two processes opening a fresh database do not both migrate.
  KTO_RETURN_IF_ERROR(db.Exec(begin));
  auto fail = [&](Status status) {
    db.Exec("ROLLBACK");
    return status;
  };
  Status status = prologue.empty() ? Status() : db.Exec(prologue);
  if (!status.ok()) return fail(status);
  status = db.Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, "
      "applied_at TEXT NOT NULL)");
  if (!status.ok()) return fail(status);
  auto stored = StoredVersion(db);
  if (!stored.ok()) return fail(stored.status());
  if (*stored > latest) {
    return fail(Status::Corrupt("database " + db.name() + " has schema version " +
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
    status = db.Exec(ExpandPlaceholders(m.sql, dialect));
    if (!status.ok()) {
      return fail(Status(status.code(), "migration " + std::to_string(m.version) +
                                            " failed: " + status.message()));
    }
    auto q = db.Prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)");
    if (!q.ok()) return fail(q.status());
    q->Bind(1, int64_t{m.version}).Bind(2, now);
    if (status = q->Run(); !status.ok()) return fail(status);
  }
  // (SQLite: statements must be reset before COMMIT can release the file.)
  status = db.Exec("COMMIT");
  if (!status.ok()) return fail(status);
  *version = std::max(*stored, latest);
  return Status();
}

}  // namespace kto::store
