#include "pair_features.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "kto/base/hash.h"
#include "kto/text/normalize.h"
#include "kto/text/utf8.h"

namespace kto::facts::internal {
namespace {

using base::Fnv1a;
using base::FnvByte;
using base::FnvU64;
using base::kFnvOffset;

// A feature: FNV-1a over the template byte, then each value as 8
// little-endian bytes.
template <typename... V>
uint64_t Feature(uint8_t templ, V... values) {
  uint64_t h = FnvByte(templ, kFnvOffset);
  ((h = FnvU64(static_cast<uint64_t>(values), h)), ...);
  return h;
}

// Tokens between two spans, in buckets: 0 1 2 3 4-5 6-8 9-12 13-20 21-40 41+.
uint64_t GapBucket(uint32_t gap) {
  constexpr uint32_t kUpper[] = {0, 1, 2, 3, 5, 8, 12, 20, 40};
  for (uint64_t b = 0; b < std::size(kUpper); ++b)
    if (gap <= kUpper[b]) return b;
  return std::size(kUpper);
}

uint64_t Cap(uint64_t v, uint64_t cap) {
  return std::min(v, cap);
}

// Templates (never renumbered within a format version).
enum Template : uint8_t {
  kBias = 1,
  kDirSentence = 2,
  kDirGap = 3,
  kBetweenShape = 4,
  kBetweenWord = 5,
  kBetweenSuffix = 6,
  kBetweenPunct = 7,
  kPersonsBetween = 8,
  kPositionsBetween = 9,
  kHeadAdjacent = 11,
  kHead = 12,
  kWordBeforePosition = 13,
  kWordAfterPosition = 14,
  kWordBeforePerson = 15,
  kWordAfterPerson = 16,
  kAgreement = 17,
  kCaseMasks = 18,
  kPlural = 19,
  kPluralList = 20,
  kRule = 21,
  kRuleOther = 22,
  kSentenceHasPerson = 23,
  kSentenceStarts = 24,
  kPersonLength = 25,
  kHeadRule = 26,
  kPositionLength = 28,
  kGapAgreement = 29,
  kFirstWord = 30,
  kClusterNearest = 31,
  kClusterPlace = 32,
  kClusterSize = 33,
  kClusterInSentence = 34,
  kListMember = 35,
  kListLength = 36,
  kGenderAgreement = 40,
};

}  // namespace

namespace {

// The indices of `spans` ordered by the token each begins at (then by index).
std::vector<uint32_t> ByBegin(std::span<const TokenSpan> spans) {
  std::vector<uint32_t> order(spans.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return spans[a].begin < spans[b].begin; });
  return order;
}

// The range of `by_begin` (ByBegin of `spans`) whose spans begin in [lo, hi).
std::span<const uint32_t> BeginningIn(std::span<const TokenSpan> spans,
                                      const std::vector<uint32_t>& by_begin, uint32_t lo,
                                      uint32_t hi) {
  const auto begins_before = [&](uint32_t i, uint32_t token) { return spans[i].begin < token; };
  const auto first = std::lower_bound(by_begin.begin(), by_begin.end(), lo, begins_before);
  const auto last = std::lower_bound(first, by_begin.end(), hi, begins_before);
  return {first, last};
}

// How many of `spans` lie within [lo, hi).
uint64_t CountWithin(std::span<const TokenSpan> spans, const std::vector<uint32_t>& by_begin,
                     uint32_t lo, uint32_t hi) {
  uint64_t n = 0;
  for (uint32_t i : BeginningIn(spans, by_begin, lo, hi)) n += spans[i].end <= hi;
  return n;
}

}  // namespace

