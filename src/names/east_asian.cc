#include "east_asian.h"

#include <algorithm>
#include <array>
#include <unordered_set>

#include "kto/text/normalize.h"
#include "kto/text/utf8.h"

namespace kto::names::internal {
namespace {

// src/names/data/palladius_syllables.txt.
constexpr std::string_view kPalladius[] = {
#include "palladius_syllables.inc"
};

// src/names/data/korean_surnames.txt.
constexpr std::string_view kKoreanSurnames[] = {
#include "korean_surnames.inc"
};

// src/names/data/vietnamese_surnames.txt.
constexpr std::string_view kVietnameseSurnames[] = {
#include "vietnamese_surnames.inc"
};

std::unordered_set<std::u32string> Words(std::span<const std::string_view> words) {
  std::unordered_set<std::u32string> set;
  for (std::string_view word : words) set.insert(text::DecodeUtf8(word));
  return set;
}

const std::unordered_set<std::u32string>& Syllables() {
  static const auto* const syllables = new std::unordered_set<std::u32string>(Words(kPalladius));
  return *syllables;
}

const std::unordered_set<std::u32string>& KoreanSurnames() {
  static const auto* const surnames =
      new std::unordered_set<std::u32string>(Words(kKoreanSurnames));
  return *surnames;
}

const std::unordered_set<std::u32string>& VietnameseSurnames() {
  static const auto* const surnames =
      new std::unordered_set<std::u32string>(Words(kVietnameseSurnames));
  return *surnames;
}

bool IsVowel(char32_t c) {
  return std::u32string_view(U"аэоияеюуы").find(c) != std::u32string_view::npos;
}

// Can `word` (lower case) be read as `1..max_syllables` Palladius syllables?
// A syllable that starts with a vowel follows a vowel or «ъ» («Лиюань»,
// «Инъин»), as Palladius writes them.
bool IsSyllables(std::u32string_view word, int max_syllables, bool after_vowel = true) {
  if (word.empty()) return true;
  if (max_syllables == 0) return false;
  const auto& syllables = Syllables();
  for (size_t n = 1; n <= std::min<size_t>(word.size(), 6); ++n) {
    const std::u32string syllable(word.substr(0, n));
    if (!syllables.contains(syllable) || (IsVowel(syllable[0]) && !after_vowel)) continue;
    std::u32string_view rest = word.substr(n);
    bool next_after_vowel = IsVowel(syllable.back());
    if (!rest.empty() && rest[0] == U'ъ') rest.remove_prefix(1), next_after_vowel = true;
    if (IsSyllables(rest, max_syllables - 1, next_after_vowel)) return true;
  }
  return false;
}

bool IsChineseGiven(std::u32string_view word) {
  return IsSyllables(word, 2);
}
bool IsKoreanGiven(std::u32string_view word) {
  return !word.empty() && word.size() <= 3;
}

struct Ending {
  std::u32string_view letters;
  bool soft;  // the stem ends in «ь» or «й»: «Цзэминя» -> «Цзэминь»
  Case seen_as;
};
constexpr std::array<Ending, 8> kEndings = {{{U"ом", false, Case::kInstrumental},
                                             {U"ем", true, Case::kInstrumental},
                                             {U"а", false, Case::kGenitive},
                                             {U"у", false, Case::kDative},
                                             {U"е", false, Case::kPrepositional},
                                             {U"я", true, Case::kGenitive},
                                             {U"ю", true, Case::kDative},
                                             {U"е", true, Case::kPrepositional}}};

// The last given-name word in the nominative, its case and whether it was
// declined; nullopt when `valid` accepts neither it nor a stem of it.
struct LastWord {
  std::u32string nominative;
  Case seen_as = Case::kNominative;
  bool declined = false;
};
template <typename Valid>
std::optional<LastWord> ReadLastWord(const std::u32string& word, bool keep_if_valid, Valid valid) {
  if (keep_if_valid && valid(word)) return LastWord{word};
  for (const Ending& e : kEndings) {
    if (word.size() < e.letters.size() + 2 || !word.ends_with(e.letters)) continue;
    std::u32string stem = word.substr(0, word.size() - e.letters.size());
    // A man's name that declines ends in a consonant: «Цзиньпин(а)»,
    // «Цзэминь (Цзэминя)», «Минхуэй (Минхуэя)».
    if (IsVowel(stem.back())) {
      if (!e.soft) continue;
      stem += U'й';
    } else if (e.soft) {
      stem += U'ь';
    }
    if (valid(stem)) return LastWord{stem, e.seen_as, true};
  }
  if (valid(word)) return LastWord{word};
  return std::nullopt;
}

// A Vietnamese name: the surname first, declined or not («Нгуеном»), then
// one or two given-name words of at most six letters, which stay as written
// («Ван Тхиеу»). nullopt otherwise.
std::optional<EastAsianName> ParseVietnameseName(std::span<const std::string_view> words,
                                                 const std::vector<std::u32string>& lower) {
  for (size_t i = 1; i < lower.size(); ++i)
    if (lower[i].size() > 6) return std::nullopt;
  EastAsianName name;
  const std::u32string& surname = lower[0];
  if (!VietnameseSurnames().contains(surname)) {
    // A consonant-final surname declines as a man's noun: «Нгуена», «Нгуеном».
    for (const Ending& e : kEndings) {
      if (e.soft || !surname.ends_with(e.letters)) continue;
      const std::u32string stem = surname.substr(0, surname.size() - e.letters.size());
      if (!VietnameseSurnames().contains(stem)) continue;
      name.seen_as = e.seen_as;
      name.declined = true;
      name.words.push_back(text::CopyCase(text::EncodeUtf8(stem), words[0]));
      break;
    }
    if (name.words.empty()) return std::nullopt;
  } else {
    name.words.emplace_back(words[0]);
  }
  name.words.insert(name.words.end(), words.begin() + 1, words.end());
  return name;
}

}  // namespace

std::optional<EastAsianName> ParseEastAsianName(std::span<const std::string_view> words) {
  if (words.size() < 2 || words.size() > 3) return std::nullopt;
  std::vector<std::u32string> lower;
  for (std::string_view w : words)
    lower.push_back(text::DecodeUtf8(text::MatchKey(w, {.lowercase = true, .fold_yo = false})));
  // Chinese first; then Korean, whose given names are not Palladius syllables
  // («Ли Мён Бак»).
  for (const bool chinese : {true, false}) {
    if (!(chinese ? Syllables() : KoreanSurnames()).contains(lower[0])) continue;
    auto valid = chinese ? IsChineseGiven : IsKoreanGiven;
    bool middle_valid = true;
    for (size_t i = 1; i + 1 < lower.size(); ++i) middle_valid &= valid(lower[i]);
    if (!middle_valid) continue;
    // A Chinese word that is a name as written stays as written («Ли
    // Хуа»); a Korean one of two or three letters may be a stem with its
    // ending («Ына»).
    const auto last = ReadLastWord(lower.back(), chinese, valid);
    if (!last) continue;
    EastAsianName name;
    name.words.assign(words.begin(), words.end() - 1);
    name.words.push_back(text::CopyCase(text::EncodeUtf8(last->nominative), words.back()));
    name.seen_as = last->seen_as;
    name.declined = last->declined;
    return name;
  }
  return ParseVietnameseName(words, lower);
}

}  // namespace kto::names::internal
