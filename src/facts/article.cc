#include "kto/facts/article.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>

#include "entities.h"
#include "kto/facts/phrase.h"
#include "kto/facts/positions.h"
#include "kto/facts/quotes.h"
#include "kto/names/cluster.h"
#include "kto/text/normalize.h"
#include "kto/text/segment.h"
#include "kto/text/utf8.h"

namespace kto::facts {
namespace {

using internal::CollectEntities;
using internal::EntityIndex;
using internal::EntityName;
using internal::FirstWord;
using internal::HasParseWith;
using internal::IsAbbreviationToken;
using internal::IsAdjectiveOfNextNoun;
using internal::LooksLikeName;
using internal::MergeAbbreviations;
using internal::MergeEndingVariants;
using internal::Words;

int TypeIndex(const ner::Model& model, std::string_view type) {
  const auto& types = model.EntityTypes();
  for (size_t i = 0; i < types.size(); ++i)
    if (types[i] == type) return static_cast<int>(i);
  return -1;
}

// A title is a common noun phrase: «Губернатор» at a sentence start is
// «губернатор»; «МВД» keeps its capitals.
std::string LowerFirstLetter(const std::string& title) {
  const std::string first_word = FirstWord(title);
  const std::string lower = text::MatchKey(first_word, {.lowercase = true, .fold_yo = false});
  const std::u32string as_written = text::DecodeUtf8(first_word), lowered = text::DecodeUtf8(lower);
  if (as_written.size() != lowered.size() || as_written.substr(1) != lowered.substr(1))
    return title;
  return lower + title.substr(first_word.size());
}

// The words of a mention, as match keys (punctuation and initials aside).
std::vector<std::string> WordKeys(const Doc& doc, const TokenSpan& r) {
  std::vector<std::string> keys;
  for (uint32_t t = r.begin; t < r.end; ++t)
    if (doc.tokens[t].kind == TokenKind::kWord)
      keys.push_back(text::MatchKey(doc.TextOf(doc.tokens[t])));
  return keys;
}

// Do two mentions of two or more words differ only in the ending of their
// last word («Пак Мин Хён», «Пак Мин Хёна»)? Then they name one person, whatever
// the parser makes of names it does not know.
bool SameWordsUpToEnding(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.size() < 2 || a.size() != b.size() || a == b) return false;
  for (size_t w = 0; w + 1 < a.size(); ++w)
    if (a[w] != b[w]) return false;
  const std::u32string x = text::DecodeUtf8(a.back()), y = text::DecodeUtf8(b.back());
  const std::u32string& shorter = x.size() <= y.size() ? x : y;
  const std::u32string& longer = x.size() <= y.size() ? y : x;
  return shorter.size() >= 2 && longer.size() - shorter.size() <= 2 &&
         longer.compare(0, shorter.size(), shorter) == 0;
}

// Per person mention: an earlier mention of the same person that the name
// parser could miss, else -1: the previous mention when this one gives its
// original Latin spelling in brackets right after it («Томас Гертнер (Thomas
// Gärtner)»), or one with the same words up to the last one's ending.
std::vector<int> SameAs(const Doc& doc, const std::vector<TokenSpan>& mentions) {
  std::vector<int> same_as(mentions.size(), -1);
  std::vector<std::vector<std::string>> words;
  for (const TokenSpan& r : mentions) words.push_back(WordKeys(doc, r));
  // Mentions that SameWordsUpToEnding may pair share every word but the
  // last and the last one's first two letters: only earlier mentions of
  // that key are compared (in their order, so the first match is the same
  // as with every earlier mention compared).
  std::unordered_map<std::string, std::vector<uint32_t>> by_key;
  auto key_of = [](const std::vector<std::string>& w) {
    std::string key;
    for (size_t i = 0; i + 1 < w.size(); ++i) key.append(w[i]).push_back('\x1f');
    return key.append(text::FirstCodePoints(w.back(), 2));
  };
  for (size_t i = 0; i < mentions.size(); ++i) {
    if (words[i].size() < 2) continue;
    std::vector<uint32_t>& earlier = by_key[key_of(words[i])];
    for (size_t k = 0; k < earlier.size() && same_as[i] < 0; ++k)
      if (SameWordsUpToEnding(words[earlier[k]], words[i]))
        same_as[i] = static_cast<int>(earlier[k]);
    earlier.push_back(static_cast<uint32_t>(i));
  }
  for (size_t i = 1; i < mentions.size(); ++i) {
    if (same_as[i] >= 0) continue;
    const TokenSpan r = mentions[i];
    if (r.begin < 1 || mentions[i - 1].end != r.begin - 1 ||
        doc.TextOf(doc.tokens[r.begin - 1]) != "(")
      continue;
    bool latin = true;
    for (uint32_t t = r.begin; t < r.end && latin; ++t)
      latin =
          doc.tokens[t].kind != TokenKind::kWord ||
          (doc.tokens[t].Has(token_flags::kLatin) && !doc.tokens[t].Has(token_flags::kCyrillic));
    if (latin) same_as[i] = static_cast<int>(i - 1);
  }
  return same_as;
}

// «Ласточкин-старший», «Ласточкин-младший» alone: one of two persons of
// the article with that surname, when the text tells which is the son or
// daughter: a name in the case of «сын», «дочь» before it, in apposition
// («его сыну Михаилу Ласточкину»), is the younger; a name in the genitive
// after it («сын Андрея Ласточкина») the elder. Such a mention's cluster
// joins that person's. `grammar`: the cases of each mention.
void JoinGenerations(const Doc& doc, const std::vector<TokenSpan>& mentions,
                     const std::vector<SpanGrammar>& grammar,
                     std::vector<names::PersonCluster>* clusters) {
  using names::Case, names::CaseBit;
  constexpr names::CaseSet kNominative = CaseBit(Case::kNominative),
                           kAccusative = CaseBit(Case::kAccusative),
                           kInstrumental = CaseBit(Case::kInstrumental);
  // Forms of «сын», «дочь» and their cases; not the genitive ones («сына
  // Андрея» is the son of Андрей, or Андрей himself).
  constexpr std::pair<std::string_view, names::CaseSet> kKin[] = {
      {"сын", kNominative},
      {"дочь", kNominative | kAccusative},
      {"сыну", CaseBit(Case::kDative)},
      {"сыном", kInstrumental},
      {"дочерью", kInstrumental},
      {"сыне", CaseBit(Case::kPrepositional)}};
  // -1: the text calls the person a parent; +1: a child; 0: neither.
  auto generation = [&](const names::PersonCluster& c) {
    for (uint32_t m : c.mentions) {
      uint32_t t = mentions[m].begin;
      if (t > 0 && (text::MatchKey(doc.TextOf(doc.tokens[t - 1])) == "его" ||
                    text::MatchKey(doc.TextOf(doc.tokens[t - 1])) == "её"))
        --t;
      if (t == 0) continue;
      const std::string word = text::MatchKey(doc.TextOf(doc.tokens[t - 1]));
      // «сын Дзюбенко» tells nothing: the name does not decline.
      const names::CaseSet cases = grammar[m].cases;
      if (cases == names::kAnyCase) continue;
      for (const auto& [kin, kin_cases] : kKin) {
        if (word != kin) continue;
        if (cases & CaseBit(Case::kGenitive)) return -1;
        if (cases & kin_cases) return 1;
      }
    }
    return 0;
  };
  for (size_t i = 0; i < clusters->size(); ++i) {
    const names::PersonName& name = (*clusters)[i].name;
    const std::string key = text::MatchKey(name.surname);
    const bool elder = key.ends_with("-старший"), younger = key.ends_with("-младший");
    if (!(elder || younger) || !name.SurnameOnly()) continue;
    const std::string base = key.substr(0, key.rfind('-'));
    std::vector<size_t> same;
    for (size_t j = 0; j < clusters->size(); ++j) {
      const names::PersonName& other = (*clusters)[j].name;
      if (j != i && !other.family && !other.group && other.gender != names::Gender::kFemale &&
          text::MatchKey(other.surname) == base)
        same.push_back(j);
    }
    size_t into = clusters->size();
    if (same.size() == 2) {
      const int a = generation((*clusters)[same[0]]), b = generation((*clusters)[same[1]]);
      if (a != b) {
        // The younger of the two is the one with the larger mark.
        const size_t young = a > b ? same[0] : same[1], old = a > b ? same[1] : same[0];
        into = younger ? young : old;
      }
    }
    if (into == clusters->size()) continue;
    std::vector<uint32_t>& target = (*clusters)[into].mentions;
    target.insert(target.end(), (*clusters)[i].mentions.begin(), (*clusters)[i].mentions.end());
    std::sort(target.begin(), target.end());
    clusters->erase(clusters->begin() + static_cast<std::ptrdiff_t>(i));
    --i;
  }
  // Persons stay in the order of their first mentions.
  std::stable_sort(clusters->begin(), clusters->end(),
                   [](const names::PersonCluster& x, const names::PersonCluster& y) {
                     return x.mentions.front() < y.mentions.front();
                   });
}

// A position phrase cut short by NER after a modifier («главным менеджером
// Международного»): the words at its end that cannot end a noun phrase —
// adjectives, participles, prepositions, conjunctions, opening quotes and
// brackets, commas and dashes — are dropped. Words without a parse (Latin,
// numbers) stay.
// Whether one of `spans` covers `token`.
// Per token of `doc`: whether one of `spans` covers it.
std::vector<bool> Covered(const Doc& doc, const std::vector<ner::Span>& spans) {
  std::vector<bool> covered(doc.tokens.size(), false);
  for (const ner::Span& span : spans)
    for (uint32_t t = span.begin; t < span.end && t < covered.size(); ++t) covered[t] = true;
  return covered;
}

TokenSpan TrimDanglingEnd(const morph::DocView& d, TokenSpan r) {
  const Doc& doc = d.doc;
  const morph::DocMorphology& morphology = d.morphology;
  const morph::GrammemeIds& ids = d.ids();
  const int noun = ids.noun, dangling[] = {ids.adjf, ids.prtf, ids.prep, ids.conj};
  auto dangles = [&](uint32_t t) {
    const Token& token = doc.tokens[t];
    if (token.kind == TokenKind::kPunct) {
      const std::string_view p = doc.TextOf(token);
      return p == "«" || p == "„" || p == "(" || p == "," || p == "-" || p == "—" || p == "–";
    }
    if (token.kind != TokenKind::kWord || morphology.ParseCount(t) == 0) return false;
    for (uint32_t i = morphology.first[t]; i < morphology.first[t + 1]; ++i) {
      const morph::Grammemes g = d.TagOf(i);
      if (noun >= 0 && g.Has(noun)) return false;
      bool known = false;
      for (int id : dangling) known |= id >= 0 && g.Has(id);
      if (!known) return false;
    }
    return true;
  };
  while (r.end > r.begin + 1 && dangles(r.end - 1)) --r.end;
  return r;
}

// «дочь президента Милана», «помощник губернатора Анна»: a position that may
// be a genitive, right after a common noun naming a person, depends on that
// noun; a name that follows, not in the genitive itself, is the noun's, not
// the position's. («пост губернатора Игоря Кедрина» is not such a case:
// «пост» names no person.) Returns the noun's token, or kNoToken.
constexpr uint32_t kNoToken = UINT32_MAX;
uint32_t PrecedingNounOf(const morph::DocView& d, const TokenSpan& position,
                         const SpanGrammar& grammar) {
  const Doc& doc = d.doc;
  const morph::DocMorphology& morphology = d.morphology;
  if ((grammar.cases & names::CaseBit(names::Case::kGenitive)) == 0 ||
      grammar.cases == names::kAnyCase || position.begin == 0)
    return kNoToken;
  const morph::GrammemeIds& ids = d.ids();
  // The word before, past the position's own adjectives («дочь действующего
  // президента»).
  for (uint32_t t = position.begin; t-- > 0 && t + 4 > position.begin;) {
    if (doc.tokens[t].kind != TokenKind::kWord || morphology.ParseCount(t) == 0 ||
        !doc.tokens[t].Has(token_flags::kLowerFirst))
      return kNoToken;
    const morph::Grammemes g = d.TagOf(morphology.first[t]);
    if (g.Has(ids.noun)) return g.Has(ids.anim) ? t : kNoToken;
    if (!g.Has(ids.adjf) && !g.Has(ids.prtf)) return kNoToken;
  }
  return kNoToken;
}

// Only a comma, a bracket or a dash between the end of a name and `token`:
// «Ольховский (однофамилец …», «Кедрова, дочь …».
bool InAppositionTo(const Doc& doc, const TokenSpan& name, uint32_t token) {
  if (token < name.end || token > name.end + 2) return false;
  for (uint32_t t = name.end; t < token; ++t) {
    const std::string_view s = doc.TextOf(doc.tokens[t]);
    if (s != "," && s != "(" && s != "—" && s != "–") return false;
  }
  return true;
}

// The cases one word of a person mention may stand in, by its name parses
// (Name, Surn, Patr): kAnyCase for an indeclinable one, 0 when it has none.
names::CaseSet NameWordCases(const morph::DocView& d, uint32_t t) {
  const morph::GrammemeIds& ids = d.ids();
  names::CaseSet found = 0;
  for (uint32_t i = d.morphology.first[t]; i < d.morphology.first[t + 1]; ++i) {
    const morph::Grammemes g = d.TagOf(i);
    bool is_name = false;
    for (int n : {ids.name, ids.surn, ids.patr}) is_name |= morph::HasGrammeme(g, n);
    if (!is_name) continue;
    if (morph::HasGrammeme(g, ids.fixd)) return names::kAnyCase;
    for (int c = 0; c < names::kCaseCount; ++c)
      if (morph::HasGrammeme(g, ids.cases[c])) found |= names::CaseBit(static_cast<names::Case>(c));
  }
  return found;
}

// The cases a person mention may stand in: those of its words' name parses;
// any case when a word is indeclinable or none has a name parse (an unknown
// foreign name).
SpanGrammar PersonGrammar(const morph::DocView& d, const TokenSpan& r) {
  names::CaseSet found = 0;
  for (uint32_t t = r.begin; t < r.end && t < d.doc.tokens.size(); ++t) {
    const names::CaseSet word = NameWordCases(d, t);
    if (word == names::kAnyCase) return SpanGrammar{};
    found |= word;
  }
  SpanGrammar grammar;
  if (found != 0) grammar.cases = found;
  return grammar;
}

// May all the words of the mention stand in the genitive together
// («Игоря Кедрина» may; «Анна Кедрина» may not)? True when unknown.
bool MayBeGenitive(const morph::DocView& d, const TokenSpan& r) {
  for (uint32_t t = r.begin; t < r.end && t < d.doc.tokens.size(); ++t) {
    const names::CaseSet word = NameWordCases(d, t);
    if (word != 0 && (word & names::CaseBit(names::Case::kGenitive)) == 0) return false;
  }
  return true;
}

// «ТУСУР», «МЧС», «Газпром» taken for a person: one word written in capitals
// or known to the dictionary (not guessed from the ending) as an
// organization or an abbreviation, and never as a first name, surname or
// patronymic.
bool NamesOrganization(const morph::DocView& d, const TokenSpan& r) {
  if (r.end != r.begin + 1) return false;
  const morph::GrammemeIds& ids = d.ids();
  if (HasParseWith(d, r.begin, {ids.name, ids.surn, ids.patr})) return false;
  if (IsAbbreviationToken(d.doc, r)) return true;
  for (uint32_t i = d.morphology.first[r.begin]; i < d.morphology.first[r.begin + 1]; ++i) {
    const morph::Grammemes g = d.TagOf(i);
    if (d.morphology.parses[i].method == morph::Method::kDictionary &&
        (morph::HasGrammeme(g, ids.orgn) || morph::HasGrammeme(g, ids.abbr)))
      return true;
  }
  return false;
}

// Assemble's steps, in order.

// Persons: one per cluster of PER mentions, bare surnames read again with
// their person's gender («Кедрова» of «Игорь Кедров» is «Кедров»). Left out:
// groups («американцы»), things named after a person («Нобелевская
// премия») and organizations («МЧС»), whose mentions go to
// *organization_words. Returns, per mention, the index of its person, or -1.
std::vector<int> CollectPersons(const morph::DocView& d, const names::NameParser& names,
                                const std::vector<TokenSpan>& person_spans,
                                const std::vector<names::PersonCluster>& clusters,
                                std::vector<names::PersonName>* parsed,
                                std::vector<PersonFact>* persons,
                                std::vector<TokenSpan>* organization_words) {
  std::vector<int> person_of_mention(parsed->size(), -1);
  for (const names::PersonCluster& cluster : clusters) {
    if (cluster.name.group) continue;  // «американцы» are not a person
    auto all_mentions = [&](auto&& test) {
      return std::all_of(cluster.mentions.begin(), cluster.mentions.end(),
                         [&](uint32_t m) { return test(d, person_spans[m]); });
    };
    if (all_mentions(NamesOrganization)) {
      for (uint32_t m : cluster.mentions) organization_words->push_back(person_spans[m]);
      continue;
    }
    if (all_mentions(IsAdjectiveOfNextNoun)) continue;
    PersonFact person{cluster.name, {}, {}, {}};
    for (uint32_t m : cluster.mentions) {
      names::PersonName& name = (*parsed)[m];
      if (name.SurnameOnly() && cluster.name.gender != names::Gender::kUnknown &&
          name.gender != cluster.name.gender) {
        name = names.Parse(d, person_spans[m],
                           names::GenderHint(cluster.name.gender, /*certain=*/true));
      }
      person.mentions.push_back({person_spans[m], name.normal});
      person_of_mention[m] = static_cast<int>(persons->size());
    }
    persons->push_back(std::move(person));
  }
  return person_of_mention;
}

// Kinds of settlement (src/facts/data/settlement_words.txt).
constexpr std::string_view kSettlementWords[] = {
#include "settlement_words.inc"
};

bool IsOpeningQuote(std::string_view s) {
  return s == "«" || s == "„" || s == "\"" || s == "“";
}
bool IsClosingQuote(std::string_view s) {
  return s == "»" || s == "\"" || s == "”" || s == "“";
}

// The words in quotes that an opening quote inside `phrase` (not its first
// token) starts and a closing quote inside it or right after it ends; nullopt
// when there are none.
std::optional<TokenSpan> QuotedName(const Doc& doc, const TokenSpan& phrase) {
  for (uint32_t open = phrase.begin + 1; open < phrase.end; ++open) {
    if (!IsOpeningQuote(doc.TextOf(doc.tokens[open]))) continue;
    for (uint32_t close = open + 2; close <= phrase.end && close < doc.tokens.size(); ++close)
      if (IsClosingQuote(doc.TextOf(doc.tokens[close]))) return TokenSpan{open + 1, close};
    return std::nullopt;
  }
  return std::nullopt;
}

// The fact of one attached position, split into title and organization at
// the first organization or place inside the phrase; nullopt when the
// attachment does not hold after all.
std::optional<PositionFact> PositionFactOf(const morph::DocView& d,
                                           const ArticleAnalyzer::PositionInputs& inputs,
                                           const PositionLink& link,
                                           const std::vector<TokenSpan>& entity_ranges) {
  const Doc& doc = d.doc;
  const TokenSpan& position = inputs.positions[link.position];
  // «дочь президента Милану», but «сына президента Андрея Дзюбенко»:
  // a name after it in the genitive too (or one that does not decline) is
  // the position's own, in apposition. Nor is the position of a name the
  // noun stands in apposition to: «Ольховский (однофамилец министра)».
  const TokenSpan& holder = inputs.persons[link.person];
  const uint32_t noun = PrecedingNounOf(d, position, inputs.position_grammar[link.position]);
  if (noun != kNoToken && (holder.begin >= position.end ? !MayBeGenitive(d, holder)
                                                        : InAppositionTo(doc, holder, noun)))
    return std::nullopt;
  TokenSpan range = TrimDanglingEnd(d, position);
  // A position that is all a place or an organization («США» cut out of
  // «экс-президента США») names no post.
  if (std::any_of(entity_ranges.begin(), entity_ranges.end(),
                  [&](const TokenSpan& e) { return e.begin <= range.begin && range.end <= e.end; }))
    return std::nullopt;
  // «заместитель председателя | комитета по бюджету и налогам Заречной
  // областной думы | Олег Свиридов»: an organization that starts inside the
  // phrase or right after it and runs up to the holder's name is the post's.
  for (const TokenSpan& e : entity_ranges)
    if (e.begin > range.begin && e.begin <= range.end && e.end > range.end &&
        (holder.begin == e.end || (holder.end <= range.begin && e.begin < range.end)))
      range.end = e.end;
  // One person holds the position: «музыканты Иванов и Петров» -> «музыкант».
  PositionFact fact{range, holder, NominativePhrase(d, range, Describes::kOnePerson),
                    "",    "",     link.former};
  // (An organization NER found that is no name, «совета директоров», stays
  // in the title.)
  uint32_t title_end = range.end;
  for (const TokenSpan& e : entity_ranges) {
    if (e.begin > range.begin && e.end <= range.end && e.begin < title_end &&
        LooksLikeName(doc, e)) {
      title_end = e.begin;
      fact.org = EntityName(d, e);
    }
  }
  // «директор завода «Кварц»» where NER found no organization: the name in
  // quotes is the post's organization.
  if (fact.org.empty()) {
    if (const std::optional<TokenSpan> quoted = QuotedName(doc, range)) {
      title_end = quoted->begin - 1;
      fact.org = EntityName(d, *quoted);
      range.end = std::max(range.end, quoted->end + 1);
      fact.tokens = range;
      fact.normal = NominativePhrase(d, range, Describes::kOnePerson);
    }
  }
  // «нападающий клуба «Метеор»»: the opening quote or bracket before the
  // organization is not part of the title; nor is the kind of settlement
  // before its name («мэр города Верхнеозёрска»).
  while (title_end < range.end && title_end > range.begin + 1) {
    const std::string_view t = doc.TextOf(doc.tokens[title_end - 1]);
    if (t != "«" && t != "\"" && t != "„" && t != "“" && t != "(" && t != "'") break;
    --title_end;
  }
  if (title_end < range.end && title_end > range.begin + 1 &&
      std::find(std::begin(kSettlementWords), std::end(kSettlementWords),
                text::MatchKey(doc.TextOf(doc.tokens[title_end - 1]))) !=
          std::end(kSettlementWords))
    --title_end;
  fact.title =
      LowerFirstLetter(title_end == range.end
                           ? fact.normal
                           : NominativePhrase(d, {range.begin, title_end}, Describes::kOnePerson));
  return fact;
}

// Region posts and the words of a region's name
// (src/facts/data/region_posts.txt, region_words.txt).
constexpr std::string_view kRegionPosts[] = {
#include "region_posts.inc"
};
constexpr std::string_view kRegionWords[] = {
#include "region_words.inc"
};

bool IsRegionPost(const std::string& title) {
  std::string key = text::MatchKey(title, {.lowercase = true, .fold_yo = false});
  std::replace(key.begin(), key.end(), ' ', '_');
  return std::find(std::begin(kRegionPosts), std::end(kRegionPosts), key) != std::end(kRegionPosts);
}

// «Заречная область», «Республика Алтай», not «Верхнеозёрск».
bool IsRegionName(const std::string& name) {
  const std::string key = text::MatchKey(name);
  for (std::string_view word : Words(key))
    if (std::find(std::begin(kRegionWords), std::end(kRegionWords), word) != std::end(kRegionWords))
      return true;
  return false;
}

// «делегация Заречной области во главе с губернатором Игорем Кедровым»: a
// region post the phrase gives without its region is held in the region the
// article names last before it, else in the article's only region.
void RegionsOfRegionPosts(const std::vector<EntityFact>& locations,
                          std::vector<PersonFact>* persons) {
  std::vector<const EntityFact*> regions;
  for (const EntityFact& place : locations)
    if (IsRegionName(place.name)) regions.push_back(&place);
  if (regions.empty()) return;
  for (PersonFact& person : *persons) {
    for (PositionFact& post : person.positions) {
      if (!post.org.empty() || !IsRegionPost(post.title)) continue;
      const EntityFact* region = regions.size() == 1 ? regions[0] : nullptr;
      uint32_t last = 0;
      for (const EntityFact* place : regions)
        for (const MentionFact& m : place->mentions)
          if (m.tokens.end <= post.tokens.begin && m.tokens.begin >= last) {
            last = m.tokens.begin;
            region = place;
          }
      if (region) post.org = region->name;
    }
  }
}

// «министр природных ресурсов и охраны окружающей среды Северской
// Республики Семён Масловский … — сказал министр»: a post the article gives
// a person in short is the fullest post of theirs it is within (the same former
// or current, and of the same organization when it names one), so that the
// article's posts of a person are one post.
void CompleteShortPosts(std::vector<PositionFact>* posts) {
  for (PositionFact& post : *posts) {
    const PositionFact* fullest = nullptr;
    for (const PositionFact& other : *posts) {
      if (&other == &post || other.former != post.former || !TitleWithin(post.title, other.title) ||
          (!post.org.empty() && post.org != other.org))
        continue;
      const PositionFact& best = fullest ? *fullest : post;
      if (other.title.size() > best.title.size() ||
          (other.title.size() == best.title.size() && best.org.empty() && !other.org.empty()))
        fullest = &other;
    }
    if (!fullest) continue;
    post.title = fullest->title;
    post.org = fullest->org;
  }
}

// Quotes, to their speakers. One named by a post alone («— добавил
// министр») goes to the person last mentioned before it of those the
// article gives another post with the same first word («министр
// иностранных дел»); else to the person the post itself was attached to
// (`post_holder`: per position phrase, its person or -1).
void AttributeQuotes(const morph::DocView& d, const ArticleAnalyzer::PositionInputs& inputs,
                     const std::vector<int>& person_of_mention, const std::vector<int>& post_holder,
                     std::vector<PersonFact>* persons) {
  for (const Quote& quote : FindQuotes(d.doc, inputs.persons, inputs.positions)) {
    int speaker = quote.speaker >= 0 ? person_of_mention[quote.speaker] : -1;
    if (quote.speaker < 0 && quote.speaker_post >= 0) {
      const TokenSpan& post = inputs.positions[quote.speaker_post];
      const std::string word =
          FirstWord(LowerFirstLetter(NominativePhrase(d, post, Describes::kOnePerson)));
      auto holds = [&](const PositionFact& f) {
        return !f.former && f.tokens.begin != post.begin && FirstWord(f.title) == word;
      };
      uint32_t last_mention = 0;
      for (size_t p = 0; p < persons->size(); ++p) {
        const PersonFact& candidate = (*persons)[p];
        if (std::none_of(candidate.positions.begin(), candidate.positions.end(), holds)) continue;
        for (const MentionFact& m : candidate.mentions) {
          if (m.tokens.begin < quote.speech.begin && m.tokens.begin >= last_mention) {
            last_mention = m.tokens.begin;
            speaker = static_cast<int>(p);
          }
        }
      }
      if (speaker < 0) speaker = post_holder[quote.speaker_post];
    }
    if (speaker >= 0) (*persons)[speaker].quotes.push_back(quote.speech);
  }
}

}  // namespace