PairFeaturizer::PairFeaturizer(const Doc& doc, std::span<const TokenSpan> persons,
                               std::span<const TokenSpan> positions,
                               std::span<const SpanGrammar> person_grammar,
                               std::span<const SpanGrammar> position_grammar,
                               std::span<const int32_t> person_cluster,
                               std::span<const RuleChoice> rules)
    : doc_(doc),
      persons_(persons),
      positions_(positions),
      person_grammar_(person_grammar),
      position_grammar_(position_grammar),
      person_cluster_(person_cluster),
      rules_(rules),
      sentence_of_(doc.tokens.size() + 1, 0),
      sentence_has_person_(doc.sentences.size() + 1, false),
      person_at_(doc.tokens.size() + 1, -1),
      position_at_(doc.tokens.size() + 1, -1),
      word_keys_(doc.tokens.size()),
      persons_by_begin_(ByBegin(persons)),
      positions_by_begin_(ByBegin(positions)) {
  for (uint32_t s = 0; s < doc.sentences.size(); ++s)
    for (uint32_t t = doc.sentences[s].begin; t < doc.sentences[s].end; ++t) sentence_of_[t] = s;
  sentence_of_[doc.tokens.size()] = static_cast<uint32_t>(doc.sentences.size());
  for (size_t i = 0; i < persons.size(); ++i) {
    for (uint32_t t = persons[i].begin; t < persons[i].end && t < doc.tokens.size(); ++t)
      person_at_[t] = static_cast<int32_t>(i);
    if (persons[i].begin < doc.tokens.size())
      sentence_has_person_[sentence_of_[persons[i].begin]] = true;
  }
  for (uint32_t i = 0; i < persons.size(); ++i) {
    const int32_t c = Cluster(i);
    if (c < 0) continue;
    if (cluster_mentions_.size() <= static_cast<size_t>(c)) cluster_mentions_.resize(c + 1);
    cluster_mentions_[c].push_back(i);
  }
  for (size_t i = 0; i < positions.size(); ++i)
    for (uint32_t t = positions[i].begin; t < positions[i].end && t < doc.tokens.size(); ++t)
      position_at_[t] = static_cast<int32_t>(i);
  // Lists of names: «Пётр Ельников и Олег Сосновский из Кедровска, Вера Ольхова».
  list_head_.resize(persons.size());
  list_length_.assign(persons.size(), 1);
  for (uint32_t i = 0; i < persons.size(); ++i) {
    list_head_[i] = i;
    const uint32_t begin = persons[i].begin;
    if (begin < 2 || begin >= doc.tokens.size()) continue;
    const std::string_view sep = doc.TextOf(doc.tokens[begin - 1]);
    if (sep != "," && sep != "и") continue;
    const int32_t prev = PersonEndingBefore(begin - 1);
    if (prev < 0 || Cluster(static_cast<uint32_t>(prev)) < 0) continue;
    list_head_[i] = list_head_[prev];
    ++list_length_[list_head_[i]];
  }
  for (uint32_t i = 0; i < persons.size(); ++i) list_length_[i] = list_length_[list_head_[i]];
}

int32_t PairFeaturizer::PersonEndingBefore(uint32_t token) const {
  if (token == 0 || token > doc_.tokens.size()) return -1;
  uint32_t t = token - 1;  // the last token before `token`
  auto text = [&](uint32_t i) { return doc_.TextOf(doc_.tokens[i]); };
  if (text(t) == ")") {  // «Олег Лесин (проект «Мост»)»
    uint32_t open = t;
    while (open > 0 && t - open < 12 && text(open) != "(") --open;
    if (text(open) != "(" || open == 0) return -1;
    t = open - 1;
  } else {
    // «Олег Сосновский из Кедровска»: up to three words after «из».
    for (uint32_t back = 1; back <= 4 && back <= t; ++back) {
      const uint32_t w = t - back + 1;
      if (doc_.tokens[w].kind == TokenKind::kPunct || person_at_[w] >= 0) break;
      if (text(w) == "из" && w > 0) {
        t = w - 1;
        break;
      }
    }
  }
  const int32_t person = person_at_[t];
  return person >= 0 && persons_[person].end == t + 1 ? person : -1;
}

int32_t PairFeaturizer::Cluster(uint32_t person) const {
  if (person_cluster_.empty()) return static_cast<int32_t>(person);
  return person < person_cluster_.size() ? person_cluster_[person] : -1;
}

SpanGrammar PairFeaturizer::PersonGrammar(uint32_t i) const {
  return i < person_grammar_.size() ? person_grammar_[i] : SpanGrammar{};
}
SpanGrammar PairFeaturizer::PositionGrammar(uint32_t i) const {
  return i < position_grammar_.size() ? position_grammar_[i] : SpanGrammar{};
}

const PairFeaturizer::WordKeys& PairFeaturizer::Keys(uint32_t token) const {
  WordKeys& keys = word_keys_[token];
  if (keys.word == 0) {
    const std::string lower = text::MatchKey(doc_.TextOf(doc_.tokens[token]));
    keys.word = Fnv1a(lower) | 2;
    keys.stem = Fnv1a(text::FirstCodePoints(lower, 5));
    keys.suffix = Fnv1a(text::LastCodePoints(lower, 2));
  }
  return keys;
}

