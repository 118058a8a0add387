// kto/kb/person_search.h — find KB persons by a name as a reader types it.
//
//   auto found = kb::SearchPersons(*store, *analyzer, "Владимира Владимировича", 10);
//   for (const kb::PanelEntry& e : *found) std::cout << kb::PanelLine(e) << "\n";
//
// A query is one to three words, each of them a name part in any case and
// any capitalization, or an initial: «Мазура», «В. Мазур», «мазур»,
// «МАЗУР», «Владимира Владимировича», «Мазуру В.В.», «Мазур Владимир» all
// find Владимир Владимирович Мазур. Every word must agree with another part
// of the person's name (surname, first name or patronymic; an initial, with
// the first name or the patronymic). A word in an oblique case stands for
// the nominatives the morphology and petrovich's rules give it, with their
// gender: «Кедровой» is Кедрова, «Мазура» a man Мазур (a woman Мазур does
// not decline). Case and ё/е do not matter.
//
// Only index lookups: the persons having a part equal to one of a query
// word's nominatives (store::Store::FindPersonsByName), at most 500 per
// word, the most mentioned first; the word with the fewest is read.
//
// Thread safety: uses the given Store (one thread at a time); the Analyzer
// may be shared.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "kto/kb/kb.h"
#include "kto/morph/analyzer.h"
#include "kto/status.h"
#include "kto/store/store.h"

namespace kto::kb {

// The persons whose name matches `query`, most articles first (ties by id),
// at most `limit` (and at most 500). An empty or absurd query (no letters,
// more than three words, longer than 256 bytes, invalid UTF-8) finds nobody:
// an empty list, not an error. Errors are the store's.
Result<std::vector<PanelEntry>> SearchPersons(store::Store& store, const morph::Analyzer& morph,
                                              std::string_view query, size_t limit);

}  // namespace kto::kb
