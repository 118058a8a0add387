// Store::Check for the SQL backends: every check is one query that counts
// the rows in error, in SQL both SQLite and PostgreSQL run.
#include <set>
#include <span>
#include <string>
#include <vector>

#include "sql_store.h"

namespace kto::store {
namespace {

struct Check {
  const char* what;  // the problem, said of `count` rows
  const char* count_sql;
};

// References to rows that are gone (the tables without foreign keys, and
// any store written with the keys off).
constexpr Check kReferences[] = {
    {"mentions of articles that are gone",
     "SELECT COUNT(*) FROM mentions c WHERE NOT EXISTS (SELECT 1 FROM articles p WHERE p.id = "
     "c.article_id)"},
    {"mentions of persons that are gone",
     "SELECT COUNT(*) FROM mentions c WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.id = "
     "c.person_id)"},
    {"quotes of articles that are gone",
     "SELECT COUNT(*) FROM quotes c WHERE NOT EXISTS (SELECT 1 FROM articles p WHERE p.id = "
     "c.article_id)"},
    {"aliases of persons that are gone",
     "SELECT COUNT(*) FROM aliases c WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.id = "
     "c.person_id)"},
    {"positions of persons that are gone",
     "SELECT COUNT(*) FROM positions c WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.id = "
     "c.person_id)"},
    {"position evidence of positions or articles that are gone",
     "SELECT COUNT(*) FROM position_evidence c WHERE NOT EXISTS (SELECT 1 FROM positions p WHERE "
     "p.id = c.position_id) OR NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = c.article_id)"},
    {"organization mentions of articles or organizations that are gone",
     "SELECT COUNT(*) FROM organization_mentions c WHERE NOT EXISTS (SELECT 1 FROM articles a "
     "WHERE a.id = c.article_id) OR NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = "
     "c.organization_id)"},
    {"place mentions of articles or places that are gone",
     "SELECT COUNT(*) FROM location_mentions c WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE "
     "a.id = c.article_id) OR NOT EXISTS (SELECT 1 FROM locations l WHERE l.id = c.location_id)"},
    {"mentions outside their article's title or text",
     "SELECT COUNT(*) FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.start_offset "
     "< 0 OR m.end_offset < m.start_offset OR m.end_offset > (CASE WHEN m.in_title = 1 THEN "
     "LENGTH(a.title) ELSE LENGTH(a.text) END)"},
    {"persons no article mentions and no known-persons list gave (an id or a post)",
     "SELECT COUNT(*) FROM persons p WHERE p.external_id IS NULL AND NOT EXISTS (SELECT 1 FROM "
     "mentions m WHERE m.person_id = p.id) AND NOT EXISTS (SELECT 1 FROM positions i WHERE "
     "i.person_id = p.id AND i.imported = 1)"},
};

// The derived rows and counts, against what they count (repair recomputes them).
constexpr Check kDerived[] = {
    {"(person, article) pairs of the mentions missing from person_articles",
     "SELECT COUNT(*) FROM (SELECT DISTINCT m.person_id, m.article_id FROM mentions m JOIN "
     "persons p ON p.id = m.person_id JOIN articles a ON a.id = m.article_id EXCEPT SELECT "
     "person_id, article_id FROM person_articles) x"},
    {"person_articles rows no mention gives",
     "SELECT COUNT(*) FROM (SELECT person_id, article_id FROM person_articles EXCEPT SELECT "
     "person_id, article_id FROM mentions) x"},
    {"persons whose article_count differs from their person_articles",
     "SELECT COUNT(*) FROM persons p WHERE p.article_count <> (SELECT COUNT(*) FROM "
     "person_articles pa WHERE pa.person_id = p.id)"},
    {"persons whose first_seen or last_seen differs from their articles' dates",
     "SELECT COUNT(*) FROM persons p WHERE p.first_seen <> COALESCE((SELECT MIN(article_date) "
     "FROM person_articles pa WHERE pa.person_id = p.id), '') OR p.last_seen <> "
     "COALESCE((SELECT MAX(article_date) FROM person_articles pa WHERE pa.person_id = p.id), '')"},
    {"co_mentions rows that differ from the articles the two persons share",
     "SELECT COUNT(*) FROM (SELECT person_id, other_id, articles FROM co_mentions EXCEPT SELECT "
     "a.person_id, b.person_id, COUNT(*) FROM person_articles a JOIN person_articles b ON "
     "b.article_id = a.article_id AND b.person_id <> a.person_id GROUP BY a.person_id, "
     "b.person_id) x"},
    {"pairs of persons sharing articles missing from co_mentions",
     "SELECT COUNT(*) FROM (SELECT a.person_id, b.person_id FROM person_articles a JOIN "
     "person_articles b ON b.article_id = a.article_id AND b.person_id <> a.person_id EXCEPT "
     "SELECT person_id, other_id FROM co_mentions) x"},
    {"positions whose evidence_count differs from their evidence rows",
     "SELECT COUNT(*) FROM positions p WHERE p.evidence_count <> (SELECT COUNT(*) FROM "
     "position_evidence e WHERE e.position_id = p.id)"},
    {"positions with no evidence that no known-persons list gave",
     "SELECT COUNT(*) FROM positions p WHERE p.imported = 0 AND NOT EXISTS (SELECT 1 FROM "
     "position_evidence e WHERE e.position_id = p.id)"},
};

// Recomputes every derived row and count from the rows they count, as
// WriteAnalysis keeps them (the statements of the migrations that
// introduced them), leaving out mentions of rows that are gone.
constexpr const char* kRecompute[] = {
    "DELETE FROM person_articles",
    "INSERT INTO person_articles (person_id, article_id, article_date) SELECT DISTINCT "
    "m.person_id, m.article_id, a.article_date FROM mentions m JOIN articles a ON a.id = "
    "m.article_id JOIN persons p ON p.id = m.person_id",
    "UPDATE persons SET article_count = (SELECT COUNT(*) FROM person_articles pa WHERE "
    "pa.person_id = persons.id), first_seen = COALESCE((SELECT MIN(article_date) FROM "
    "person_articles pa WHERE pa.person_id = persons.id), ''), last_seen = COALESCE((SELECT "
    "MAX(article_date) FROM person_articles pa WHERE pa.person_id = persons.id), '')",
    "DELETE FROM co_mentions",
    "INSERT INTO co_mentions (person_id, other_id, articles) SELECT a.person_id, b.person_id, "
    "COUNT(*) FROM person_articles a JOIN person_articles b ON b.article_id = a.article_id AND "
    "b.person_id <> a.person_id GROUP BY a.person_id, b.person_id",
};

Result<int64_t> Count(SqlDb& db, const char* sql) {
  auto q = db.Prepare(sql);
  if (!q.ok()) return q.status();
  if (!q->Step()) return q->status().ok() ? Status::Internal("no row") : q->status();
  return q->ColumnInt(0);
}

Status RunChecks(SqlDb& db, std::vector<std::string>* problems) {
  problems->clear();
  for (std::span<const Check> checks :
       {std::span<const Check>(kReferences), std::span<const Check>(kDerived)}) {
    for (const Check& check : checks) {
      auto n = Count(db, check.count_sql);
      if (!n.ok()) return n.status();
      if (*n > 0) problems->push_back(std::string(check.what) + ": " + std::to_string(*n));
    }
  }
  return Status();
}

}  // namespace

Result<CheckReport> SqlStore::Check(bool repair) {
  CheckReport report;
  report.schema_version = version_;
  KTO_RETURN_IF_ERROR(ReadTransaction([&] { return RunChecks(*db_, &report.problems); }));
  if (!repair || report.problems.empty()) return report;
  KTO_RETURN_IF_ERROR(Writable());
  const Status repaired = Transaction([&]() -> Status {
    for (const char* sql : kRecompute) KTO_RETURN_IF_ERROR(db_->Exec(sql));
    std::set<int64_t> positions;
    {
      KTO_PREPARE(q, "SELECT id FROM positions");
      while (q.Step()) positions.insert(q.ColumnInt(0));
      KTO_RETURN_IF_ERROR(q.status());
    }
    return RefreshPositions(positions);
  });
  KTO_RETURN_IF_ERROR(repaired);
  report.repaired = {
      "person_articles, from the mentions",
      "persons' article_count, first_seen and last_seen, from person_articles",
      "co_mentions, from person_articles",
      "positions' evidence_count, first_seen and last_seen, from their evidence (positions "
      "with none that no list gave deleted)"};
  KTO_RETURN_IF_ERROR(ReadTransaction([&] { return RunChecks(*db_, &report.problems); }));
  return report;
}

}  // namespace kto::store