uint64_t PairFeaturizer::WordKey(uint32_t token) const {
  return token < doc_.tokens.size() ? Keys(token).word : 1;
}
uint64_t PairFeaturizer::StemKey(uint32_t token) const {
  return token < doc_.tokens.size() ? Keys(token).stem : 1;
}
uint64_t PairFeaturizer::SuffixKey(uint32_t token) const {
  return token < doc_.tokens.size() ? Keys(token).suffix : 1;
}

void PairFeaturizer::Candidates(uint32_t p, std::vector<uint32_t>* out) const {
  out->clear();
  const TokenSpan& pos = positions_[p];
  if (pos.begin >= doc_.tokens.size()) return;
  const uint32_t s = SentenceOf(pos.begin);
  const uint32_t first = s >= kSentencesBefore ? s - kSentencesBefore : 0;
  const uint32_t last = std::min<uint32_t>(s + kSentencesAfter, doc_.sentences.size() - 1);
  // The sentences tile the tokens: those of sentences first..last are a range.
  for (uint32_t i : BeginningIn(persons_, persons_by_begin_, doc_.sentences[first].begin,
                                doc_.sentences[last].end)) {
    const TokenSpan& per = persons_[i];
    if (per.begin < pos.end && pos.begin < per.end) continue;
    if (Cluster(i) < 0) continue;
    out->push_back(i);
  }
  std::sort(out->begin(), out->end());  // text order, as the persons come
}

PairFeaturizer::Pair PairFeaturizer::MakePair(uint32_t p, uint32_t person) const {
  Pair x;
  x.p = p;
  x.person = person;
  x.pos = positions_[p];
  x.per = persons_[person];
  x.pg = PositionGrammar(p);
  x.hg = PersonGrammar(person);
  x.before = x.per.end <= x.pos.begin;
  x.dir = x.before ? 0 : 1;
  x.lo = x.before ? x.per.end : x.pos.end;
  x.hi = x.before ? x.pos.begin : x.per.begin;
  x.gap = x.hi - x.lo;
  x.ps = SentenceOf(x.pos.begin);
  x.hs = SentenceOf(x.per.begin);
  x.sdelta = static_cast<int64_t>(x.hs) - static_cast<int64_t>(x.ps);  // -3..1
  x.same = x.sdelta == 0;
  x.gap_bucket = x.same ? GapBucket(x.gap) : 20 + static_cast<uint64_t>(x.sdelta + 8);
  x.adjacent = x.same && x.gap == 0;
  return x;
}

bool PairFeaturizer::RuleChose(uint32_t p, uint32_t person) const {
  const RuleChoice& rule = rules_[p];
  return std::find(rule.persons.begin(), rule.persons.end(), person) != rule.persons.end();
}

void PairFeaturizer::Features(uint32_t p, uint32_t person, std::vector<uint64_t>* out) const {
  out->clear();
  const Pair x = MakePair(p, person);
  out->push_back(Feature(kBias));
  out->push_back(Feature(kDirSentence, x.dir, x.sdelta + 8));
  out->push_back(Feature(kDirGap, x.dir, x.gap_bucket));
  BetweenFeatures(x, out);
  const uint64_t head_stem = HeadAndNeighbourFeatures(x, out);
  GrammarFeatures(x, out);
  RuleFeatures(x, head_stem, out);
  ListFeatures(x, out);
  ClusterFeatures(x, out);
  PlaceFeatures(x, out);
}

