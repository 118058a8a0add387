#include "kto/names/cluster.h"

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_map>

#include "kto/names/first_names.h"
#include "kto/text/normalize.h"
#include "kto/text/utf8.h"
#include "remembered.h"

namespace kto::names {
namespace {

using internal::MatchKeyOf;
using internal::Remembered;

bool HasLatin(std::string_view s) {
  for (char c : s)
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return false;
}

bool HasCyrillic(std::string_view s) {
  for (char c : s)
    if (c == '\xD0' || c == '\xD1') return true;  // lead bytes of U+0400..U+047F
  return false;
}

// One part written in Latin letters and the other in Cyrillic: «Kessler»
// and «Кесслер», «Sumana Dakko» and «Сумана Дакко».
bool ScriptsDiffer(std::string_view a, std::string_view b) {
  return (HasLatin(a) && !HasCyrillic(a) && HasCyrillic(b) && !HasLatin(b)) ||
         (HasLatin(b) && !HasCyrillic(b) && HasCyrillic(a) && !HasLatin(a));
}

}  // namespace

std::string TransliterationKey(std::string_view name) {
  // The consonants of a name as classes shared by Latin and Cyrillic
  // spellings: vowels, й, ь, ъ and h dropped, voiced and voiceless
  // sibilants one class, repeats collapsed. «Schäfer», «Шефер» -> "ШФР".
  // Longer than a function should be only because its switch is the table
  // of letters, Latin and Cyrillic side by side; split, the table would be
  // harder to read.
  const std::u32string u = text::DecodeUtf8(text::MatchKey(name));
  std::u32string key;
  auto push = [&](char32_t c) {
    if (key.empty() || key.back() != c) key.push_back(c);
  };
  auto at = [&](size_t i) -> char32_t { return i < u.size() ? u[i] : 0; };
  auto front_vowel = [](char32_t c) { return c == U'e' || c == U'i' || c == U'y'; };
  for (size_t i = 0; i < u.size(); ++i) {
    const char32_t c = u[i];
    switch (c) {
      case U'б':
      case U'b':
        push(U'Б');
        break;
      case U'в':
      case U'ф':
      case U'v':
      case U'f':
      case U'w':
        push(U'Ф');
        break;
      case U'г':
        push(U'Г');
        break;
      case U'g':
        if (front_vowel(at(i + 1)))
          push(U'Д'), push(U'Ж');  // Angelo: Анджело
        else
          push(U'Г');
        break;
      case U'д':
      case U'd':
        push(U'Д');
        break;
      case U'ж':
      case U'j':
        push(U'Ж');
        break;
      case U'з':
      case U'с':
      case U'z':
        push(U'С');
        break;
      case U's':
        if (at(i + 1) == U'c' && at(i + 2) == U'h')
          push(U'Ш'), i += 2;  // Schäfer
        else if (at(i + 1) == U'h')
          push(U'Ш'), ++i;
        else
          push(U'С');
        break;
      case U'к':
      case U'k':
      case U'q':
        push(U'К');
        break;
      case U'c':
        if (at(i + 1) == U'h')
          push(U'Ш'), ++i;  // ch: ш or ч
        else if (front_vowel(at(i + 1)))
          push(U'С');
        else
          push(U'К');
        break;
      case U'x':
        push(U'К'), push(U'С');
        break;
      case U'л':
      case U'l':
        push(U'Л');
        break;
      case U'м':
      case U'm':
        push(U'М');
        break;
      case U'н':
      case U'n':
        push(U'Н');
        break;
      case U'п':
        push(U'П');
        break;
      case U'p':
        if (at(i + 1) == U'h')
          push(U'Ф'), ++i;
        else
          push(U'П');
        break;
      case U'р':
      case U'r':
        push(U'Р');
        break;
      case U'т':
      case U't':
        push(U'Т');
        if (at(i + 1) == U'h') ++i;
        break;
      case U'ц':
        push(U'Ц');
        break;
      case U'ш':
      case U'щ':
      case U'ч':
        push(U'Ш');
        break;
      default:
        break;  // vowels, й, ь, ъ, х and h, anything else
    }
    // «дж» is one sound, written «j» or «g» in Latin.
    if (key.size() >= 2 && key.back() == U'Ж' && key[key.size() - 2] == U'Д') {
      key.pop_back();
      key.back() = U'Ж';
    }
  }
  return text::EncodeUtf8(key);
}

namespace {

// The surname without its final vowels (and й, ь): «Веласии», «Веласию» and
// «Веласия» -> «велас», for oblique forms the normalization did not undo.
std::u32string ObliqueStem(std::string_view surname) {
  std::u32string key = text::DecodeUtf8(text::MatchKey(surname));
  while (!key.empty() &&
         std::u32string_view(U"аеиоуыэюяйь").find(key.back()) != std::u32string_view::npos)
    key.pop_back();
  return key;
}

// Two surnames of one person: the same match key (gender forms folded),
// the same consonants across scripts, or (`oblique`) the same stem.
bool SurnamesAgree(const std::string& a, const std::string& b, bool oblique) {
  if (a == b || Remembered<SurnameKey>(a) == Remembered<SurnameKey>(b)) return true;
  if (ScriptsDiffer(a, b)) {
    const std::string key = TransliterationKey(a);
    return text::DecodeUtf8(key).size() >= 2 && key == TransliterationKey(b);
  }
  if (!oblique) return false;
  const std::u32string stem = Remembered<ObliqueStem>(a);
  return stem.size() >= 4 && stem == Remembered<ObliqueStem>(b);
}

bool BothHaveTheFirstName(const PersonName& a, const PersonName& b) {
  return !a.first.empty() && !b.first.empty() && SameFirstName(a.first, b.first);
}

// How a mention's part relates to a cluster's: both full names, a full name
// and an initial, or absent on either side.
enum class PartMatch { kConflict, kAbsent, kInitial, kSame };

std::string FirstLetterKey(std::string_view s) {
  const std::string key = text::MatchKey(s);
  if (key.empty()) return key;
  size_t len = 1;
  while (len < key.size() && (static_cast<unsigned char>(key[len]) & 0xC0) == 0x80) ++len;
  return key.substr(0, len);
}

// `first_names`: full forms compare with their short forms («Лиза»,
// «Елизавета»). A Latin and a Cyrillic spelling compare by their consonants.
PartMatch ComparePart(const std::string& full_a, const std::string& initial_a,
                      const std::string& full_b, const std::string& initial_b,
                      bool first_names = false) {
  if (!full_a.empty() && !full_b.empty()) {
    const bool same =
        (first_names ? SameFirstName(full_a, full_b)
                     : full_a == full_b ||
                           Remembered<MatchKeyOf>(full_a) == Remembered<MatchKeyOf>(full_b)) ||
        (ScriptsDiffer(full_a, full_b) && TransliterationKey(full_a) == TransliterationKey(full_b));
    return same ? PartMatch::kSame : PartMatch::kConflict;
  }
  const std::string a = !full_a.empty() ? full_a : initial_a;
  const std::string b = !full_b.empty() ? full_b : initial_b;
  if (a.empty() || b.empty()) return PartMatch::kAbsent;
  return FirstLetterKey(a) == FirstLetterKey(b) ? PartMatch::kInitial : PartMatch::kConflict;
}

// «Лиама Хоулетта» read as a woman's nominative next to «Лиам Хоулетт»
// («Александра Кедрина», the genitive of «Александр Кедрин»): the genitive
// of a man's name and a woman's nominative are often the same words, so two
// names whose first names (and surnames, when the mention has one) agree up
// to their final vowels, without a patronymic against it, are taken for one
// person; so are «Тома» and «Том».
bool ObliqueTwin(const PersonName& c, const PersonName& m) {
  if (c.first.empty() || m.first.empty()) return false;
  if (ComparePart(c.patronymic, c.patronymic_initial, m.patronymic, m.patronymic_initial) ==
      PartMatch::kConflict)
    return false;
  const std::u32string first = Remembered<ObliqueStem>(c.first);
  if (first.size() < 3 || first != Remembered<ObliqueStem>(m.first)) return false;
  if (m.surname.empty()) return true;
  return !c.surname.empty() && Remembered<ObliqueStem>(Remembered<SurnameKey>(c.surname)) ==
                                   Remembered<ObliqueStem>(Remembered<SurnameKey>(m.surname));
}

// A score for merging mention `m` into cluster `c`, or nullopt when they
// cannot be one person. Higher is a closer match.
std::optional<int> StrictMatchScore(const PersonName& c, const PersonName& m) {
  if (c.family != m.family || c.group != m.group) return std::nullopt;
  if (c.group)
    return c.surname == m.surname ||
                   Remembered<MatchKeyOf>(c.surname) == Remembered<MatchKeyOf>(m.surname)
               ? std::optional(1)
               : std::nullopt;
  int score = 0;
  const bool both_surnames = !c.surname.empty() && !m.surname.empty();
  if (both_surnames) {
    // The nominative of a foreign surname is a guess from its ending
    // («Бонура» may be a nominative or a genitive; «Гарсии» stays «Гарсии»):
    // with nothing else to tell the persons apart (a bare surname, or the
    // same first name), forms that agree up to their final vowels are one.
    const bool oblique = c.SurnameOnly() || m.SurnameOnly() || BothHaveTheFirstName(c, m);
    if (c.surname == m.surname ||
        Remembered<SurnameKey>(c.surname) == Remembered<SurnameKey>(m.surname)) {
      score += 2;
    } else if (SurnamesAgree(c.surname, m.surname, oblique)) {
      score += 1;
    } else {
      return std::nullopt;
    }
  }
  const PartMatch first =
      ComparePart(c.first, c.first_initial, m.first, m.first_initial, /*first_names=*/true);
  const PartMatch middle =
      ComparePart(c.patronymic, c.patronymic_initial, m.patronymic, m.patronymic_initial);
  if (first == PartMatch::kConflict || middle == PartMatch::kConflict) return std::nullopt;
  // No surname to compare: the first name must match in full.
  if (!both_surnames && first != PartMatch::kSame) return std::nullopt;
  score += first == PartMatch::kSame ? 2 : first == PartMatch::kInitial ? 1 : 0;
  score += middle == PartMatch::kSame ? 2 : middle == PartMatch::kInitial ? 1 : 0;
  // Genders must agree, except for a bare surname whose gender came from
  // its own ending («Кедрова» alone reads as a woman); one a verb agrees
  // with («Коваль подарил») must agree too.
  auto sure = [](const PersonName& n) { return !n.SurnameOnly() || n.gender_from_context; };
  if (c.gender != Gender::kUnknown && m.gender != Gender::kUnknown && c.gender != m.gender &&
      sure(m) && sure(c))
    return std::nullopt;
  return score;
}

// StrictMatchScore, else the lowest score for an oblique twin.
std::optional<int> MatchScore(const PersonName& c, const PersonName& m) {
  if (auto score = StrictMatchScore(c, m)) return score;
  if (!c.family && !m.family && !c.group && !m.group && ObliqueTwin(c, m)) return 1;
  return std::nullopt;
}

// Fills the cluster's missing parts from the mention. A full part replaces
// an initial; a surname from a mention with a first name replaces one read
// from a bare surname (whose case and gender were guesses).
void Absorb(const PersonName& m, bool cluster_surname_was_bare, PersonName* c) {
  if (!m.first.empty() && (c->first.empty() || IsShortFormOf(c->first, m.first)))
    c->first = m.first;
  if (c->first_initial.empty()) c->first_initial = m.first_initial;
  if (c->patronymic.empty() && !m.patronymic.empty()) c->patronymic = m.patronymic;
  if (c->patronymic_initial.empty()) c->patronymic_initial = m.patronymic_initial;
  if (!m.surname.empty() && (c->surname.empty() || (cluster_surname_was_bare && !m.SurnameOnly())))
    c->surname = m.surname;
  if (!m.SurnameOnly() && m.gender != Gender::kUnknown) c->gender = m.gender;
  if (!m.SurnameOnly() && m.surname_first) c->surname_first = true;  // «Инъин», then «Чжан Инъин»
  if (c->gender == Gender::kUnknown) c->gender = m.gender;
  if (!c->first.empty()) c->first_initial.clear();
  if (!c->patronymic.empty()) c->patronymic_initial.clear();
}

// A bare first name read as a surname: «Джонсон», which the dictionary
// also knows as a first name, beside «Борис Джонсон». Nullopt for any other
// mention. (The other way round, a surname that is a person's first name,
// is JoinFirstNamesReadAsSurnames' part.)
std::optional<PersonName> AsSurname(const PersonName& m) {
  if (m.family || m.group || m.first.empty() || !m.surname.empty() || !m.patronymic.empty() ||
      !m.first_initial.empty() || !m.patronymic_initial.empty())
    return std::nullopt;
  PersonName other = m;
  std::swap(other.surname, other.first);
  return other;
}

// A word alone that is nobody's surname in the article but one person's
// first name, in any case («Том», «Тома» beside «Том Бэрри»; «Анджело» beside
// «Анджело Берти»: foreign first names the parser could only read as
// surnames), is that person called by the first name. Two persons with that
// first name: nobody. A word said more often alone than the full name is
// more likely someone else («Кэндзи» five times beside «Кэндзи Хироси», two
// persons listed side by side and read as one name).
void JoinFirstNamesReadAsSurnames(std::vector<PersonCluster>* clusters) {
  std::vector<bool> gone(clusters->size(), false);
  for (size_t b = 0; b < clusters->size(); ++b) {
    const PersonName& bare = (*clusters)[b].name;
    if (!bare.SurnameOnly() || bare.family || bare.group) continue;
    const std::u32string stem = ObliqueStem(bare.surname);
    if (stem.size() < 3) continue;
    int target = -1, found = 0;
    for (size_t c = 0; c < clusters->size(); ++c) {
      const PersonName& n = (*clusters)[c].name;
      if (c == b || gone[c] || n.first.empty() || n.family || n.group) continue;
      if (ObliqueStem(n.first) != stem) continue;
      target = static_cast<int>(c);
      ++found;
    }
    if (found != 1 || (*clusters)[b].mentions.size() > (*clusters)[target].mentions.size())
      continue;
    std::vector<uint32_t>& into = (*clusters)[target].mentions;
    into.insert(into.end(), (*clusters)[b].mentions.begin(), (*clusters)[b].mentions.end());
    std::sort(into.begin(), into.end());
    gone[b] = true;
  }
  std::vector<PersonCluster> kept;
  for (size_t c = 0; c < clusters->size(); ++c)
    if (!gone[c]) kept.push_back(std::move((*clusters)[c]));
  // In order of first mention, as they were made.
  std::stable_sort(kept.begin(), kept.end(), [](const PersonCluster& a, const PersonCluster& b) {
    return a.mentions.front() < b.mentions.front();
  });
  *clusters = std::move(kept);
}

// Which clusters a mention can match, so that an article naming thousands
// of persons is not compared pair by pair (ClusterPersons was quadratic in
// them: a 640 KB article of names took 11 s). A mention with a surname can
// match a cluster with a surname only when the two share a key MatchScore
// compares — SurnameKey, MatchKey, ObliqueStem of the surname or of its
// SurnameKey — or are written in different scripts (TransliterationKey);
// clusters without a surname are always candidates. The candidates are a
// superset of the matches, and MatchScore still decides: the clusters are
// the same as with every pair compared.
class SurnameIndex {
 public:
  // Indexes cluster `id` under the keys of `name`. Call again when the
  // cluster's name changes: its old keys stay, which only adds candidates.
  void Add(uint32_t id, const PersonName& name) {
    if (name.surname.empty()) {
      without_surname_.push_back(id);
      return;
    }
    for (std::string& key : Keys(name.surname)) by_key_[std::move(key)].push_back(id);
    if (LatinOnly(name.surname)) latin_only_.push_back(id);
    if (CyrillicOnly(name.surname)) cyrillic_only_.push_back(id);
  }

