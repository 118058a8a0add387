// The SQLite connection of the SQLite backend: a thin RAII layer over the
// SQLite C API with cached prepared statements (sql_db.h), and SQLite
// result codes mapped to kto Status values.
//
// Thread safety: none; a SqliteDb belongs to one Store, used by one thread.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "kto/status.h"
#include "sql_db.h"

namespace kto::store {

class SqliteDb final : public SqlDb {
 public:
  // Opens (creating) the file. kIoError when it cannot be opened.
  static Result<std::unique_ptr<SqliteDb>> Open(const std::string& path, int busy_timeout_ms);
  ~SqliteDb() override;
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  Result<Stmt> Prepare(const std::string& sql) override;
  Status Exec(const std::string& sql) override;
  const std::string& name() const override { return path_; }
  // The Status for SQLite result `rc` with the connection's message.
  Status Error(int rc, std::string_view what) const;

  sqlite3* handle() { return db_; }
  const std::string& path() const { return path_; }

 private:
  class Statement;
  SqliteDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
  std::unordered_map<std::string, std::unique_ptr<StmtImpl>> cache_;
};

}  // namespace kto::store
