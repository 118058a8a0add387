// kto/store/store.h — where kto keeps articles and what it learned about
// persons across them.
//
// A Store is an abstract interface opened by store::Open() from a spec:
//   "sqlite:PATH" or a plain PATH   embedded SQLite file (created when absent)
//   "postgresql://..."              a PostgreSQL database (any libpq URI; the
//                                   database must exist, encoded in UTF8)
// Both pass the same test suite (src/store/store_test.cc). The schema is versioned; Open()
// applies the pending numbered migrations in one transaction and refuses a
// database whose schema is newer than this program knows. The schema, the
// idempotency rules and the date conventions are in docs/store.md.
//
// Records are plain structs of this module: the store depends on no analysis
// header (names, facts); the caller converts its analysis into them.
//
// Conventions:
//   * ids are 64-bit integers assigned by the store (0 = "none");
//   * timestamps are ISO-8601 UTC text "YYYY-MM-DDTHH:MM:SSZ" (they compare as
//     strings); an empty string means "unknown";
//   * spans are Unicode code point offsets [start, end) into the article's
//     text, or into its title when `in_title` is set.
//
// Thread safety: a Store object is NOT thread-safe; use one per thread (each
// opens its own connection; SQLite serializes writers with WAL and a busy
// timeout; PostgreSQL lets them write at once, locking rows and LockKeys()).
// Records are plain values.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kto/status.h"