  // The clusters `m` may match, sorted, each once, into *out; false when `m`
  // has no surname and must be compared with every cluster.
  bool Candidates(const PersonName& m, std::vector<uint32_t>* out) const {
    out->clear();
    if (m.surname.empty()) return false;
    auto append = [out](const std::vector<uint32_t>& ids) {
      out->insert(out->end(), ids.begin(), ids.end());
    };
    for (const std::string& key : Keys(m.surname))
      if (auto it = by_key_.find(key); it != by_key_.end()) append(it->second);
    append(without_surname_);
    if (LatinOnly(m.surname)) append(cyrillic_only_);
    if (CyrillicOnly(m.surname)) append(latin_only_);
    std::sort(out->begin(), out->end());
    out->erase(std::unique(out->begin(), out->end()), out->end());
    return true;
  }

 private:
  static bool LatinOnly(std::string_view s) { return HasLatin(s) && !HasCyrillic(s); }
  static bool CyrillicOnly(std::string_view s) { return HasCyrillic(s) && !HasLatin(s); }
  // Each kind of key prefixed with its letter, so that kinds never collide.
  static std::array<std::string, 4> Keys(std::string_view surname) {
    const std::string key = SurnameKey(surname);
    std::array<std::string, 4> keys = {"k", "m", "s", "t"};
    keys[0] += key;
    keys[1] += text::MatchKey(surname);
    keys[2] += text::EncodeUtf8(ObliqueStem(surname));
    keys[3] += text::EncodeUtf8(ObliqueStem(key));
    return keys;
  }

