#include "score.h"

#include <algorithm>
#include <array>

#include "kto/names/first_names.h"
#include "kto/text/normalize.h"
#include "kto/text/utf8.h"

namespace kto::link::internal {
namespace {

// Weights. A full first name alone reaches the default threshold (0.3); a
// position that shares nothing with the candidate's, without any shared
// context, takes it below.
constexpr double kFirstEqual = 0.5, kFirstInitial = 0.3;
// A first name the article does not give (a bare surname: any candidate may
// do) / the candidate has none yet (known by the surname only).
constexpr double kFirstMissing = 0.15, kFirstUnknownInKb = 0.3;
constexpr double kPatronymicEqual = 0.3, kPatronymicInitial = 0.15;
constexpr double kSamePosition = 0.5, kSameTitle = 0.25, kSameOrg = 0.2, kPositionCap = 0.5;
constexpr double kDisjointPositions = -0.3;
constexpr double kSharedOrg = 0.1, kSharedPlace = 0.1, kSharedPerson = 0.15;
constexpr double kOrgCap = 0.3, kPlaceCap = 0.3, kPersonCap = 0.45;
constexpr double kStale = -0.1;  // not seen for more than two years
constexpr double kSimilarTitle =
    0.2;  // titles sharing a word stem: «журналист», «журналист-расследователь»
constexpr double kGenderConflict = -0.2;  // genders differ, full first names equal

// Word stems of a title: the first five letters of every word of four or more.
std::vector<std::u32string> Stems(const std::string& title) {
  std::vector<std::u32string> stems;
  std::u32string word;
  const std::u32string t = text::DecodeUtf8(text::MatchKey(title)) + U" ";
  for (char32_t c : t) {
    const bool letter = (c >= U'а' && c <= U'я') || c == U'ё' || (c >= U'a' && c <= U'z');
    if (letter) {
      word.push_back(c);
      continue;
    }
    if (word.size() >= 4) stems.push_back(word.substr(0, 5));
    word.clear();
  }
  return stems;
}

bool SimilarTitles(const std::string& a, const std::string& b) {
  const auto sa = Stems(a), sb = Stems(b);
  for (const auto& x : sa)
    for (const auto& y : sb)
      if (x == y) return true;
  return false;
}

char32_t FirstLetter(const std::string& s) {
  const std::u32string u = text::DecodeUtf8(text::MatchKey(s));
  return u.empty() ? U'\0' : u[0];
}

size_t Shared(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  size_t n = 0;
  for (const std::string& x : a)
    if (std::binary_search(b.begin(), b.end(), x)) ++n;
  return n;
}

// Years between two ISO dates (by their year fields); 0 when one is unknown.
int YearsApart(const std::string& a, const std::string& b) {
  if (a.size() < 4 || b.size() < 4) return 0;
  const int ya = std::atoi(a.substr(0, 4).c_str()), yb = std::atoi(b.substr(0, 4).c_str());
  return ya > yb ? ya - yb : yb - ya;
}

}  // namespace

bool IsInitial(const std::string& part) {
  return !part.empty() && part.back() == '.' && text::CountCodePoints(part) <= 3;
}

int ComparePart(const std::string& a, const std::string& b, bool first_names) {
  if (a.empty() || b.empty()) return 0;
  const bool ia = IsInitial(a), ib = IsInitial(b);
  if (!ia && !ib) {
    const bool same =
        first_names ? names::SameFirstName(a, b) : text::MatchKey(a) == text::MatchKey(b);
    return same ? 2 : -1;
  }
  return FirstLetter(a) == FirstLetter(b) ? 1 : -1;
}

std::optional<double> ScoreCandidate(const ArticleSide& article, const CandidateSide& candidate) {
  const NameParts &a = article.name, &c = candidate.name;
  const int first = ComparePart(a.first, c.first, /*first_names=*/true);
  // A gender read from agreement may be wrong: equal full first names outweigh it.
  const bool gender_conflict = !a.gender.empty() && !c.gender.empty() && a.gender != c.gender;
  if (gender_conflict && first != 2) return std::nullopt;
  const int patronymic = ComparePart(a.patronymic, c.patronymic);
  if (first < 0 || patronymic < 0) return std::nullopt;
  double score = first == 2        ? kFirstEqual
                 : first == 1      ? kFirstInitial
                 : a.first.empty() ? kFirstMissing
                                   : kFirstUnknownInKb;
  score += patronymic == 2 ? kPatronymicEqual : patronymic == 1 ? kPatronymicInitial : 0;

  // Positions.
  double positions = 0;
  for (const auto& [title, org] : article.positions) {
    double best = 0;
    for (const store::Position& p : candidate.positions) {
      const bool same_title = !title.empty() && p.title == title;
      const bool same_org = !org.empty() && p.org == org;
      best = std::max(best, same_title && same_org          ? kSamePosition
                            : same_title                    ? kSameTitle
                            : same_org                      ? kSameOrg
                            : SimilarTitles(title, p.title) ? kSimilarTitle
                                                            : 0.0);
    }
    positions += best;
  }
  positions = std::min(positions, kPositionCap);

  // Context: what the article names and the candidate's latest articles named.
  const store::PersonContext& k = candidate.context;
  // A position organization may be named as an organization or a place.
  std::vector<std::string> article_orgs = article.organizations;
  for (const auto& [title, org] : article.positions)
    if (!org.empty()) article_orgs.push_back(org);
  std::sort(article_orgs.begin(), article_orgs.end());
  article_orgs.erase(std::unique(article_orgs.begin(), article_orgs.end()), article_orgs.end());
  std::vector<std::string> kb_names = k.organizations;
  kb_names.insert(kb_names.end(), k.locations.begin(), k.locations.end());
  for (const store::Position& p : candidate.positions)
    if (!p.org.empty()) kb_names.push_back(p.org);
  std::sort(kb_names.begin(), kb_names.end());
  kb_names.erase(std::unique(kb_names.begin(), kb_names.end()), kb_names.end());
  const double context =
      std::min(kOrgCap, kSharedOrg * static_cast<double>(Shared(article_orgs, kb_names))) +
      std::min(kPlaceCap, kSharedPlace * static_cast<double>(Shared(article.locations, kb_names))) +
      std::min(kPersonCap,
               kSharedPerson * static_cast<double>(Shared(article.co_surnames, k.co_surnames)));

  score += positions + context;
  if (gender_conflict) score += kGenderConflict;
  if (!article.positions.empty() && !candidate.positions.empty() && positions == 0)
    score += kDisjointPositions;
  if (YearsApart(article.date, k.last_seen) > 2) score += kStale;
  return score;
}

NameParts Grow(const NameParts& kb, const NameParts& article) {
  NameParts out = kb;
  auto grow = [](std::string* part, const std::string& more) {
    if (more.empty()) return;
    if (part->empty() || (IsInitial(*part) && !IsInitial(more))) *part = more;
  };
  grow(&out.first, article.first);
  grow(&out.patronymic, article.patronymic);
  if (out.surname.empty()) out.surname = article.surname;
  if (out.gender.empty()) out.gender = article.gender;
  out.surname_first |= article.surname_first;
  return out;
}

std::string DisplayName(const NameParts& name) {
  // A patronymic's initial beside a full first name is left out: «Пётр
  // Чайковский», never «Пётр И. Чайковский» (the KB keeps it for matching).
  if (!name.first.empty() && !IsInitial(name.first) && IsInitial(name.patronymic)) {
    NameParts shown = name;
    shown.patronymic.clear();
    return DisplayName(shown);
  }
  std::string out;
  const auto order = name.surname_first ? std::array{&name.surname, &name.first, &name.patronymic}
                                        : std::array{&name.first, &name.patronymic, &name.surname};
  for (const std::string* part : order) {
    if (part->empty()) continue;
    if (!out.empty()) out += ' ';
    out += *part;
  }
  return out;
}

}  // namespace kto::link::internal
