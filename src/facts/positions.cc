#include "kto/facts/positions.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "kto/facts/position_model.h"
#include "kto/text/normalize.h"
#include "pair_features.h"

namespace kto::facts {
namespace {

// Words (match keys) that mark a position as held in the past when they stand
// right before it: src/facts/data/former_post_markers.txt.
constexpr std::string_view kFormerWords[] = {
#include "former_post_markers.inc"
};
// Words (match keys) that put a position held in the past right after them:
// src/facts/data/past_post_markers.txt.
constexpr std::string_view kPastWords[] = {
#include "past_post_markers.inc"
};
// Words that may stand between such a word and the phrase: «занимала
// должность ректора», «работал в должности директора».
constexpr std::array<std::string_view, 6> kPostWords = {"должность", "должности", "пост",
                                                        "посту",     "в",         "на"};
// Phrases that put a position after the person they describe:
// «Кедров, занимающий пост губернатора», «Кедров назначен на должность министра».
constexpr std::array<std::string_view, 6> kHoldingWords = {"пост",  "должность", "должности",
                                                           "посту", "назначен",  "назначена"};

// The rules of AttachPositions over one document: which person each position
// phrase describes, and why.
class PositionAttacher {
 public:
  PositionAttacher(const Doc& doc, std::span<const TokenSpan> persons,
                   std::span<const TokenSpan> positions,
                   std::span<const SpanGrammar> person_grammar,
                   std::span<const SpanGrammar> position_grammar)
      : doc_(doc),
        persons_(persons),
        positions_(positions),
        person_grammar_(person_grammar),
        position_grammar_(position_grammar),
        sentence_of_(doc.tokens.size(), 0),
        starting_at_(doc.tokens.size() + 1, -1),
        ending_at_(doc.tokens.size() + 1, -1),
        in_sentence_(doc.sentences.size()) {
    for (uint32_t s = 0; s < doc.sentences.size(); ++s)
      for (uint32_t t = doc.sentences[s].begin; t < doc.sentences[s].end; ++t) sentence_of_[t] = s;
    // What the rules look up of the persons, indexed once: an article of
    // thousands of mentions would otherwise be read whole for each phrase.
    uint32_t most_begin = 0, most_end = 0;
    for (uint32_t i = 0; i < persons.size(); ++i) {
      const TokenSpan& p = persons[i];
      if (p.begin < starting_at_.size() && starting_at_[p.begin] < 0) starting_at_[p.begin] = i;
      if (p.end < ending_at_.size() && ending_at_[p.end] < 0) ending_at_[p.end] = i;
      if (p.begin < sentence_of_.size()) in_sentence_[sentence_of_[p.begin]].push_back(i);
      prefix_most_begin_.push_back(most_begin = std::max(most_begin, p.begin));
      prefix_most_end_.push_back(most_end = std::max(most_end, p.end));
    }
  }

  // What the rules say of each position: the persons and the rule that chose them.
  std::vector<internal::RuleChoice> Choices() const {
    std::vector<internal::RuleChoice> choices(positions_.size());
    for (uint32_t p = 0; p < positions_.size(); ++p) {
      internal::RuleChoice& choice = choices[p];
      choice.former = IsFormer(positions_[p]);
      if (PositionGrammar(p).plural) {
        // «актёры Олег Сосновский и Вера Ольхова»: each of a list.
        for (int person : ListAfter(positions_[p].end))
          choice.persons.push_back(static_cast<uint32_t>(person));
        if (!choice.persons.empty()) choice.rule = internal::kRulePluralList;
        continue;
      }
      uint8_t rule = 0;
      int person = PersonFor(p, &rule);
      // «главы МВД полковника Игоря Кедрина»: a chain of phrases before a name.
      if (person < 0 && p + 1 < positions_.size() && positions_[p + 1].begin == positions_[p].end) {
        person = PersonFor(p + 1, &rule);
        rule = internal::kRuleChain;
      }
      if (person >= 0) {
        choice.persons.push_back(static_cast<uint32_t>(person));
        choice.rule = rule;
      }
    }
    return choices;
  }

  // The persons of a list that starts right at `token`: «А, Б и В».
  std::vector<int> ListAfter(uint32_t token) const {
    std::vector<int> list;
    for (int p = PersonStartingAt(token); p >= 0;) {
      list.push_back(p);
      const uint32_t next = persons_[p].end;
      if (!(Is(next, ",") || Is(next, "и"))) break;
      p = PersonStartingAt(next + 1);
    }
    return list;
  }

 private:
  std::string Key(uint32_t token) const { return text::MatchKey(doc_.TextOf(doc_.tokens[token])); }
  bool Is(uint32_t token, std::string_view s) const {
    return token < doc_.tokens.size() && doc_.TextOf(doc_.tokens[token]) == s;
  }
  bool SameSentence(uint32_t a, uint32_t b) const { return sentence_of_[a] == sentence_of_[b]; }

