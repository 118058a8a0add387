// Organizations and places of one article (ArticleAnalyzer's part, see
// entities.h): NER's spans cut where two names run together, put into the
// nominative, a place's adjective read as its place, the forms of one name
// joined and abbreviations given their full names.
#include "entities.h"

#include <algorithm>
#include <array>

#include "kto/facts/phrase.h"
#include "kto/text/case.h"
#include "kto/text/normalize.h"
#include "kto/text/utf8.h"

namespace kto::facts::internal {
namespace {

// Words an abbreviation skips: «Томский государственный университет систем
// управления и радиоэлектроники» -> «ТУСУР».
bool IsFunctionWord(std::string_view lower) {
  static constexpr std::string_view kWords[] = {"и",   "по", "в",   "на", "для",
                                                "при", "of", "the", "and"};
  for (std::string_view w : kWords)
    if (lower == w) return true;
  return false;
}

// A name as an abbreviation (its letters, lower case) and as a full name
// (the initials of its words but function words), for AbbreviationOf.
struct AbbreviationKeys {
  std::u32string letters, initials;
};

AbbreviationKeys AbbreviationKeysOf(std::string_view name) {
  AbbreviationKeys keys;
  const std::string lower = text::MatchKey(name);
  keys.letters = text::DecodeUtf8(lower);
  size_t start = 0;
  while (start < lower.size()) {
    size_t end = lower.find_first_of(" -", start);
    if (end == std::string::npos) end = lower.size();
    const std::string_view word = std::string_view(lower).substr(start, end - start);
    if (!word.empty() && !IsFunctionWord(word))
      keys.initials += text::DecodeUtf8(word).substr(0, 1);
    start = end + 1;
  }
  return keys;
}

// Is `abbr` («ТУСУР») made of initials of `full`'s words, in order, starting
// with the first and skipping at most two?
bool AbbreviationOf(const AbbreviationKeys& abbr, const AbbreviationKeys& full) {
  const std::u32string& letters = abbr.letters;
  const std::u32string& initials = full.initials;
  if (letters.size() < 2 || initials.size() < letters.size() ||
      initials.size() > letters.size() + 2 || letters[0] != initials[0])
    return false;
  size_t i = 0;
  for (char32_t c : initials)
    if (i < letters.size() && c == letters[i]) ++i;
  return i == letters.size();
}

// Places named by their adjective (src/facts/data/place_adjectives.txt):
// {lemma, place}, «_» for a space in the place's name.
constexpr std::array<std::string_view, 2> kPlaceOfAdjective[] = {
#include "place_adjectives.inc"
};

// The lemma of word `t` as an adjective: «томские» -> «томский»; empty when
// the word may be a noun or is no adjective.
std::string AdjectiveLemma(const morph::DocView& d, uint32_t t) {
  const morph::GrammemeIds& ids = d.ids();
  std::string lemma;
  for (uint32_t i = d.morphology.first[t]; i < d.morphology.first[t + 1]; ++i) {
    const morph::Grammemes g = d.TagOf(i);
    if (g.Has(ids.noun)) return "";
    if (lemma.empty() && g.Has(ids.adjf))
      lemma = std::string(d.morphology.parses.Lemma(d.morphology.parses[i]));
  }
  return lemma;
}

// A place tagged on its adjective alone: «Томские (производители)»,
// «белорусский (бизнес)».
struct PlaceAdjective {
  TokenSpan range;
  std::string lemma;
};

// The place an adjective derives from: one the article names with that
// adjective («Томская область» for «томские») or by the adjective's stem
// («Томск» for «томский»), else the list's place, else a place of the
// dictionary named by the stem. Empty when none is found.
std::string PlaceOfAdjective(const morph::DocView& d, const std::string& lemma,
                             const std::vector<EntityFact>& locations) {
  // The place's name the adjective's stem may be: «томский» -> «томск»
  // (Томск), «нью-йоркский» -> «нью-йорк» (Нью-Йорк).
  std::vector<std::string> stems;
  for (std::string_view suffix : {"ский", "цкий"}) {
    if (!lemma.ends_with(suffix) || lemma.size() < suffix.size() + 4) continue;
    stems.push_back(lemma.substr(0, lemma.size() - std::string_view("ий").size()));
    stems.push_back(lemma.substr(0, lemma.size() - suffix.size()));
  }
  for (const EntityFact& place : locations) {
    if (place.mentions.empty() || place.mentions.front().derived) continue;
    const TokenSpan first = place.mentions.front().tokens;
    if (AdjectiveLemma(d, first.begin) == lemma ||
        std::find(stems.begin(), stems.end(), text::MatchKey(place.name)) != stems.end())
      return place.name;
  }
  for (const auto& [adjective, name] : kPlaceOfAdjective) {
    if (adjective != lemma) continue;
    std::string place(name);
    std::replace(place.begin(), place.end(), '_', ' ');
    return place;
  }
  // A place the dictionary itself knows (not a guess from the ending).
  for (const std::string& stem : stems) {
    std::u32string capitalized = text::DecodeUtf8(stem);
    capitalized[0] = text::ToUpper(capitalized[0]);
    const std::string word = text::EncodeUtf8(capitalized);
    morph::ParseList parses;
    d.analyzer.Analyze(word, &parses);
    for (const morph::Parse& p : parses) {
      const morph::Grammemes g = d.analyzer.TagGrammemes(p.tag);
      if (p.method == morph::Method::kDictionary && g.Has(d.ids().noun) &&
          morph::HasGrammeme(g, d.ids().geox))
        return word;
    }
  }
  return "";
}

// «(программы развития) Передовой инженерной школы | Заречный
// государственный университет (подписал…)»: NER ran two organizations
// together. Does a second name start at `t` of the organization [begin,
// end)? It does at a word with a capital after one without, which may be in
// the nominative but not in the genitive (a name's genitive dependent,
// «Министерство иностранных дел Российской Федерации», may not), where
// both parts have a noun.
bool StartsAnotherName(const morph::DocView& d, uint32_t begin, uint32_t t, uint32_t end) {
  const Doc& doc = d.doc;
  const morph::GrammemeIds& ids = d.ids();
  const Token& word = doc.tokens[t];
  const Token& before = doc.tokens[t - 1];
  if (word.kind != TokenKind::kWord || !word.Has(token_flags::kUpperFirst) ||
      word.Has(token_flags::kAllUpper) || before.kind != TokenKind::kWord ||
      !before.Has(token_flags::kLowerFirst))
    return false;
  const int nominative = ids.cases[0], genitive = ids.cases[1];
  if (!HasParseWith(d, t, {nominative}) || HasParseWith(d, t, {genitive})) return false;
  auto has_noun = [&](uint32_t from, uint32_t to) {
    for (uint32_t w = from; w < to; ++w)
      if (doc.tokens[w].kind == TokenKind::kWord && d.morphology.ParseCount(w) > 0 &&
          d.TagOf(d.morphology.first[w]).Has(ids.noun))
        return true;
    return false;
  };
  return has_noun(begin, t) && has_noun(t, end);
}

// The match key of what tokens `range` say as written.
std::string WrittenKey(const Doc& doc, const TokenSpan& range) {
  return text::MatchKey(
      doc.text().substr(doc.tokens[range.begin].begin,
                        doc.tokens[range.end - 1].end - doc.tokens[range.begin].begin));
}

}  // namespace

// The words of a phrase (spaces between them).
std::vector<std::string_view> Words(std::string_view phrase) {
  std::vector<std::string_view> words;
  for (size_t start = 0; start <= phrase.size();) {
    size_t end = phrase.find(' ', start);
    if (end == std::string_view::npos) end = phrase.size();
    if (end > start) words.push_back(phrase.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// «министр иностранных дел» -> «министр».
std::string FirstWord(const std::string& phrase) {
  return phrase.substr(0, phrase.find(' '));
}

bool IsAbbreviationToken(const Doc& doc, const TokenSpan& r) {
  if (r.end != r.begin + 1) return false;
  const Token& t = doc.tokens[r.begin];
  return t.Has(token_flags::kAllUpper) && text::CountCodePoints(doc.TextOf(t)) >= 2;
}

// «японское», «полиция»: corpora tag such words as places and organizations,
// but a panel lists names, and a name has a capital, a digit or a quote.
bool LooksLikeName(const Doc& doc, const TokenSpan& r) {
  for (uint32_t t = r.begin; t < r.end; ++t)
    if (!doc.tokens[t].Has(token_flags::kLowerFirst)) return true;
  return false;
}

// Whether some parse of word `t` has one of the grammemes `ids`.
bool HasParseWith(const morph::DocView& d, uint32_t t, std::initializer_list<int> ids) {
  for (uint32_t i = d.morphology.first[t]; i < d.morphology.first[t + 1]; ++i) {
    const morph::Grammemes g = d.TagOf(i);
    for (int id : ids)
      if (morph::HasGrammeme(g, id)) return true;
  }
  return false;
}

// «Лермонтовскую премию», «томские производители», «Американские и
// северные гости»: one word that is an adjective of the common noun after it
// (past other adjectives, commas and «и»), agreeing with it in case and
// number, names no person and no place («реки Светлой» does).
bool IsAdjectiveOfNextNoun(const morph::DocView& d, const TokenSpan& r) {
  const Doc& doc = d.doc;
  const morph::GrammemeIds& ids = d.ids();
  if (r.end != r.begin + 1) return false;
  auto agrees = [&](uint32_t adjective, uint32_t noun) {
    for (uint32_t i = d.morphology.first[adjective]; i < d.morphology.first[adjective + 1]; ++i) {
      const morph::Grammemes a = d.TagOf(i);
      if (!a.Has(ids.adjf)) continue;
      for (uint32_t j = d.morphology.first[noun]; j < d.morphology.first[noun + 1]; ++j) {
        const morph::Grammemes n = d.TagOf(j);
        bool same = n.Has(ids.noun) && a.Has(ids.plur) == n.Has(ids.plur);
        for (int c : ids.cases) same &= c < 0 || a.Has(c) == n.Has(c);
        if (same) return true;
      }
    }
    return false;
  };
  for (uint32_t t = r.end; t < doc.tokens.size() && t < r.end + 6; ++t) {
    const Token& token = doc.tokens[t];
    const std::string_view s = doc.TextOf(token);
    if (s == "," || s == "и") continue;
    if (token.kind != TokenKind::kWord || !token.Has(token_flags::kLowerFirst) ||
        d.morphology.ParseCount(t) == 0)
      return false;
    const morph::Grammemes best = d.TagOf(d.morphology.first[t]);  // «в» is no noun
    if (best.Has(ids.noun)) return agrees(r.begin, t);
    if (!best.Has(ids.adjf)) return false;
  }
  return false;
}

// The name of an organization or a place in the nominative, with a capital:
// «комитета по бюджету Заречной областной думы» -> «Комитет по бюджету
// Заречной областной думы».
std::string EntityName(const morph::DocView& d, const TokenSpan& range) {
  std::string name = NominativePhrase(d, range);
  std::u32string first = text::DecodeUtf8(FirstWord(name));
  if (first.empty() || !text::IsLower(first[0])) return name;
  first[0] = text::ToUpper(first[0]);
  return text::EncodeUtf8(first) + name.substr(FirstWord(name).size());
}

// Adds the mention `range` to the entity of `list` with its nominative,
// creating the entity when it is the first.
void EntityIndex::Add(const morph::DocView& d, const TokenSpan& range) {
  for (; indexed_ < list_->size(); ++indexed_)
    by_key_.emplace(text::MatchKey((*list_)[indexed_].name), indexed_);
  std::string normal = EntityName(d, range);
  const auto [entry, is_new] = by_key_.emplace(text::MatchKey(normal), list_->size());
  if (is_new) {
    list_->push_back({normal, "", {}});
    ++indexed_;
  }
  (*list_)[entry->second].mentions.push_back({range, std::move(normal)});
}

// Organizations (type `org`) and places (`loc`), grouped by their
// nominative, into *organizations and *locations; a place's adjective is a
// derived mention of the place it names, left out when there is none.
// Returns the ranges of all of them, names or not: they still split a
// position into title and organization.
std::vector<TokenSpan> CollectEntities(const morph::DocView& d, const ner::Annotations& found,
                                       int org, int loc, std::vector<EntityFact>* organizations,
                                       std::vector<EntityFact>* locations) {
  std::vector<TokenSpan> entity_ranges;
  std::vector<PlaceAdjective> adjectives;
  std::vector<ner::Span> spans;  // organizations cut where the next begins
  EntityIndex organization_index(organizations), location_index(locations);
  for (const ner::Span& span : found.entities) {
    if (span.type != org) {
      spans.push_back(span);
      continue;
    }
    uint32_t begin = span.begin;
    for (uint32_t t = span.begin + 1; t < span.end; ++t)
      if (StartsAnotherName(d, begin, t, span.end)) {
        spans.push_back({begin, t, span.type});
        begin = t;
      }
    spans.push_back({begin, span.end, span.type});
  }
  for (const ner::Span& span : spans) {
    if (span.type != org && span.type != loc) continue;
    const TokenSpan range{span.begin, span.end};
    entity_ranges.push_back(range);
    // («реки Светлой», «в Северном»: an adjective with a capital and no noun
    // after it is a name.)
    if (span.type == loc && range.end == range.begin + 1 &&
        (!d.doc.tokens[range.begin].Has(token_flags::kUpperFirst) ||
         IsAdjectiveOfNextNoun(d, range))) {
      std::string lemma = AdjectiveLemma(d, range.begin);
      if (!lemma.empty()) {
        adjectives.push_back({range, std::move(lemma)});
        continue;
      }
    }
    if (LooksLikeName(d.doc, range))
      (span.type == org ? organization_index : location_index).Add(d, range);
  }
  // Each adjective's place by name (the first of the name); its mention goes
  // in order of position (PlaceOfAdjective reads each place's first).
  std::unordered_map<std::string, size_t> place_by_name;
  for (size_t i = 0; i < locations->size(); ++i) place_by_name.emplace((*locations)[i].name, i);
  for (const PlaceAdjective& adjective : adjectives) {
    const std::string place = PlaceOfAdjective(d, adjective.lemma, *locations);
    if (place.empty()) continue;
    const auto [same, is_new] = place_by_name.emplace(place, locations->size());
    if (is_new) locations->push_back({place, "", {}});
    std::vector<MentionFact>& mentions = (*locations)[same->second].mentions;
    const auto after = std::upper_bound(
        mentions.begin(), mentions.end(), adjective.range.begin,
        [](uint32_t begin, const MentionFact& m) { return begin < m.tokens.begin; });
    mentions.insert(after, {adjective.range, place, /*derived=*/true});
  }
  return entity_ranges;
}

// «клуб «Бранц»» and «игроки «Бранца»»: a name written in the nominative
// somewhere in the article is what its other forms end in, not a guess from
// their ending («Бранец»). An entity none of whose mentions is written as
// its name joins one that has such a mention, when each of its mentions is
// written as that name and at most two more letters. Adds to *renamed the
// variants' names, each with the name it became.
void MergeEndingVariants(const Doc& doc, std::vector<EntityFact>* list,
                         std::map<std::string, std::string>* renamed) {
  // The match keys of each entity's name and mentions, computed once (not
  // per pair: an article may name thousands). They stay right throughout:
  // only an entity written as its name gains mentions here, and only one
  // that is not loses them.
  struct Keys {
    std::string name;
    size_t name_chars = 0;
    bool written_as_name = false;
    std::vector<std::pair<std::string, size_t>> mentions;  // key, its code points
  };
  std::vector<Keys> keys(list->size());
  for (size_t e = 0; e < list->size(); ++e) {
    Keys& k = keys[e];
    k.name = text::MatchKey((*list)[e].name);
    k.name_chars = text::CountCodePoints(k.name);
    for (const MentionFact& m : (*list)[e].mentions) {
      std::string written = WrittenKey(doc, m.tokens);
      k.written_as_name |= !m.derived && written == k.name;
      const size_t chars = text::CountCodePoints(written);
      k.mentions.emplace_back(std::move(written), chars);
    }
  }
  for (size_t v = 0; v < list->size(); ++v) {
    EntityFact& variant = (*list)[v];
    if (variant.mentions.empty() || keys[v].written_as_name) continue;
    for (size_t n = 0; n < list->size(); ++n) {
      EntityFact& name = (*list)[n];
      if (n == v || name.mentions.empty() || !keys[n].written_as_name) continue;
      const Keys& key = keys[n];
      bool ends_differ = true;
      for (size_t i = 0; i < variant.mentions.size() && ends_differ; ++i) {
        const auto& [written, chars] = keys[v].mentions[i];
        ends_differ = !variant.mentions[i].derived && written.starts_with(key.name) &&
                      chars <= key.name_chars + 2;
      }
      if (!ends_differ) continue;
      (*renamed)[variant.name] = name.name;
      for (MentionFact& m : variant.mentions) {
        m.normal = name.name;
        name.mentions.push_back(std::move(m));
      }
      std::sort(name.mentions.begin(), name.mentions.end(),
                [](const MentionFact& x, const MentionFact& y) {
                  return x.tokens.begin < y.tokens.begin;
                });
      variant.mentions.clear();
      break;
    }
  }
  std::erase_if(*list, [](const EntityFact& e) { return e.mentions.empty(); });
}

// «ТУСУР» and its full name are one organization: the abbreviation's
// mentions join the full name's.
void MergeAbbreviations(const Doc& doc, std::vector<EntityFact>* organizations) {
  std::vector<EntityFact>& orgs = *organizations;
  std::vector<AbbreviationKeys> keys;  // per organization, its name never changing here
  for (const EntityFact& org : orgs) keys.push_back(AbbreviationKeysOf(org.name));
  for (size_t a = 0; a < orgs.size(); ++a) {
    EntityFact& abbr = orgs[a];
    if (abbr.mentions.empty() || !IsAbbreviationToken(doc, abbr.mentions[0].tokens)) continue;
    for (size_t f = 0; f < orgs.size(); ++f) {
      EntityFact& full = orgs[f];
      if (f == a || full.mentions.empty() || !full.abbr.empty() ||
          !AbbreviationOf(keys[a], keys[f]))
        continue;
      full.abbr = abbr.name;
      for (MentionFact& m : abbr.mentions) full.mentions.push_back(std::move(m));
      std::sort(full.mentions.begin(), full.mentions.end(),
                [](const MentionFact& x, const MentionFact& y) {
                  return x.tokens.begin < y.tokens.begin;
                });
      abbr.mentions.clear();
      break;
    }
  }
  std::erase_if(orgs, [](const EntityFact& e) { return e.mentions.empty(); });
}

}  // namespace kto::facts::internal
