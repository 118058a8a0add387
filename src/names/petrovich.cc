#include "kto/names/petrovich.h"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <utility>

#include "kto/text/case.h"
#include "kto/text/utf8.h"

namespace kto::names {
namespace {

// The generated table's row: tests separated by «|», five mods for the
// genitive..prepositional cases. A mod is «.» (unchanged) or some «-» (each
// drops a final letter) followed by the letters to append.
struct RuleData {
  Gender gender;    // kUnknown: the rule holds for both genders
  bool first_word;  // only for the first word of a hyphenated name
  const char* tests;
  const char* mods[5];
};

#include "petrovich_rules.inc"

struct Mod {
  size_t drop = 0;
  std::u32string append;
};

struct Rule {
  Gender gender;
  bool first_word;
  bool whole_word;  // an exception: tests match the whole word, not a suffix
  std::vector<std::u32string> tests;
  std::array<Mod, 5> mods;
  std::u32string last_letters;  // of the tests: most words are rejected by one lookup
  // Per case, the distinct endings the case's mod drops from the tests (the
  // last `drop` letters of each test long enough), in the tests' order: what
  // GuessWord puts back on a stem.
  std::array<std::vector<std::u32string>, 5> dropped;
};

void AddRules(const RuleData* rows, bool whole_word, std::vector<Rule>* out) {
  for (const RuleData* row = rows; row->tests != nullptr; ++row) {
    Rule rule{row->gender, row->first_word, whole_word, {}, {}, {}, {}};
    std::string_view tests = row->tests;
    while (!tests.empty()) {
      const size_t bar = tests.find('|');
      rule.tests.push_back(text::DecodeUtf8(tests.substr(0, bar)));
      const char32_t last = rule.tests.back().empty() ? 0 : rule.tests.back().back();
      if (rule.last_letters.find(last) == std::u32string::npos) rule.last_letters.push_back(last);
      tests = bar == std::string_view::npos ? std::string_view() : tests.substr(bar + 1);
    }
    for (int c = 0; c < 5; ++c) {
      std::string_view mod = row->mods[c];
      if (mod == ".") continue;
      while (!mod.empty() && mod.front() == '-') {
        ++rule.mods[c].drop;
        mod.remove_prefix(1);
      }
      rule.mods[c].append = text::DecodeUtf8(mod);
    }
    for (int c = 0; c < 5; ++c) {
      for (const std::u32string& test : rule.tests) {
        if (test.size() < rule.mods[c].drop) continue;
        std::u32string ending = test.substr(test.size() - rule.mods[c].drop);
        if (std::find(rule.dropped[c].begin(), rule.dropped[c].end(), ending) ==
            rule.dropped[c].end())
          rule.dropped[c].push_back(std::move(ending));
      }
    }
    out->push_back(std::move(rule));
  }
}

// Rule indices (in the rules' order) by the last letter of a word, with
// those for any word: the rules worth trying on a word ending in a letter.
struct LetterIndex {
  std::unordered_map<char32_t, std::vector<uint32_t>> by_letter;
  std::vector<uint32_t> any_letter;

