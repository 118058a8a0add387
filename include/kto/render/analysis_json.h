// kto/render/analysis_json.h — the analysis object of `kto analyze --json`
// (docs/schema/analysis.schema.json), shared by the CLI and the server:
// written from a live analysis, or from what the store kept of one (`kto
// panel --json`, the same object with KB fields).
//
//   std::string out;
//   render::JsonWriter json(&out);
//   render::WriteAnalysisJson(R"("a1")", doc, title_code_points, analysis, nullptr, &json);
//
//   auto stored = render::ReadStoredAnalysis(store, article.id);
//   if (stored.ok()) render::WriteStoredAnalysisJson(article, *stored, &json);
//
// The object: {"id", ["article_id",] "persons": [...], "organizations":
// [...], "locations": [...]}. A person: "name", "canonical", "parts",
// "gender", ["family",] "mentions", "positions", "quotes" and, with a KB,
// the KB fields (kto/render/kb_json.h). Offsets ("start", "end") are code
// points into the article's text, or into its title for the spans that carry
// "field": "title" (link/article_text.h). Compact JSON, no newline; the key
// order is the one the CLI's golden outputs fix.
//
// Thread safety: the writers are pure functions of their arguments;
// ReadStoredAnalysis uses the given Store (one thread at a time).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "kto/facts/article.h"
#include "kto/kb/kb.h"
#include "kto/render/json_writer.h"
#include "kto/status.h"
#include "kto/store/store.h"
#include "kto/text/doc.h"

namespace kto::render {

// Writes the analysis object of a live analysis as the next value of `json`.
// `id_json` is the article's id as already-serialized JSON, written as is
// (the CLI echoes its input's id: "\"a1\"", "3", "null"); for a plain
// string, serialize it first with JsonWriter::String into a buffer.
// `doc` is the text the analyzer read (link::AnalyzedText: «title\n\ntext»)
// and `title_code_points` the title's length in code points, 0 when there is
// no title. `kb`, when not null, gives each person its KB fields.
// REQUIRES: `analysis` came from `doc`; kb null or kb->size() ==
// analysis.persons.size() (the same order).
void WriteAnalysisJson(std::string_view id_json, const Doc& doc, size_t title_code_points,
                       const facts::ArticleAnalysis& analysis,
                       const std::vector<kb::PanelEntry>* kb, JsonWriter* json);

// A person of a stored article: the KB person (names, gender) and the KB
// fields of its panel entry.
struct StoredPerson {
  store::Person person;
  kb::PanelEntry entry;
};

// What the store kept of an article's analysis, with its persons.
struct StoredAnalysis {
  store::ArticleAnalysis analysis;    // Store::ReadAnalysis
  std::vector<StoredPerson> persons;  // the article's panel, in order of first mention
};

// Reads the analysis of the stored article `article_id`, its persons and
// their panel entries (as kb::ArticlePanel gives them). Fails as the store
// does, with kNotFound for an unknown article.
Result<StoredAnalysis> ReadStoredAnalysis(store::Store& store, int64_t article_id);

// Writes the analysis object of a stored article as the next value of
// `json`: "id" is the article's external id (its store number as a string
// when it has none), then "article_id" (the store's number). Only the panel's
// persons are written, each with its KB fields; the store's normalized form of
// a position is its text. Organizations and locations are grouped by name,
// in order of first mention. REQUIRES: `stored` read for `article`.
void WriteStoredAnalysisJson(const store::Article& article, const StoredAnalysis& stored,
                             JsonWriter* json);

}  // namespace kto::render
