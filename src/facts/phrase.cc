#include "kto/facts/phrase.h"

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <vector>

#include "kto/text/normalize.h"

namespace kto::facts {
namespace {

using Ids = morph::GrammemeIds;

bool Has(const morph::Grammemes& g, int id) {
  return morph::HasGrammeme(g, id);
}

std::optional<names::Case> CaseOf(const Ids& ids, const morph::Grammemes& g) {
  for (int c = 0; c < names::kCaseCount; ++c)
    if (Has(g, ids.cases[c])) return static_cast<names::Case>(c);
  return std::nullopt;
}

std::string Join(const Doc& doc, uint32_t begin, uint32_t end,
                 const std::vector<std::string>& words) {
  std::string out;
  for (uint32_t t = begin; t < end; ++t) {
    if (t > begin)
      out += doc.text().substr(doc.tokens[t - 1].end, doc.tokens[t].begin - doc.tokens[t - 1].end);
    out += words[t - begin];
  }
  return out;
}

// A phrase of adjectives only, its noun left out («реку Светлую» tagged as
// «Светлую»): each adjective in the nominative of its own gender and number.
std::string AdjectivesInNominative(const morph::DocView& d, uint32_t begin, uint32_t end) {
  const Ids& ids = d.ids();
  const morph::DocMorphology& morphology = d.morphology;
  std::vector<std::string> words;
  for (uint32_t t = begin; t < end; ++t) {
    const std::string_view written = d.doc.TextOf(d.doc.tokens[t]);
    std::string word(written);
    // A word already in the nominative stays («городской», not «городская»
    // from its genitive reading); else a singular reading first:
    // «исполняющим» is «исполняющий», not «исполняющие».
    bool nominative_already = false;
    for (uint32_t i = morphology.first[t]; i < morphology.first[t + 1]; ++i) {
      const morph::Grammemes g = d.TagOf(i);
      nominative_already |= (Has(g, ids.adjf) || Has(g, ids.prtf)) && Has(g, ids.cases[0]);
    }
    for (const bool singular : {true, false}) {
      if (nominative_already) break;
      for (uint32_t i = morphology.first[t]; i < morphology.first[t + 1] && word == written; ++i) {
        const morph::Grammemes g = d.TagOf(i);
        if (!(Has(g, ids.adjf) || Has(g, ids.prtf)) || Has(g, ids.sing) != singular) continue;
        morph::Grammemes nominative;
        nominative.Set(ids.cases[0]);
        if (auto form = d.analyzer.Inflect(morphology.parses, morphology.parses[i], nominative))
          word = text::CopyCase(form->word, written);
      }
    }
    words.push_back(std::move(word));
  }
  return Join(d.doc, begin, end, words);
}

constexpr uint32_t kNoHead = UINT32_MAX;

bool AnyParse(const morph::DocView& d, uint32_t t,
              const std::function<bool(const morph::Grammemes&)>& predicate) {
  for (uint32_t i = d.morphology.first[t]; i < d.morphology.first[t + 1]; ++i)
    if (predicate(d.TagOf(i))) return true;
  return false;
}

// The first noun of [begin, end) with only adjectives or participles before
// it; a word that may be either («рабочий», «учёный») is the head unless a
// noun follows it — or unless its noun reading is the likelier («главой
// федерации»: «глава», not an adjective «главый»). With `past_adjectives`,
// nor is such a word followed by an adjective that agrees with it
// («Верхнеозёрского машиностроительного (завода)»: a guessed surname reading
// of the first word is no head). `end` when all are adjectives; kNoHead when
// some word is neither (or not a word).
uint32_t FindHead(const morph::DocView& d, uint32_t begin, uint32_t end, bool past_adjectives) {
  const Ids& ids = d.ids();
  auto is_noun = [&](uint32_t t) {
    return AnyParse(d, t, [&](const morph::Grammemes& g) { return Has(g, ids.noun); });
  };
  // An adjective reading at least as likely as any noun reading.
  auto is_adjective = [&](uint32_t t) {
    double adjective = -1, noun = -1;
    for (uint32_t i = d.morphology.first[t]; i < d.morphology.first[t + 1]; ++i) {
      const morph::Grammemes g = d.TagOf(i);
      const double score = d.morphology.parses[i].score;
      if (Has(g, ids.adjf) || Has(g, ids.prtf)) adjective = std::max(adjective, score);
      if (Has(g, ids.noun)) noun = std::max(noun, score);
    }
    return adjective >= 0 && adjective >= noun;
  };
  // Adjective readings of t and t + 1 in one case and number.
  auto agreeing_adjectives = [&](uint32_t t) {
    auto adjectives = [&](uint32_t w, const std::function<bool(const morph::Grammemes&)>& also) {
      return AnyParse(d, w, [&](const morph::Grammemes& g) {
        return (Has(g, ids.adjf) || Has(g, ids.prtf)) && also(g);
      });
    };
    return adjectives(t, [&](const morph::Grammemes& a) {
      return adjectives(t + 1, [&](const morph::Grammemes& b) {
        return CaseOf(ids, a) == CaseOf(ids, b) && Has(a, ids.plur) == Has(b, ids.plur);
      });
    });
  };
  for (uint32_t t = begin; t < end; ++t) {
    if (d.doc.tokens[t].kind != TokenKind::kWord) return kNoHead;
    const bool noun = is_noun(t), adjective = is_adjective(t);
    if (noun &&
        !(adjective && t + 1 < end &&
          (is_noun(t + 1) || (past_adjectives && is_adjective(t + 1) && agreeing_adjectives(t)))))
      return t;
    if (!noun && !adjective) return kNoHead;
  }
  return end;
}

// The text of tokens [begin, end), as written.
std::string Written(const Doc& doc, uint32_t begin, uint32_t end) {
  return std::string(doc.text().substr(doc.tokens[begin].begin,
                                       doc.tokens[end - 1].end - doc.tokens[begin].begin));
}

// A name in quotes and nothing else («Газпрома»): the name inside in the
// nominative, in its quotes; nullopt for any other phrase.
std::optional<std::string> QuotedNameInNominative(const morph::DocView& d, uint32_t begin,
                                                  uint32_t end, Describes describes) {
  const Doc& doc = d.doc;
  auto is = [&](uint32_t t, std::initializer_list<std::string_view> marks) {
    const std::string_view s = doc.TextOf(doc.tokens[t]);
    return std::find(marks.begin(), marks.end(), s) != marks.end();
  };
  if (end - begin < 3 || !is(begin, {"«", "\"", "“", "„"}) || !is(end - 1, {"»", "\"", "”", "“"}))
    return std::nullopt;
  for (uint32_t t = begin + 1; t + 1 < end; ++t)
    if (is(t, {"«", "»", "\"", "“", "”", "„"})) return std::nullopt;
  const std::string_view text = doc.text();
  return std::string(text.substr(doc.tokens[begin].begin,
                                 doc.tokens[begin + 1].begin - doc.tokens[begin].begin)) +
         NominativePhrase(d, {begin + 1, end - 1}, describes) +
         std::string(text.substr(doc.tokens[end - 2].end,
                                 doc.tokens[end - 1].end - doc.tokens[end - 2].end));
}

// The gender grammeme of a singular reading; -1 for a noun of either gender
// or none.
int GenderOf(const Ids& ids, const morph::Grammemes& g) {
  if (Has(g, ids.ms_f)) return -1;
  return Has(g, ids.masc)   ? ids.masc
         : Has(g, ids.femn) ? ids.femn
         : Has(g, ids.neut) ? ids.neut
                            : -1;
}

// Does a reading of word t agree with the head's noun reading g: case,
// number and, in the singular, gender?
bool Agrees(const morph::DocView& d, uint32_t t, const morph::Grammemes& g) {
  const Ids& ids = d.ids();
  if (Has(g, ids.fixd)) return true;
  const std::optional<names::Case> c = CaseOf(ids, g);
  const int gender = Has(g, ids.plur) ? -1 : GenderOf(ids, g);
  for (uint32_t k = d.morphology.first[t]; k < d.morphology.first[t + 1]; ++k) {
    const morph::Grammemes a = d.TagOf(k);
    if (CaseOf(ids, a) == c && Has(a, ids.plur) == Has(g, ids.plur) &&
        (gender < 0 || GenderOf(ids, a) < 0 || GenderOf(ids, a) == gender))
      return true;
  }
  return false;
}

// The head's parse: a noun parse whose case (and gender, in the singular)
// all the adjectives before it share; of those, for one person's post an
// animate one («премьера» of a post is «премьер»); for a capitalized head
// a proper name's («Киев», not the genitive plural of «кий»), except in a
// post, capitalized where it starts a sentence («Королева»: not
// «Королёв»); then a
// dictionary one whose lemma is the word as written («море», not «мор»);
// then, among guesses from the ending, the lemma most of the noun guesses
// share («Северии»: more «Северия» than «Северие»); else the likeliest. A
// guessed plural of a capitalized word is no name's («Маастрихт» is not
// «маастрихты»). Null when no noun parse agrees.
const morph::Parse* ChooseHeadParse(const morph::DocView& d, uint32_t begin, uint32_t head,
                                    Describes describes) {
  const Ids& ids = d.ids();
  const morph::ParseList& parses = d.morphology.parses;
  const uint32_t first = d.morphology.first[head], last = d.morphology.first[head + 1];
  const bool capitalized = d.doc.tokens[head].Has(token_flags::kUpperFirst);
  const std::string head_key = text::MatchKey(d.doc.TextOf(d.doc.tokens[head]));
  auto lemma_mass = [&](std::string_view lemma) {
    double mass = 0;
    for (uint32_t i = first; i < last; ++i)
      if (parses.Lemma(i) == lemma && Has(d.TagOf(i), ids.noun)) mass += parses[i].score;
    return mass;
  };
  const morph::Parse* head_parse = nullptr;
  std::array<double, 4> best_rank{};
  for (uint32_t i = first; i < last; ++i) {
    const morph::Grammemes g = d.TagOf(i);
    if (!Has(g, ids.noun)) continue;
    const bool guessed = parses[i].method != morph::Method::kDictionary;
    if (capitalized && guessed && Has(g, ids.plur)) continue;
    // A name keeps its double letters: a dictionary word reached by merging
    // them is another word.
    if (capitalized && parses[i].stutter > 0) continue;
    // «Озёрска» is no abbreviation: a guess of one for a word not in
    // capitals is the ending's accident.
    if (guessed && Has(g, ids.abbr) && !d.doc.tokens[head].Has(token_flags::kAllUpper)) continue;
    bool agree = true;
    for (uint32_t t = begin; t < head && agree; ++t) agree = Agrees(d, t, g);
    if (!agree) continue;
    bool proper = false;
    for (int tag : {ids.geox, ids.orgn, ids.name, ids.surn, ids.abbr}) proper |= Has(g, tag);
    const std::array<double, 4> rank = {
        describes == Describes::kOnePerson && Has(g, ids.anim) ? 1.0 : 0.0,
        capitalized && proper && describes != Describes::kOnePerson ? 1.0 : 0.0,
        !guessed && parses.Lemma(i) == head_key ? 1.0 : 0.0,
        guessed ? lemma_mass(parses.Lemma(i)) : 0.0};
    if (head_parse == nullptr || rank > best_rank) {
      head_parse = &parses[i];
      best_rank = rank;
    }
  }
  return head_parse;
}

// A post whose noun does not agree with the words before it: the last
// word that agrees with none of its readings heads the phrase, a
// participle or adjective standing for a noun, and what follows depends on
// it («исполняющим обязанности» -> «исполняющий обязанности», «ведущего
// популярной передачи» -> «ведущий популярной передачи»). Empty when every
// word agrees with some reading.
std::string PostHeadedByAdjective(const morph::DocView& d, uint32_t begin, uint32_t head,
                                  uint32_t end) {
  const Doc& doc = d.doc;
  uint32_t last = head;  // the last word before the noun that agrees with none of its readings
  for (uint32_t t = begin; t < head; ++t) {
    bool any = false;
    for (uint32_t i = d.morphology.first[head]; i < d.morphology.first[head + 1] && !any; ++i) {
      const morph::Grammemes g = d.TagOf(i);
      any = Has(g, d.ids().noun) && Agrees(d, t, g);
    }
    if (!any) last = t;
  }
  if (last == head) return {};
  return AdjectivesInNominative(d, begin, last + 1) +
         std::string(doc.text().substr(doc.tokens[last].end,
                                       doc.tokens[end - 1].end - doc.tokens[last].end));
}

// The phrase with its head in `head_form` (nominative and a number) by
// `head_parse`, and the adjectives before it that agree with it in the same
// form; everything after the head as written.
std::string InflectAroundHead(const morph::DocView& d, uint32_t begin, uint32_t head, uint32_t end,
                              const morph::Parse& head_parse, const morph::Grammemes& head_form) {
  const Ids& ids = d.ids();
  const morph::ParseList& parses = d.morphology.parses;
  const morph::Grammemes head_tag = d.analyzer.TagGrammemes(head_parse.tag);
  const std::optional<names::Case> head_case = CaseOf(ids, head_tag);
  const bool plural = Has(head_form, ids.plur);
  std::vector<std::string> words(end - begin);
  for (uint32_t t = begin; t < end; ++t)
    words[t - begin] = std::string(d.doc.TextOf(d.doc.tokens[t]));
  if (auto form = d.analyzer.Inflect(parses, head_parse, head_form))
    words[head - begin] = text::CopyCase(form->word, words[head - begin]);
  // «федерального судьи» -> «федеральный судья»: beside a noun of either
  // gender, an adjective keeps its own, a person's (not the neuter).
  const bool either_gender = !plural && Has(head_tag, ids.ms_f);
  for (uint32_t t = begin; t < head; ++t) {
    for (uint32_t k = d.morphology.first[t]; k < d.morphology.first[t + 1]; ++k) {
      const morph::Grammemes g = d.TagOf(k);
      if (!(Has(g, ids.adjf) || Has(g, ids.prtf)) || CaseOf(ids, g) != head_case) continue;
      morph::Grammemes adjective_form = head_form;
      if (!plural) {
        for (int gender : {ids.masc, ids.femn, ids.neut})
          if (Has(either_gender ? g : head_tag, gender)) adjective_form.Set(gender);
        if (either_gender && Has(g, ids.neut)) continue;
      }
      if (auto form = d.analyzer.Inflect(parses, parses[k], adjective_form)) {
        words[t - begin] = text::CopyCase(form->word, words[t - begin]);
        break;
      }
    }
  }
  return Join(d.doc, begin, end, words);
}

}  // namespace

SpanGrammar HeadGrammar(const morph::DocView& d, TokenSpan phrase) {
  SpanGrammar grammar;
  const uint32_t begin = phrase.begin;
  const uint32_t end = std::min<uint32_t>(phrase.end, static_cast<uint32_t>(d.doc.tokens.size()));
  if (begin >= end) return grammar;
  const Ids& ids = d.ids();
  // (The heads the pair scorer was trained with: not past adjectives.)
  const uint32_t head = FindHead(d, begin, end, /*past_adjectives=*/false);
  if (head == kNoHead || head == end) return grammar;
  grammar.head = head;
  names::CaseSet cases = 0;
  bool all_plural = true, masculine = false, feminine = false, either = false;
  for (uint32_t i = d.morphology.first[head]; i < d.morphology.first[head + 1]; ++i) {
    const morph::Grammemes g = d.TagOf(i);
    if (!Has(g, ids.noun)) continue;
    if (Has(g, ids.fixd)) cases = names::kAnyCase;
    if (const auto c = CaseOf(ids, g)) cases |= names::CaseBit(*c);
    all_plural &= Has(g, ids.plur);
    masculine |= Has(g, ids.masc);
    feminine |= Has(g, ids.femn);
    either |= Has(g, ids.ms_f);
  }
  if (cases != 0) grammar.cases = cases;
  grammar.plural = all_plural;
  // (A plural's is the group's: «писатели» are women too.)
  if (!either && !all_plural && masculine != feminine)
    grammar.gender = masculine ? names::Gender::kMale : names::Gender::kFemale;
  return grammar;
}

std::string NominativePhrase(const morph::DocView& d, TokenSpan phrase, Describes describes) {
  const uint32_t begin = phrase.begin;
  const uint32_t end = std::min<uint32_t>(phrase.end, static_cast<uint32_t>(d.doc.tokens.size()));
  if (begin >= end) return {};
  const std::string written = Written(d.doc, begin, end);
  if (auto quoted = QuotedNameInNominative(d, begin, end, describes)) return *quoted;
  if (d.doc.tokens[begin].kind != TokenKind::kWord) return written;  // «…», numbers
  const Ids& ids = d.ids();

  // The head: the first noun with only adjectives (or participles) before it.
  const uint32_t head = FindHead(d, begin, end, /*past_adjectives=*/true);
  if (head == kNoHead) return written;
  if (head == end) return AdjectivesInNominative(d, begin, end);
  const morph::Parse* head_parse = ChooseHeadParse(d, begin, head, describes);
  // (In names of places and organizations, gaps in the dictionary are
  // likelier than a participle standing for a noun: «на Лазурном берегу».)
  if (head_parse == nullptr && describes == Describes::kOnePerson) {
    std::string post = PostHeadedByAdjective(d, begin, head, end);
    return post.empty() ? written : post;
  }
  if (head_parse == nullptr) return written;
  const morph::Grammemes head_tag = d.analyzer.TagGrammemes(head_parse->tag);
  const bool to_singular = describes == Describes::kOnePerson && Has(head_tag, ids.plur);
  if (Has(head_tag, ids.fixd) ||
      (CaseOf(ids, head_tag) == names::Case::kNominative && !to_singular))
    return written;  // already nominative

  // Required grammemes: nominative, the head's number (or the singular), and
  // for adjectives in the singular the head's gender, which a noun keeps in
  // every form.
  morph::Grammemes head_form;
  head_form.Set(ids.cases[0]);
  head_form.Set(Has(head_tag, ids.plur) && !to_singular ? ids.plur : ids.sing);
  return InflectAroundHead(d, begin, head, end, *head_parse, head_form);
}

}  // namespace kto::facts
