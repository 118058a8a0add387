// Internal: features of a (position phrase, person mention) pair, shared by
// AttachPositions (inference) and the trainer (train_positions.cc). The
// feature set is part of the positions model format
// (docs/formats/positions-model.md): changing what a template hashes, or
// renumbering one, requires a new format version.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kto/facts/positions.h"

namespace kto::facts::internal {

// Rules of AttachPositions, as features: 1 the name follows, 2 apposition
// after the name, 3 «пост/должность», 4 a predicate's clause, 5 the previous
// sentence's last person, 6 a plural phrase's list, 7 a chain of phrases.
inline constexpr uint8_t kRulePluralList = 6, kRuleChain = 7;

struct RuleChoice {
  uint8_t rule = 0;               // the rule that chose `persons`; 0: none did
  std::vector<uint32_t> persons;  // indices into the person spans
  bool former = false;
};

// What the rules say of every position (in position order).
std::vector<RuleChoice> RuleChoices(const Doc& doc, std::span<const TokenSpan> persons,
                                    std::span<const TokenSpan> positions,
                                    std::span<const SpanGrammar> person_grammar,
                                    std::span<const SpanGrammar> position_grammar);

// Sentences before and after a phrase's own whose persons are candidates.
inline constexpr uint32_t kSentencesBefore = 5, kSentencesAfter = 2;

// Holds views of its arguments: they must outlive it.
class PairFeaturizer {
 public:
  PairFeaturizer(const Doc& doc, std::span<const TokenSpan> persons,
                 std::span<const TokenSpan> positions, std::span<const SpanGrammar> person_grammar,
                 std::span<const SpanGrammar> position_grammar,
                 std::span<const int32_t> person_cluster, std::span<const RuleChoice> rules);

  // The candidate persons of position `p`: mentions in its sentence, the
  // kSentencesBefore before it and the kSentencesAfter after it, that do not
  // overlap it and are not groups; in text order.
  void Candidates(uint32_t p, std::vector<uint32_t>* out) const;
  // The feature hashes of the pair (position p, person), replacing *out.
  void Features(uint32_t p, uint32_t person, std::vector<uint64_t>* out) const;

 private:
  // Hashes of a token's lower-case form, its first 5 and last 2 letters
  // (computed once per token; `word` 0 until then).
  struct WordKeys {
    uint64_t word = 0, stem = 0, suffix = 0;
  };
  const WordKeys& Keys(uint32_t token) const;
  uint64_t WordKey(uint32_t token) const;  // 1 outside the doc
  uint64_t StemKey(uint32_t token) const;
  uint64_t SuffixKey(uint32_t token) const;
  uint32_t SentenceOf(uint32_t token) const { return sentence_of_[token]; }
  SpanGrammar PersonGrammar(uint32_t i) const;
  SpanGrammar PositionGrammar(uint32_t i) const;
  int32_t Cluster(uint32_t person) const;  // the mention's person; its own index when unknown
  // The mention that ends right before `token` allowing for a bracketed
  // remark or a short «из Москвы» between them, or -1.
  int32_t PersonEndingBefore(uint32_t token) const;

  // A (position, person) pair and where its two spans stand.
  struct Pair {
    uint32_t p = 0, person = 0;  // indices into positions_, persons_
    TokenSpan pos, per;
    SpanGrammar pg, hg;       // their grammar
    bool before = false;      // the person stands before the phrase
    uint64_t dir = 0;         // 0: before, 1: after
    uint32_t lo = 0, hi = 0;  // the tokens [lo, hi) between them
    uint32_t gap = 0;         // hi - lo
    uint32_t ps = 0, hs = 0;  // the sentences of the phrase and the person
    int64_t sdelta = 0;       // hs - ps
    bool same = false;        // one sentence
    bool adjacent = false;    // one sentence, nothing between
    uint64_t gap_bucket = 0;
  };
  Pair MakePair(uint32_t p, uint32_t person) const;
  bool RuleChose(uint32_t p, uint32_t person) const;
  // Features(), section by section; each appends to *out.
  void BetweenFeatures(const Pair& x, std::vector<uint64_t>* out) const;
  // Returns the hash of the phrase's head word.
  uint64_t HeadAndNeighbourFeatures(const Pair& x, std::vector<uint64_t>* out) const;
  void GrammarFeatures(const Pair& x, std::vector<uint64_t>* out) const;
  void RuleFeatures(const Pair& x, uint64_t head_stem, std::vector<uint64_t>* out) const;
  void ListFeatures(const Pair& x, std::vector<uint64_t>* out) const;
  void ClusterFeatures(const Pair& x, std::vector<uint64_t>* out) const;
  void PlaceFeatures(const Pair& x, std::vector<uint64_t>* out) const;

  const Doc& doc_;
  std::span<const TokenSpan> persons_, positions_;
  std::span<const SpanGrammar> person_grammar_, position_grammar_;
  std::span<const int32_t> person_cluster_;
  std::span<const RuleChoice> rules_;
  std::vector<std::vector<uint32_t>> cluster_mentions_;  // per person: its mentions, in order
  std::vector<uint32_t> sentence_of_;
  std::vector<bool> sentence_has_person_;
  std::vector<int32_t> person_at_;    // per token: the person covering it, or -1
  std::vector<int32_t> position_at_;  // per token: the position covering it, or -1
  // Per mention: the first mention of the list it is part of («А, Б и В» ->
  // А), itself when it starts none; and that list's length.
  std::vector<uint32_t> list_head_, list_length_;
  mutable std::vector<WordKeys> word_keys_;  // lazily filled
  // The persons' and the positions' indices by the token they begin at, so
  // that a pair looks only at the spans near it (an article of thousands of
  // mentions would otherwise be read whole for each pair).
  std::vector<uint32_t> persons_by_begin_, positions_by_begin_;
};

}  // namespace kto::facts::internal
