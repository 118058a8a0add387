// kto/render/kb_json.h — the JSON of the knowledge base, shared by the CLI
// and the server: the KB fields a person carries (`kto panel --json`,
// `kto analyze --db --json`), a person's record (`kto person --json`) and an
// entry of the rating (`kto top --json`).
//
//   std::string out;
//   render::JsonWriter json(&out);
//   render::WriteTopEntryJson(1, entry, &json);
//   // {"rank":1,"name":"…","kb_id":7,"last_position":{…},"articles":12}
//
// Every function writes compact JSON through `json` (no newline) and keeps
// the key order shown, which the CLI's golden outputs fix.
//
// Thread safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <span>

#include "kto/kb/kb.h"
#include "kto/render/json_writer.h"

namespace kto::render {

// Writes the keys and values "kb_id" (null when entry.person_id is 0: a
// person not in the KB), "last_position": {"title", "org", "date"} (null
// when none) and "articles" into the object `json` is in.
void WriteKbFields(const kb::PanelEntry& entry, JsonWriter* json);

// Writes a person's record as the next value, one object: "name", "parts"
// {"surname", "first", "patronymic"} (empty strings when unknown), "gender"
// ("m", "f" or null), "external_id" (a known-persons list's id, or null),
// the KB fields, "first_seen", "last_seen", "aliases", "positions" (each
// "title", "org", "former", "first_seen", "last_seen", "evidence": article
// ids, "evidence_count", "imported": given by a known-persons list),
// "co_mentioned" (each "kb_id", "name", "articles": shared ones), "quotes"
// (each "text", "article_id", "date") and, only when `namesakes` is not
// empty, "namesakes": the KB ids of other persons the query also matched.
void WritePersonRecordJson(const kb::PersonRecord& record, std::span<const int64_t> namesakes,
                           JsonWriter* json);
// The same keys and values written into the object `json` is in (the
// server's dossier adds its pages of articles to them).
void WritePersonRecordFields(const kb::PersonRecord& record, std::span<const int64_t> namesakes,
                             JsonWriter* json);

// Writes one entry of the rating as the next value: {"rank", "name", the KB
// fields}. `entry.articles` is what the rating counts (in its period).
void WriteTopEntryJson(int64_t rank, const kb::PanelEntry& entry, JsonWriter* json);

}  // namespace kto::render
