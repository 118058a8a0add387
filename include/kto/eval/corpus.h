// kto/eval/corpus.h — reading annotated corpora for training and evaluation.
// Library kto_eval (training side): the kto program links it for `kto train`
// and `kto eval`; the engine (kto_engine) never does.
//
// Corpora (see ../shared/data/README.md):
//  - brat folders (NEREL): NNN.txt + NNN.ann; the flat view maps PERSON ->
//    PER, ORGANIZATION -> ORG, COUNTRY/CITY/STATE_OR_PROVINCE/DISTRICT/
//    LOCATION -> LOC, keeping the outermost of nested entities of these
//    types; PROFESSION (outermost) is the position layer;
//  - BSNLP folders (TOPIC/raw, TOPIC/annotated): document-level mention
//    forms, found in the text as case-insensitive token sequences; PER, LOC,
//    ORG (MISC ignored); no position layer;
//  - span JSON lines (Collection5), a file, gzipped or not: a document a
//    line, {"id", "text", "spans": [{"start", "end", "type"}]} with offsets
//    in code points; PER, ORG, LOC, GEOPOLIT -> LOC, MEDIA -> ORG (other
//    types ignored, the outermost of overlapping spans kept); no position
//    layer.
//
// Thread safety: every function is independent and may run on any thread.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kto/status.h"
#include "kto/text/doc.h"

namespace kto::eval {

// A gold span: bytes [begin, end) of the document text.
struct GoldSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
  std::string type;  // "PER", "ORG", "LOC"; "POSITION" in the position layer
  std::string link;  // the entity's Wikidata id («Q13133») when the corpus gives one
  std::string label;  // in `linked_persons` of brat: the id's label («Анна Лесная»), or empty
};

// A brat relation between two annotated spans, with the spans' own brat
// types («PERSON», «PROFESSION»): `WORKS_AS` PERSON -> PROFESSION, ...
struct GoldRelation {
  std::string type;
  GoldSpan from;  // Arg1
  GoldSpan to;    // Arg2
};

struct AnnotatedDoc {
  std::string name;                 // file path, for messages
  Doc doc;                          // segmented (text::Segment)
  std::vector<GoldSpan> entities;   // sorted, non-overlapping
  std::vector<GoldSpan> positions;  // sorted, non-overlapping
  bool has_positions = true;        // false when the corpus has no position layer
  // Every PERSON span (brat: nested ones too) with a cross-document id in
  // `link`, sorted by start: brat, a «N… Reference T… Wikidata:Q…» line's
  // id; BSNLP, «topic:id» for every occurrence of a PER mention form. The
  // gold of `kto eval link`.
  std::vector<GoldSpan> linked_persons;
  // brat only: every R line between PER, ORG, LOC or POSITION spans.
  std::vector<GoldRelation> relations;
  // Training only (ner::Train): 0 for the annotation style the model learns
  // to output; a corpus in another style (Collection5 beside NEREL) gets its
  // own number, and its documents then also train copies of the features
  // that are theirs alone.
  uint8_t style = 0;
  // brat only: the entities one level down, inside a span of `entities`
  // («США» in the ORG «администрации США»): sorted, non-overlapping, each
  // strictly inside one of `entities`.
  std::vector<GoldSpan> nested = {};
};

enum class CorpusFormat { kAuto, kBrat, kBsnlp, kSpansJsonl };

// Which documents of a folder to read, by id: the file name without its
// extension («003» for brat's 003.txt, «7» for BSNLP's annotated/7.txt).
struct DocumentFilter {
  std::set<std::string> exclude;  // left out (a held-out split)
  bool only_listed = false;       // when set, only the ids in `only` are read
  std::set<std::string> only;
  uint32_t folds = 0;          // when set, the documents of fold `left_out_fold`
  uint32_t left_out_fold = 0;  // (FoldOf) are left out
  bool Keeps(const std::string& id) const;
};

// The fold (0..folds-1) of a document id, for jackknifing: a model trained
// without fold i gives the fold's documents the spans it would give new
// text. A fixed hash of the id, so that it does not depend on which other
// documents are read. REQUIRES: folds > 0.
uint32_t FoldOf(std::string_view id, uint32_t folds);

// A filter from lists of ids (ReadDocumentIds); an empty path gives no
// constraint: `exclude_list` the ids to leave out, `only_list` the only ids
// to read.
Result<DocumentFilter> ReadDocumentFilter(const std::string& exclude_list,
                                          const std::string& only_list);

// Reads a list of document ids, one a line; blank lines and lines starting
// with «#» are skipped (data/splits/nerel-internal-test.txt).
Result<std::set<std::string>> ReadDocumentIds(const std::string& path);

// Reads every document of `dir` that `filter` keeps (recursively, sorted by
// path; span JSON lines: in the file's order, the id being the line's "id").
// kAuto picks span JSON lines when `dir` is a file, BSNLP when it holds an
// «annotated» folder, brat otherwise. Fails when the folder or file cannot be
// read, holds no documents or is malformed.
Result<std::vector<AnnotatedDoc>> LoadCorpus(const std::string& dir, CorpusFormat format,
                                             const DocumentFilter& filter = {});

// ------------------------------------------------------------ primitives

// The whole file, bytes as they are.
Result<std::string> ReadFile(const std::string& path);

// `text` without its first `lines` lines (empty when it has fewer).
std::string DropLines(std::string_view text, int lines);

// The match keys (text::MatchKey: case and ё folded) of the document's
// tokens, and of the tokens of a mention form (empty when it has none).
std::vector<std::string> TokenKeys(const Doc& doc);
std::vector<std::string> FormKeys(std::string_view form);

// The first token index at or after `from` where `form` (FormKeys) occurs
// in `keys` (TokenKeys); keys.size() when nowhere.
size_t FindKeys(const std::vector<std::string>& keys, const std::vector<std::string>& form,
                size_t from = 0);

// BSNLP: one line of TOPIC/annotated/N.txt, «form<TAB>base<TAB>TYPE<TAB>id».
struct BsnlpMention {
  std::string form;  // as in the text (any inflection)
  std::string base;  // the nominative
  std::string type;  // PER, LOC, ORG, EVT, PRO, ...
  std::string id;    // cross-document id within the topic, may be empty
};

// The mentions of an annotation file (its first line, the document id, and
// lines of fewer than three fields are skipped).
std::vector<BsnlpMention> ParseBsnlpAnnotation(std::string_view file);

// Every annotation file (TOPIC/annotated/*) under `dir`, sorted by path.
// Fails when the folder cannot be listed.
Result<std::vector<std::string>> ListBsnlpAnnotations(const std::string& dir);

// The raw file of TOPIC/annotated/N.txt: TOPIC/raw/file_N_ru.txt or
// TOPIC/raw/file_N.txt; empty when neither exists.
std::string BsnlpRawFile(const std::string& annotated);

// The text of a BSNLP raw file: the file without its four header lines (id,
// language, date, address).
Result<std::string> ReadBsnlpText(const std::string& raw);

}  // namespace kto::eval
