// Internal: a function of a name remembered by the calling thread.
//
// Clustering the persons of an article compares each name with many others,
// and the keys it compares them by (normalized spellings, stems) cost more
// than the comparisons: each is computed once per name and thread.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "kto/text/normalize.h"

namespace kto::names::internal {

// Key(name), computed once per distinct name by each thread. At most 65,536
// names are kept per Key (then all are forgotten at once), so memory stays
// bounded over any stream. REQUIRES: Key is a pure function.
template <auto Key>
auto Remembered(std::string_view name) {
  using Value = decltype(Key(name));
  thread_local std::unordered_map<std::string, Value> values;
  std::string text(name);
  if (auto known = values.find(text); known != values.end()) return known->second;
  if (values.size() >= 65536) values.clear();
  return values.emplace(std::move(text), Key(name)).first->second;
}

// text::MatchKey with its default options, as a Key.
inline std::string MatchKeyOf(std::string_view name) {
  return text::MatchKey(name);
}

}  // namespace kto::names::internal
