#include "schema.h"

namespace kto::store {

namespace {

// Version 1: articles, persons and what the analysis of each article found.
constexpr const char* kMigration1 = R"sql(
CREATE TABLE articles (
  id {ID},
  external_id TEXT UNIQUE,
  url TEXT UNIQUE,
  source TEXT,
  published_at TEXT,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  analysis_version INTEGER NOT NULL DEFAULT 0,
  needs_analysis INTEGER NOT NULL DEFAULT 1 CHECK (needs_analysis IN (0, 1)),
  ingested_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  article_date TEXT NOT NULL
);
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_date ON articles (article_date);
CREATE INDEX articles_to_analyze ON articles (needs_analysis, id);

CREATE TABLE persons (
  id {ID},
  surname TEXT NOT NULL,
  first_name TEXT NOT NULL,
  patronymic TEXT NOT NULL,
  gender TEXT NOT NULL CHECK (gender IN ('', 'm', 'f')),
  display_name TEXT NOT NULL,
  surname_key TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX persons_surname_key ON persons (surname_key);

CREATE TABLE aliases (
  person_id BIGINT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
  alias TEXT NOT NULL,
  PRIMARY KEY (person_id, alias)
);

CREATE TABLE positions (
  id {ID},
  person_id BIGINT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  org TEXT NOT NULL,
  former INTEGER NOT NULL CHECK (former IN (0, 1)),
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  evidence_count INTEGER NOT NULL,
  UNIQUE (person_id, title, org, former)
);

CREATE TABLE position_evidence (
  id {ID},
  position_id BIGINT NOT NULL REFERENCES positions (id) ON DELETE CASCADE,
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  evidence_date TEXT NOT NULL,
  start_offset BIGINT NOT NULL CHECK (start_offset >= 0),
  end_offset BIGINT NOT NULL,
  text TEXT NOT NULL,
  CHECK (end_offset >= start_offset)
);
CREATE INDEX position_evidence_position ON position_evidence (position_id, evidence_date);
CREATE INDEX position_evidence_article ON position_evidence (article_id);

CREATE TABLE mentions (
  id {ID},
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
  in_title INTEGER NOT NULL CHECK (in_title IN (0, 1)),
  start_offset BIGINT NOT NULL CHECK (start_offset >= 0),
  end_offset BIGINT NOT NULL,
  text TEXT NOT NULL,
  normal TEXT NOT NULL,
  CHECK (end_offset >= start_offset)
);
CREATE INDEX mentions_article ON mentions (article_id);
CREATE INDEX mentions_person_article ON mentions (person_id, article_id);

CREATE TABLE quotes (
  id {ID},
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  person_id BIGINT REFERENCES persons (id) ON DELETE SET NULL,
  start_offset BIGINT NOT NULL CHECK (start_offset >= 0),
  end_offset BIGINT NOT NULL,
  text TEXT NOT NULL,
  CHECK (end_offset >= start_offset)
);
CREATE INDEX quotes_article ON quotes (article_id);
CREATE INDEX quotes_person ON quotes (person_id);

CREATE TABLE organizations (
  id {ID},
  name TEXT NOT NULL UNIQUE,
  abbr TEXT NOT NULL
);

CREATE TABLE organization_mentions (
  id {ID},
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  start_offset BIGINT NOT NULL CHECK (start_offset >= 0),
  end_offset BIGINT NOT NULL,
  text TEXT NOT NULL,
  CHECK (end_offset >= start_offset)
);
CREATE INDEX organization_mentions_article ON organization_mentions (article_id);
CREATE INDEX organization_mentions_org ON organization_mentions (organization_id);

CREATE TABLE locations (
  id {ID},
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE location_mentions (
  id {ID},
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  location_id BIGINT NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  start_offset BIGINT NOT NULL CHECK (start_offset >= 0),
  end_offset BIGINT NOT NULL,
  text TEXT NOT NULL,
  CHECK (end_offset >= start_offset)
);
CREATE INDEX location_mentions_article ON location_mentions (article_id);
CREATE INDEX location_mentions_location ON location_mentions (location_id);
)sql";

// Version 2: a person's number of distinct articles, kept by WriteAnalysis,
// so that panels do not count a frequent person's mentions every time.
constexpr const char* kMigration2 = R"sql(
ALTER TABLE persons ADD COLUMN article_count BIGINT NOT NULL DEFAULT 0;
UPDATE persons SET article_count =
  (SELECT COUNT(DISTINCT m.article_id) FROM mentions m WHERE m.person_id = persons.id);
)sql";

}  // namespace

const std::vector<Migration>& Migrations() {
  static const auto* migrations = new std::vector<Migration>{{1, kMigration1}, {2, kMigration2}};
  return *migrations;
}

std::string ExpandIdType(const std::string& sql, const std::string& id_type) {
  std::string out;
  out.reserve(sql.size() + 256);
  size_t pos = 0;
  while (true) {
    const size_t found = sql.find("{ID}", pos);
    out.append(sql, pos, found == std::string::npos ? std::string::npos : found - pos);
    if (found == std::string::npos) break;
    out += id_type;
    pos = found + 4;
  }
  return out;
}

}  // namespace kto::store
