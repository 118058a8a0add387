// A thin RAII layer over the SQLite C API for the SQLite backend: one
// connection, cached prepared statements, typed binding and reading, and
// SQLite result codes mapped to kto Status values.
//
// Thread safety: none; a SqliteDb belongs to one Store, used by one thread.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "kto/status.h"

namespace kto::store {

class SqliteDb;

// A cached prepared statement in use; it is reset when the Stmt goes out of
// scope, so no read stays open and the handle can be reused. Use one Stmt of
// a given SQL text at a time. Bind indexes start at 1. An empty string
// bound with BindTextOrNull() is NULL; ColumnText() reads NULL as "".
class Stmt {
 public:
  Stmt(SqliteDb* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Stmt();
  Stmt(Stmt&& other) noexcept
      : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)), status_(other.status_) {}
  Stmt& operator=(Stmt&&) = delete;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& Bind(int index, int64_t value);
  Stmt& Bind(int index, std::string_view value);
  Stmt& BindTextOrNull(int index, std::string_view value);
  Stmt& BindNull(int index);

  // Advances: true with a row, false when done; errors land in status().
  bool Step();
  // Runs a statement that returns no rows (or ignores them).
  Status Run();
  const Status& status() const { return status_; }

  int64_t ColumnInt(int column) const { return sqlite3_column_int64(stmt_, column); }
  bool ColumnIsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::string ColumnText(int column) const;

 private:
  SqliteDb* db_;
  sqlite3_stmt* stmt_;
  Status status_;
};

class SqliteDb {
 public:
  // Opens (creating) the file. kIoError when it cannot be opened.
  static Result<std::unique_ptr<SqliteDb>> Open(const std::string& path, int busy_timeout_ms);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  // The cached prepared statement for `sql`, cleared of bindings.
  Result<Stmt> Prepare(const std::string& sql);
  // Runs one or more statements without parameters.
  Status Exec(const std::string& sql);
  // The Status for SQLite result `rc` with the connection's message.
  Status Error(int rc, std::string_view what) const;

  sqlite3* handle() { return db_; }
  const std::string& path() const { return path_; }

 private:
  SqliteDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace kto::store
