#include "kto/names/person_name.h"

#include <algorithm>
#include <array>
#include <set>
#include <span>
#include <vector>

#include "east_asian.h"
#include "kto/text/normalize.h"
#include "kto/text/utf8.h"

namespace kto::names {
namespace {

enum Role : uint8_t { kFirst, kPatronymic, kSurname, kRoleCount };
constexpr NamePart kPartOf[kRoleCount] = {NamePart::kFirstName, NamePart::kPatronymic,
                                          NamePart::kSurname};

// Genders as bits, so a reading can allow both.
constexpr uint8_t kMale = 1, kFemale = 2, kBothGenders = 3;
uint8_t GenderBits(Gender g) {
  return g == Gender::kMale ? kMale : g == Gender::kFemale ? kFemale : kBothGenders;
}

// Forms of address (match keys) that tell a name's gender.
constexpr auto kWomanAddress = std::to_array<std::string_view>(
    {"миссис", "мисс", "госпожа", "госпожи", "госпоже", "госпожу", "госпожой", "мадам", "леди",
     "фрау", "сеньора", "синьора", "пани"});
constexpr auto kManAddress = std::to_array<std::string_view>(
    {"мистер",    "мистера",    "мистеру",   "мистером", "мистере", "господин", "господина",
     "господину", "господином", "господине", "сэр",      "сэра",    "месье",    "мсье",
     "герр",      "сеньор",     "синьор",    "пан",      "пана",    "пану",     "паном"});

// One way a word can fill a role: from a dictionary parse, or from rules.
struct Reading {
  Role role = kSurname;
  CaseSet cases = 0;
  uint8_t genders = 0;  // kMale | kFemale
  bool plural = false;
  double score = 0;
  const morph::Parse* parse = nullptr;  // a dictionary reading
  std::string nominative;               // a rule reading: its nominative, lower case
};

struct Word {
  uint32_t token = 0;
  std::string text;  // as written; a headline's «КЕДРОВА» as «Кедрова»
  std::vector<Reading> readings;
};

// ---------------------------------------------------------------- strings

// «II», «XIV»: a regnal number.
bool IsRomanNumeral(std::string_view word) {
  return !word.empty() && word.size() <= 6 &&
         word.find_first_not_of("IVXLC") == std::string_view::npos;
}

std::string LowerUtf8(std::string_view s) {
  return text::MatchKey(s, {.lowercase = true, .fold_yo = false});
}

// A word token as a name is written: a headline's «КЕДРОВА» as «Кедрова».
std::string WrittenAsName(const Doc& doc, const Token& token) {
  const std::string_view text = doc.TextOf(token);
  if (token.Has(token_flags::kAllUpper))
    if (std::string as_name = text::CapitalsAsName(text); !as_name.empty()) return as_name;
  return std::string(text);
}

bool StartsSentence(const Doc& doc, uint32_t token) {
  if (token == 0) return true;
  for (const Sentence& sentence : doc.sentences)
    if (sentence.begin == token) return true;
  return false;
}

// How typical a nominative is for a name of this role and gender, part by
// part across hyphens. Rule-based guesses are many («Кедровым» may come from
// «Кедров» or «Кедровой»; «Кедрова» is a woman's nominative or a man's
// genitive; «Мирны» a nominative or the genitive of «Мирна»); the typical
// nominatives win.
double NominativeWeight(std::string_view nominative, Role role, uint8_t gender) {
  static constexpr std::string_view kMaleSurname[] = {"ов", "ев", "ёв", "ин", "ын", "ский", "цкий"};
  static constexpr std::string_view kFemaleSurname[] = {"ова", "ева",  "ёва", "ина",
                                                        "ына", "ская", "цкая"};
  // Endings of oblique cases, rare at the end of a nominative.
  static constexpr std::string_view kOblique[] = {"ы",   "ой",  "ом",  "ем",  "ым",  "им",  "ого",
                                                  "его", "ому", "ему", "ую",  "ами", "ями", "ах",
                                                  "ях",  "ою",  "ею",  "ией", "ьей"};
  static constexpr std::u32string_view kVowels = U"аеёиоуыэюя";
  double weight = 1.0;
  size_t start = 0;
  while (start <= nominative.size()) {
    const size_t end = std::min(nominative.find('-', start), nominative.size());
    const std::string_view part = nominative.substr(start, end - start);
    start = end + 1;
    bool oblique = false;
    for (std::string_view e : kOblique) oblique |= part.ends_with(e);
    if (oblique) {
      weight *= 0.3;
      continue;
    }
    if (role != kSurname || part.empty()) continue;
    bool typical = false;
    for (std::string_view e : gender == kMale ? std::span(kMaleSurname) : std::span(kFemaleSurname))
      typical |= part.ends_with(e);
    const std::u32string u = text::DecodeUtf8(part);
    const bool vowel_end = kVowels.find(u.back()) != std::u32string_view::npos;
    // Men's surnames end in a consonant («Новак»), women's foreign ones too
    // («Вестагер»); a woman's «-а» that is not «-ова», «-ина» is rarer.
    if (!typical) weight *= gender == kMale ? (vowel_end ? 0.4 : 0.7) : (vowel_end ? 0.4 : 0.6);
  }
  return weight;
}

// ---------------------------------------------------------------- readings

// Readings from the dictionary's parses tagged Name, Surn or Patr. Returns,
// per role, the genders (kMale, kFemale bits) the dictionary knows the word
// in; 0 when it does not know it in that role.
std::array<uint8_t, kRoleCount> AddDictionaryReadings(const morph::DocView& d, Word* word) {
  const morph::DocMorphology& morphology = d.morphology;
  const morph::GrammemeIds& g = d.ids();
  std::array<uint8_t, kRoleCount> known{};
  for (uint32_t i = morphology.first[word->token]; i < morphology.first[word->token + 1]; ++i) {
    const morph::Parse& p = morphology.parses[i];
    // A name spelled with a double letter is a name of its own: «Маккаррик»
    // is not «Макарик», nor «Ванесса» «Ванес», dictionary words reached by
    // merging the letters.
    if (p.stutter > 0) continue;
    const morph::Grammemes tag = d.TagOf(i);
    if (morph::HasGrammeme(tag, g.init)) continue;
    Reading r;
    if (morph::HasGrammeme(tag, g.patr)) {
      r.role = kPatronymic;
    } else if (morph::HasGrammeme(tag, g.name)) {
      r.role = kFirst;
    } else if (morph::HasGrammeme(tag, g.surn)) {
      r.role = kSurname;
    } else {
      continue;
    }
    if (morph::HasGrammeme(tag, g.fixd)) {
      r.cases = kAnyCase;
    } else {
      for (int c = 0; c < kCaseCount; ++c)
        if (morph::HasGrammeme(tag, g.cases[c])) r.cases |= CaseBit(static_cast<Case>(c));
    }
    if (r.cases == 0) continue;  // vocative and other rare cases
    r.genders = morph::HasGrammeme(tag, g.masc)   ? kMale
                : morph::HasGrammeme(tag, g.femn) ? kFemale
                                                  : kBothGenders;
    r.plural = morph::HasGrammeme(tag, g.plur);
    if (r.plural && r.role != kSurname) continue;  // «Энн» is not the plural of «Энна»
    // An indeclinable reading fits every case, so it proves less than a
    // declinable one that fits the case at hand («Анне»: Anne, or Анна).
    r.score = (0.1 + p.score) * (r.cases == kAnyCase ? 0.5 : 1.0);
    r.parse = &p;
    // A guess from the word's ending is no better than petrovich's rules,
    // which then get their say too.
    if (p.method == morph::Method::kDictionary) {
      known[r.role] |= r.genders;
    } else {
      r.score *= 0.3;
    }
    word->readings.push_back(std::move(r));
  }
  return known;
}

// Petrovich's rules decline; read backwards from an oblique form they may
// give a stem spelling never writes: «ь» after a vowel («Тукаю» -> «тукаь»:
// a man's «Тукай»; no woman's name), after a hissing consonant in a man's
// name («Младичем» -> «младичь», for «Младич») or a woman's «-нь»
// («Мелани» -> «Мелань»). Empty: no such name.
std::string Orthographic(std::string nominative, Gender gender) {
  if (!nominative.ends_with("ь")) return nominative;
  const std::u32string u = text::DecodeUtf8(nominative);
  if (u.size() < 3) return nominative;
  const char32_t before = u[u.size() - 2];
  if (std::u32string_view(U"аеёиоуыэюя").find(before) != std::u32string_view::npos)
    return gender == Gender::kMale ? text::EncodeUtf8(u.substr(0, u.size() - 1) + U'й') : "";
  // «Уитни» is no woman's «Уитнь» (as «Адели» is «Адель»).
  if (gender == Gender::kFemale && before == U'н') return "";
  if (gender == Gender::kMale &&
      std::u32string_view(U"жчшщ").find(before) != std::u32string_view::npos)
    return text::EncodeUtf8(u.substr(0, u.size() - 1));
  return nominative;
}

// Readings from petrovich's rules, for a capitalized word the dictionary does
// not know in `role` in the `genders` (bits): weaker than the dictionary's,
// one per nominative, and times `weight`.
void AddRuleReadings(Role role, uint8_t genders, double weight, const morph::DocView& d,
                     Word* word) {
  const morph::DocMorphology& morphology = d.morphology;
  // Noun lemmas the dictionary guesses from the word's ending: a rule reading
  // that agrees with one of them is likelier («Нисару» -> «нисар»).
  std::set<std::string_view> lemmas;
  for (uint32_t i = morphology.first[word->token]; i < morphology.first[word->token + 1]; ++i)
    if (d.TagOf(i).Has(d.ids().noun)) lemmas.insert(morphology.parses.Lemma(i));
  for (Gender gender : {Gender::kMale, Gender::kFemale}) {
    if ((genders & GenderBits(gender)) == 0) continue;
    const size_t first = word->readings.size();
    for (const NominativeGuess& guess : GuessNominatives(word->text, kPartOf[role], gender)) {
      std::string nominative = Orthographic(LowerUtf8(guess.nominative), gender);
      if (nominative.empty()) continue;
      const CaseSet case_bit = CaseBit(guess.seen_as);
      auto same = std::find_if(word->readings.begin() + first, word->readings.end(),
                               [&](const Reading& r) { return r.nominative == nominative; });
      if (same != word->readings.end()) {
        same->cases |= case_bit;
        continue;
      }
      Reading r;
      r.role = role;
      r.cases = case_bit;
      r.genders = GenderBits(gender);
      r.score =
          weight * (role == kSurname ? 0.2 : 0.1) * NominativeWeight(nominative, role, r.genders);
      if (lemmas.contains(nominative)) r.score *= 2;
      r.nominative = std::move(nominative);
      word->readings.push_back(std::move(r));
    }
  }
}

// «Кедровы», «Кедровых»: a family, for a surname the dictionary does not know.
void AddFamilyReadings(Word* word) {
  const std::string lower = LowerUtf8(word->text);
  for (std::string_view stem_end : {"ов", "ев", "ёв", "ин", "ын"}) {
    // «-ы»: nominative; «-ых»: genitive, accusative, prepositional.
    constexpr CaseSet kPluralCases =
        CaseBit(Case::kGenitive) | CaseBit(Case::kAccusative) | CaseBit(Case::kPrepositional);
    for (auto [ending, cases] :
         {std::pair<std::string_view, CaseSet>{"ы", CaseBit(Case::kNominative)},
          std::pair<std::string_view, CaseSet>{"ых", kPluralCases}}) {
      if (!lower.ends_with(std::string(stem_end) + std::string(ending))) continue;
      Reading r;
      r.role = kSurname;
      r.cases = cases;
      r.genders = kBothGenders;
      r.plural = true;
      r.score = 0.15;
      r.nominative = lower.substr(0, lower.size() - ending.size()) + "ы";
      word->readings.push_back(std::move(r));
    }
  }
}

// ---------------------------------------------------------------- choice

// Role sequences tried for the words of a mention (initials aside), with a
// prior: Имя Фамилия is the commonest order in news.
struct Template {
  std::vector<Role> roles;
  double prior;
};
std::vector<Template> TemplatesFor(size_t words, bool regnal) {
  // «Карл IX», «Иоанн Павел V»: first names before a regnal number.
  if (regnal) return {{std::vector<Role>(words, kFirst), 1.0}};
  switch (words) {
    case 0:
      return {};
    case 1:
      return {{{kSurname}, 1.0}, {{kFirst}, 0.6}};
    case 2:
      return {{{kFirst, kSurname}, 1.0}, {{kSurname, kFirst}, 0.3}, {{kFirst, kPatronymic}, 0.8}};
    case 3:
      return {{{kFirst, kPatronymic, kSurname}, 1.0}, {{kSurname, kFirst, kPatronymic}, 0.8}};
    default: {
      // A long foreign name: the first word, then the surname's words.
      Template t{{kFirst}, 1.0};
      t.roles.resize(words, kSurname);
      return {t};
    }
  }
}

struct Choice {
  double score = 0;
  std::vector<Role> roles;
  int grammatical_case = 0;
  uint8_t gender = 0;
  std::vector<const Reading*> readings;  // per word; null: no reading fits
};

// The template, case and gender that explain every word best; a word with
// no fitting reading costs much but does not veto (an unknown foreign name).
Choice Choose(const std::vector<Word>& words, uint8_t hint, bool certain, CaseSet case_hint,
              bool regnal) {
  Choice best;
  for (const Template& tmpl : TemplatesFor(words.size(), regnal)) {
    for (int c = 0; c < kCaseCount; ++c) {
      for (uint8_t gender : {kMale, kFemale}) {
        Choice choice{tmpl.prior * (gender == kMale ? 0.6 : 0.4), tmpl.roles, c, gender, {}};
        // A case the context rules out: possible still (the hint may come
        // from a phrase that is not in apposition), but unlikely.
        if ((case_hint >> c & 1) == 0) choice.score *= 0.1;
        // A verb agrees with its subject, which stands in the nominative.
        // The hint decides between genders; it must not outweigh the case
        // evidence, since the verb may agree with another subject.
        if (hint != kBothGenders && c == 0) choice.score *= hint == gender ? 1.5 : 0.3;
        // A form of address is not mistaken: «миссис Обама» is a woman,
        // though the dictionary knows «Обама» as a man's surname only.
        if (hint != kBothGenders && certain && hint != gender) choice.score *= 1e-3;
        for (size_t w = 0; w < words.size(); ++w) {
          const Reading* found = nullptr;
          for (const Reading& r : words[w].readings) {
            if (r.role == tmpl.roles[w] && (r.cases >> c & 1) && (r.genders & gender) &&
                (found == nullptr || r.score > found->score))
              found = &r;
          }
          choice.score *= found ? found->score : 1e-4;
          choice.readings.push_back(found);
        }
        if (choice.score > best.score) best = std::move(choice);
      }
    }
  }
  return best;
}

// A word no name reading explains (a group like «американцев» tagged as a
// person, an unknown lower-case word): its likeliest noun parse, in the
// nominative of its own number. Empty when it has no noun parse.
std::string NounNominative(const morph::DocView& d, uint32_t token) {
  const morph::DocMorphology& morphology = d.morphology;
  const morph::GrammemeIds& g = d.ids();
  for (uint32_t i = morphology.first[token]; i < morphology.first[token + 1]; ++i) {
    const morph::Parse& p = morphology.parses[i];
    if (!d.TagOf(i).Has(g.noun)) continue;
    morph::Grammemes nominative;
    nominative.Set(g.cases[0]);
    if (auto form = d.analyzer.Inflect(morphology.parses, p, nominative)) return form->word;
  }
  return {};
}

// Is the word's likeliest parse a plural animate common noun (no name tags)?
bool IsPluralCommonNoun(const morph::DocView& d, uint32_t token) {
  if (d.morphology.ParseCount(token) == 0) return false;
  const morph::GrammemeIds& g = d.ids();
  const morph::Grammemes tag = d.TagOf(d.morphology.first[token]);
  for (int id : {g.name, g.surn, g.patr})
    if (id >= 0 && tag.Has(id)) return false;
  return tag.Has(g.noun) && tag.Has(g.anim) && tag.Has(g.plur);
}

// The mention [begin, end) with each of `words` replaced by its nominative,
// in its own word order and spacing.
std::string NormalForm(const Doc& doc, uint32_t begin, uint32_t end, const std::vector<Word>& words,
                       const std::vector<std::string>& nominatives) {
  std::string normal;
  size_t w = 0;
  for (uint32_t t = begin; t < end; ++t) {
    if (t > begin)
      normal +=
          doc.text().substr(doc.tokens[t - 1].end, doc.tokens[t].begin - doc.tokens[t - 1].end);
    const bool is_word = w < words.size() && words[w].token == t;
    normal += is_word ? std::string_view(nominatives[w++]) : doc.TextOf(doc.tokens[t]);
  }
  return normal;
}

// The Chinese or Korean name `words` spell (east_asian.h), unless its last
// word, token `last_token`, is a Russian first name as written: «Ван Гоша».
std::optional<internal::EastAsianName> ReadEastAsianName(const morph::DocView& d,
                                                         std::span<const std::string_view> words,
                                                         uint32_t last_token) {
  const morph::DocMorphology& morphology = d.morphology;
  const morph::GrammemeIds& g = d.ids();
  if (words.size() == 2) {
    for (uint32_t i = morphology.first[last_token]; i < morphology.first[last_token + 1]; ++i) {
      const morph::Parse& p = morphology.parses[i];
      const morph::Grammemes tag = d.TagOf(i);
      if (p.method == morph::Method::kDictionary && tag.Has(g.name) && tag.Has(g.cases[0]) &&
          !tag.Has(g.plur))
        return std::nullopt;
    }
  }
  return internal::ParseEastAsianName(words);
}

// A Chinese or Korean name: the surname and the given name. A man's when it
// declined (a woman's does not) or a form of address says so; a verb is no
// evidence, since an undeclined name may stand in any case and the verb
// agree with another word («Кристенсен убил Чжан Инъин»).
void FillEastAsianName(const internal::EastAsianName& east_asian, GenderHint hint,
                       PersonName* name) {
  name->surname_first = true;
  name->surname = east_asian.words[0];
  for (size_t w = 1; w < east_asian.words.size(); ++w)
    name->first += (w > 1 ? " " : "") + east_asian.words[w];
  name->seen_as = east_asian.seen_as;
  if (hint.certain) {
    name->gender = hint.gender;
    name->gender_from_context = name->gender_certain = true;
  } else if (east_asian.declined) {
    name->gender = Gender::kMale;
  }
}

}  // namespace

namespace {

// NameParser::Parse's steps.

// The words of the mention [begin, end) with their readings, and its
// initials; a regnal number («Елизаветы II») goes into name->surname.
std::vector<Word> ReadWords(const morph::DocView& d, uint32_t begin, uint32_t end,
                            std::vector<std::string_view>* initials, PersonName* name) {
  const Doc& doc = d.doc;
  std::vector<Word> words;
  for (uint32_t t = begin; t < end; ++t) {
    const Token& token = doc.tokens[t];
    if (token.kind == TokenKind::kInitial) initials->push_back(doc.TextOf(token));
    if (token.kind != TokenKind::kWord) continue;
    if (t + 1 == end && t > begin && IsRomanNumeral(doc.TextOf(token))) {
      name->regnal = true;  // «Елизаветы II»: the number stands for the surname
      name->surname = std::string(doc.TextOf(token));
      continue;
    }
    Word word{t, WrittenAsName(doc, token), {}};
    const auto known = AddDictionaryReadings(d, &word);
    if (token.Has(token_flags::kUpperFirst)) {
      // Patronymics are regular: when the dictionary does not know one, it is not one.
      // «Кэтрин Джексон»: a first name the dictionary knows is rarely a
      // surname guessed from its ending («-ин»). (Not the other way round:
      // many foreign first names are surnames too, «Морган Цвангираи».)
      constexpr double kFirstNameAsSurname = 0.3;
      if (!known[kFirst]) AddRuleReadings(kFirst, kBothGenders, 1.0, d, &word);
      // A surname the dictionary knows for one gender only («Обамы»: a man's
      // genitive) may be the other's («Мишель Обамы»).
      if (const uint8_t missing = kBothGenders & ~known[kSurname]; missing != 0)
        AddRuleReadings(kSurname, missing, known[kFirst] ? kFirstNameAsSurname : 1.0, d, &word);
      if (!known[kSurname]) AddFamilyReadings(&word);
    }
    words.push_back(std::move(word));
  }
  return words;
}

// The case and gender of the chosen reading into *name: a gender only when
// a word or the hint tells it.
void SetCaseAndGender(const Choice& choice, uint8_t hint, GenderHint gender_hint,
                      PersonName* name) {
  name->seen_as = static_cast<Case>(choice.grammatical_case);
  bool told = hint != kBothGenders;
  for (const Reading* r : choice.readings) told |= r != nullptr && r->genders != kBothGenders;
  if (told) name->gender = choice.gender == kMale ? Gender::kMale : Gender::kFemale;
  // A verb agrees with its subject only: «(Кедров) поблагодарил Карпову»
  // tells nothing of Карпова.
  name->gender_from_context = gender_hint.gender != Gender::kUnknown &&
                              name->gender == gender_hint.gender &&
                              (gender_hint.certain || name->seen_as == Case::kNominative);
  name->gender_certain = name->gender_from_context && gender_hint.certain;
}

// The nominative of each word by its chosen reading, appended to the part
// its role fills in *name.
std::vector<std::string> Nominatives(const morph::DocView& d, const std::vector<Word>& words,
                                     const Choice& choice, bool has_initials, PersonName* name) {
  std::vector<std::string> nominatives(words.size());
  for (size_t w = 0; w < words.size(); ++w) {
    const Reading* r = choice.readings.empty() ? nullptr : choice.readings[w];
    std::string lower;
    if (r != nullptr && r->parse != nullptr) {
      morph::Grammemes nominative;
      nominative.Set(d.ids().cases[0]);
      if (auto form = d.analyzer.Inflect(d.morphology.parses, *r->parse, nominative))
        lower = form->word;
    } else if (r != nullptr) {
      lower = r->nominative;
    } else if (words.size() > 1 && !d.doc.tokens[words[w].token].Has(token_flags::kUpperFirst)) {
      // A lower-case word inside a name is a particle, as written: «фон
      // дер Ляйен», «да Винчи» (the dictionary would make «дер» «дёр»).
    } else {
      lower = NounNominative(d, words[w].token);
    }
    nominatives[w] =
        lower.empty() ? std::string(words[w].text) : text::CopyCase(lower, words[w].text);
    const Role role = choice.roles.empty() ? kSurname : choice.roles[w];
    std::string& part = role == kFirst        ? name->first
                        : role == kPatronymic ? name->patronymic
                                              : name->surname;
    if (!part.empty()) part += ' ';
    part += nominatives[w];
    name->family |=
        r != nullptr && r->plural && role == kSurname && words.size() == 1 && !has_initials;
  }
  return nominatives;
}

}  // namespace

PersonName NameParser::Parse(const morph::DocView& d, TokenSpan mention, GenderHint gender_hint,
                             CaseSet case_hint) const {
  const Doc& doc = d.doc;
  PersonName name;
  std::vector<std::string_view> initials;
  const uint32_t begin = mention.begin;
  const uint32_t end = std::min<uint32_t>(mention.end, static_cast<uint32_t>(doc.tokens.size()));
  const std::vector<Word> words = ReadWords(d, begin, end, &initials, &name);

  if (initials.empty() && words.size() >= 2 && !name.regnal) {
    std::vector<std::string_view> texts;
    for (const Word& word : words) texts.push_back(word.text);
    if (auto east_asian = ReadEastAsianName(d, texts, words.back().token)) {
      FillEastAsianName(*east_asian, gender_hint, &name);
      name.normal = NormalForm(doc, begin, end, words, east_asian->words);
      return name;
    }
  }

  // «Американцы», «россиянам»: a group named by a plural common noun, which
  // corpora often mark as persons. It is not one person; its nominative is
  // the noun's.
  if (words.size() == 1 && initials.empty() && !name.regnal &&
      IsPluralCommonNoun(d, words[0].token)) {
    name.group = true;
    name.surname = text::CopyCase(NounNominative(d, words[0].token), words[0].text);
    name.normal = name.surname;
    return name;
  }

  const uint8_t hint = GenderBits(gender_hint.gender);
  const CaseSet cases = case_hint & kAnyCase;  // none: unknown, like all
  const Choice choice =
      Choose(words, hint, gender_hint.certain, cases != 0 ? cases : kAnyCase, name.regnal);
  const std::vector<std::string> nominatives =
      Nominatives(d, words, choice, !initials.empty(), &name);
  if (!initials.empty()) name.first_initial = std::string(initials[0]);
  if (initials.size() > 1) name.patronymic_initial = std::string(initials[1]);
  if (!choice.roles.empty()) SetCaseAndGender(choice, hint, gender_hint, &name);

  name.normal = NormalForm(doc, begin, end, words, nominatives);
  return name;
}

TokenSpan NameParser::TrimSpan(const morph::DocView& d, TokenSpan span) const {
  const Doc& doc = d.doc;
  const morph::DocMorphology& morphology = d.morphology;
  const morph::GrammemeIds& g = d.ids();
  // Capitals say nothing at a sentence's start, after a colon or a quote.
  auto capital_told = [&](uint32_t t) {
    if (StartsSentence(doc, t)) return false;
    const std::string_view before = doc.TextOf(doc.tokens[t - 1]);
    return before != ":" && before != "«" && before != "\"" && before != "„";
  };
  // A noun capitalized inside a sentence is a name though the dictionary
  // knows it as a common word: «стала Аленка Кедрова», «Карел
  // Ветров» («алёнка», «карел»); not an adjective («Святого Марка»), a
  // plural («Братьев Кедровых») or a place («Гессен Ганс Ветров»).
  auto capitalized_noun = [&](uint32_t t) {
    const Token& token = doc.tokens[t];
    if (token.kind != TokenKind::kWord || !token.Has(token_flags::kUpperFirst) ||
        token.Has(token_flags::kAllUpper) || !capital_told(t))
      return false;
    bool singular_noun = false, place = false;
    for (uint32_t i = morphology.first[t]; i < morphology.first[t + 1]; ++i) {
      const morph::Grammemes tag = d.TagOf(i);
      singular_noun |= tag.Has(g.noun) && !tag.Has(g.plur);
      place |= tag.Has(g.geox) || tag.Has(g.orgn);
    }
    return singular_noun && !place;
  };
  auto name_like = [&](uint32_t t) {
    const Token& token = doc.tokens[t];
    if (token.kind == TokenKind::kInitial) return true;
    if (token.kind != TokenKind::kWord) return false;
    bool known_common = false;
    for (uint32_t i = morphology.first[t]; i < morphology.first[t + 1]; ++i) {
      const morph::Parse& p = morphology.parses[i];
      const morph::Grammemes tag = d.TagOf(i);
      for (int id : {g.name, g.surn, g.patr})
        if (id >= 0 && tag.Has(id)) return true;
      known_common |= p.method == morph::Method::kDictionary;
    }
    return !known_common;  // an unknown word may be a foreign name
  };
  // «(лауреат премии) Grammy Даниил Трифонов»: a name is written in one
  // script; Latin words before Cyrillic ones are not its.
  auto script_of = [&](uint32_t t) {
    const Token& token = doc.tokens[t];
    return token.kind != TokenKind::kWord      ? 0
           : token.Has(token_flags::kCyrillic) ? 1
           : token.Has(token_flags::kLatin)    ? 2
                                               : 0;
  };
  for (uint32_t t = span.begin + 1; t < span.end; ++t) {
    if (script_of(t) != 1) continue;
    while (span.begin < t && script_of(span.begin) == 2) ++span.begin;
    break;
  }
  uint32_t first_name_like = span.begin;
  while (first_name_like < span.end && !name_like(first_name_like)) ++first_name_like;
  if (first_name_like < span.end)
    while (first_name_like > span.begin && capitalized_noun(first_name_like - 1)) --first_name_like;
  // «Си Цзиньпин»: to the dictionary «си» is a note; here it is a surname.
  if (first_name_like == span.begin + 1 && first_name_like < span.end &&
      EastAsianSurnameStart(d, {first_name_like, span.end}) == span.begin)
    first_name_like = span.begin;
  if (first_name_like < span.end) span.begin = first_name_like;
  // Trailing punctuation, and lower-case words: a name does not end in one
  // («Игорю Кедрову совет» -> «Игорю Кедрову»; «ван», «де» stand inside).
  auto trailing = [&](uint32_t t) {
    const Token& token = doc.tokens[t];
    return token.kind == TokenKind::kPunct ||
           (token.kind == TokenKind::kWord && !token.Has(token_flags::kUpperFirst));
  };
  while (span.end > span.begin + 1 && trailing(span.end - 1)) --span.end;
  return span;
}

bool NameParser::ContinuesName(const morph::DocView& d, TokenSpan first, TokenSpan second) const {
  const Doc& doc = d.doc;
  const morph::DocMorphology& morphology = d.morphology;
  const morph::GrammemeIds& g = d.ids();
  // One word, then two.
  if (second.begin != first.end || first.end != first.begin + 1 || second.end != second.begin + 2)
    return false;
  const uint32_t begin = first.begin, next = second.begin;
  auto is = [&](uint32_t t, int grammeme) {
    if (doc.tokens[t].kind != TokenKind::kWord || !doc.tokens[t].Has(token_flags::kUpperFirst))
      return false;
    for (uint32_t i = morphology.first[t]; i < morphology.first[t + 1]; ++i)
      if (morphology.parses[i].method == morph::Method::kDictionary && d.TagOf(i).Has(grammeme))
        return true;
    return false;
  };
  // The word before reads first of all as no first name: «(мать) Кристины |
  // Ольга Алексеевна» are two persons.
  const bool first_name_before =
      morphology.ParseCount(begin) > 0 && d.TagOf(morphology.first[begin]).Has(g.name);
  return g.name >= 0 && g.patr >= 0 && doc.tokens[begin].kind == TokenKind::kWord &&
         doc.tokens[begin].Has(token_flags::kUpperFirst) && !first_name_before &&
         is(next, g.name) && is(next + 1, g.patr);
}

uint32_t NameParser::EastAsianSurnameStart(const morph::DocView& d, TokenSpan span) const {
  const Doc& doc = d.doc;
  const auto [begin, end] = span;
  if (begin == 0 || end > doc.tokens.size()) return begin;
  const uint32_t before = begin - 1;
  const Token& token = doc.tokens[before];
  if (token.kind != TokenKind::kWord || !token.Has(token_flags::kUpperFirst)) return begin;
  if (StartsSentence(doc, before) && d.morphology.ParseCount(before) > 0) {
    const morph::Grammemes tag = d.TagOf(d.morphology.first[before]);
    for (int id : {d.ids().conj, d.ids().prep})
      if (id >= 0 && tag.Has(id)) return begin;
  }
  std::vector<std::string> texts;
  for (uint32_t t = before; t < end; ++t) {
    if (doc.tokens[t].kind != TokenKind::kWord) return begin;
    texts.push_back(WrittenAsName(doc, doc.tokens[t]));
  }
  const std::vector<std::string_view> words(texts.begin(), texts.end());
  return ReadEastAsianName(d, words, end - 1) ? before : begin;
}

namespace {

// Does some parse of word `t` have grammeme `id`?
bool HasParseWith(const morph::DocView& d, uint32_t t, int id) {
  for (uint32_t i = d.morphology.first[t]; i < d.morphology.first[t + 1]; ++i)
    if (morph::HasGrammeme(d.TagOf(i), id)) return true;
  return false;
}

// Nouns of kinship (src/names/data/kinship_nouns.txt).
constexpr std::string_view kKinshipNouns[] = {
#include "kinship_nouns.inc"
};

// Is the word before `t` a noun of kinship («сын», «дочери»)?
bool FollowsKinshipNoun(const morph::DocView& d, uint32_t t) {
  const uint32_t before = t - 1;
  if (d.doc.tokens[before].kind != TokenKind::kWord) return false;
  for (uint32_t i = d.morphology.first[before]; i < d.morphology.first[before + 1]; ++i) {
    const std::string_view lemma = d.morphology.parses.Lemma(d.morphology.parses[i]);
    if (d.TagOf(i).Has(d.ids().noun) &&
        std::find(std::begin(kKinshipNouns), std::end(kKinshipNouns), lemma) !=
            std::end(kKinshipNouns))
      return true;
  }
  return false;
}

}  // namespace

uint32_t NameParser::SecondNameStart(const morph::DocView& d, TokenSpan span) const {
  const Doc& doc = d.doc;
  const auto [begin, end] = span;
  const morph::DocMorphology& morphology = d.morphology;
  const morph::GrammemeIds& g = d.ids();
  auto kind = [&](uint32_t t) { return doc.tokens[t].kind; };
  // «В.Ясенева А.Ельников»: initials, a word, initials, a word.
  if (kind(begin) == TokenKind::kInitial && kind(end - 1) == TokenKind::kWord) {
    for (uint32_t t = begin + 1; t + 1 < end; ++t)
      if (kind(t) == TokenKind::kInitial && kind(t - 1) == TokenKind::kWord) return t;
  }
  // The gender of a word the dictionary knows as a first name first of all,
  // in the singular and one gender only: «Ольга», «Игоря», «Кэтрин»; not
  // «Саша» (either), «Марина» (or the genitive of «Марин»), nor a guess from
  // an unknown word's ending.
  auto first_name_gender = [&](uint32_t t) {
    uint8_t genders = 0;
    for (uint32_t i = morphology.first[t]; i < morphology.first[t + 1]; ++i) {
      const morph::Parse& parse = morphology.parses[i];
      const morph::Grammemes tag = d.TagOf(i);
      const bool name = g.name >= 0 && tag.Has(g.name);
      if (i == morphology.first[t] &&
          (!name || parse.method != morph::Method::kDictionary || (g.plur >= 0 && tag.Has(g.plur))))
        return Gender::kUnknown;
      if (!name) continue;
      if (g.ms_f >= 0 && tag.Has(g.ms_f)) return Gender::kUnknown;
      genders |= g.masc >= 0 && tag.Has(g.masc)   ? kMale
                 : g.femn >= 0 && tag.Has(g.femn) ? kFemale
                                                  : kBothGenders;
    }
    return genders == kMale     ? Gender::kMale
           : genders == kFemale ? Gender::kFemale
                                : Gender::kUnknown;
  };
  if (kind(begin) != TokenKind::kWord) return end;
  const Gender first = first_name_gender(begin);
  if (first == Gender::kUnknown) return end;
  for (uint32_t t = begin + 2; t < end; ++t) {
    const Gender other = kind(t) == TokenKind::kWord ? first_name_gender(t) : Gender::kUnknown;
    if (other != Gender::kUnknown && other != first) return t;
  }
  // «сын Кэтрин | Жермен Джексон»: after a noun of kinship, a first name
  // that does not decline (so it may be the genitive of the parent), then a
  // name of two words without a patronymic. (A declined one tells: «сын
  // Ивана Кедрова Пётр» is Иван Кедров's son Пётр.)
  if (end == begin + 3 && begin > 0 && FollowsKinshipNoun(d, begin) &&
      HasParseWith(d, begin, g.fixd) && kind(begin + 1) == TokenKind::kWord &&
      kind(begin + 2) == TokenKind::kWord && !HasParseWith(d, begin + 1, g.patr))
    return begin + 1;
  return end;
}

GenderHint NameParser::ContextGender(const morph::DocView& d, TokenSpan mention,
                                     uint32_t after_limit, uint32_t before_limit) const {
  const Doc& doc = d.doc;
  const auto [begin, end] = mention;
  const morph::GrammemeIds& ids = d.ids();
  auto gender_of = [&](uint32_t t) {
    if (t >= doc.tokens.size() || d.morphology.ParseCount(t) == 0) return Gender::kUnknown;
    const morph::Grammemes tag = d.TagOf(d.morphology.first[t]);
    if (!tag.Has(ids.verb) || !tag.Has(ids.past) || tag.Has(ids.plur)) return Gender::kUnknown;
    return tag.Has(ids.masc)   ? Gender::kMale
           : tag.Has(ids.femn) ? Gender::kFemale
                               : Gender::kUnknown;
  };
  if (begin > 0) {
    const std::string before = text::MatchKey(doc.TextOf(doc.tokens[begin - 1]));
    for (std::string_view w : kWomanAddress)
      if (before == w) return {Gender::kFemale, /*certain=*/true};
    for (std::string_view w : kManAddress)
      if (before == w) return {Gender::kMale, /*certain=*/true};
  }
  // «Кедров заявил», «Кедров, губернатор области, заявил»: a few tokens after.
  for (uint32_t t = end; t < end + 6 && t < doc.tokens.size() && t < after_limit; ++t) {
    if (doc.TextOf(doc.tokens[t]) == ".") break;
    if (Gender g = gender_of(t); g != Gender::kUnknown) return g;
  }
  // «— сказала Ветрова»: right before.
  for (uint32_t t = begin; t-- > before_limit && t + 3 > begin;) {
    if (Gender g = gender_of(t); g != Gender::kUnknown) return g;
  }
  return Gender::kUnknown;
}

std::string PersonName::Display() const {
  if (regnal) return first.empty() ? surname : first + " " + surname;
  if (surname_first) return Canonical();
  // A patronymic's initial beside a full first name is left out: «Пётр
  // Чайковский», never «Пётр И. Чайковский».
  const std::string none;
  const std::string& patronymic_shown = !patronymic.empty() ? patronymic
                                        : first.empty()     ? patronymic_initial
                                                            : none;
  std::string out;
  for (const std::string* part :
       {first.empty() ? &first_initial : &first, &patronymic_shown, &surname}) {
    if (part->empty()) continue;
    if (!out.empty()) out += ' ';
    out += *part;
  }
  return out;
}

std::string PersonName::Canonical() const {
  if (regnal) return Display();
  std::string out;
  for (const std::string* part : {&surname, first.empty() ? &first_initial : &first,
                                  patronymic.empty() ? &patronymic_initial : &patronymic}) {
    if (part->empty()) continue;
    if (!out.empty()) out += ' ';
    out += *part;
  }
  return out;
}

}  // namespace kto::names