namespace kto::store {

// ---- articles ------------------------------------------------------------

// An article as ingested (what the source says).
struct ArticleInput {
  std::string external_id;   // the source's id; empty when it has none
  std::string url;           // empty when unknown
  std::string source;        // feed or site name; may be empty
  std::string published_at;  // ISO-8601 UTC or empty
  std::string title;         // may be empty
  std::string text;          // REQUIRED: valid UTF-8, not blank
};

// An article as stored.
struct Article {
  int64_t id = 0;
  std::string external_id, url, source, published_at, title, text;
  std::string content_hash;    // SHA-256 (hex) of the normalized text, see ContentHash()
  int analysis_version = 0;    // version of the analysis its mentions come from; 0 = none yet
  bool needs_analysis = true;  // new, or its text changed since the analysis was written
  std::string ingested_at;     // first ingestion
  std::string updated_at;      // last change of its text or metadata
};

enum class UpsertOutcome {
  kNew,        // inserted; needs analysis
  kUnchanged,  // the same article was already stored; nothing was written
  kUpdated,    // the same id or url with another text: text replaced, needs analysis
};

struct UpsertResult {
  int64_t article_id = 0;
  UpsertOutcome outcome = UpsertOutcome::kNew;
};

// The key the store deduplicates article texts by: NFC, every run of white
// space collapsed to one space, trimmed; then SHA-256 as 64 lower-case hex
// digits. REQUIRES: valid UTF-8.
std::string NormalizeForHash(std::string_view text);
std::string ContentHash(std::string_view text);

// ---- persons and what the analysis found ---------------------------------

struct Person {
  int64_t id = 0;
  std::string surname, first_name, patronymic;  // canonical parts, nominative; may be empty
  std::string gender;                           // "m", "f" or "" (unknown)
  std::string display_name;                     // «Имя Отчество Фамилия»
  // The id a known-persons list gives the person (kto kb import); unique
  // among persons when set, empty when none.
  std::string external_id{};
  int64_t article_count = 0;  // filled by reads: distinct articles mentioning the person
};

// A name form of a person («Кедров», «Игорь Кедров»): what search finds them by.
struct PersonAlias {
  int64_t person_id = 0;
  std::string alias;
};

// What Store::Check found, a line each («persons.article_count differs from
// person_articles: 3 persons»).
struct CheckReport {
  int schema_version = 0;
  std::vector<std::string> problems;  // empty: the store is consistent
  std::vector<std::string> repaired;  // what repair recomputed (problems: those left after it)
};

// A person mentioned in an article. REQUIRES: 0 <= start <= end.
struct Mention {
  int64_t person_id = 0;
  int64_t start = 0, end = 0;
  bool in_title = false;
  std::string text;    // as written: «Игорем Кедровым»
  std::string normal;  // nominative: «Игорь Кедров»
};

// Direct speech; person_id 0 when unattributed.
struct Quote {
  int64_t person_id = 0;
  int64_t start = 0, end = 0;
  std::string text;
  int64_t article_id = 0;  // filled by reads; WriteAnalysis uses ArticleAnalysis::article_id
};

// A position of a person as one article states it. The store keeps one
// position row per (person, title, org, former) and this article as evidence.
struct PositionMention {
  int64_t person_id = 0;
  std::string title;  // normalized: «губернатор»
  std::string org;    // normalized: «Северская область»; may be empty
  bool former = false;
  int64_t start = 0, end = 0;  // the phrase in the text
  std::string text;            // as written
};

// An organization or a location named in an article.
struct EntityMention {
  std::string name;  // normalized: «Северская область»
  std::string abbr;  // organizations only; may be empty
  int64_t start = 0, end = 0;
  std::string text;
  bool derived = false;  // places only: the place's adjective («белорусский»), not its name
};

// Everything one analysis of one article found, written by WriteAnalysis().
// The terms of an article's title and text for the full-text index, made
// ahead of the write by the store's SearchTokenizer (MakeSearchTerms, in an
// analysis thread), so that the store's one writer indexes them instead of
// tokenizing the article again. Each column's terms are used only for the
// text they were made from (its size and hash must match what the store
// holds); any other text is tokenized as usual.
struct SearchTerms {
  struct Term {
    std::string term;
    uint32_t begin = 0, end = 0;  // byte offsets of the word in the column
    bool colocated = false;
  };
  struct Column {
    size_t text_size = 0;
    uint64_t text_hash = 0;  // base::Fnv1a of the column's text
    std::vector<Term> terms;
  };
  Column title, text;
};

struct ArticleAnalysis {
  int64_t article_id = 0;
  int analysis_version = 1;  // REQUIRES: > 0
  std::vector<Mention> mentions;
  std::vector<PositionMention> positions;
  std::vector<Quote> quotes;
  std::vector<EntityMention> organizations;
  std::vector<EntityMention> locations;
  // The index terms made ahead (null: the store tokenizes the article).
  std::shared_ptr<const SearchTerms> search_terms;
};

// ---- read queries ----------------------------------------------------------

// A period of article dates: [from, to), ISO-8601 UTC; an empty bound is
// open. An article's date is its published_at, or ingested_at when unknown.
struct Period {
  std::string from;
  std::string to;
};

struct PersonCount {
  int64_t person_id = 0;
  int64_t articles = 0;  // distinct articles that mention the person
};

struct Position {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string title, org;
  bool former = false;
  // The earliest and latest date of its evidence and, when imported, of the
  // list's dates; '' when it has none of them.
  std::string first_seen, last_seen;
  std::vector<int64_t> evidence;  // article ids, oldest evidence first
  int64_t evidence_count = 0;     // evidence rows (set even when `evidence` is not read)
  // Given by a known-persons list (SetImportedPositions), with the dates the
  // list gives ('' when it gives none). An imported position stays without
  // evidence; articles stating it add their evidence to the same row.
  bool imported = false;
  std::string imported_from{}, imported_to{};
};

// A position as a known-persons list gives it (kto kb import).
struct ImportedPosition {
  std::string title;  // normalized as the analysis writes it: «губернатор»; REQUIRED
  std::string org;    // «Заречная область»; may be empty
  bool former = false;
  std::string from, to;  // ISO-8601 UTC or empty; from <= to when both are set
};

// What a person's recent articles say around them: the linker's context.
struct PersonContext {
  int64_t articles = 0;               // distinct articles mentioning the person (all time)
  std::string first_seen, last_seen;  // the earliest and latest of their article dates
  // Distinct names in the person's last `max_articles` articles, sorted.
  std::vector<std::string> organizations;
  std::vector<std::string> locations;
  std::vector<std::string> co_surnames;  // surname keys (text::SpellingKey) of the others there
};

// A quote of a person with the article's date.
struct PersonQuote {
  Quote quote;
  std::string date;  // the article's date
};

// ---- full-text search -------------------------------------------------------

// Splits text into the terms the full-text index keeps. The pipeline gives
// one backed by morphology (every lemma of every word, lower case,
// pipeline::MorphSearchTokenizer); tests can give a simple one. The same
// tokenizer splits the indexed articles and the query, so a query word finds
// every article with a word sharing a term with it.
//
// Thread safety: Tokenize() and Version() are called from any thread.
class SearchTokenizer {
 public:
  virtual ~SearchTokenizer() = default;
  // Kept with the index; when it differs from the one the index was built
  // with, the index is rebuilt at Open. Must change whenever the terms of
  // some text would.
  virtual std::string Version() const = 0;
  // Calls emit(term, byte_begin, byte_end, colocated) for each term of the
  // UTF-8 `text`, in text order; [byte_begin, byte_end) is the word in
  // `text`; colocated = another term of the same word as the previous call
  // (a second lemma). Terms are non-empty.
  virtual void Tokenize(std::string_view text,
                        const std::function<void(std::string_view term, size_t begin, size_t end,
                                                 bool colocated)>& emit) const = 0;
  // Where the words of `text` are: emit(begin, end) once per position, the
  // same positions as Tokenize() (its terms that are not colocated), until
  // emit returns false. Placing a snippet needs only these, often only the
  // first ones, and a tokenizer may find them much faster than the terms
  // (no morphology); the default runs Tokenize().
  virtual void Positions(std::string_view text,
                         const std::function<bool(size_t begin, size_t end)>& emit) const;
};

// The terms `tokenizer` gives the title and the text, for
// ArticleAnalysis::search_terms.
SearchTerms MakeSearchTerms(const SearchTokenizer& tokenizer, std::string_view title,
                            std::string_view text);

// What lists of articles show.
struct ArticleSummary {
  int64_t id = 0;
  std::string external_id, url, source, title;
  std::string date;  // published_at, else ingested_at
};

struct SearchQuery {
  std::string text;       // words; empty = no text condition (then person_id is required)
  int64_t person_id = 0;  // 0 = any person
  Period period;          // of the article's date, as TopPersons
  size_t limit = 20, offset = 0;
};

// A snippet: plain text pieces, some marked as matches. The pieces
// concatenated are the snippet's text (an excerpt of the title or the text,
// "…" where it is cut).
struct Highlighted {
  std::vector<std::pair<std::string, bool>> pieces;  // (text, is_match)
};

struct SearchHit {
  ArticleSummary article;
  Highlighted snippet;  // around the matches, from the text (else the title); empty without text
};

struct SearchResult {
  std::vector<SearchHit> hits;  // newest first, the page [offset, offset + limit)
  int64_t total = 0;            // every matching article
};

// One evidence row of a position: the article and the phrase stating it.
struct PositionEvidence {
  int64_t article_id = 0;
  std::string date;            // the article's date
  int64_t start = 0, end = 0;  // the phrase's span in the article's text
  std::string text;            // the phrase as written
};

// Articles mentioning a person in one calendar month.
struct MonthCount {
  std::string month;  // "YYYY-MM"
  int64_t articles = 0;
};

struct StoreOptions {
  // How long a writer waits for another connection's lock before failing.
  int busy_timeout_ms = 10000;
  // The current time as ISO-8601 UTC (tests fix it); empty = the system clock.
  std::function<std::string()> clock;
  // The terms of the full-text index. Without it the store does not maintain
  // the index (a store opened later with a tokenizer rebuilds it) and
  // SearchArticles() with a text fails with kInvalidArgument.
  std::shared_ptr<const SearchTokenizer> search_tokenizer;
};

class Store {
 public:
  virtual ~Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The schema version of the open database.
  virtual int SchemaVersion() const = 0;

