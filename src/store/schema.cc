#include "schema.h"

#include <string_view>
#include <utility>

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

// Version 3: what `kto person`, `kto top` and the linker read about a person
// without going through all of their mentions. `person_articles` holds one
// row per (person, article) with the article's date at its last analysis,
// kept by WriteAnalysis; persons.first_seen/last_seen are the earliest and
// latest of those dates ('' for a person without articles); quotes carry the
// article's date so a person's latest quotes are an index range. The indexes
// of mentions and quotes by person go: nothing reads them that way now.
constexpr const char* kMigration3 = R"sql(
CREATE TABLE person_articles (
  person_id BIGINT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  article_date TEXT NOT NULL,
  PRIMARY KEY (person_id, article_id)
);
CREATE INDEX person_articles_person_date ON person_articles (person_id, article_date);
CREATE INDEX person_articles_article ON person_articles (article_id, person_id);
INSERT INTO person_articles (person_id, article_id, article_date)
  SELECT DISTINCT m.person_id, m.article_id, a.article_date
  FROM mentions m JOIN articles a ON a.id = m.article_id;

ALTER TABLE persons ADD COLUMN first_seen TEXT NOT NULL DEFAULT '';
ALTER TABLE persons ADD COLUMN last_seen TEXT NOT NULL DEFAULT '';
UPDATE persons SET
  first_seen = COALESCE((SELECT MIN(pa.article_date) FROM person_articles pa
                         WHERE pa.person_id = persons.id), ''),
  last_seen = COALESCE((SELECT MAX(pa.article_date) FROM person_articles pa
                        WHERE pa.person_id = persons.id), '');
CREATE INDEX persons_article_count ON persons (article_count DESC, id);

ALTER TABLE quotes ADD COLUMN article_date TEXT NOT NULL DEFAULT '';
UPDATE quotes SET article_date =
  (SELECT a.article_date FROM articles a WHERE a.id = quotes.article_id);
CREATE INDEX quotes_person_date ON quotes (person_id, article_date DESC, article_id DESC, start_offset);

-- Nothing reads mentions or quotes by person any more (person_articles and
-- quotes_person_date do): one index less to write for every mention.
DROP INDEX mentions_person_article;
DROP INDEX quotes_person;
)sql";

// Version 4: what the server lists and searches. store_meta keeps facts
// about the store as a whole (the full-text index's tokenizer version);
// articles.search_key is the key of the article's row in the full-text
// index (NULL: not indexed), which a backend keeps beside its own index (the
// SQLite one: an FTS5 table created when the store is opened with a
// tokenizer, see docs/store.md); a person's articles newest first with ties
// by article id are an index range.
constexpr const char* kMigration4 = R"sql(
CREATE TABLE store_meta (
  key TEXT NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
);
ALTER TABLE articles ADD COLUMN search_key BIGINT;
CREATE INDEX person_articles_person_date_article
  ON person_articles (person_id, article_date, article_id);
DROP INDEX person_articles_person_date;
)sql";

// Version 5: match keys of first names and patronymics beside the
// surname's, so that person search finds «Владимира Владимировича» without
// reading every person; each key indexed with the article count, so that
// the most mentioned persons of a common name are an index range (the
// surname's index gains the count too). The backend provides the function
// kto_match_key(text), text::MatchKey (SQLite: registered on the
// connection; PostgreSQL: replace(lower(normalize(t, NFC)), 'ё', 'е')).
constexpr const char* kMigration5 = R"sql(
ALTER TABLE persons ADD COLUMN first_name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE persons ADD COLUMN patronymic_key TEXT NOT NULL DEFAULT '';
UPDATE persons SET first_name_key = kto_match_key(first_name),
                   patronymic_key = kto_match_key(patronymic);
DROP INDEX persons_surname_key;
CREATE INDEX persons_surname_key_count ON persons (surname_key, article_count DESC, id);
CREATE INDEX persons_first_name_key_count ON persons (first_name_key, article_count DESC, id);
CREATE INDEX persons_patronymic_key_count ON persons (patronymic_key, article_count DESC, id);
)sql";

// Version 6: what a dossier reads without scanning. co_mentions counts the
// articles two persons share, kept by WriteAnalysis in both directions (a
// person's partners are a primary-key range); a position's latest evidence
// articles are an index range in order (no sort of a long-held post's rows).
constexpr const char* kMigration6 = R"sql(
CREATE TABLE co_mentions (
  person_id BIGINT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
  other_id BIGINT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
  articles BIGINT NOT NULL CHECK (articles >= 0),
  PRIMARY KEY (person_id, other_id)
) {BY_PRIMARY_KEY};
INSERT INTO co_mentions (person_id, other_id, articles)
  SELECT a.person_id, b.person_id, COUNT(*) FROM person_articles a
  JOIN person_articles b ON b.article_id = a.article_id AND b.person_id <> a.person_id
  GROUP BY a.person_id, b.person_id;

