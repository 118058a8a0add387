#include "sqlite_db.h"

#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

namespace kto::store {
namespace {

// SQLite says only that it could not open a file («unable to open database
// file») or that the database is read-only, neither which file nor why: on
// a read-only file system, or a file or folder the user may not write, the
// message adds the reason. Even to read a database in WAL mode SQLite
// creates PATH-wal and PATH-shm beside the file when they are absent, so a
// read-only store fails to open, not only to be written.
std::string WithWhyNotWritable(int rc, const std::string& path, std::string message) {
  if ((rc & 0xFF) != SQLITE_CANTOPEN && (rc & 0xFF) != SQLITE_READONLY) return message;
  namespace fs = std::filesystem;
  const fs::path file(path);
  const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
  std::error_code ignored;
  for (const fs::path& target : {file, folder}) {
    if (target == file && !fs::exists(file, ignored)) continue;  // a new file: its folder
    if (access(target.c_str(), W_OK) == 0) continue;
    const int why = errno;
    return message + " (kto writes " + path + " and the files " + path + "-wal and " + path +
           "-shm beside it: " + std::generic_category().message(why) + ")";
  }
  return message;
}

}  // namespace

class SqliteDb::Statement final : public StmtImpl {
 public:
  Statement(SqliteDb* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement() override { sqlite3_finalize(stmt_); }

  void Bind(int index, int64_t value) override { sqlite3_bind_int64(stmt_, index, value); }
  void Bind(int index, std::string_view value) override {
    // SQLITE_TRANSIENT: SQLite copies, so temporaries are fine.
    sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  }
  void BindNull(int index) override { sqlite3_bind_null(stmt_, index); }
  bool Step(Status* status) override {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) *status = db_->Error(rc, "a query failed on");
    return false;
  }
  int64_t ColumnInt(int column) const override { return sqlite3_column_int64(stmt_, column); }
  bool ColumnIsNull(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }
  std::string ColumnText(int column) const override {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (text == nullptr) return {};
    return std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
  }
  int ColumnCount() const override { return sqlite3_column_count(stmt_); }
  std::string ColumnName(int column) const override {
    const char* name = sqlite3_column_name(stmt_, column);
    return name != nullptr ? name : "";
  }
  void Reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

 private:
  SqliteDb* db_;
  sqlite3_stmt* stmt_;
};

Result<std::unique_ptr<SqliteDb>> SqliteDb::Open(const std::string& path, int busy_timeout_ms) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message =
        WithWhyNotWritable(rc, path,
                           "cannot open database " + path + ": " +
                               (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    sqlite3_close(db);
    return Status::IoError(std::move(message));
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  return std::unique_ptr<SqliteDb>(new SqliteDb(db, path));
}

SqliteDb::~SqliteDb() {
  // Statements are reset by their users; finalize them before closing.
  cache_.clear();
  sqlite3_close(db_);
}

Result<Stmt> SqliteDb::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return Error(rc, "cannot prepare a query on");
    it = cache_.emplace(sql, std::make_unique<Statement>(this, stmt)).first;
  }
  return Stmt(it->second.get());
}

Status SqliteDb::Exec(const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return Status();
  sqlite3_free(message);
  return Error(rc, "cannot use the database");
}

Status SqliteDb::Error(int rc, std::string_view what) const {
  std::string message =
      WithWhyNotWritable(rc, path_, std::string(what) + " " + path_ + ": " + sqlite3_errmsg(db_));
  switch (rc & 0xFF) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return Status::Corrupt(message + " (not a kto database, or a damaged one)");
    case SQLITE_CONSTRAINT:
      return Status::InvalidInput(message);
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_PERM:
      return Status::IoError(message);
    default:
      return Status::Internal(message);
  }
}

}  // namespace kto::store
