// The PostgreSQL connection of the PostgreSQL backend: libpq with cached
// server-side prepared statements (sql_db.h; `?` parameters rewritten as
// $1, $2, ...), text parameters and results, and SQLSTATE codes mapped to
// kto Status values.
//
// A connection that breaks (the server restarted, the network went) is
// reconnected by the next Prepare() or Exec(): the statement that met the
// break fails with kIoError and the transaction it was in is lost, so the
// caller sees the error, never a half-written transaction.
//
// Thread safety: none; a PgDb belongs to one Store, used by one thread.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "kto/status.h"
#include "sql_db.h"

namespace kto::store {

class PgDb final : public SqlDb {
 public:
  // Connects to `uri` (any libpq connection string or URI; a password from
  // the environment or ~/.pgpass) and runs `session_sql` (settings) on the
  // connection, again after every reconnection. kIoError when it cannot.
  static Result<std::unique_ptr<PgDb>> Connect(const std::string& uri,
                                               const std::string& session_sql);
  ~PgDb() override;
  PgDb(const PgDb&) = delete;
  PgDb& operator=(const PgDb&) = delete;

  Result<Stmt> Prepare(const std::string& sql) override;
  Status Exec(const std::string& sql) override;
  // The URI without its password.
  const std::string& name() const override { return name_; }
  // The Status of a failed `result` (may be null) with the server's message.
  Status Error(const PGresult* result, std::string_view what) const;

  PGconn* handle() { return conn_; }

 private:
  class Statement;
  PgDb(PGconn* conn, std::string name, std::string session_sql)
      : conn_(conn), name_(std::move(name)), session_sql_(std::move(session_sql)) {}
  // Reconnects a broken connection (its prepared statements are gone with it).
  Status EnsureConnected();

  PGconn* conn_;
  std::string name_;
  std::string session_sql_;
  std::unordered_map<std::string, std::unique_ptr<StmtImpl>> cache_;
  int prepared_ = 0;  // statements prepared on this connection, for their names
};

// `sql` with each `?` outside quotes replaced by $1, $2, ...; sets `*count`.
std::string NumberParameters(std::string_view sql, int* count);

}  // namespace kto::store
