// Internal: the features of the NER tagger. Shared by inference (model.cc)
// and training (train.cc), so both see exactly the same hashed features.
//
// Features come in two groups (docs/formats/ner-model.md lists them all):
//  - word features: functions of one token's text, emitted for the token
//    itself (offset 0) and for its neighbours at offsets -2..2 (a smaller
//    set). They depend on the word type alone, so inference sums their
//    weights once per (word type, offset) and caches the sums;
//  - context features: pairs of neighbouring words, quote and bracket state,
//    position in the sentence, line breaks. Computed for every token.
// Optional per-token features from another module (morphology) plug in as
// extra word features through TokenFeatureSource; a model records whether it
// was trained with them. Some of them are read by the positions layer only
// (PositionWordFeatures): cues for position nouns that the entity layers
// measured no better with.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gazetteer.h"
#include "kto/morph/analyzer.h"
#include "kto/text/doc.h"
#include "word_clusters.h"

namespace kto::ner::internal {

inline constexpr int kWindow = 2;  // neighbours at offsets -2..2
inline constexpr int kOffsets = 2 * kWindow + 1;

// A source of extra word features (e.g. "POS=NOUN", "Surn") for a token
// text. REQUIRES: a function of the text alone (it is cached per word type).
class TokenFeatureSource {
 public:
  virtual ~TokenFeatureSource() = default;
  // `out`: features for every layer; `positions_only`: for the positions layer.
  // `morphology`: the calling thread's cache of word parses, or null; a
  // source that reads morphology may take parses from it when it was made
  // over the same analyzer (the same parses, computed once per article).
  virtual void Features(std::string_view token_text, morph::AnalyzerCache* morphology,
                        std::vector<std::string>* out,
                        std::vector<std::string>* positions_only) const = 0;
};

// Word classes used by context features.
enum WordClass : uint8_t {
  kClsLower = 0,         // starts with a lower-case letter
  kClsCapital = 1,       // starts with a capital, not all capitals
  kClsAllCaps = 2,       // two or more letters, all capitals
  kClsNumber = 3,        // starts with a digit
  kClsOpenQuote = 4,     // « „
  kClsCloseQuote = 5,    // »
  kClsAmbigQuote = 6,    // " “ ” '
  kClsOpenBracket = 7,   // ( [ {
  kClsCloseBracket = 8,  // ) ] }
  kClsPunct = 9,         // other punctuation and symbols
  kClsOther = 10,        // letters without case, anything else; positions outside the sentence
};

// What context features need to know about a word; computed once per type.
struct WordInfo {
  uint64_t lower = 0;  // Fnv1a of the lower-case form
  uint64_t shape = 0;  // Fnv1a of the short shape
  uint64_t stem = 0;   // Fnv1a of the first 5 code points of the lower-case form
  uint8_t cls = kClsOther;
};

struct WordAnalysis {
  std::string_view text;
  std::string lower;         // text::MatchKey: NFC, lower case, ё -> е
  std::string shape;         // «Иванов» -> «Xxxxxx» (at most 8 characters + length mark)
  std::string short_shape;   // runs collapsed: «Xx», «X.», «d», «Xx-Xx»
  std::vector<uint32_t> cp;  // byte offsets of code points in `lower`, plus lower.size()
  std::vector<std::string> extra;                 // from a TokenFeatureSource
  std::vector<std::string> extra_positions_only;  // from a TokenFeatureSource
  WordInfo info;
  uint8_t script = 0;         // bit 0: has Cyrillic letters, bit 1: has Latin letters
  bool has_clusters = false;  // the model reads word clusters
  uint16_t clusters[kClusterLevels] = {};
};

// The word tables a model reads (each may be null).
struct WordTables {
  const WordClusters* clusters = nullptr;
  const Gazetteer* gazetteer = nullptr;
};

// Fills *out for `text` (valid UTF-8). `extra` and `morphology` may be null.
void AnalyzeWord(std::string_view text, const TokenFeatureSource* extra, WordAnalysis* out,
                 const WordTables& tables = {}, morph::AnalyzerCache* morphology = nullptr);

// Appends the hashes of the word features of `w` as seen from a token at
// distance `offset` (w is the word at position i + offset).
void WordFeatures(const WordAnalysis& w, int offset, std::vector<uint64_t>* out);
// The hashes the positions layer reads besides those, for offsets -1..1
// (none elsewhere).
void PositionWordFeatures(const WordAnalysis& w, int offset, std::vector<uint64_t>* out);
// The same for a position outside the sentence (offset != 0).
void BoundaryFeatures(int offset, std::vector<uint64_t>* out);
const WordInfo& BoundaryInfo();

// Per-token context flags of one sentence.
namespace ctx_flags {
inline constexpr uint8_t kInQuotes = 1;
inline constexpr uint8_t kInBrackets = 2;
inline constexpr uint8_t kLineBreakBefore = 4;
inline constexpr uint8_t kParagraphBefore = 8;
}  // namespace ctx_flags

// Fills flags[0..n) for the sentence of tokens whose word infos are infos[0..n).
void ContextFlags(const WordInfo* const* infos, const Token* tokens, size_t n, uint8_t* flags);

// Appends the hashes of the context features of token i of the sentence.
void ContextFeatures(const WordInfo* const* infos, const uint8_t* flags, size_t n, size_t i,
                     std::vector<uint64_t>* out);

// Second-pass features. The entities layer runs twice: pass 1 with the
// features above, pass 2 (and the positions layer) also with features of the
// pass-1 labels: the labels around the token, and how the other occurrences
// of the token's stem in the whole document were labelled.
inline constexpr int kMaxTypes = 4;
struct StemCounts {
  uint32_t total = 0;             // tokens of the document with this stem
  uint32_t type[kMaxTypes] = {};  // ... of them inside a pass-1 span of type t
  uint32_t lower = 0;             // ... of them starting with a lower-case letter
  uint32_t capital_inside = 0;    // ... capitalized, not first in their sentence
};

// Adds token `i` of a sentence (pass-1 label `label1`) to the counts of its stem.
void CountStem(const WordInfo& info, size_t i, uint8_t label1, StemCounts* counts);

// labels1: pass-1 labels of the sentence; counts: the stats of token i's
// stem; own: token i's pass-1 label.
void PassOneFeatures(const WordInfo& cur, const uint8_t* labels1, size_t n, size_t i,
                     const StemCounts& counts, int num_types, std::vector<uint64_t>* out);

}  // namespace kto::ner::internal