// What stands between them.
void PairFeaturizer::BetweenFeatures(const Pair& x, std::vector<uint64_t>* out) const {
  const uint64_t dir = x.dir;
  uint64_t commas = 0, dashes = 0, ands = 0, brackets = 0, quotes = 0, colons = 0;
  uint64_t shape = kFnvOffset;
  bool only_positions = x.gap > 0;
  for (uint32_t t = x.lo; t < x.hi && t < x.lo + 40; ++t) {
    const Token& tok = doc_.tokens[t];
    const std::string_view text = doc_.TextOf(tok);
    if (position_at_[t] < 0) only_positions = false;
    if (tok.kind == TokenKind::kPunct) {
      commas += text == ",";
      dashes += text == "—" || text == "–" || text == "-";
      brackets += text == "(" || text == ")";
      quotes += text == "«" || text == "»" || text == "\"";
      colons += text == ":";
      shape = Fnv1a(text, shape);
    } else if (person_at_[t] >= 0) {
      shape = FnvByte('P', shape);
    } else if (position_at_[t] >= 0) {
      shape = FnvByte('J', shape);
    } else {
      ands += text == "и";
      shape = FnvByte(text == "и" ? '&' : 'w', shape);
    }
    if (x.same && x.gap <= 10 && tok.kind == TokenKind::kWord && person_at_[t] < 0) {
      out->push_back(Feature(kBetweenWord, dir, WordKey(t)));
      if (position_at_[t] < 0) out->push_back(Feature(kBetweenSuffix, dir, SuffixKey(t)));
    }
  }
  if (x.same && x.gap <= 6) out->push_back(Feature(kBetweenShape, dir, shape));
  out->push_back(Feature(kBetweenPunct, dir, x.same, Cap(commas, 3), Cap(dashes, 1), Cap(ands, 1),
                         Cap(brackets, 1), Cap(quotes, 1) + 2 * Cap(colons, 1)));

  const uint64_t persons_between = CountWithin(persons_, persons_by_begin_, x.lo, x.hi);
  const uint64_t positions_between = CountWithin(positions_, positions_by_begin_, x.lo, x.hi);
  out->push_back(Feature(kPersonsBetween, dir, x.same, Cap(persons_between, 2)));
  out->push_back(
      Feature(kPositionsBetween, dir, x.same, Cap(positions_between, 2), only_positions));
}

// The phrase's head word and the words around both spans.
uint64_t PairFeaturizer::HeadAndNeighbourFeatures(const Pair& x, std::vector<uint64_t>* out) const {
  const TokenSpan &pos = x.pos, &per = x.per;
  const uint64_t dir = x.dir;
  const uint32_t head =
      x.pg.head != SpanGrammar::kNoHead && x.pg.head < pos.end ? x.pg.head : pos.begin;
  const uint64_t head_stem = StemKey(head);
  out->push_back(Feature(kHeadAdjacent, head_stem, dir, x.adjacent));
  out->push_back(Feature(kHead, head_stem, dir, x.same));
  if (head != pos.begin) out->push_back(Feature(kFirstWord, WordKey(pos.begin), dir, x.adjacent));
  out->push_back(Feature(kWordBeforePosition, pos.begin > 0 ? WordKey(pos.begin - 1) : 1, dir));
  out->push_back(Feature(kWordAfterPosition, WordKey(pos.end), dir));
  out->push_back(Feature(kWordBeforePerson, per.begin > 0 ? WordKey(per.begin - 1) : 1, dir));
  out->push_back(Feature(kWordAfterPerson, WordKey(per.end), dir));
  return head_stem;
}

// Grammar: case agreement, number.
void PairFeaturizer::GrammarFeatures(const Pair& x, std::vector<uint64_t>* out) const {
  const SpanGrammar &pg = x.pg, &hg = x.hg;
  const bool known = pg.cases != names::kAnyCase && hg.cases != names::kAnyCase;
  const uint64_t agree = !known ? 2 : (pg.cases & hg.cases) != 0 ? 1 : 0;
  out->push_back(Feature(kAgreement, agree, x.dir, x.adjacent));
  out->push_back(Feature(kCaseMasks, pg.cases, hg.cases, x.dir));
  out->push_back(Feature(kGapAgreement, agree, x.dir, x.gap_bucket));
  out->push_back(Feature(kPlural, pg.plural, x.dir, x.gap_bucket));
  if (pg.gender != names::Gender::kUnknown && hg.gender != names::Gender::kUnknown)
    out->push_back(Feature(kGenderAgreement, static_cast<uint64_t>(pg.gender),
                           static_cast<uint64_t>(hg.gender), x.dir, x.adjacent));
  if (!pg.plural) return;
  // Is the person in the list that starts right after the phrase?
  bool in_list = false;
  for (uint32_t t = x.pos.end; t < doc_.tokens.size() && person_at_[t] >= 0;) {
    const uint32_t i = static_cast<uint32_t>(person_at_[t]);
    if (i == x.person) in_list = true;
    const uint32_t next = persons_[i].end;
    if (next >= doc_.tokens.size()) break;
    const std::string_view sep = doc_.TextOf(doc_.tokens[next]);
    if (sep != "," && sep != "и") break;
    t = next + 1;
  }
  out->push_back(Feature(kPluralList, in_list));
}

