// kto/kb/kb.h — the knowledge base view over the store: a person's last
// position, article counts, an article's panel and a person's record.
//
//   auto panel = kb::ArticlePanel(*store, article_id);   // persons in order of first mention
//   for (const kb::PanelEntry& e : *panel) std::cout << kb::PanelLine(e) << "\n";
//
// «Last position» (issue 6): among the person's positions that are not
// former, the one with the latest evidence date (the article's published_at,
// else its ingestion time); ties by more evidence articles, then the smaller
// position id; shown in its fullest form of the same days (a «тренер» of
// March 3 is shown as the «главный тренер футбольного клуба (Бранц)» of
// February 20: facts::TitleWithin, within 30 days). Counts are numbers of
// distinct articles.
//
// Thread safety: functions use the given Store (one thread at a time);
// PickLastPosition and PanelLine are pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kto/status.h"
#include "kto/store/store.h"

namespace kto::kb {

struct LastPosition {
  std::string title;  // «губернатор»
  std::string org;    // «Северская область»; may be empty
  std::string date;   // its latest evidence date
};

// The last position among `positions` (any order), or nullopt when every
// position is former or there is none.
std::optional<LastPosition> PickLastPosition(const std::vector<store::Position>& positions);

// One person as the panel shows them.
struct PanelEntry {
  int64_t person_id = 0;  // 0: not in the KB (kto analyze --db, a new person)
  std::string name;       // display name, with the patronymic when known
  std::optional<LastPosition> last_position;
  int64_t articles = 0;  // distinct articles mentioning the person
};

// The persons with these ids, in the order given, in one query. Fails with
// kNotFound when an id has no person.
Result<std::vector<store::Person>> ExistingPersons(store::Store& store,
                                                   const std::vector<int64_t>& person_ids);

// The entry of a KB person. Fails with kNotFound for an unknown id.
Result<PanelEntry> PersonEntry(store::Store& store, int64_t person_id);
// The entries of KB persons in the order given, in two queries however many
// (a panel's, a top list's). Fails with kNotFound when an id has no person.
Result<std::vector<PanelEntry>> PersonEntries(store::Store& store,
                                              const std::vector<int64_t>& person_ids);
// The same for person rows already read (one query).
Result<std::vector<PanelEntry>> PersonEntries(store::Store& store,
                                              const std::vector<store::Person>& persons);

// The persons of a stored article in order of first mention. Fails with
// kNotFound for an unknown article.
Result<std::vector<PanelEntry>> ArticlePanel(store::Store& store, int64_t article_id);
// The same from the article's mentions already read (Store::ArticleMentions,
// or those of Store::ReadAnalysis, in their order).
Result<std::vector<PanelEntry>> PanelOfMentions(store::Store& store,
                                                const std::vector<store::Mention>& mentions);
// The persons of `mentions` (in their order), each once.
std::vector<int64_t> PersonsByFirstMention(const std::vector<store::Mention>& mentions);

// «Александр Григорьевич Лукашенко — Последняя должность: Президент
// (Республика Беларусь) — 207»; without a position the middle part is left out.
std::string PanelLine(const PanelEntry& entry);
// The same line with another label and count: «NAME — LABEL: Title (org) —
// COUNT» (the title capitalized; without a position, «NAME — COUNT»).
std::string PanelLine(std::string_view name, const std::optional<LastPosition>& position,
                      std::string_view label, std::string_view count);

// A person's full record for `kto person`.
struct PersonRecord {
  store::Person person;
  std::vector<std::string> aliases;
  std::vector<store::Position> positions;  // latest evidence first
  std::optional<LastPosition> last_position;
  int64_t articles = 0;
  std::string first_seen, last_seen;
  std::vector<std::pair<store::Person, int64_t>> co_mentioned;  // with shared article counts
  std::vector<store::PersonQuote> quotes;                       // latest first
};

// `co_mentioned` and `quotes` bound those lists, `evidence` the evidence
// articles listed per position (the latest; Position::evidence_count has
// them all): the record's size and time do not grow with the person's
// number of articles.
Result<PersonRecord> GetPersonRecord(store::Store& store, int64_t person_id,
                                     size_t co_mentioned = 10, size_t quotes = 5,
                                     size_t evidence = 10);

// Persons whose name matches `query`: a number is an id; otherwise the last
// word is taken as the surname and the other words must agree with the first
// name and patronymic (initials allowed). Most articles first.
Result<std::vector<int64_t>> FindPersons(store::Store& store, const std::string& query);

}  // namespace kto::kb
