// A database of its own for a test, on the PostgreSQL server of the tests.
//
// CTest's fixture kto_postgres (cmake/KtoPostgresTest.cmake) starts the
// server (scripts/pg-test-server.sh) and writes its URI to the file
// KTO_POSTGRES_URL_FILE, which a test binary built with kto_add_test(...
// POSTGRES) knows. Without the server a test that needs it fails, never
// skips: PostgresTestDatabase records the failure itself, so that no test
// passes by forgetting to check, and ok() lets the caller stop there:
//
//   class PgStoreTest : public ::testing::Test {
//    protected:
//     void SetUp() override { ASSERT_TRUE(db_.ok()); /* open db_.uri() */ }
//     kto::testing::PostgresTestDatabase db_;
//   };
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <memory>
#include <random>
#include <string>

#ifndef KTO_POSTGRES_URL_FILE
#error "KTO_POSTGRES_URL_FILE is not defined: build the test with kto_add_test(... POSTGRES)"
#endif

namespace kto::testing {

class PostgresTestDatabase {
 public:
  // Creates a fresh, empty database; on failure ok() is false, error() says
  // why and the running test has failed.
  PostgresTestDatabase() {
    created_ = Create();
    if (!created_) ADD_FAILURE() << error_;
  }

  // Drops the database, closing whatever connections to it are still open.
  ~PostgresTestDatabase() {
    if (!created_) return;
    std::string error;
    std::string server = ServerUri(&error);
    Connection conn = server.empty() ? Connection(nullptr, PQfinish) : Connect(server, &error);
    if (conn == nullptr ||
        !Exec(conn.get(), "DROP DATABASE IF EXISTS \"" + name_ + "\" WITH (FORCE)", &error))
      ADD_FAILURE() << "could not drop the test database " << name_ << ": " << error;
  }

  PostgresTestDatabase(const PostgresTestDatabase&) = delete;
  PostgresTestDatabase& operator=(const PostgresTestDatabase&) = delete;

  bool ok() const { return created_; }
  const std::string& error() const { return error_; }
  // postgresql://kto@127.0.0.1:PORT/NAME; empty unless ok().
  const std::string& uri() const { return uri_; }
  // The database's name, kto_test_<pid>_<counter>_<random>: unique across
  // the test processes CTest runs at once, and across runs.
  const std::string& name() const { return name_; }

  using Connection = std::unique_ptr<PGconn, void (*)(PGconn*)>;

  // The server's URI (its database `postgres`, where databases are created
  // and dropped), or "" with the reason in *error when no server runs.
  static std::string ServerUri(std::string* error) {
    std::ifstream in(KTO_POSTGRES_URL_FILE);
    std::string uri;
    if (!(in >> uri)) {
      *error = std::string("PostgreSQL test server not running (no file ") + KTO_POSTGRES_URL_FILE +
               "): " + HowToStart();
      return "";
    }
    return uri;
  }

  // A connection to `uri`, or nullptr with the reason in *error.
  static Connection Connect(const std::string& uri, std::string* error) {
    // connect_timeout: a server that does not answer fails the test, not CTest's timeout.
    const char* keys[] = {"dbname", "connect_timeout", nullptr};
    const char* values[] = {uri.c_str(), "10", nullptr};
    Connection conn(PQconnectdbParams(keys, values, /*expand_dbname=*/1), PQfinish);
    if (conn != nullptr && PQstatus(conn.get()) == CONNECTION_OK) return conn;
    std::string reason = conn != nullptr ? PQerrorMessage(conn.get()) : "out of memory";
    while (!reason.empty() && reason.back() == '\n') reason.pop_back();
    *error = "PostgreSQL test server at " + uri +
             " (from " KTO_POSTGRES_URL_FILE ") unreachable: " + reason + "\n" + HowToStart();
    return {nullptr, PQfinish};
  }

 private:
  bool Create() {
    std::string server = ServerUri(&error_);
    if (server.empty()) return false;
    Connection conn = Connect(server, &error_);
    if (conn == nullptr) return false;
    name_ = UniqueName();
    if (!Exec(conn.get(), "CREATE DATABASE \"" + name_ + "\"", &error_)) return false;
    uri_ = WithDatabase(server, name_);
    return true;
  }

  static std::string HowToStart() {
    std::string file = KTO_POSTGRES_URL_FILE;
    return "the ctest fixture kto_postgres_start starts it; run the tests with ctest, or "
           "`scripts/pg-test-server.sh start " +
           file.substr(0, file.rfind('/')) + "` first";
  }

  static std::string UniqueName() {
    static std::atomic<int> counter{0};
    char random[9];
    std::snprintf(random, sizeof random, "%08x", static_cast<unsigned>(std::random_device()()));
    return "kto_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
           random;
  }

  // `server` with its database replaced by `database`.
  static std::string WithDatabase(const std::string& server, const std::string& database) {
    size_t slash = server.find('/', server.find("://") + 3);
    if (slash == std::string::npos) return server + "/" + database;
    size_t query = server.find('?', slash);
    return server.substr(0, slash + 1) + database +
           (query == std::string::npos ? "" : server.substr(query));
  }

  static bool Exec(PGconn* conn, const std::string& sql, std::string* error) {
    std::unique_ptr<PGresult, void (*)(PGresult*)> result(PQexec(conn, sql.c_str()), PQclear);
    if (PQresultStatus(result.get()) == PGRES_COMMAND_OK) return true;
    *error = sql + ": " + PQerrorMessage(conn);
    return false;
  }

  std::string name_;
  std::string uri_;
  std::string error_;
  bool created_ = false;
};

}  // namespace kto::testing
