// kto/ingest/date.h — publication dates as the store keeps them.
//
// Sources write dates in many ways; the store keeps one: ISO-8601 UTC
// "YYYY-MM-DDTHH:MM:SSZ", which sorts as text. NormalizeDate() accepts
//   * ISO-8601 / RFC 3339: "2026-11-28", "2026-11-28T10:15", "2026-11-28 10:15:30",
//     "2026-11-28T10:15:30.123+03:00", "...Z", "...+0300" (no zone = UTC);
//   * RFC 822 / RFC 1123 as in RSS: "Sat, 28 Nov 2026 10:15:30 +0300",
//     "28 Nov 2026 10:15 GMT", and RFC 850 and asctime, read by libcurl's
//     curl_getdate (zones: +HHMM, +HH:MM, GMT/UT/UTC, MSK, the North
//     American and European abbreviations; an unknown one makes the date
//     unreadable). libcurl is loaded on the first such date (ingest/dynlib.h);
//     without it only ISO-8601 dates are read.
// Thread safety: safe on several threads at once.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kto::ingest {

// The date in UTC as "YYYY-MM-DDTHH:MM:SSZ", or nullopt when `text` is not
// a date in one of the forms above (or names an impossible day or time).
std::optional<std::string> NormalizeDate(std::string_view text);

}  // namespace kto::ingest
