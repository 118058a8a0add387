// JSON of the knowledge base for `kto panel --json`, `kto person --json` and
// `kto analyze --db --json`: the KB fields a person carries.
#pragma once

#include <string>

#include "json_writer.h"
#include "kto/kb/kb.h"

namespace kto::cli {

// "kb_id", "last_position": {"title", "org", "date"} or null, "articles":
// keys and values written into the current object. kb_id null when 0.
inline void WriteKbFields(const kb::PanelEntry& entry, JsonWriter* json) {
  json->Key("kb_id");
  if (entry.person_id != 0)
    json->Int(entry.person_id);
  else
    json->Raw("null");
  json->Key("last_position");
  if (entry.last_position) {
    json->BeginObject()
        .Key("title")
        .String(entry.last_position->title)
        .Key("org")
        .String(entry.last_position->org)
        .Key("date")
        .String(entry.last_position->date)
        .EndObject();
  } else {
    json->Raw("null");
  }
  json->Key("articles").Int(entry.articles);
}

}  // namespace kto::cli