bool TitleWithin(std::string_view shorter, std::string_view longer) {
  const std::vector<std::string_view> words = Words(shorter), within = Words(longer);
  size_t next = 0;  // in `within`
  for (std::string_view word : words) {
    while (next < within.size() && within[next] != word) ++next;
    if (next == within.size()) return false;
    ++next;
  }
  return true;
}

const PositionFact* MainPosition(const PersonFact& person) {
  auto rank = [](const PositionFact& p) {
    return std::make_tuple(!p.former, !p.org.empty(), Words(p.title).size());
  };
  const PositionFact* shown = nullptr;
  for (const PositionFact& post : person.positions)
    if (!shown || rank(post) >= rank(*shown)) shown = &post;
  return shown;
}

ArticleAnalysis ArticleAnalyzer::Assemble(Doc* doc, const morph::DocMorphology& morphology,
                                          const ner::Annotations& found) const {
  const morph::DocView d{*doc, morphology, *morphology_};
  ArticleAnalysis out;
  std::vector<names::PersonName> parsed;
  std::vector<names::PersonCluster> clusters;
  const PositionInputs inputs = Inputs(*doc, morphology, found, &parsed, &clusters);
  std::vector<TokenSpan> organization_words;  // NER's persons that name organizations
  const std::vector<int> person_of_mention = CollectPersons(
      d, names_, inputs.persons, clusters, &parsed, &out.persons, &organization_words);
  std::vector<TokenSpan> entity_ranges =
      CollectEntities(d, found, org_type_, loc_type_, &out.organizations, &out.locations);
  EntityIndex organization_index(&out.organizations);
  for (const TokenSpan& word : organization_words) {
    entity_ranges.push_back(word);
    organization_index.Add(d, word);
  }
  std::map<std::string, std::string> renamed;  // by MergeEndingVariants
  MergeEndingVariants(*doc, &out.organizations, &renamed);
  MergeEndingVariants(*doc, &out.locations, &renamed);
  MergeAbbreviations(*doc, &out.organizations);

  // Positions, attached to persons.
  std::vector<int> post_holder(inputs.positions.size(), -1);  // per phrase: its person, or -1
  for (const PositionLink& link :
       AttachPositions(*doc, inputs.persons, inputs.positions, inputs.person_grammar,
                       inputs.position_grammar, inputs.person_cluster, positions_.get())) {
    const int person = person_of_mention[link.person];
    if (person < 0) continue;
    std::optional<PositionFact> fact = PositionFactOf(d, inputs, link, entity_ranges);
    if (!fact) continue;
    if (auto name = renamed.find(fact->org); name != renamed.end()) fact->org = name->second;
    out.persons[person].positions.push_back(std::move(*fact));
    post_holder[link.position] = person;
  }

  RegionsOfRegionPosts(out.locations, &out.persons);
  for (PersonFact& person : out.persons) CompleteShortPosts(&person.positions);
  AttributeQuotes(d, inputs, person_of_mention, post_holder, &out.persons);
  return out;
}

