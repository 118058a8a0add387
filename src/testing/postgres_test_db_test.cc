// The harness of the PostgreSQL tests: each PostgresTestDatabase is a fresh
// database of its own, usable, and gone once destroyed.
#include "postgres_test_db.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <memory>
#include <string>

namespace kto::testing {
namespace {

using Result = std::unique_ptr<PGresult, void (*)(PGresult*)>;

// Runs `sql` on `uri` in a connection of its own; the first column of the
// first row ("" when none), or "ERROR: ..." when the statement fails.
std::string Query(const std::string& uri, const std::string& sql) {
  std::string error;
  PostgresTestDatabase::Connection conn = PostgresTestDatabase::Connect(uri, &error);
  if (conn == nullptr) return "ERROR: " + error;
  Result result(PQexec(conn.get(), sql.c_str()), PQclear);
  ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    return std::string("ERROR: ") + PQerrorMessage(conn.get());
  return PQntuples(result.get()) > 0 ? PQgetvalue(result.get(), 0, 0) : "";
}

bool DatabaseExists(const std::string& name) {
  std::string error;
  std::string server = PostgresTestDatabase::ServerUri(&error);
  EXPECT_NE(server, "") << error;
  return Query(server, "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'") == "1";
}

TEST(PostgresTestDatabase, TwoDatabasesAreDistinctUsableAndDroppedAfterwards) {
  std::string first_name, second_name;
  {
    PostgresTestDatabase first, second;
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(second.ok());
    first_name = first.name();
    second_name = second.name();
    EXPECT_NE(first_name, second_name);
    EXPECT_NE(first.uri(), second.uri());
    EXPECT_EQ(Query(first.uri(), "SELECT current_database()"), first_name);

    // A table in one is absent from the other.
    EXPECT_EQ(Query(first.uri(), "CREATE TABLE people (name text)"), "");
    EXPECT_EQ(Query(first.uri(), "INSERT INTO people VALUES ('Анна Петрова')"), "");
    EXPECT_EQ(Query(first.uri(), "SELECT lower(name) FROM people"), "анна петрова");
    EXPECT_EQ(Query(second.uri(), "SELECT to_regclass('people') IS NULL"), "t");

    EXPECT_TRUE(DatabaseExists(first_name));
    EXPECT_TRUE(DatabaseExists(second_name));
  }
  EXPECT_FALSE(DatabaseExists(first_name));
  EXPECT_FALSE(DatabaseExists(second_name));
}

TEST(PostgresTestDatabase, DropsADatabaseThatStillHasConnections) {
  std::string name;
  std::string error;
  PostgresTestDatabase::Connection left_open(nullptr, PQfinish);
  {
    PostgresTestDatabase db;
    ASSERT_TRUE(db.ok());
    name = db.name();
    left_open = PostgresTestDatabase::Connect(db.uri(), &error);
    ASSERT_NE(left_open, nullptr) << error;
  }
  EXPECT_FALSE(DatabaseExists(name));
}

}  // namespace
}  // namespace kto::testing
