#include "kto/kb/person_search.h"

#include <algorithm>
#include <array>
#include <string>

#include "kto/names/petrovich.h"
#include "kto/text/case.h"
#include "kto/text/normalize.h"
#include "kto/text/utf8.h"

namespace kto::kb {
namespace {

constexpr size_t kMaxQueryBytes = 256;  // no name is longer
constexpr size_t kMaxWords = 3;         // surname, first name, patronymic
constexpr size_t kMaxCandidates = 500;  // persons read for one query word

enum class Slot : uint8_t { kSurname, kFirstName, kPatronymic, kAny };

// A nominative a query word may stand for.
struct Reading {
  std::string key;  // text::MatchKey
  Slot slot = Slot::kAny;
  names::Gender gender = names::Gender::kUnknown;  // kUnknown: either
  auto operator<=>(const Reading&) const = default;
};

struct QueryWord {
  std::u32string letters;  // as written
  // An initial or an abbreviation («В.», «В», «Вл.»): agrees with a first
  // name or a patronymic that starts with `key`.
  bool abbreviated = false;
  std::string key;  // MatchKey of the letters
  std::vector<Reading> readings;
  bool given_name = false;  // the dictionary reads it as a first name or patronymic
};

bool IsApostrophe(char32_t c) {
  return c == U'\'' || c == U'’';
}

// The query's words: letters, with hyphens and apostrophes between them; a
// full stop right after a word makes it an abbreviation, and a one-letter
// word is an initial. Everything else separates words.
std::vector<QueryWord> SplitWords(std::u32string_view query) {
  std::vector<QueryWord> words;
  size_t i = 0;
  while (i < query.size()) {
    if (!text::IsLetter(query[i])) {
      ++i;
      continue;
    }
    QueryWord word;
    while (i < query.size() &&
           (text::IsLetter(query[i]) || ((query[i] == U'-' || IsApostrophe(query[i])) &&
                                         i + 1 < query.size() && text::IsLetter(query[i + 1]))))
      word.letters.push_back(query[i++]);
    word.abbreviated = word.letters.size() == 1 || (i < query.size() && query[i] == U'.');
    word.key = text::MatchKey(text::EncodeUtf8(word.letters));
    words.push_back(std::move(word));
  }
  return words;
}

// «МАЗУРА», «мазура» -> «Мазура»: the morphology reads names by their capital.
std::string AsName(std::u32string_view letters) {
  std::u32string name;
  for (size_t i = 0; i < letters.size(); ++i) {
    const bool starts_part = i == 0 || letters[i - 1] == U'-' || IsApostrophe(letters[i - 1]);
    name.push_back(starts_part ? text::ToUpper(letters[i]) : text::ToLower(letters[i]));
  }
  return text::EncodeUtf8(name);
}

// The nominatives of the dictionary's name parses of `name`, with their part
// and gender; sets word->given_name when one is a first name or patronymic.
void AddDictionaryReadings(const morph::Analyzer& morph, const std::string& name, QueryWord* word) {
  const morph::GrammemeIds& ids = morph.Ids();
  morph::Grammemes nominative;
  nominative.Set(ids.cases[0]);
  nominative.Set(ids.sing);
  morph::ParseList parses;
  morph.Analyze(name, &parses);
  for (const morph::Parse& p : parses) {
    const morph::Grammemes tag = morph.TagGrammemes(p.tag);
    Slot slot;
    if (morph::HasGrammeme(tag, ids.surn))
      slot = Slot::kSurname;
    else if (morph::HasGrammeme(tag, ids.name))
      slot = Slot::kFirstName;
    else if (morph::HasGrammeme(tag, ids.patr))
      slot = Slot::kPatronymic;
    else
      continue;
    const auto form = morph.Inflect(parses, p, nominative);
    if (!form) continue;
    const morph::Grammemes form_tag = morph.TagGrammemes(form->tag);
    const names::Gender gender = morph::HasGrammeme(form_tag, ids.masc)   ? names::Gender::kMale
                                 : morph::HasGrammeme(form_tag, ids.femn) ? names::Gender::kFemale
                                                                          : names::Gender::kUnknown;
    word->readings.push_back({text::MatchKey(form->word), slot, gender});
    if (slot != Slot::kSurname && p.method == morph::Method::kDictionary) word->given_name = true;
  }
}

// What `word` may stand for: itself, in the nominative, as any part; the
// dictionary's nominatives of its name parses; petrovich's nominatives of
// it as each part and gender (names the dictionary does not know).
void AddReadings(const morph::Analyzer& morph, QueryWord* word) {
  word->readings.push_back({word->key, Slot::kAny, names::Gender::kUnknown});
  const std::string name = AsName(word->letters);
  AddDictionaryReadings(morph, name, word);
  constexpr std::array<std::pair<names::NamePart, Slot>, 3> kParts = {
      {{names::NamePart::kSurname, Slot::kSurname},
       {names::NamePart::kFirstName, Slot::kFirstName},
       {names::NamePart::kPatronymic, Slot::kPatronymic}}};
  for (const auto& [part, slot] : kParts)
    for (names::Gender gender : {names::Gender::kMale, names::Gender::kFemale})
      for (const names::NominativeGuess& guess : names::GuessNominatives(name, part, gender))
        if (guess.seen_as != names::Case::kNominative)
          word->readings.push_back({text::MatchKey(guess.nominative), slot, gender});
  std::sort(word->readings.begin(), word->readings.end());
  word->readings.erase(std::unique(word->readings.begin(), word->readings.end()),
                       word->readings.end());
}

names::Gender PersonGender(const store::Person& person) {
  if (person.gender == "m") return names::Gender::kMale;
  if (person.gender == "f") return names::Gender::kFemale;
  return names::Gender::kUnknown;
}

// Whether `word` agrees with the part `slot` of `person`, whose match key is `part_key`.
bool Agrees(const QueryWord& word, Slot slot, const std::string& part_key, names::Gender gender) {
  if (part_key.empty()) return false;
  if (word.abbreviated) return slot != Slot::kSurname && part_key.starts_with(word.key);
  return std::any_of(word.readings.begin(), word.readings.end(), [&](const Reading& r) {
    return r.key == part_key && (r.slot == Slot::kAny || r.slot == slot) &&
           (r.gender == names::Gender::kUnknown || gender == names::Gender::kUnknown ||
            r.gender == gender);
  });
}

// Whether each word agrees with another part of the person's name.
bool Matches(const std::vector<QueryWord>& words, const store::Person& person) {
  const std::array<std::string, 3> keys = {text::MatchKey(person.surname),
                                           text::MatchKey(person.first_name),
                                           text::MatchKey(person.patronymic)};
  const names::Gender gender = PersonGender(person);
  // Assigns words[i..] to the parts not in `used` (a bit per part).
  auto assign = [&](auto& self, size_t i, unsigned used) -> bool {
    if (i == words.size()) return true;
    for (size_t part = 0; part < keys.size(); ++part)
      if (!(used & (1u << part)) && Agrees(words[i], static_cast<Slot>(part), keys[part], gender) &&
          self(self, i + 1, used | (1u << part)))
        return true;
    return false;
  };
  return assign(assign, 0, 0);
}

// The persons of `candidates` (most articles first) that match, at most `limit`.
std::vector<store::Person> Matching(const std::vector<QueryWord>& words,
                                    std::vector<store::Person> candidates, size_t limit) {
  std::vector<store::Person> out;
  for (store::Person& person : candidates) {
    if (out.size() == limit) break;
    if (Matches(words, person)) out.push_back(std::move(person));
  }
  return out;
}

// The matching persons, most articles first, at most `limit`. Every person
// that matches has a part equal to a reading of each full word, so the
// persons found by one word's readings (the store gives them most articles
// first) hold every match: a prefix of them that has `limit` matches, or
// all of them, gives the exact answer. Prefixes of every word are read,
// growing up to kMaxCandidates, until one gives it (the rarest word: words
// the dictionary reads as surnames first); at worst the longest answer
// found is returned.
Result<std::vector<store::Person>> FindMatches(store::Store& store,
                                               const std::vector<QueryWord>& words, size_t limit) {
  std::vector<std::vector<std::string>> keys;  // of each full word, surnames first
  std::vector<const QueryWord*> order;
  for (const QueryWord& w : words)
    if (!w.abbreviated) order.push_back(&w);
  std::stable_partition(order.begin(), order.end(),
                        [](const QueryWord* w) { return !w->given_name; });
  for (const QueryWord* w : order) {
    keys.emplace_back();
    for (const Reading& r : w->readings) keys.back().push_back(r.key);
  }
  std::vector<store::Person> best;
  for (size_t read = std::max<size_t>(4 * limit, 32);; read = std::min(4 * read, kMaxCandidates)) {
    for (const std::vector<std::string>& word_keys : keys) {
      auto candidates = store.FindPersonsByName(word_keys, read);
      if (!candidates.ok()) return candidates.status();
      const bool all = candidates->size() < read;
      std::vector<store::Person> found = Matching(words, std::move(candidates).value(), limit);
      if (all || found.size() == limit) return found;
      if (found.size() > best.size()) best = std::move(found);
    }
    if (read == kMaxCandidates) return best;
  }
}

}  // namespace

Result<std::vector<PanelEntry>> SearchPersons(store::Store& store, const morph::Analyzer& morph,
                                              std::string_view query, size_t limit) {
  std::vector<PanelEntry> found;
  if (query.size() > kMaxQueryBytes || !text::ValidateUtf8(query).ok()) return found;
  std::vector<QueryWord> words = SplitWords(text::DecodeUtf8(query));
  const bool full_word =
      std::any_of(words.begin(), words.end(), [](const QueryWord& w) { return !w.abbreviated; });
  if (words.empty() || words.size() > kMaxWords || !full_word || limit == 0) return found;
  for (QueryWord& w : words)
    if (!w.abbreviated) AddReadings(morph, &w);
  limit = std::min(limit, kMaxCandidates);
  Status status = store.ReadTransaction([&]() -> Status {
    auto persons = FindMatches(store, words, limit);
    if (!persons.ok()) return persons.status();
    auto entries = PersonEntries(store, *persons);
    if (!entries.ok()) return entries.status();
    found = std::move(entries).value();
    return Status();
  });
  if (!status.ok()) return status;
  return found;
}

}  // namespace kto::kb