Result<std::unique_ptr<ArticleAnalyzer>> ArticleAnalyzer::Create(
    std::shared_ptr<const morph::Analyzer> morphology, std::shared_ptr<const ner::Model> ner,
    std::shared_ptr<const PositionModel> positions) {
  if (!morphology || !ner)
    return Status::InvalidArgument("ArticleAnalyzer needs a dictionary and a NER model");
  const int per = TypeIndex(*ner, "PER"), org = TypeIndex(*ner, "ORG"),
            loc = TypeIndex(*ner, "LOC");
  if (per < 0) return Status::Corrupt("the NER model has no PER entity type");
  return std::unique_ptr<ArticleAnalyzer>(new ArticleAnalyzer(std::move(morphology), std::move(ner),
                                                              std::move(positions), per, org, loc));
}

ArticleAnalyzer::ArticleAnalyzer(std::shared_ptr<const morph::Analyzer> morphology,
                                 std::shared_ptr<const ner::Model> ner,
                                 std::shared_ptr<const PositionModel> positions, int per, int org,
                                 int loc)
    : morphology_(std::move(morphology)),
      ner_(std::move(ner)),
      positions_(std::move(positions)),
      per_type_(per),
      org_type_(org),
      loc_type_(loc) {}

int ArticleAnalyzer::EntityType(std::string_view type) const {
  return TypeIndex(*ner_, type);
}

