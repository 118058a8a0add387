#include "kto/names/cluster.h"

#include <optional>

#include "kto/text/normalize.h"
#include "kto/text/utf8.h"

namespace kto::names {
namespace {

bool EndsWith(std::string_view s, std::string_view e) {
  return s.size() >= e.size() && s.substr(s.size() - e.size()) == e;
}

// The key without its final vowels, soft sign and «й»: «бонура» -> «бонур»,
// «мессий» -> «месс».
std::string StripVowelEnding(std::string key) {
  static const std::u32string_view kEndings = U"аеёиоуыэюяьй";
  std::u32string u = text::DecodeUtf8(key);
  while (u.size() > 3 && kEndings.find(u.back()) != std::u32string_view::npos) u.pop_back();
  return text::EncodeUtf8(u);
}

bool SameFirstName(const PersonName& a, const PersonName& b) {
  return !a.first.empty() && text::MatchKey(a.first) == text::MatchKey(b.first);
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

PartMatch ComparePart(const std::string& full_a, const std::string& initial_a,
                      const std::string& full_b, const std::string& initial_b) {
  if (!full_a.empty() && !full_b.empty())
    return text::MatchKey(full_a) == text::MatchKey(full_b) ? PartMatch::kSame
                                                            : PartMatch::kConflict;
  const std::string a = !full_a.empty() ? full_a : initial_a;
  const std::string b = !full_b.empty() ? full_b : initial_b;
  if (a.empty() || b.empty()) return PartMatch::kAbsent;
  return FirstLetterKey(a) == FirstLetterKey(b) ? PartMatch::kInitial : PartMatch::kConflict;
}

// «Лиама Хоулетта» read as a woman's nominative next to «Лиам Хоулетт»: the
// genitive of a man's name and a woman's nominative are often the same
// words, so two full names whose first names and surnames agree up to their
// final vowels, without a patronymic against it, are taken for one person.
// The mention then adds nothing to the cluster's name.
bool ObliqueTwin(const PersonName& c, const PersonName& m) {
  if (c.first.empty() || m.first.empty() || c.surname.empty() || m.surname.empty()) return false;
  if (ComparePart(c.patronymic, c.patronymic_initial, m.patronymic, m.patronymic_initial) ==
      PartMatch::kConflict)
    return false;
  return StripVowelEnding(text::MatchKey(c.first)) == StripVowelEnding(text::MatchKey(m.first)) &&
         StripVowelEnding(SurnameKey(c.surname)) == StripVowelEnding(SurnameKey(m.surname));
}

// A score for merging mention `m` into cluster `c`, or nullopt when they
// cannot be one person. Higher is a closer match.
std::optional<int> StrictMatchScore(const PersonName& c, const PersonName& m) {
  if (c.family != m.family || c.group != m.group) return std::nullopt;
  if (c.group)
    return text::MatchKey(c.surname) == text::MatchKey(m.surname) ? std::optional(1) : std::nullopt;
  int score = 0;
  const bool both_surnames = !c.surname.empty() && !m.surname.empty();
  if (both_surnames) {
    if (SurnameKey(c.surname) == SurnameKey(m.surname)) {
      score += 2;
    } else if ((c.SurnameOnly() || m.SurnameOnly() || SameFirstName(c, m)) &&
               StripVowelEnding(SurnameKey(c.surname)) == StripVowelEnding(SurnameKey(m.surname))) {
      // The nominative of a foreign surname is a guess from its ending
      // («Бонура» may be a nominative or a genitive; «Гарсии» -> «Гарсии» or
      // «Гарсий»): with nothing else against it, forms that agree up to
      // their final vowels are one surname.
      score += 1;
    } else {
      return std::nullopt;
    }
  }
  const PartMatch first = ComparePart(c.first, c.first_initial, m.first, m.first_initial);
  const PartMatch middle =
      ComparePart(c.patronymic, c.patronymic_initial, m.patronymic, m.patronymic_initial);
  if (first == PartMatch::kConflict || middle == PartMatch::kConflict) return std::nullopt;
  // No surname to compare: the first name must match in full.
  if (!both_surnames && first != PartMatch::kSame) return std::nullopt;
  score += first == PartMatch::kSame ? 2 : first == PartMatch::kInitial ? 1 : 0;
  score += middle == PartMatch::kSame ? 2 : middle == PartMatch::kInitial ? 1 : 0;
  // Genders must agree, except for a bare surname whose gender came from
  // its own ending («Кедрова» alone reads as a woman).
  if (c.gender != Gender::kUnknown && m.gender != Gender::kUnknown && c.gender != m.gender &&
      !m.SurnameOnly() && !c.SurnameOnly())
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
  if (c->first.empty() && !m.first.empty()) c->first = m.first;
  if (c->first_initial.empty()) c->first_initial = m.first_initial;
  if (c->patronymic.empty() && !m.patronymic.empty()) c->patronymic = m.patronymic;
  if (c->patronymic_initial.empty()) c->patronymic_initial = m.patronymic_initial;
  if (!m.surname.empty() && (c->surname.empty() || (cluster_surname_was_bare && !m.SurnameOnly())))
    c->surname = m.surname;
  if (!m.SurnameOnly() && m.gender != Gender::kUnknown) c->gender = m.gender;
  if (c->gender == Gender::kUnknown) c->gender = m.gender;
  if (!c->first.empty()) c->first_initial.clear();
  if (!c->patronymic.empty()) c->patronymic_initial.clear();
}

// A mention of one word, read as a bare surname or a bare first name: the
// other reading, or nullopt for any other mention. One word alone is often
// misread («Джонсон» is in the dictionary as a first name too; «Габриэл»
// reads as a surname), and the article's fuller mentions decide.
std::optional<PersonName> OtherReading(const PersonName& m) {
  if (m.family || m.group || !m.patronymic.empty() || !m.first_initial.empty() ||
      !m.patronymic_initial.empty() || m.surname.empty() == m.first.empty())
    return std::nullopt;
  PersonName other = m;
  std::swap(other.surname, other.first);
  return other;
}

}  // namespace

std::string SurnameKey(std::string_view surname) {
  std::string key = text::MatchKey(surname);
  static constexpr std::pair<std::string_view, std::string_view> kFeminine[] = {
      {"ская", "ский"}, {"цкая", "цкий"}, {"ова", "ов"},
      {"ева", "ев"},    {"ина", "ин"},    {"ына", "ын"}};
  for (const auto& [female, male] : kFeminine) {
    if (EndsWith(key, female) && key.size() > female.size() + 2) {
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
    // already seen) its one word in the other role.
    const std::optional<PersonName> other = OtherReading(mentions[i]);
    const PersonName* m = nullptr;
    int best = -1, best_score = -1;
    int candidates = 0;
    for (const PersonName* reading : {&mentions[i], other ? &*other : nullptr}) {
      if (reading == nullptr || best >= 0) break;
      m = reading;
      candidates = 0;
      for (size_t c = 0; c < clusters.size(); ++c) {
        const auto score = MatchScore(clusters[c].name, *m);
        if (!score) continue;
        ++candidates;
        // The closest match wins; among equals, the one mentioned last.
        if (*score > best_score || (*score == best_score && last_seen[c] > last_seen[best])) {
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
      clusters.push_back({mentions[i], {i}});
      last_seen.push_back(i);
      surname_from_bare.push_back(mentions[i].SurnameOnly());
      continue;
    }
    PersonCluster& cluster = clusters[best];
    if (!StrictMatchScore(cluster.name, *m)) {  // an oblique twin: nothing to add
      cluster.mentions.push_back(i);
      cluster_of[i] = best;
      last_seen[best] = i;
      continue;
    }
    Absorb(*m, surname_from_bare[best], &cluster.name);
    if (surname_from_bare[best] && !m->SurnameOnly()) {
      surname_from_bare[best] = false;
      cluster.name.normal = m->normal;
    }
    cluster.mentions.push_back(i);
    cluster_of[i] = best;
    last_seen[best] = i;
  }
  return clusters;
}

}  // namespace kto::names
