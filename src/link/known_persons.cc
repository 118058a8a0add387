// ImportKnownPerson: one person of a known-persons list into the KB, created
// as the linker creates persons, found again on every re-import.
#include "kto/link/known_persons.h"

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "kto/text/normalize.h"
#include "score.h"

namespace kto::link {
namespace {

using internal::NameParts;

std::string GenderCode(names::Gender gender) {
  return gender == names::Gender::kMale ? "m" : gender == names::Gender::kFemale ? "f" : "";
}

bool GendersAgree(const std::string& a, const std::string& b) {
  return a.empty() || b.empty() || a == b;
}

// Whether the KB person `c` may be the listed person by their names alone.
bool SameFullName(const KnownPerson& known, const store::Person& c) {
  return text::MatchKey(c.first_name) == text::MatchKey(known.name.first) &&
         text::MatchKey(c.patronymic) == text::MatchKey(known.name.patronymic) &&
         GendersAgree(c.gender, GenderCode(known.name.gender));
}

// Whether the list's name grows the KB person's: an equal full first name
// (short forms too, as the linker compares them) and a patronymic missing
// or agreeing.
bool GrowsName(const KnownPerson& known, const store::Person& c) {
  return internal::ComparePart(known.name.first, c.first_name, /*first_names=*/true) == 2 &&
         internal::ComparePart(known.name.patronymic, c.patronymic) >= 0 &&
         GendersAgree(c.gender, GenderCode(known.name.gender));
}

// The KB person the listed one is, or nullopt (see known_persons.h).
Result<std::optional<store::Person>> FindListed(store::Store& store, const KnownPerson& known) {
  if (!known.external_id.empty()) {
    auto by_id = store.FindPersonByExternalId(known.external_id);
    if (!by_id.ok() || by_id->has_value()) return by_id;
  }
  auto candidates = store.FindPersonsBySurname(known.name.surname);
  if (!candidates.ok()) return candidates.status();
  // Persons of another list entry are namesakes.
  std::erase_if(*candidates, [&](const store::Person& c) {
    return !c.external_id.empty() && !known.external_id.empty();
  });
  const store::Person* same = nullptr;
  for (const store::Person& c : *candidates)
    if (SameFullName(known, c) && (!same || c.article_count > same->article_count)) same = &c;
  if (same) return std::optional<store::Person>(*same);
  const store::Person* grown = nullptr;
  for (const store::Person& c : *candidates) {
    if (!c.external_id.empty() || !GrowsName(known, c)) continue;
    if (grown) return std::optional<store::Person>();  // which one: unknown
    grown = &c;
  }
  return grown ? std::optional<store::Person>(*grown) : std::optional<store::Person>();
}

// The KB person `known` makes of `kb` (a new one when kb.id is 0): the
// list's name parts, the KB's patronymic and gender where the list has none.
store::Person Listed(const KnownPerson& known, const store::Person& kb) {
  store::Person out = kb;
  NameParts parts{known.name.surname, known.name.first, known.name.patronymic,
                  GenderCode(known.name.gender)};
  if (parts.patronymic.empty()) parts.patronymic = kb.patronymic;
  if (parts.gender.empty()) parts.gender = kb.gender;
  out.surname = parts.surname;
  out.first_name = parts.first;
  out.patronymic = parts.patronymic;
  out.gender = parts.gender;
  out.display_name = internal::DisplayName(parts);
  if (!known.external_id.empty()) out.external_id = known.external_id;
  return out;
}

bool SamePerson(const store::Person& a, const store::Person& b) {
  return std::tie(a.surname, a.first_name, a.patronymic, a.gender, a.display_name, a.external_id) ==
         std::tie(b.surname, b.first_name, b.patronymic, b.gender, b.display_name, b.external_id);
}

// Adds the list's name forms as aliases; *changed when one is new.
Status AddAliases(store::Store& store, int64_t id, const KnownPerson& known,
                  const std::string& display_name, bool* changed) {
  auto existing = store.Aliases(id);
  if (!existing.ok()) return existing.status();
  std::vector<std::string> aliases = {display_name, known.name.Canonical()};
  aliases.insert(aliases.end(), known.aliases.begin(), known.aliases.end());
  for (const std::string& alias : aliases) {
    if (std::find(existing->begin(), existing->end(), alias) != existing->end()) continue;
    if (Status s = store.AddAlias(id, alias); !s.ok()) return s;
    existing->push_back(alias);
    *changed = true;
  }
  return Status();
}

// Makes the list's positions the person's imported ones; *changed when they differ.
Status SetPositions(store::Store& store, int64_t id, const KnownPerson& known, bool* changed) {
  auto stored = store.PersonPositionSummaries(id);
  if (!stored.ok()) return stored.status();
  using Key = std::tuple<std::string, std::string, bool, std::string, std::string>;
  std::vector<Key> before, after;
  for (const store::Position& p : *stored)
    if (p.imported) before.emplace_back(p.title, p.org, p.former, p.imported_from, p.imported_to);
  for (const store::ImportedPosition& p : known.positions)
    after.emplace_back(p.title, p.org, p.former, p.from, p.to);
  std::sort(before.begin(), before.end());
  std::sort(after.begin(), after.end());
  if (before == after) return Status();
  *changed = true;
  return store.SetImportedPositions(id, known.positions);
}

Result<ImportedPerson> ImportInTransaction(store::Store& store, const KnownPerson& known) {
  auto found = FindListed(store, known);
  if (!found.ok()) return found.status();
  ImportedPerson result;
  bool changed = false;
  store::Person person = Listed(known, found->value_or(store::Person{}));
  if (!found->has_value()) {
    auto created = store.CreatePerson(person);
    if (!created.ok()) return created.status();
    person.id = *created;
  } else if (!SamePerson(person, **found)) {
    if (Status s = store.UpdatePerson(person); !s.ok()) return s;
    changed = true;
  }
  result.person_id = person.id;
  if (Status s = AddAliases(store, person.id, known, person.display_name, &changed); !s.ok())
    return s;
  if (Status s = SetPositions(store, person.id, known, &changed); !s.ok()) return s;
  result.outcome = !found->has_value() ? ImportOutcome::kCreated
                   : changed           ? ImportOutcome::kUpdated
                                       : ImportOutcome::kUnchanged;
  return result;
}

}  // namespace

Result<ImportedPerson> ImportKnownPerson(store::Store& store, const KnownPerson& known) {
  Result<ImportedPerson> result = Status::Internal("the import did not run");
  const Status status = store.Transaction([&] {
    result = ImportInTransaction(store, known);
    return result.status();
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace kto::link
