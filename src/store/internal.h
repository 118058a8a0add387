// Helpers shared by the store's backends (not part of the public API).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kto/store/store.h"
#include "schema.h"

namespace kto::store {

// The current time as "YYYY-MM-DDTHH:MM:SSZ" (UTC), from the system clock.
std::string SystemNowUtc();

// True for "YYYY-MM-DDTHH:MM:SSZ" with plausible field ranges.
bool IsCanonicalTimestamp(std::string_view s);

// Checks an article before it is written: valid UTF-8 everywhere, a
// canonical or empty published_at. (A blank text is found by the caller,
// which normalizes the text for its hash anyway.)
Status ValidateArticle(const ArticleInput& article);

// The SQLite backend (sqlite_store.cc).
Result<std::unique_ptr<Store>> OpenSqlite(const std::string& path, const StoreOptions& options);
// The PostgreSQL backend (pg_store.cc): `uri` is a libpq connection URI or string.
Result<std::unique_ptr<Store>> OpenPostgres(const std::string& uri, const StoreOptions& options);
// The SQLite one with another list of migrations (tests of the migration logic).
Result<std::unique_ptr<Store>> OpenSqliteWithMigrations(const std::string& path,
                                                        const StoreOptions& options,
                                                        const std::vector<Migration>& migrations);

}  // namespace kto::store
