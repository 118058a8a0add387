// store::CopyStore: a whole knowledge base from one store into another
// (`kto migrate`), table by table at the SQL level, ids kept, verified by
// counts and checksums read back from both.
#include <cstring>
#include <map>
#include <optional>
#include <vector>

#include "sha256.h"
#include "sql_store.h"

namespace kto::store {
namespace {

// The tables of a knowledge base in an order their foreign keys allow, each
// with the integer column its rows are read by, a range at a time.
// (schema_migrations and store_meta are each store's own; the full-text
// index is rebuilt from the articles.)
struct Table {
  const char* name;
  const char* key;
};
constexpr Table kTables[] = {{"articles", "id"},
                             {"persons", "id"},
                             {"aliases", "person_id"},
                             {"positions", "id"},
                             {"position_evidence", "id"},
                             {"mentions", "id"},
                             {"quotes", "id"},
                             {"organizations", "id"},
                             {"organization_mentions", "id"},
                             {"locations", "id"},
                             {"location_mentions", "id"},
                             {"person_articles", "person_id"},
                             {"co_mentions", "person_id"}};

// Key values per read: memory stays bounded whatever the table's size.
constexpr int64_t kKeysPerRead = 2000;

// What a table's rows sum to: the count and an order-free checksum (the sum
// of the first 8 bytes of each row's SHA-256), equal on both backends for
// the same rows (values as text, NULL apart from '').
struct Sum {
  int64_t rows = 0;
  uint64_t checksum = 0;
  void Add(const Stmt& row, int columns) {
    std::string bytes;
    for (int c = 0; c < columns; ++c) {
      if (row.ColumnIsNull(c)) {
        bytes += "\x1e";
      } else {
        bytes += row.ColumnText(c);
      }
      bytes += '\x1f';
    }
    const std::string digest = Sha256Hex(bytes);
    ++rows;
    checksum += std::stoull(digest.substr(0, 16), nullptr, 16);
  }
};

// Calls `row(stmt, columns)` for every row of `table`, a key range at a time.
template <typename Row>
Status ForEachRow(SqlDb& db, const Table& table, Row row) {
  const std::string key = table.key;
  int64_t low = 0, high = -1;
  {
    auto q = db.Prepare("SELECT MIN(" + key + "), MAX(" + key + ") FROM " + table.name);
    if (!q.ok()) return q.status();
    if (q->Step() && !q->ColumnIsNull(0)) low = q->ColumnInt(0), high = q->ColumnInt(1);
    if (!q->status().ok()) return q->status();
  }
  const std::string sql =
      "SELECT * FROM " + std::string(table.name) + " WHERE " + key + " >= ? AND " + key + " < ?";
  for (int64_t from = low; from <= high; from += kKeysPerRead) {
    auto q = db.Prepare(sql);  // reset at the end of each range, to be bound again
    if (!q.ok()) return q.status();
    const int columns = q->ColumnCount();
    q->Bind(1, from).Bind(2, from + kKeysPerRead);
    while (q->Step())
      if (Status s = row(*q, columns); !s.ok()) return s;
    if (!q->status().ok()) return q->status();
  }
  return Status();
}

Status CopyTable(SqlStore& from, SqlStore& to, const Table& table, Sum* copied) {
  std::optional<RowBatch> rows;  // made with the first row, which names the columns
  const Status status =
      ForEachRow(from.connection(), table, [&](const Stmt& row, int columns) -> Status {
        copied->Add(row, columns);
        if (!rows) {
          std::string names;
          for (int c = 0; c < columns; ++c) names += (c > 0 ? ", " : "") + row.ColumnName(c);
          std::string marks = "(";
          for (int c = 0; c < columns; ++c) marks += c > 0 ? ", ?" : "?";
          rows.emplace(to.connection(),
                       "INSERT INTO " + std::string(table.name) + " (" + names + ") VALUES",
                       marks + ")");
        }
        std::vector<SqlValue> values;
        for (int c = 0; c < columns; ++c)
          values.push_back(row.ColumnIsNull(c) ? SqlValue() : SqlValue(row.ColumnText(c)));
        return rows->Add(std::move(values));
      });
  if (!status.ok() || !rows) return status;
  return rows->Flush();
}

Result<bool> IsEmpty(SqlDb& db) {
  auto q = db.Prepare(
      "SELECT (SELECT COUNT(*) FROM articles) + (SELECT COUNT(*) FROM persons) + (SELECT "
      "COUNT(*) FROM organizations) + (SELECT COUNT(*) FROM locations)");
  if (!q.ok()) return q.status();
  if (!q->Step()) return q->status().ok() ? Status::Internal("no row") : q->status();
  return q->ColumnInt(0) == 0;
}

std::string Hex(uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

}  // namespace

Result<std::vector<TableCopy>> CopyStore(Store& from_store, Store& to_store) {
  auto* from = dynamic_cast<SqlStore*>(&from_store);
  auto* to = dynamic_cast<SqlStore*>(&to_store);
  if (from == nullptr || to == nullptr) return Status::Internal("CopyStore: not an SQL store");
  if (from->SchemaVersion() != to->SchemaVersion())
    return Status::InvalidArgument("the stores have schema versions " +
                                   std::to_string(from->SchemaVersion()) + " and " +
                                   std::to_string(to->SchemaVersion()));
  auto empty = IsEmpty(to->connection());
  if (!empty.ok()) return empty.status();
  if (!*empty)
    return Status::InvalidArgument(
        "the store copied to already holds articles or persons; give an empty one");

  std::vector<TableCopy> report;
  std::map<std::string, Sum> copied;
  Status status = from->ReadTransaction([&] {
    return to->Transaction([&]() -> Status {
      for (const Table& table : kTables) {
        if (Status s = CopyTable(*from, *to, table, &copied[table.name]); !s.ok())
          return Status(s.code(), std::string("copying ") + table.name + ": " + s.message());
        if (!std::strcmp(table.key, "id")) {
          if (Status s = to->ContinueIdsAfterCopy(table.name); !s.ok()) return s;
        }
      }
      // The copy's full-text index is built when it is next opened with a tokenizer.
      auto q = to->connection().Prepare("DELETE FROM store_meta WHERE key = 'search_tokenizer'");
      return q.ok() ? q->Run() : q.status();
    });
  });
  if (!status.ok()) return status;

  // Read back: every table of the copy as the source's.
  for (const Table& table : kTables) {
    Sum there;
    status = to->ReadTransaction([&] {
      return ForEachRow(to->connection(), table, [&](const Stmt& row, int columns) {
        there.Add(row, columns);
        return Status();
      });
    });
    if (!status.ok()) return status;
    const Sum& here = copied[table.name];
    if (here.rows != there.rows || here.checksum != there.checksum)
      return Status::Internal(std::string("the copy of ") + table.name +
                              " differs: " + std::to_string(here.rows) + " rows, checksum " +
                              Hex(here.checksum) + " copied; " + std::to_string(there.rows) +
                              " rows, checksum " + Hex(there.checksum) + " read back");
    report.push_back(TableCopy{table.name, here.rows, Hex(here.checksum)});
  }
  return report;
}

}  // namespace kto::store