  std::unordered_map<std::string, std::vector<uint32_t>> by_key_;
  std::vector<uint32_t> without_surname_, latin_only_, cyrillic_only_;
};

}  // namespace

std::string SurnameKey(std::string_view surname) {
  std::string key = text::SpellingKey(surname);
  static constexpr std::pair<std::string_view, std::string_view> kFeminine[] = {
      {"ская", "ский"}, {"цкая", "цкий"}, {"ова", "ов"},
      {"ева", "ев"},    {"ина", "ин"},    {"ына", "ын"}};
  for (const auto& [female, male] : kFeminine) {
    if (key.ends_with(female) && key.size() > female.size() + 2) {
      key.replace(key.size() - female.size(), female.size(), male);
      break;
    }
  }
  return key;
}

std::vector<PersonCluster> ClusterPersons(std::span<const PersonName> mentions,
                                          std::span<const int> same_as) {
  std::vector<PersonCluster> clusters;
  std::vector<uint32_t> last_seen;      // per cluster: the last mention index
  std::vector<bool> surname_from_bare;  // per cluster: its surname came from a bare surname
  std::vector<int> cluster_of(mentions.size(), -1);
  SurnameIndex index;
  std::vector<uint32_t> candidate_ids;
  for (uint32_t i = 0; i < mentions.size(); ++i) {
    if (mentions[i].Display().empty()) continue;
    if (i < same_as.size() && same_as[i] >= 0 && static_cast<uint32_t>(same_as[i]) < i &&
        cluster_of[same_as[i]] >= 0) {
      cluster_of[i] = cluster_of[same_as[i]];
      clusters[cluster_of[i]].mentions.push_back(i);
      last_seen[cluster_of[i]] = i;
      continue;
    }
    // The mention as parsed, or else (when only that matches a person
    // already seen) a bare first name as a surname.
    const std::optional<PersonName> other = AsSurname(mentions[i]);
    const PersonName* m = nullptr;
    int best = -1, best_score = -1;
    int candidates = 0;
    for (const PersonName* reading : {&mentions[i], other ? &*other : nullptr}) {
      if (reading == nullptr || best >= 0) break;
      m = reading;
      candidates = 0;
      const bool indexed = index.Candidates(*m, &candidate_ids);
      const size_t n = indexed ? candidate_ids.size() : clusters.size();
      for (size_t nth = 0; nth < n; ++nth) {
        const size_t c = indexed ? candidate_ids[nth] : nth;
        const auto score = MatchScore(clusters[c].name, *m);
        if (!score) continue;
        ++candidates;
        // The closest match wins; among equals, the one mentioned most so
        // far, then the one mentioned last.
        const auto count = [&](size_t k) { return clusters[k].mentions.size(); };
        if (*score > best_score || (*score == best_score &&
                                    (count(c) > count(best) || (count(c) == count(best) &&
                                                                last_seen[c] > last_seen[best])))) {
          best = static_cast<int>(c);
          best_score = *score;
        }
      }
    }
    if (best < 0) m = &mentions[i];
    // A bare first name joins only an unambiguous person.
    const bool bare_first = m->surname.empty() && m->patronymic.empty();
    if (best < 0 || (bare_first && candidates > 1)) {
      cluster_of[i] = static_cast<int>(clusters.size());
      index.Add(static_cast<uint32_t>(clusters.size()), mentions[i]);
      clusters.push_back({mentions[i], {i}});
      last_seen.push_back(i);
      surname_from_bare.push_back(mentions[i].SurnameOnly());
      continue;
    }
    PersonCluster& cluster = clusters[best];
    cluster.mentions.push_back(i);
    cluster_of[i] = best;
    last_seen[best] = i;
    if (!StrictMatchScore(cluster.name, *m)) {
      // An oblique twin adds nothing, except that a man's reading replaces a
      // woman's: the woman's was the misread one.
      if (cluster.name.gender == Gender::kFemale && m->gender == Gender::kMale) {
        cluster.name.first = m->first;
        cluster.name.surname = m->surname.empty() ? cluster.name.surname : m->surname;
        cluster.name.gender = m->gender;
        cluster.name.normal = m->normal;
        index.Add(static_cast<uint32_t>(best), cluster.name);
      }
      continue;
    }
    const std::string surname = cluster.name.surname;
    Absorb(*m, surname_from_bare[best], &cluster.name);
    if (surname_from_bare[best] && !m->SurnameOnly()) {
      surname_from_bare[best] = false;
      cluster.name.normal = m->normal;
    }
    if (cluster.name.surname != surname) index.Add(static_cast<uint32_t>(best), cluster.name);
  }
  JoinFirstNamesReadAsSurnames(&clusters);
  return clusters;
}

}  // namespace kto::names