  const std::vector<uint32_t>& For(char32_t last) const {
    const auto bucket = by_letter.find(last);
    return bucket != by_letter.end() ? bucket->second : any_letter;
  }
};

// `ends` lists the possible last letters of each rule's words (0: any).
LetterIndex IndexByLastLetter(const std::vector<std::u32string>& ends) {
  LetterIndex out;
  std::u32string letters;
  for (const std::u32string& e : ends)
    for (char32_t c : e)
      if (c != 0 && letters.find(c) == std::u32string::npos) letters.push_back(c);
  for (uint32_t i = 0; i < ends.size(); ++i) {
    const bool any = ends[i].find(char32_t{0}) != std::u32string::npos;
    if (any) out.any_letter.push_back(i);
    for (char32_t c : letters)
      if (any || ends[i].find(c) != std::u32string::npos) out.by_letter[c].push_back(i);
  }
  return out;
}

// The rules of one name part, exceptions first, then suffix rules, in the
// package's order; the rules a word may match by its last letter, so that
// FindRule reads a handful of rules instead of hundreds; and per case the
// rules whose ending for the case a word may have, for GuessWord.
struct PartRules {
  std::vector<Rule> rules;
  LetterIndex by_test_end;
  std::array<LetterIndex, 5> by_case_ending;
};

PartRules IndexRules(std::vector<Rule> rules) {
  PartRules out{std::move(rules), {}, {}};
  std::vector<std::u32string> ends;
  for (const Rule& rule : out.rules) ends.push_back(rule.last_letters);
  out.by_test_end = IndexByLastLetter(ends);
  for (int c = 0; c < 5; ++c) {
    ends.clear();
    for (const Rule& rule : out.rules) {
      const std::u32string& append = rule.mods[c].append;
      ends.push_back(std::u32string(1, append.empty() ? char32_t{0} : append.back()));
    }
    out.by_case_ending[c] = IndexByLastLetter(ends);
  }
  return out;
}

const PartRules& RulesOf(NamePart part) {
  static const auto* rules = [] {
    std::array<std::vector<Rule>, 3> r;
    AddRules(kSurnameExceptions, true, &r[0]);
    AddRules(kSurnameSuffixes, false, &r[0]);
    AddRules(kFirstNameExceptions, true, &r[1]);
    AddRules(kFirstNameSuffixes, false, &r[1]);
    AddRules(kPatronymicExceptions, true, &r[2]);
    AddRules(kPatronymicSuffixes, false, &r[2]);
    return new std::array<PartRules, 3>{IndexRules(std::move(r[0])), IndexRules(std::move(r[1])),
                                        IndexRules(std::move(r[2]))};
  }();
  return (*rules)[static_cast<int>(part)];
}

bool Applies(const Rule& rule, std::u32string_view lower, Gender gender, bool first_word) {
  if (rule.gender != Gender::kUnknown && rule.gender != gender) return false;
  if (rule.first_word && !first_word) return false;
  if (lower.empty() || rule.last_letters.find(lower.back()) == std::u32string::npos) return false;
  for (const std::u32string& test : rule.tests)
    if (rule.whole_word ? lower == test : lower.ends_with(test)) return true;
  return false;
}

const Rule* FindRule(NamePart part, std::u32string_view lower, Gender gender, bool first_word) {
  if (lower.empty()) return nullptr;
  const PartRules& rules = RulesOf(part);
  for (uint32_t i : rules.by_test_end.For(lower.back()))
    if (Applies(rules.rules[i], lower, gender, first_word)) return &rules.rules[i];
  return nullptr;
}

// Appended letters are lower case, or upper case after an all-capital word.
std::u32string ApplyMod(std::u32string_view word, const Mod& mod) {
  const size_t keep = word.size() >= mod.drop ? word.size() - mod.drop : 0;
  std::u32string out(word.substr(0, keep));
  const bool all_capitals =
      word.size() > 1 && text::IsUpper(word.front()) && text::IsUpper(word.back());
  for (char32_t cp : mod.append) out.push_back(all_capitals ? text::ToUpper(cp) : cp);
  return out;
}

// Particles that open foreign compound names and never decline: «аль-Файед»,
// «ибн-Сауд», «де-Голль».
bool IsParticle(std::u32string_view lower) {
  static constexpr std::u32string_view kParticles[] = {U"аль", U"эль", U"ибн", U"бен", U"бин",
                                                       U"абу", U"де",  U"ди",  U"да",  U"дель",
                                                       U"ла",  U"ле",  U"ван", U"фон", U"ал"};
  for (std::u32string_view p : kParticles)
    if (lower == p) return true;
  return false;
}

std::u32string DeclineWord(std::u32string_view word, NamePart part, Gender gender, Case c,
                           bool first_word) {
  if (c == Case::kNominative) return std::u32string(word);
  if (first_word && IsParticle(text::Lower(word))) return std::u32string(word);
  const Rule* rule = FindRule(part, text::Lower(word), gender, first_word);
  if (rule == nullptr) return std::u32string(word);
  return ApplyMod(word, rule->mods[static_cast<int>(c) - 1]);
}

std::vector<std::u32string> SplitHyphens(std::u32string_view s) {
  std::vector<std::u32string> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == U'-') {
      parts.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

// Nominatives of one word seen in oblique case `c`, for `gender`: for every
// rule whose ending for `c` the word has, the stem plus the letters the rule
// drops (a test's last letters) — kept when that rule is the one Decline()
// would pick for the candidate, so declining it gives the word back.
void GuessWord(std::u32string_view form, NamePart part, Gender gender, Case c, bool first_word,
               std::vector<std::u32string>* out) {
  const std::u32string lower = text::Lower(form);
  if (first_word && IsParticle(lower)) {
    out->emplace_back(form);
    return;
  }
  // Many rules restore the same candidate (every indeclinable rule restores
  // the word itself): the rule each candidate gets, found once.
  std::vector<std::pair<std::u32string, const Rule*>> rule_of;
  auto find_rule = [&](const std::u32string& candidate) {
    for (const auto& [known, rule] : rule_of)
      if (known == candidate) return rule;
    const Rule* rule = FindRule(part, candidate, gender, first_word);
    rule_of.emplace_back(candidate, rule);
    return rule;
  };
  std::vector<std::u32string> seen;  // lower-case candidates already out
  const int mod_index = static_cast<int>(c) - 1;
  const PartRules& rules = RulesOf(part);
  const LetterIndex& by_ending = rules.by_case_ending[mod_index];
  for (uint32_t index : lower.empty() ? by_ending.any_letter : by_ending.For(lower.back())) {
    const Rule& rule = rules.rules[index];
    if (rule.gender != Gender::kUnknown && rule.gender != gender) continue;
    if (rule.first_word && !first_word) continue;
    const Mod& mod = rule.mods[mod_index];
    if (!lower.ends_with(mod.append)) continue;
    const size_t stem = lower.size() - mod.append.size();
    if (stem + mod.drop == 0) continue;
    for (const std::u32string& ending : rule.dropped[mod_index]) {
      std::u32string candidate = lower.substr(0, stem);
      candidate += ending;
      if (find_rule(candidate) != &rule) continue;
      if (std::find(seen.begin(), seen.end(), candidate) != seen.end()) continue;
      seen.push_back(candidate);
      // The word's own capitals for its stem.
      out->push_back(std::u32string(form.substr(0, stem)) + candidate.substr(stem));
    }
  }
}

}  // namespace

std::string Decline(std::string_view nominative, NamePart part, Gender gender, Case c) {
  const std::vector<std::u32string> words = SplitHyphens(text::DecodeUtf8(nominative));
  std::u32string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += U'-';
    out += DeclineWord(words[i], part, gender, c, i == 0 && words.size() > 1);
  }
  return text::EncodeUtf8(out);
}

namespace {

std::vector<NominativeGuess> GuessUncached(std::string_view form, NamePart part, Gender gender) {
  std::vector<NominativeGuess> guesses{{std::string(form), Case::kNominative}};
  const std::vector<std::u32string> words = SplitHyphens(text::DecodeUtf8(form));
  // Both genders when it is unknown, else the one.
  const Gender genders[] = {gender == Gender::kFemale ? Gender::kFemale : Gender::kMale,
                            Gender::kFemale};
  const int gender_count = gender == Gender::kUnknown ? 2 : 1;
  for (int c = 1; c < kCaseCount; ++c) {
    for (int k = 0; k < gender_count; ++k) {
      const Gender g = genders[k];
      // Every word of a hyphenated name must be explained in the same case;
      // the name's guesses are all combinations of its words' guesses.
      std::vector<std::u32string> names{U""};
      for (size_t i = 0; i < words.size() && !names.empty(); ++i) {
        std::vector<std::u32string> word_guesses;
        GuessWord(words[i], part, g, static_cast<Case>(c), i == 0 && words.size() > 1,
                  &word_guesses);
        std::vector<std::u32string> longer;
        for (const auto& name : names)
          for (const auto& word : word_guesses) longer.push_back(name + (i ? U"-" : U"") + word);
        names = std::move(longer);
      }
      for (const std::u32string& name : names) {
        NominativeGuess guess{text::EncodeUtf8(name), static_cast<Case>(c)};
        bool seen = false;
        for (const auto& other : guesses)
          seen |= other.nominative == guess.nominative && other.seen_as == guess.seen_as;
        if (!seen) guesses.push_back(std::move(guess));
      }
    }
  }
  return guesses;
}

}  // namespace

std::vector<NominativeGuess> GuessNominatives(std::string_view form, NamePart part, Gender gender) {
  // Names repeat within an article and across a stream: a per-thread cache.
  thread_local std::unordered_map<std::string, std::vector<NominativeGuess>> cache;
  std::string key(form);
  key.push_back(static_cast<char>('0' + static_cast<int>(part)));
  key.push_back(static_cast<char>('0' + static_cast<int>(gender)));
  if (auto hit = cache.find(key); hit != cache.end()) return hit->second;
  if (cache.size() > 100000) cache.clear();
  std::vector<NominativeGuess> guesses = GuessUncached(form, part, gender);
  cache.emplace(std::move(key), guesses);
  return guesses;
}

}  // namespace kto::names
