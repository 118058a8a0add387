// What the store's SQL backends share: a connection that prepares
// statements, and a statement handle with typed binding and reading. The
// SQLite backend (sqlite_db.h) and the PostgreSQL one (pg_db.h) implement
// it, so that the store's queries (sql_store.cc) are written once.
//
// SQL text uses `?` for parameters, numbered from 1 in order of appearance
// (the PostgreSQL connection rewrites them as $1, $2, ...).
//
// Thread safety: none; a connection and its statements belong to one Store,
// used by one thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "kto/status.h"

namespace kto::store {

// A backend's prepared statement, cached by its connection.
class StmtImpl {
 public:
  virtual ~StmtImpl() = default;
  virtual void Bind(int index, int64_t value) = 0;
  virtual void Bind(int index, std::string_view value) = 0;
  virtual void BindNull(int index) = 0;
  // Advances to the next row: true with a row, false when done or on an
  // error, which is stored in `*status`.
  virtual bool Step(Status* status) = 0;
  virtual int64_t ColumnInt(int column) const = 0;
  virtual bool ColumnIsNull(int column) const = 0;
  virtual std::string ColumnText(int column) const = 0;
  // The result's columns, known once the statement is prepared.
  virtual int ColumnCount() const = 0;
  virtual std::string ColumnName(int column) const = 0;
  // Forgets the bindings and any rows not read, so the statement can run again.
  virtual void Reset() = 0;
};

// A cached prepared statement in use; it is reset when the Stmt goes out of
// scope, so no read stays open and the statement can be reused. Use one Stmt
// of a given SQL text at a time. Bind indexes start at 1. An empty string
// bound with BindTextOrNull() is NULL; ColumnText() reads NULL as "".
class Stmt {
 public:
  explicit Stmt(StmtImpl* impl) : impl_(impl) {}
  ~Stmt() {
    if (impl_ != nullptr) impl_->Reset();
  }
  Stmt(Stmt&& other) noexcept
      : impl_(std::exchange(other.impl_, nullptr)), status_(std::move(other.status_)) {}
  Stmt& operator=(Stmt&&) = delete;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& Bind(int index, int64_t value) {
    impl_->Bind(index, value);
    return *this;
  }
  Stmt& Bind(int index, std::string_view value) {
    impl_->Bind(index, value);
    return *this;
  }
  Stmt& BindTextOrNull(int index, std::string_view value) {
    return value.empty() ? BindNull(index) : Bind(index, value);
  }
  Stmt& BindNull(int index) {
    impl_->BindNull(index);
    return *this;
  }

  // Advances: true with a row, false when done; errors land in status().
  bool Step() { return status_.ok() && impl_->Step(&status_); }
  // Runs a statement that returns no rows (or ignores them).
  Status Run() {
    while (Step()) {
    }
    return status_;
  }
  const Status& status() const { return status_; }

  int64_t ColumnInt(int column) const { return impl_->ColumnInt(column); }
  bool ColumnIsNull(int column) const { return impl_->ColumnIsNull(column); }
  std::string ColumnText(int column) const { return impl_->ColumnText(column); }
  int ColumnCount() const { return impl_->ColumnCount(); }
  std::string ColumnName(int column) const { return impl_->ColumnName(column); }

 private:
  StmtImpl* impl_;
  Status status_;
};

// A connection to one database.
class SqlDb {
 public:
  virtual ~SqlDb() = default;
  // The cached prepared statement for `sql`, cleared of bindings.
  virtual Result<Stmt> Prepare(const std::string& sql) = 0;
  // Runs one or more statements without parameters.
  virtual Status Exec(const std::string& sql) = 0;
  // What messages call the database: a file path, or a URI without its password.
  virtual const std::string& name() const = 0;
};

}  // namespace kto::store