  // Runs `body` in one transaction: everything it wrote is committed when it
  // returns OK and rolled back when it returns an error (which is returned).
  // Nests: an inner call is a savepoint of the outer one. Every write method
  // below is atomic on its own; call it inside Transaction() to batch.
  virtual Status Transaction(const std::function<Status()>& body) = 0;

  // Runs `body`, which only reads, on one snapshot of the store: what it
  // reads is consistent even while another connection writes, and the reads
  // share one lock (SQLite: a deferred BEGIN). Returns what `body` returns.
  // Inside Transaction() or another ReadTransaction() it just runs `body`.
  // A write method called by `body` fails with kInternal and writes nothing.
  virtual Status ReadTransaction(const std::function<Status()>& body) = 0;

  // Holds, until the current transaction ends, a lock on each of `keys`
  // (any texts) that every writer of the store, in any process, takes before
  // it decides what a key stands for: the linker the persons of a surname,
  // UpsertArticle an article's identity. So two processes that meet a new
  // name at the same moment create one person. Give the keys sorted, all at
  // once: two writers then never wait for each other in a cycle. SQLite:
  // nothing to do (a write transaction holds the whole database). Call it
  // inside Transaction(); outside one it locks nothing.
  virtual Status LockKeys(const std::vector<std::string>& keys) = 0;