  // The first person beginning (ending) at `token`, or -1.
  int PersonStartingAt(uint32_t token) const {
    return token < starting_at_.size() ? starting_at_[token] : -1;
  }
  int PersonEndingAt(uint32_t token) const {
    return token < ending_at_.size() ? ending_at_[token] : -1;
  }
  // The number of persons from the first up to the first one whose `prefix_most`
  // (begin or end, the largest so far) reaches `token`: the persons a scan
  // in text order stopping there would read.
  static size_t PrefixBelow(const std::vector<uint32_t>& prefix_most, uint32_t token) {
    return std::lower_bound(prefix_most.begin(), prefix_most.end(), token) - prefix_most.begin();
  }
  // The last of `sentence`'s persons among the first `prefix` persons, or -1.
  int LastOfSentenceBefore(uint32_t sentence, size_t prefix) const {
    const std::vector<uint32_t>& ids = in_sentence_[sentence];
    const auto end = std::lower_bound(ids.begin(), ids.end(), prefix);
    return end == ids.begin() ? -1 : static_cast<int>(*(end - 1));
  }
  // The last person that ends before `token` within its sentence.
  int LastPersonInSentenceBefore(uint32_t token) const {
    return LastOfSentenceBefore(sentence_of_[token], PrefixBelow(prefix_most_end_, token + 1));
  }

  SpanGrammar PersonGrammar(size_t i) const {
    return i < person_grammar_.size() ? person_grammar_[i] : SpanGrammar{};
  }
  SpanGrammar PositionGrammar(size_t i) const {
    return i < position_grammar_.size() ? position_grammar_[i] : SpanGrammar{};
  }
  // Side by side, a phrase and a name agree in case.
  bool Agree(uint32_t position, int person) const {
    return person >= 0 && (PositionGrammar(position).cases & PersonGrammar(person).cases) != 0;
  }
  int IfAgree(uint32_t position, int person) const { return Agree(position, person) ? person : -1; }

  int PersonFor(uint32_t index, uint8_t* rule) const {
    const TokenSpan& pos = positions_[index];
    const SpanGrammar grammar = PositionGrammar(index);
    const uint32_t n = static_cast<uint32_t>(doc_.tokens.size());
    // 1. «губернатор Северской области Игорь Кедров»: the name follows at once,
    // or after a name in quotes: «лидер фракции «Новый Север» Дмитрий Ольховский».
    if (pos.end < n) {
      *rule = 1;
      if (int p = PersonStartingAt(pos.end); p >= 0) return IfAgree(index, p);
      if (Is(pos.end, "«")) {
        uint32_t close = pos.end + 1;
        while (close < n && close < pos.end + 8 && !Is(close, "»")) ++close;
        if (close + 1 < n && Is(close, "»"))
          if (int p = PersonStartingAt(close + 1); p >= 0) return IfAgree(index, p);
      }
    }
    *rule = 2;
    // 2. «Кедров, губернатор …» / «Кедров (губернатор …)» / «Кедров — губернатор».
    if (pos.begin >= 2 && (Is(pos.begin - 1, ",") || Is(pos.begin - 1, "(") ||
                           Is(pos.begin - 1, "—") || Is(pos.begin - 1, "–"))) {
      if (int p = PersonEndingAt(pos.begin - 1); p >= 0) {
        const bool predicate = Is(pos.begin - 1, "—") || Is(pos.begin - 1, "–");
        if (predicate || Agree(index, p)) return p;
      }
    }
    // 3. «Кедров, занимающий пост губернатора», «Кедров назначен на должность …».
    for (uint32_t back = 1; back <= 3 && back <= pos.begin; ++back) {
      const std::string key = Key(pos.begin - back);
      for (std::string_view w : kHoldingWords) {
        if (key == w) {
          *rule = 3;
          return LastPersonInSentenceBefore(pos.begin);
        }
      }
    }
    // 4. «Ясенев … работал консультантом», «Кедров стал губернатором»: a
    // predicate (nominative or instrumental) takes its clause's person.
    if (grammar.cases &
        (names::CaseBit(names::Case::kNominative) | names::CaseBit(names::Case::kInstrumental))) {
      *rule = 4;
      if (int p = NearestPersonInSentence(pos, 12); p >= 0) return p;
    }
    // 5. «Ольховский … . Режиссёр снял …»: a sentence without a person speaks of
    // the last person of the sentence before.
    *rule = 5;
    if (!grammar.plural && !HasPersonInSentence(pos.begin))
      return LastPersonInPreviousSentence(pos.begin);
    *rule = 0;
    return -1;
  }

  bool HasPersonInSentence(uint32_t token) const {
    return !in_sentence_[sentence_of_[token]].empty();
  }

  int LastPersonInPreviousSentence(uint32_t token) const {
    const uint32_t sentence = sentence_of_[token];
    if (sentence == 0) return -1;
    return LastOfSentenceBefore(sentence - 1, PrefixBelow(prefix_most_begin_, token));
  }