// The rules' verdict.
void PairFeaturizer::RuleFeatures(const Pair& x, uint64_t head_stem,
                                  std::vector<uint64_t>* out) const {
  const RuleChoice& rule = rules_[x.p];
  const bool chosen = RuleChose(x.p, x.person);
  out->push_back(Feature(kRule, rule.rule, chosen));
  out->push_back(Feature(kRuleOther, rule.rule, chosen, !rule.persons.empty(), x.dir, x.same));
  out->push_back(Feature(kHeadRule, head_stem, chosen));
}

// A list member shares what describes the list: «писатели Пётр Ельников и
// Олег Сосновский», «операторами выступили Вера Ольхова и Анна Лесная».
void PairFeaturizer::ListFeatures(const Pair& x, std::vector<uint64_t>* out) const {
  const uint32_t list_head = list_head_[x.person];
  out->push_back(Feature(kListLength, Cap(list_length_[x.person], 3), list_head == x.person,
                         x.pg.plural, x.dir));
  if (list_head == x.person) return;
  const TokenSpan& first = persons_[list_head];
  const TokenSpan& pos = x.pos;
  const bool first_before = first.end <= pos.begin;
  const uint32_t first_gap = first_before             ? pos.begin - first.end
                             : first.begin >= pos.end ? first.begin - pos.end
                                                      : 0;
  const bool first_same = SentenceOf(first.begin) == x.ps;
  out->push_back(Feature(kListMember, x.pg.plural, RuleChose(x.p, list_head), first_before,
                         first_same ? GapBucket(first_gap) : 99));
}

// The mention among its person's other mentions.
void PairFeaturizer::ClusterFeatures(const Pair& x, std::vector<uint64_t>* out) const {
  const TokenSpan &pos = x.pos, &per = x.per;
  const uint32_t person = x.person;
  const bool before = x.before;
  const std::vector<uint32_t>& mentions = cluster_mentions_[Cluster(person)];
  auto distance = [&](uint32_t m) {
    const TokenSpan& r = persons_[m];
    return r.end <= pos.begin ? pos.begin - r.end : r.begin >= pos.end ? r.begin - pos.end : 0;
  };
  bool nearest = true, last_before = before, first_after = !before, longest = true;
  bool cluster_in_sentence = false;
  for (uint32_t m : mentions) {
    if (m == person) continue;
    const TokenSpan& r = persons_[m];
    nearest &= distance(m) > distance(person) || (distance(m) == distance(person) && m > person);
    if (before && r.end <= pos.begin && m > person) last_before = false;
    if (!before && r.begin >= pos.end && m < person) first_after = false;
    if (r.end - r.begin > per.end - per.begin) longest = false;
    cluster_in_sentence |= r.begin < doc_.tokens.size() && SentenceOf(r.begin) == x.ps;
  }
  out->push_back(Feature(kClusterNearest, nearest, x.dir, x.same));
  out->push_back(
      Feature(kClusterPlace, last_before, first_after, mentions.front() == person, longest, x.dir));
  out->push_back(Feature(kClusterSize, Cap(mentions.size(), 4), nearest, x.sdelta + 8));
  out->push_back(Feature(kClusterInSentence, cluster_in_sentence, x.same, nearest));
}

// Where they stand.
void PairFeaturizer::PlaceFeatures(const Pair& x, std::vector<uint64_t>* out) const {
  const TokenSpan &pos = x.pos, &per = x.per;
  out->push_back(Feature(kSentenceHasPerson, sentence_has_person_[x.ps], x.sdelta + 8, x.dir));
  auto starts = [&](uint32_t sentence, uint32_t token) {
    return sentence < doc_.sentences.size() && doc_.sentences[sentence].begin == token;
  };
  const bool pos_first = starts(x.ps, pos.begin), per_first = starts(x.hs, per.begin);
  out->push_back(Feature(kSentenceStarts, pos_first, per_first, x.dir, x.same));
  out->push_back(Feature(kPersonLength, Cap(per.end - per.begin, 3), x.dir));
  out->push_back(Feature(kPositionLength, Cap(pos.end - pos.begin, 4), x.dir, x.adjacent));
}

}  // namespace kto::facts::internal