  // Articles. Upsert finds the stored article with the same external id,
  // else the same url, else the same content hash (see docs/store.md):
  // none -> kNew; found with the same content hash -> kUnchanged (nothing
  // written); found by id or url with another text -> kUpdated (text, title,
  // metadata and hash replaced; marked for re-analysis; its old mentions stay
  // until WriteAnalysis() replaces them). Fails with kInvalidInput for a blank
  // text or invalid UTF-8.
  virtual Result<UpsertResult> UpsertArticle(const ArticleInput& article) = 0;
  virtual Result<std::optional<Article>> GetArticle(int64_t id) = 0;
  virtual Result<std::optional<Article>> FindArticleByExternalId(const std::string& id) = 0;
  // Ids of articles that need analysis (needs_analysis, or an analysis older
  // than `current_version`), oldest first, at most `limit`.
  virtual Result<std::vector<int64_t>> ArticlesToAnalyze(int current_version, size_t limit) = 0;
  // The same articles as ArticlesToAnalyze that no one holds, each then held
  // by the caller for `lease_seconds` (a `kto worker`'s claim; atomic).
  // Another claim skips a held article until WriteAnalysis of it ends the
  // hold or the time runs out (its holder died: someone else takes it).
  // Workers claiming at once take different articles (PostgreSQL: FOR
  // UPDATE SKIP LOCKED). Oldest first, at most `limit`.
  virtual Result<std::vector<int64_t>> ClaimArticlesToAnalyze(int current_version, size_t limit,
                                                              int64_t lease_seconds) = 0;
  // Holds one article as a claim does (an ingester analyzing what it has
  // just stored). kNotFound for an unknown article.
  virtual Status HoldArticle(int64_t id, int64_t lease_seconds) = 0;
  virtual Result<int64_t> CountArticles() = 0;

  // Persons (the linker decides who is who; the store only keeps it).
  // CreatePerson ignores person.id; UpdatePerson writes every field of the
  // person with person.id (external_id too: read the person first to keep
  // it) and fails with kNotFound when there is none. Both fail with
  // kInvalidInput for a gender other than "m", "f", "", and for an
  // external_id another person has.
  virtual Result<int64_t> CreatePerson(const Person& person) = 0;
  virtual Status UpdatePerson(const Person& person) = 0;
  virtual Result<std::optional<Person>> GetPerson(int64_t id) = 0;
  // The persons with these ids in one request, in the order given (an id
  // given twice, once); ids of no person are left out.
  virtual Result<std::vector<Person>> GetPersons(const std::vector<int64_t>& ids) = 0;
  // The person with this external_id; nullopt for none or an empty id.
  virtual Result<std::optional<Person>> FindPersonByExternalId(const std::string& id) = 0;
  // Persons whose surname has the spelling key of any of `surnames`
  // (text::SpellingKey: case, ё/е, NFC, and transcription variants folded),
  // by id, each once: the linker's candidates, one round trip per article.
  virtual Result<std::vector<Person>> FindPersonsBySurnames(
      const std::vector<std::string>& surnames) = 0;
  Result<std::vector<Person>> FindPersonsBySurname(const std::string& surname) {
    return FindPersonsBySurnames({surname});
  }
  // Adds name forms of persons; adding an existing one is a no-op.
  virtual Status AddAliases(const std::vector<PersonAlias>& aliases) = 0;
  Status AddAlias(int64_t person_id, const std::string& alias) {
    return AddAliases({PersonAlias{person_id, alias}});
  }
  virtual Result<std::vector<std::string>> Aliases(int64_t person_id) = 0;
  // Makes `positions` the person's imported positions (a known-persons
  // list's, docs/store.md): each is found by (title, org, former) or created
  // without evidence, and marked imported with its dates; the person's other
  // imported positions lose the mark (one left without evidence is
  // deleted). Articles' evidence is kept; first/last seen are recomputed.
  // Atomic. Errors: kNotFound for an unknown person; kInvalidInput for an
  // empty title, invalid UTF-8, a date not in the store's form or a `from`
  // after its `to`, and two positions with the same (title, org, former).
  virtual Status SetImportedPositions(int64_t person_id,
                                      const std::vector<ImportedPosition>& positions) = 0;