  int NearestPersonInSentence(const TokenSpan& pos, uint32_t reach) const {
    int best = -1;
    uint32_t best_distance = reach + 1;
    for (const uint32_t i : in_sentence_[sentence_of_[pos.begin]]) {
      const TokenSpan& p = persons_[i];
      if (p.begin < pos.end && pos.begin < p.end) continue;  // «представитель Кедрова»
      const uint32_t distance = p.end <= pos.begin ? pos.begin - p.end : p.begin - pos.end;
      if (distance < best_distance) {
        best = static_cast<int>(i);
        best_distance = distance;
      }
    }
    return best;
  }

  bool IsFormer(const TokenSpan& pos) const {
    const std::string first = Key(pos.begin);
    if (first.starts_with("экс-") || first.starts_with("бывш")) return true;
    if (pos.begin == 0) return false;
    uint32_t before = pos.begin - 1;
    if (Is(before, "-") && before > 0) --before;  // «экс - министр»
    const std::string key = Key(before);
    for (std::string_view w : kFormerWords)
      if (key == w) return true;
    // «занимавший пост губернатора», «ранее занимавший должность»
    if (before >= 1 && Key(before - 1).starts_with("занимавш")) return true;
    // «была заместителем главы», «ранее занимала должность ректора», «в
    // прошлом министр»: a verb in the past or an adverb of the past right
    // before the phrase, or before «должность», «пост».
    for (uint32_t t = pos.begin, skipped = 0; t-- > 0 && skipped <= 2; ++skipped) {
      const std::string word = Key(t);
      for (std::string_view w : kPastWords)
        if (word == w) return true;
      if (std::find(kPostWords.begin(), kPostWords.end(), word) == kPostWords.end()) return false;
    }
    return false;
  }

  const Doc& doc_;
  std::span<const TokenSpan> persons_;
  std::span<const TokenSpan> positions_;
  std::span<const SpanGrammar> person_grammar_;
  std::span<const SpanGrammar> position_grammar_;
  std::vector<uint32_t> sentence_of_;
  std::vector<int32_t> starting_at_,
      ending_at_;  // per token: the first person beginning (ending) there
  std::vector<std::vector<uint32_t>> in_sentence_;  // per sentence: its persons, in order
  // Per person: the largest begin (end) of the persons up to it.
  std::vector<uint32_t> prefix_most_begin_, prefix_most_end_;
};

}  // namespace

namespace internal {

std::vector<RuleChoice> RuleChoices(const Doc& doc, std::span<const TokenSpan> persons,
                                    std::span<const TokenSpan> positions,
                                    std::span<const SpanGrammar> person_grammar,
                                    std::span<const SpanGrammar> position_grammar) {
  return PositionAttacher(doc, persons, positions, person_grammar, position_grammar).Choices();
}

}  // namespace internal

std::vector<PositionLink> AttachPositions(const Doc& doc, std::span<const TokenSpan> persons,
                                          std::span<const TokenSpan> positions,
                                          std::span<const SpanGrammar> person_grammar,
                                          std::span<const SpanGrammar> position_grammar,
                                          std::span<const int32_t> person_cluster,
                                          const PositionModel* model) {
  const std::vector<internal::RuleChoice> rules =
      internal::RuleChoices(doc, persons, positions, person_grammar, position_grammar);
  std::vector<PositionLink> links;
  if (model == nullptr) {
    for (uint32_t p = 0; p < rules.size(); ++p)
      for (uint32_t person : rules[p].persons) links.push_back({p, person, rules[p].former});
    return links;
  }
  // Each phrase to its best-scoring candidate when it is likely enough; a
  // plural phrase («актёры А и Б») to every person likely enough, through the
  // best-scoring mention of each.
  const internal::PairFeaturizer featurizer(doc, persons, positions, person_grammar,
                                            position_grammar, person_cluster, rules);
  std::vector<uint32_t> candidates;
  std::vector<uint64_t> features;
  std::vector<std::pair<float, uint32_t>> scored;  // (score, person), best first
  std::vector<int32_t> linked;                     // the persons linked to the phrase
  for (uint32_t p = 0; p < positions.size(); ++p) {
    featurizer.Candidates(p, &candidates);
    scored.clear();
    for (uint32_t person : candidates) {
      featurizer.Features(p, person, &features);
      scored.push_back({model->Score(features), person});
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    const bool plural = p < position_grammar.size() && position_grammar[p].plural;
    linked.clear();
    for (const auto& [score, person] : scored) {
      if (score < model->logit_threshold() || (!plural && !linked.empty())) break;
      const int32_t who =
          person < person_cluster.size() ? person_cluster[person] : static_cast<int32_t>(person);
      if (std::find(linked.begin(), linked.end(), who) != linked.end()) continue;
      linked.push_back(who);
      links.push_back({p, person, rules[p].former});
    }
  }
  return links;
}

}  // namespace kto::facts
