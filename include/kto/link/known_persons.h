// kto/link/known_persons.h — a list of known persons into the knowledge
// base, before any article names them (kto kb import; the format is
// docs/formats/known-persons.md).
//
//   for each line:  auto known = link::ParseKnownPerson(line);
//                   auto imported = link::ImportKnownPerson(*store, *known);
//
// A listed person becomes a KB person like one the linker creates: the name
// parsed into surname, first name and patronymic (names::ParseListedName),
// the gender, the display name «Имя Отчество Фамилия» and the store's
// match keys. So the linker's candidates (persons with the surname) include
// them, their full name is what panels show, and their current posts score
// as a candidate's positions. Listed posts are the person's imported
// positions (store::Store::SetImportedPositions): no evidence article, dated
// by the list, former when the list gives an end.
//
// Re-importing updates and never duplicates. A listed person is the KB
// person with the same external_id; else, without one, the KB person with
// the same full name (surname, first name and patronymic by match key,
// genders not in conflict; several: the most mentioned, then the smallest
// id); else the one person the articles made whose name the list's grows
// (the same surname and full first name, a patronymic missing or agreeing,
// no external_id of its own); else a new person. Persons with another
// external_id are namesakes and never taken.
//
// Thread safety: functions use the given Store (one thread at a time); a
// Linker made before an import keeps stale profiles of the persons it
// changed: make a new one after importing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kto/names/person_name.h"
#include "kto/status.h"
#include "kto/store/store.h"

namespace kto::link {

// One person of the list, validated and normalized.
struct KnownPerson {
  names::PersonName name;            // surname, first, patronymic, gender (ParseListedName)
  std::string external_id;           // the list's id; empty when none
  std::vector<std::string> aliases;  // other name forms, NFC, spaces collapsed
  // Titles normalized as the analysis writes them («губернатор»), orgs as
  // given; dates as ISO-8601 UTC; former when the list gives a `to`. One
  // entry per (title, org, former): the terms of one post merged.
  std::vector<store::ImportedPosition> positions;
};

// Reads one line of the list: a JSON object {"name", "aliases"?,
// "positions"?: [{"title", "org"?, "from"?, "to"?}], "external_id"?}.
// Errors (kInvalidInput, the message names the field): invalid UTF-8, not a
// JSON object, an unknown field, a missing or blank name or title, a value
// of the wrong type, a name that is not a full name, a date that is not
// YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, a `from` after its `to`.
Result<KnownPerson> ParseKnownPerson(std::string_view json_line);

enum class ImportOutcome {
  kCreated,    // a new KB person
  kUpdated,    // a KB person whose name, aliases or imported positions changed
  kUnchanged,  // a KB person that already had everything the list gives
};

struct ImportedPerson {
  int64_t person_id = 0;
  ImportOutcome outcome = ImportOutcome::kCreated;
};

// Creates or updates the KB person `known` stands for (see above) in one
// transaction: name parts (the list's; a patronymic or gender it leaves out
// is kept from the KB), external_id, display name; aliases added (the list's
// name forms and `aliases`; none removed); the imported positions replaced
// by the list's (articles' evidence kept). Errors are the store's.
Result<ImportedPerson> ImportKnownPerson(store::Store& store, const KnownPerson& known);

}  // namespace kto::link