  // Replaces, in ONE transaction, everything an earlier analysis wrote for
  // the article (mentions, quotes, position evidence, organization and
  // location mentions) with `analysis`, sets its analysis version and clears
  // needs_analysis and any hold on it (ClaimArticlesToAnalyze). On any
  // failure nothing of it is written. Two writers of one article's analysis
  // take turns (the article's row is locked). REQUIRES: the article and
  // every referenced person exist.
  virtual Status WriteAnalysis(const ArticleAnalysis& analysis) = 0;
  // The tokenizer whose terms WriteAnalysis takes made ahead
  // (ArticleAnalysis::search_terms), or null when this store does not take
  // them (it has no index, or makes its own terms).
  virtual const SearchTokenizer* TermsTokenizer() const { return nullptr; }

  // Everything the last analysis of the article wrote (mentions and quotes
  // in text order, positions, organization and location mentions), as
  // WriteAnalysis received it; empty lists when never analyzed.
  virtual Result<ArticleAnalysis> ReadAnalysis(int64_t article_id) = 0;
  // Mentions of an article in text order (title first).
  virtual Result<std::vector<Mention>> ArticleMentions(int64_t article_id) = 0;
  virtual Result<std::vector<Quote>> ArticleQuotes(int64_t article_id) = 0;
  // Number of distinct articles that mention the person in `period` (over all
  // time: a count kept by WriteAnalysis, persons.article_count; in a period:
  // an index range of person_articles).
  virtual Result<int64_t> CountPersonArticles(int64_t person_id, const Period& period) = 0;
  // The person's positions, the latest last_seen first (ties: more evidence
  // first, then id; imported ones without any date last). Former positions
  // included (see Position::former). Each position's `evidence` lists the
  // articles of its latest `max_evidence` evidence rows (oldest first);
  // `evidence_count` counts them all.
  virtual Result<std::vector<Position>> PersonPositions(int64_t person_id, size_t max_evidence) = 0;
  // The context of a person over the `max_articles` articles stored last
  // that mention them (by article id: an index scan, however many articles
  // mention the person). The count and first/last seen are those kept on the
  // person's row by WriteAnalysis (alone when `max_articles` is 0).
  virtual Result<PersonContext> GetPersonContext(int64_t person_id, size_t max_articles) = 0;
  // Persons mentioned in the same articles as `person_id`, by number of
  // shared articles (kept by WriteAnalysis; most first, ties by id), at most
  // `limit`.
  virtual Result<std::vector<PersonCount>> CoMentionedPersons(int64_t person_id, size_t limit) = 0;
  // The person's quotes, the latest article first (ties: the larger article
  // id, then text order), at most `limit` after skipping `offset`: an index
  // range.
  virtual Result<std::vector<PersonQuote>> PersonQuotes(int64_t person_id, size_t limit,
                                                        size_t offset = 0) = 0;
  // PersonPositions without the evidence lists (evidence_count only): what a
  // panel needs, in time independent of how often the person is mentioned.
  Result<std::vector<Position>> PersonPositionSummaries(int64_t person_id) {
    return PositionSummariesOf({person_id});
  }
  // The same of several persons in one request: each person's positions in
  // that order (by person_id), persons in the order given.
  virtual Result<std::vector<Position>> PositionSummariesOf(
      const std::vector<int64_t>& person_ids) = 0;
  // Persons by number of distinct articles mentioning them in `period`,
  // most first (ties by id), at most `limit`. Over all time this reads the
  // kept counts (an index); within a period it counts the period's
  // (person, article) pairs, in time linear in their number.
  virtual Result<std::vector<PersonCount>> TopPersons(const Period& period, size_t limit) = 0;