CREATE INDEX position_evidence_position_date_article
  ON position_evidence (position_id, evidence_date, article_id);
DROP INDEX position_evidence_position;
)sql";

// Version 7: a known-persons list (kto kb import, issue 16). A person may
// carry the list's id (unique when set; NULL, never '', when not: both
// SQLite and PostgreSQL let a unique index hold many NULLs). A position the
// list gives is marked imported with the list's dates: it needs no evidence
// (RefreshPositions keeps it without any), and its first/last seen span its
// evidence and these dates.
constexpr const char* kMigration7 = R"sql(
ALTER TABLE persons ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX persons_external_id ON persons (external_id);
ALTER TABLE positions ADD COLUMN imported INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1));
ALTER TABLE positions ADD COLUMN imported_from TEXT NOT NULL DEFAULT '';
ALTER TABLE positions ADD COLUMN imported_to TEXT NOT NULL DEFAULT '';
)sql";

// Version 8: surnames keyed by their spelling key (text::SpellingKey: «э» as
// «е», doubled letters as one, no «ь», no accents), so that the linker's
// candidates include the other spellings of a transcribed name («Кассиев»,
// «Касиев»). The backend provides kto_spelling_key(text) (SQLite: registered
// on the connection).
constexpr const char* kMigration8 = R"sql(
UPDATE persons SET surname_key = kto_spelling_key(surname);
)sql";

// Version 9: a place named by its adjective («белорусский бизнес» for
// Беларусь) is a derived mention of the place; organizations have none, but
// both mention tables keep the flag so that they are written alike.
constexpr const char* kMigration9 = R"sql(
ALTER TABLE organization_mentions ADD COLUMN derived INTEGER NOT NULL DEFAULT 0
  CHECK (derived IN (0, 1));
ALTER TABLE location_mentions ADD COLUMN derived INTEGER NOT NULL DEFAULT 0
  CHECK (derived IN (0, 1));
)sql";

// Version 10: work shared by many processes (issue 17). A `kto worker`
// claims articles to analyze by holding them until lease_until (Unix
// seconds; 0: no one holds it), so that workers claiming at once take
// different articles and a dead worker's articles are taken again when its
// lease ends; WriteAnalysis ends the lease. The claim reads the articles
// that need analysis from two index ranges (needs_analysis, and an
// analysis_version below the current one).
constexpr const char* kMigration10 = R"sql(
ALTER TABLE articles ADD COLUMN lease_until BIGINT NOT NULL DEFAULT 0;
CREATE INDEX articles_analysis_version ON articles (analysis_version, id);
)sql";

// Version 11: co_mentions without foreign keys. It is a count WriteAnalysis
// derives from mentions, whose own keys already hold its persons (and no
// person is ever deleted); the two checks per row were a quarter of
// writing an article's ~200 pairs, and on PostgreSQL they share-locked
// every partner's persons row.
constexpr const char* kMigration11 = R"sql(
CREATE TABLE co_mentions_counted (
  person_id BIGINT NOT NULL,
  other_id BIGINT NOT NULL,
  articles BIGINT NOT NULL CHECK (articles >= 0),
  PRIMARY KEY (person_id, other_id)
) {BY_PRIMARY_KEY};
INSERT INTO co_mentions_counted (person_id, other_id, articles)
  SELECT person_id, other_id, articles FROM co_mentions;
DROP TABLE co_mentions;
ALTER TABLE co_mentions_counted RENAME TO co_mentions;
)sql";

}  // namespace

const std::vector<Migration>& Migrations() {
  static const auto* migrations = new std::vector<Migration>{
      {1, kMigration1}, {2, kMigration2},   {3, kMigration3},  {4, kMigration4},
      {5, kMigration5}, {6, kMigration6},   {7, kMigration7},  {8, kMigration8},
      {9, kMigration9}, {10, kMigration10}, {11, kMigration11}};
  return *migrations;
}

std::string ExpandPlaceholders(const std::string& sql, const SqlDialect& dialect) {
  const std::pair<std::string_view, std::string_view> placeholders[] = {
      {"{ID}", dialect.id_type}, {"{BY_PRIMARY_KEY}", dialect.by_primary_key}};
  std::string out;
  out.reserve(sql.size() + 256);
  size_t pos = 0;
  while (pos < sql.size()) {
    const size_t brace = sql.find('{', pos);
    out.append(sql, pos, brace == std::string::npos ? std::string::npos : brace - pos);
    if (brace == std::string::npos) break;
    pos = brace;
    bool expanded = false;
    for (const auto& [name, value] : placeholders) {
      if (sql.compare(brace, name.size(), name) != 0) continue;
      out += value;
      pos += name.size();
      expanded = true;
      break;
    }
    if (!expanded) out += sql[pos++];
  }
  return out;
}

}  // namespace kto::store
