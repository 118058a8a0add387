#include "pg_db.h"

#include <cstdlib>
#include <optional>
#include <vector>

#include "kto/store/store.h"

namespace kto::store {

class PgDb::Statement final : public StmtImpl {
 public:
  Statement(PgDb* db, std::string name, int parameters, std::vector<std::string> columns)
      : db_(db),
        name_(std::move(name)),
        values_(static_cast<size_t>(parameters)),
        columns_(std::move(columns)) {}
  ~Statement() override { PQclear(result_); }

  void Bind(int index, int64_t value) override { Set(index, std::to_string(value)); }
  void Bind(int index, std::string_view value) override { Set(index, std::string(value)); }
  void BindNull(int index) override { Set(index, std::nullopt); }

  bool Step(Status* status) override {
    if (result_ == nullptr && !Execute(status)) return false;
    if (++row_ < PQntuples(result_)) return true;
    // Done: as SQLite does, the next Step runs the statement again.
    PQclear(result_);
    result_ = nullptr;
    row_ = -1;
    return false;
  }
  int64_t ColumnInt(int column) const override {
    return std::strtoll(PQgetvalue(result_, row_, column), nullptr, 10);
  }
  bool ColumnIsNull(int column) const override { return PQgetisnull(result_, row_, column) != 0; }
  std::string ColumnText(int column) const override {
    return std::string(PQgetvalue(result_, row_, column),
                       static_cast<size_t>(PQgetlength(result_, row_, column)));
  }
  int ColumnCount() const override { return static_cast<int>(columns_.size()); }
  std::string ColumnName(int column) const override {
    return columns_.at(static_cast<size_t>(column));
  }
  void Reset() override {
    PQclear(result_);
    result_ = nullptr;
    row_ = -1;
    for (auto& v : values_) v.reset();
  }

 private:
  void Set(int index, std::optional<std::string> value) {
    if (index >= 1 && static_cast<size_t>(index) <= values_.size())
      values_[static_cast<size_t>(index) - 1] = std::move(value);
  }
  // Runs the statement with its bindings; every row is read at once.
  bool Execute(Status* status) {
    std::vector<const char*> values;
    values.reserve(values_.size());
    for (const auto& v : values_) values.push_back(v ? v->c_str() : nullptr);
    result_ = PQexecPrepared(db_->conn_, name_.c_str(), static_cast<int>(values.size()),
                             values.data(), nullptr, nullptr, 0);
    const ExecStatusType rc = PQresultStatus(result_);
    if (rc == PGRES_TUPLES_OK || rc == PGRES_COMMAND_OK) return true;
    *status = db_->Error(result_, "a query failed on");
    PQclear(result_);
    result_ = nullptr;
    return false;
  }

  PgDb* db_;
  std::string name_;
  std::vector<std::optional<std::string>> values_;
  std::vector<std::string> columns_;
  PGresult* result_ = nullptr;
  int row_ = -1;
};

std::string NumberParameters(std::string_view sql, int* count) {
  std::string out;
  out.reserve(sql.size() + 16);
  *count = 0;
  char quote = 0;  // inside '...' or "..."
  for (char c : sql) {
    if (quote != 0) {
      if (c == quote) quote = 0;  // a doubled quote closes and reopens: same result
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += '$' + std::to_string(++*count);
    } else {
      out += c;
    }
  }
  return out;
}

Result<std::unique_ptr<PgDb>> PgDb::Connect(const std::string& uri,
                                            const std::string& session_sql) {
  PGconn* conn = PQconnectdb(uri.c_str());
  const std::string name = SpecForDisplay(uri);
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    std::string message = "cannot connect to PostgreSQL " + name + ": " +
                          (conn != nullptr ? PQerrorMessage(conn) : "out of memory");
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
      message.pop_back();
    PQfinish(conn);
    return Status::IoError(std::move(message));
  }
  std::unique_ptr<PgDb> db(new PgDb(conn, name, session_sql));
  if (PQsetClientEncoding(conn, "UTF8") != 0)
    return Status::IoError("PostgreSQL " + name + " does not take UTF-8");
  if (!session_sql.empty()) {
    if (Status s = db->Exec(session_sql); !s.ok()) return s;
  }
  return db;
}

PgDb::~PgDb() {
  cache_.clear();
  PQfinish(conn_);
}

Status PgDb::EnsureConnected() {
  if (PQstatus(conn_) == CONNECTION_OK) return Status();
  cache_.clear();
  PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK)
    return Status::IoError("lost the connection to PostgreSQL " + name_ + ": " +
                           PQerrorMessage(conn_));
  if (PQsetClientEncoding(conn_, "UTF8") != 0)
    return Status::IoError("PostgreSQL " + name_ + " does not take UTF-8");
  return session_sql_.empty() ? Status() : Exec(session_sql_);
}

Result<Stmt> PgDb::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    if (Status s = EnsureConnected(); !s.ok()) return s;
    int parameters = 0;
    const std::string numbered = NumberParameters(sql, &parameters);
    std::string statement_name = "kto_" + std::to_string(++prepared_);
    PGresult* result =
        PQprepare(conn_, statement_name.c_str(), numbered.c_str(), parameters, nullptr);
    const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    Status error = ok ? Status() : Error(result, "cannot prepare a query on");
    PQclear(result);
    if (!ok) return error;
    // The names of the result's columns (one more round trip, per statement, once).
    std::vector<std::string> columns;
    PGresult* described = PQdescribePrepared(conn_, statement_name.c_str());
    if (PQresultStatus(described) == PGRES_COMMAND_OK)
      for (int c = 0; c < PQnfields(described); ++c) columns.emplace_back(PQfname(described, c));
    PQclear(described);
    it = cache_
             .emplace(sql, std::make_unique<Statement>(this, std::move(statement_name), parameters,
                                                       std::move(columns)))
             .first;
  }
  return Stmt(it->second.get());
}

Status PgDb::Exec(const std::string& sql) {
  if (Status s = EnsureConnected(); !s.ok()) return s;
  PGresult* result = PQexec(conn_, sql.c_str());
  const ExecStatusType rc = PQresultStatus(result);
  Status status = rc == PGRES_COMMAND_OK || rc == PGRES_TUPLES_OK || rc == PGRES_EMPTY_QUERY
                      ? Status()
                      : Error(result, "cannot use the database");
  PQclear(result);
  return status;
}

Status PgDb::Error(const PGresult* result, std::string_view what) const {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state != nullptr ? state : "";
  std::string detail = result != nullptr ? PQresultErrorMessage(result) : "";
  if (detail.empty()) detail = PQerrorMessage(conn_);
  while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
  std::string message = std::string(what) + " PostgreSQL " + name_ + ": " + detail;
  if (PQstatus(conn_) != CONNECTION_OK || sqlstate.rfind("08", 0) == 0)
    return Status::IoError("lost the connection: " + message);
  const std::string klass = sqlstate.substr(0, 2);
  if (klass == "23" || klass == "22") return Status::InvalidInput(message);
  // Serialization failures and deadlocks (40), locks not granted in time
  // (55P03): the transaction may succeed when run again.
  if (klass == "40" || sqlstate == "55P03") return Status::Conflict(message);
  // Cancelled statements (57), the server out of resources (53).
  if (klass == "57" || klass == "53") return Status::IoError(message);
  return Status::Internal(message);
}

}  // namespace kto::store