  // Persons whose surname (by its spelling key), first name or patronymic
  // (by the match key: case, ё/е, NFC folded) has the key of one of `names`,
  // most articles first (ties by id), at
  // most `limit`: index lookups of the keys, whatever the number of persons.
  // Empty names are ignored. Person search (kb::SearchPersons) reads it.
  virtual Result<std::vector<Person>> FindPersonsByName(const std::vector<std::string>& names,
                                                        size_t limit) = 0;

  // Articles whose title or text has every word of `query.text` (in any of
  // its forms, as the SearchTokenizer splits them), mentioning
  // `query.person_id` when set, dated in `query.period`; newest first (ties:
  // the larger id), the page [offset, offset + limit), with the total. Only
  // analyzed articles are indexed (WriteAnalysis writes the index). An empty
  // text with a person lists the person's articles (no snippets). Errors:
  // kInvalidArgument for neither text nor person, and for a text when the
  // store has no SearchTokenizer. A text without any term matches nothing.
  virtual Result<SearchResult> SearchArticles(const SearchQuery& query) = 0;
  // Every stored article, newest first (ties: the larger id): an index range.
  virtual Result<std::vector<ArticleSummary>> LatestArticles(size_t limit, size_t offset) = 0;
  // The articles mentioning the person, newest first (ties: the larger id):
  // an index range of person_articles.
  virtual Result<std::vector<ArticleSummary>> PersonArticles(int64_t person_id, size_t limit,
                                                             size_t offset) = 0;
  // The number of articles mentioning the person per month of their date,
  // oldest month first; months without articles are left out.
  virtual Result<std::vector<MonthCount>> PersonMonthlyCounts(int64_t person_id) = 0;
  // The evidence rows of a position, the latest first (ties: the larger
  // article id, then text order), at most `limit`.
  virtual Result<std::vector<PositionEvidence>> PositionEvidenceRows(int64_t position_id,
                                                                     size_t limit) = 0;
  // The bytes the store takes on disk (SQLite: the file and its WAL).
  virtual Result<int64_t> SizeBytes() = 0;

  // Verifies the store (`kto check`; docs/store.md «Checking a store»):
  // references to rows that are gone, the derived rows and counts against
  // what they count (person_articles, persons' article counts and first and
  // last seen, co_mentions, positions' evidence counts), mentions within
  // their article's title or text, and persons no article mentions that no
  // known-persons list gave. With `repair`, in one transaction, recomputes
  // the derived rows and counts from the rows they count (dangling rows and
  // persons no article mentions are reported, never removed), then checks
  // again. Reads the whole store: minutes on millions of articles.
  virtual Result<CheckReport> Check(bool repair) = 0;

 protected:
  Store() = default;
};

// Opens (creating if needed) the store named by `spec` and brings its schema
// up to date. Errors: kInvalidArgument for an unknown scheme; kIoError when
// the file cannot be created or opened; kCorrupt when it is not a kto
// database or its schema is newer than this program.
Result<std::unique_ptr<Store>> Open(const std::string& spec, const StoreOptions& options = {});

// The schema version this program writes.
int LatestSchemaVersion();

// ---- copying a knowledge base ------------------------------------------------

struct TableCopy {
  std::string table;
  int64_t rows = 0;
  std::string checksum;  // 16 hex digits: the sum of the rows' SHA-256 prefixes
};

// Copies everything `from` holds (articles, persons and what their analyses
// found; not the full-text index, rebuilt when `to` is next opened with a
// tokenizer) into `to`, ids kept: one snapshot of `from`, one transaction
// of `to`. Then reads `to` back and compares each table's row count and
// checksum with what was copied. Errors: kInvalidArgument when `to` holds
// articles or persons already, or the schema versions differ; kInternal
// when the copy read back differs (nothing is rolled back then: the
// message says which table).
Result<std::vector<TableCopy>> CopyStore(Store& from, Store& to);

// True when `spec` names a database server (postgresql://...), which other
// processes may write at any moment; false for an SQLite file.
bool IsServerSpec(const std::string& spec);

// `spec` as messages show it: a password in it masked («***»).
std::string SpecForDisplay(const std::string& spec);

}  // namespace kto::store
