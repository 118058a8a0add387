// What the full-text indexes of the store's backends share: the search key
// that orders articles newest first, and where a snippet's window goes.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace kto::store {

// The ids of articles take the low kSearchKeyIdBits bits of a search key.
inline constexpr int kSearchKeyIdBits = 30;
inline constexpr int64_t kSearchKeyIdMask = (int64_t{1} << kSearchKeyIdBits) - 1;

// The Unix seconds of an ISO-8601 UTC time or a prefix of one ("2026",
// "2026-11", "2026-11-20", "2026-11-20T09:00:00Z": missing fields are their
// lowest value), clamped to [0, 2^33); nullopt when `date` is not such a text.
std::optional<int64_t> UnixSeconds(std::string_view date);

// The rowid of an article in the index: seconds << 30 | id (REQUIRES: id < 2^30).
inline int64_t SearchKey(int64_t seconds, int64_t id) {
  return (seconds << kSearchKeyIdBits) | (id & kSearchKeyIdMask);
}

// The window of `size` tokens of a column of `column_tokens` tokens that
// holds the most of `matches` (first token, token count; sorted, not empty;
// the first such window), moved left by half what is left after its matches
// for context, as [first, last) token positions.
std::pair<int, int> SnippetWindow(const std::vector<std::pair<int, int>>& matches,
                                  int column_tokens, int size);

}  // namespace kto::store