ArticleAnalyzer::State::State(const ArticleAnalyzer& analyzer) : cache_(analyzer.morphology_) {
  ner_.ShareMorphologyCache(&cache_);
}

ArticleAnalysis ArticleAnalyzer::Analyze(Doc* doc, State* state) const {
  text::Segment(doc);
  morph::AnalyzeDoc(*doc, &state->cache_, &state->morphology_);
  ner::Tag(*ner_, *doc, &state->ner_, &state->annotations_);
  return Assemble(doc, state->morphology_, state->annotations_);
}

ArticleAnalysis ArticleAnalyzer::AnalyzeWithSpans(Doc* doc, const ner::Annotations& spans,
                                                  State* state) const {
  morph::AnalyzeDoc(*doc, &state->cache_, &state->morphology_);
  return Assemble(doc, state->morphology_, spans);
}

ArticleAnalyzer::PositionInputs ArticleAnalyzer::PreparePositions(Doc* doc,
                                                                  const ner::Annotations* spans,
                                                                  State* state) const {
  if (spans != nullptr) {
    morph::AnalyzeDoc(*doc, &state->cache_, &state->morphology_);
    return Inputs(*doc, state->morphology_, *spans);
  }
  text::Segment(doc);
  morph::AnalyzeDoc(*doc, &state->cache_, &state->morphology_);
  ner::Tag(*ner_, *doc, &state->ner_, &state->annotations_);
  return Inputs(*doc, state->morphology_, state->annotations_);
}

ArticleAnalyzer::PositionInputs ArticleAnalyzer::Inputs(
    const Doc& doc, const morph::DocMorphology& morphology, const ner::Annotations& found,
    std::vector<names::PersonName>* parsed, std::vector<names::PersonCluster>* clusters) const {
  PositionInputs in;
  std::vector<names::PersonName> own_parsed;
  std::vector<names::PersonCluster> own_clusters;
  if (parsed == nullptr) parsed = &own_parsed;
  if (clusters == nullptr) clusters = &own_clusters;
  parsed->clear();
  const morph::DocView d{doc, morphology, *morphology_};
  // Per token: the last position phrase that ends right before it, or -1.
  std::vector<int32_t> position_ending_before(doc.tokens.size() + 1, -1);
  for (const ner::Span& span : found.positions) {
    if (span.end < position_ending_before.size())
      position_ending_before[span.end] = static_cast<int32_t>(in.positions.size());
    in.positions.push_back({span.begin, span.end});
    in.position_grammar.push_back(HeadGrammar(d, {span.begin, span.end}));
  }
  const std::vector<bool> in_position = Covered(doc, found.positions),
                          in_entity = Covered(doc, found.entities);
  auto covers = [](const std::vector<bool>& covered, uint32_t token) {
    return token < covered.size() && covered[token];
  };
  // PER spans trimmed, joined where NER cut one name in two («Ковалёв |
  // Андрей Петрович»), and cut where a second name starts («В.Ясенева
  // А.Ельников»).
  for (const ner::Span& span : found.entities) {
    if (span.type != per_type_) continue;
    if (!in.persons.empty() && in.persons.back().end == span.begin &&
        names_.ContinuesName(d, in.persons.back(), {span.begin, span.end})) {
      in.persons.back().end = span.end;
      continue;
    }
    TokenSpan rest{span.begin, span.end};
    // A post the span starts with is not the name's: NEREL's nested gold
    // spans (a PERSON inside a PROFESSION), «Папа Франциск» when both NER
    // layers take «Папа».
    while (rest.begin + 1 < rest.end && covers(in_position, rest.begin)) ++rest.begin;
    rest = names_.TrimSpan(d, rest);
    if (rest.begin == span.begin && rest.begin > 0 && !covers(in_entity, rest.begin - 1) &&
        !covers(in_position, rest.begin - 1) &&
        (in.persons.empty() || in.persons.back().end < rest.begin))
      rest.begin = names_.EastAsianSurnameStart(d, rest);
    while (rest.begin < rest.end) {
      const TokenSpan name{rest.begin, names_.SecondNameStart(d, rest)};
      rest.begin = name.end;
      in.persons.push_back(names_.TrimSpan(d, name));
    }
  }
  for (size_t i = 0; i < in.persons.size(); ++i) {
    const TokenSpan mention = in.persons[i];
    const uint32_t begin = mention.begin;
    in.person_grammar.push_back(PersonGrammar(d, mention));
    const names::GenderHint hint = names_.ContextGender(
        d, mention, i + 1 < in.persons.size() ? in.persons[i + 1].begin : UINT32_MAX,
        i > 0 ? in.persons[i - 1].end : 0);
    // A position phrase right before the name agrees with it in case
    // («министра энергетики Александра Горака»: a genitive, not a woman).
    names::CaseSet cases = names::kAnyCase;
    if (const int32_t p = position_ending_before[begin]; p >= 0)
      cases = in.position_grammar[p].cases;
    // «школа имени Ю. М. Ветрова»: named after him, not her.
    if (begin > 0 && (doc.TextOf(doc.tokens[begin - 1]) == "имени" ||
                      doc.TextOf(doc.tokens[begin - 1]) == "им."))
      cases = names::CaseBit(names::Case::kGenitive);
    parsed->push_back(names_.Parse(d, mention, hint, cases));
    in.person_grammar.back().gender = parsed->back().gender;
  }
  *clusters = names::ClusterPersons(*parsed, SameAs(doc, in.persons));
  JoinGenerations(doc, in.persons, in.person_grammar, clusters);
  in.person_cluster.assign(in.persons.size(), -1);
  int32_t person = 0;
  for (const names::PersonCluster& cluster : *clusters) {
    if (cluster.name.group) continue;  // «американцы» are not a person
    for (uint32_t m : cluster.mentions) in.person_cluster[m] = person;
    ++person;
  }
  return in;
}

}  // namespace kto::facts
