#include "kto/link/linker.h"

#include <algorithm>
#include <deque>
#include <map>

#include "kto/names/cluster.h"
#include "kto/text/normalize.h"
#include "kto/text/utf8.h"
#include "score.h"

namespace kto::link {
namespace {

using internal::NameParts;

NameParts PartsOf(const names::PersonName& n) {
  NameParts parts;
  parts.surname = n.surname;
  parts.first = n.first.empty() ? n.first_initial : n.first;
  parts.patronymic = n.patronymic.empty() ? n.patronymic_initial : n.patronymic;
  if (n.gender != names::Gender::kUnknown)
    parts.gender.assign(1, n.gender == names::Gender::kMale ? 'm' : 'f');
  parts.surname_first = n.surname_first;
  return parts;
}

// The store keeps a name's order in its display name alone.
NameParts PartsOf(const store::Person& p) {
  const bool surname_first = !p.surname.empty() && !p.first_name.empty() &&
                             p.display_name == p.surname + " " + p.first_name;
  return NameParts{p.surname, p.first_name, p.patronymic, p.gender, surname_first};
}

std::vector<std::string> SortedNames(const std::vector<facts::EntityFact>& entities) {
  std::vector<std::string> names;
  for (const facts::EntityFact& e : entities) {
    names.push_back(e.name);
    if (!e.abbr.empty()) names.push_back(e.abbr);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

// Surnames that differ only in an ending the parser may have got wrong in an
// oblique case («Гарсии», «Гарсия»; «Мугаб», «Мугабе»): a common prefix of
// four or more letters and at most two more letters on either side.
bool SimilarSurnames(const std::string& a, const std::string& b) {
  const std::u32string x = text::DecodeUtf8(text::MatchKey(a)),
                       y = text::DecodeUtf8(text::MatchKey(b));
  size_t common = 0;
  while (common < x.size() && common < y.size() && x[common] == y[common]) ++common;
  return common >= 4 && x.size() - common <= 2 && y.size() - common <= 2;
}

// For each person of the article: the index of another person of the article
// it is the same as, or -1. A person named by one word parsed as a first
// name («Джонсон», «Бориса») is the one person with that surname, else the
// one person with that first name.
std::vector<int> SameInArticle(const facts::ArticleAnalysis& analysis) {
  const auto& persons = analysis.persons;
  std::vector<int> same_as(persons.size(), -1);
  auto full = [](const names::PersonName& n) {
    return !n.family && !n.group && !n.surname.empty();
  };
  for (size_t i = 0; i < persons.size(); ++i) {
    const names::PersonName& n = persons[i].name;
    if (n.family || n.group || !n.surname.empty() || !n.patronymic.empty() ||
        !n.patronymic_initial.empty() || n.first.empty())
      continue;
    const std::string key = text::MatchKey(n.first);
    for (int pass = 0; pass < 2 && same_as[i] < 0; ++pass) {
      int found = -1, count = 0;
      for (size_t j = 0; j < persons.size(); ++j) {
        const names::PersonName& o = persons[j].name;
        if (j == i || !full(o)) continue;
        const std::string& part = pass == 0 ? o.surname : o.first;
        if (!part.empty() && text::MatchKey(part) == key) {
          found = static_cast<int>(j);
          ++count;
        }
      }
      if (count == 1) same_as[i] = found;
    }
  }
  // Two clusters of one article with the same surname (across gender forms)
  // and agreeing first names and patronymics are one person (the clusterer
  // keeps them apart when their genders were read differently); a bare
  // surname joins the one person of the article with that surname.
  for (size_t i = 0; i < persons.size(); ++i) {
    const names::PersonName& n = persons[i].name;
    if (same_as[i] >= 0 || !full(n)) continue;
    const NameParts a = PartsOf(n);
    int found = -1, count = 0;
    for (size_t j = 0; j < persons.size(); ++j) {
      const names::PersonName& o = persons[j].name;
      if (j == i || same_as[j] >= 0 || !full(o)) continue;
      const NameParts b = PartsOf(o);
      if (names::SurnameKey(o.surname) != names::SurnameKey(n.surname) &&
          !(a.first.empty() && a.patronymic.empty() && SimilarSurnames(n.surname, o.surname)))
        continue;
      const int first = internal::ComparePart(a.first, b.first, /*first_names=*/true);
      const int patronymic = internal::ComparePart(a.patronymic, b.patronymic);
      if (first < 0 || patronymic < 0) continue;
      // «миссис Нюгрен» beside «Эрик Нюгрен»: a gender the context is sure of.
      if (n.gender_certain && o.gender != names::Gender::kUnknown && n.gender != o.gender) continue;
      if (a.first.empty() || first >= 1) {
        found = static_cast<int>(j);
        ++count;
      }
    }
    // Never into a person already joined to another: chains end, no cycles.
    if (count == 1) same_as[i] = found;
  }
  return same_as;
}

}  // namespace

// What the linker knows of a KB person: positions (not former), counts, and
// the context of their last articles, newest last.
struct Linker::Profile {
  std::vector<store::Position> positions;  // title and org only
  int64_t articles = 0;
  std::string first_seen, last_seen;
  struct Context {
    std::vector<std::string> organizations, locations, co_surnames;
  };
  std::deque<Context> recent;

  store::PersonContext Merged() const {
    store::PersonContext out;
    out.articles = articles;
    out.first_seen = first_seen;
    out.last_seen = last_seen;
    for (const Context& c : recent) {
      out.organizations.insert(out.organizations.end(), c.organizations.begin(),
                               c.organizations.end());
      out.locations.insert(out.locations.end(), c.locations.begin(), c.locations.end());
      out.co_surnames.insert(out.co_surnames.end(), c.co_surnames.begin(), c.co_surnames.end());
    }
    for (auto* v : {&out.organizations, &out.locations, &out.co_surnames}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    return out;
  }
};

Linker::Linker(store::Store* store, const LinkOptions& options)
    : store_(store), options_(options) {}
Linker::~Linker() = default;

Result<Linker::Profile*> Linker::GetProfile(int64_t person_id) {
  auto it = profiles_.find(person_id);
  if (it != profiles_.end()) return it->second.get();
  auto profile = std::make_shared<Profile>();
  auto positions = store_->PersonPositionSummaries(person_id);
  if (!positions.ok()) return positions.status();
  for (store::Position& p : *positions)
    if (!p.former) profile->positions.push_back(std::move(p));
  auto context = store_->GetPersonContext(person_id, options_.context_articles);
  if (!context.ok()) return context.status();
  profile->articles = context->articles;
  profile->first_seen = context->first_seen;
  profile->last_seen = context->last_seen;
  if (context->articles > 0)
    profile->recent.push_back(Profile::Context{std::move(context->organizations),
                                               std::move(context->locations),
                                               std::move(context->co_surnames)});
  Profile* raw = profile.get();
  profiles_.emplace(person_id, std::move(profile));
  return raw;
}

Result<std::unique_ptr<Linker>> Linker::Create(store::Store* store, const LinkOptions& options) {
  if (store == nullptr) return Status::InvalidArgument("Linker::Create: no store");
  if (options.context_articles == 0)
    return Status::InvalidArgument("Linker::Create: context_articles must be positive");
  return std::unique_ptr<Linker>(new Linker(store, options));
}

Result<std::vector<int64_t>> Linker::Link(const facts::ArticleAnalysis& analysis,
                                          const std::string& date) {
  return Run(analysis, date, /*write=*/true);
}

Result<std::vector<int64_t>> Linker::Resolve(const facts::ArticleAnalysis& analysis,
                                             const std::string& date) {
  return Run(analysis, date, /*write=*/false);
}

namespace {

// What the article says of its person `i` (name, positions, context), as
// ScoreCandidate reads it.
internal::ArticleSide ArticleSideOf(const facts::PersonFact& person, size_t i,
                                    const std::vector<std::string>& orgs,
                                    const std::vector<std::string>& places,
                                    const std::vector<std::string>& surname_keys,
                                    const std::string& date) {
  internal::ArticleSide side;
  side.name = PartsOf(person.name);
  for (const facts::PositionFact& pos : person.positions)
    if (!pos.former && !pos.title.empty()) side.positions.emplace_back(pos.title, pos.org);
  side.organizations = orgs;
  side.locations = places;
  for (size_t j = 0; j < surname_keys.size(); ++j)
    if (j != i && !surname_keys[j].empty() && surname_keys[j] != surname_keys[i])
      side.co_surnames.push_back(surname_keys[j]);
  std::sort(side.co_surnames.begin(), side.co_surnames.end());
  side.co_surnames.erase(std::unique(side.co_surnames.begin(), side.co_surnames.end()),
                         side.co_surnames.end());
  side.date = date;
  return side;
}

// A name of one word («Акихито», «Мугабе»), read as a first name or a surname.
bool IsOneWord(const NameParts& name) {
  return name.patronymic.empty() && (name.surname.empty() != name.first.empty()) &&
         !internal::IsInitial(name.first);
}

}  // namespace

Result<std::vector<int64_t>> Linker::Run(const facts::ArticleAnalysis& analysis,
                                         const std::string& date, bool write) {
  // Between articles every profile's changes are in the store already.
  if (profiles_.size() > options_.max_profiles) profiles_.clear();
  std::vector<int64_t> ids(analysis.persons.size(), 0);
  const std::vector<std::string> orgs = SortedNames(analysis.organizations);
  const std::vector<std::string> places = SortedNames(analysis.locations);
  std::vector<std::string> keys;
  for (const facts::PersonFact& p : analysis.persons)
    keys.push_back(p.name.family || p.name.group ? "" : text::SpellingKey(p.name.surname));

  const std::vector<std::string> words = LookupWords(analysis);
  if (write) {
    std::vector<std::string> locks;
    for (const std::string& word : words) locks.push_back("surname " + text::SpellingKey(word));
    if (Status s = store_->LockKeys(locks); !s.ok()) return s;
  }
  if (Status s = FetchCandidates(words); !s.ok()) return s;
  // Persons of the article that are another of its persons (SameInArticle)
  // take that person's id.
  const std::vector<int> same_as = SameInArticle(analysis);
  counted_.clear();
  aliases_.clear();

  for (size_t i = 0; i < analysis.persons.size(); ++i) {
    const facts::PersonFact& person = analysis.persons[i];
    if (person.name.family || person.name.group || same_as[i] >= 0) continue;
    const internal::ArticleSide side = ArticleSideOf(person, i, orgs, places, keys, date);
    if (side.name.surname.empty() && side.name.first.empty()) continue;
    auto id = LinkPerson(side, write);
    if (!id.ok()) return id.status();
    ids[i] = *id;
    if (!write || *id == 0) continue;
    AddAliases(*id, person, /*with_display_name=*/true);
    if (Status s = CountArticle(*id, side, orgs, places); !s.ok()) return s;
  }
  for (size_t i = 0; i < analysis.persons.size(); ++i) {
    if (same_as[i] < 0) continue;
    size_t root = static_cast<size_t>(same_as[i]);
    for (size_t steps = 0; same_as[root] >= 0 && steps < same_as.size(); ++steps)
      root = static_cast<size_t>(same_as[root]);
    ids[i] = ids[root];
    if (write && ids[i] != 0) AddAliases(ids[i], analysis.persons[i], /*with_display_name=*/false);
  }
  if (write) {
    if (Status s = store_->AddAliases(aliases_); !s.ok()) return s;
  }
  return ids;
}

std::vector<std::string> Linker::LookupWords(const facts::ArticleAnalysis& analysis) {
  // The surnames Candidates looks up and CreatePerson files a person
  // under: each surname, and for a name without a surname or of one word,
  // the first word and no surname.
  std::map<std::string, std::string> by_key;  // spelling key -> a surname with it
  for (const facts::PersonFact& person : analysis.persons) {
    if (person.name.family || person.name.group) continue;
    const NameParts name = PartsOf(person.name);
    by_key.emplace(text::SpellingKey(name.surname), name.surname);
    if (name.surname.empty() || IsOneWord(name)) {
      by_key.emplace(text::SpellingKey(name.first), name.first);
      by_key.emplace("", "");
    }
  }
  std::vector<std::string> words;
  for (auto& [key, word] : by_key) words.push_back(std::move(word));
  return words;
}

Status Linker::FetchCandidates(const std::vector<std::string>& words) {
  by_surname_.clear();
  for (const std::string& word : words) by_surname_[text::SpellingKey(word)];
  auto found = store_->FindPersonsBySurnames(words);
  if (!found.ok()) return found.status();
  for (store::Person& p : *found) Remember(std::move(p));
  return Status();
}

Result<const std::vector<store::Person>*> Linker::PersonsWithSurname(const std::string& surname) {
  const std::string key = text::SpellingKey(surname);
  auto it = by_surname_.find(key);
  if (it == by_surname_.end()) {
    auto found = store_->FindPersonsBySurname(surname);
    if (!found.ok()) return found.status();
    it = by_surname_.emplace(key, std::move(*found)).first;
  }
  return &it->second;
}

void Linker::Remember(store::Person person) {
  auto it = by_surname_.find(text::SpellingKey(person.surname));
  if (it != by_surname_.end()) it->second.push_back(std::move(person));
}

void Linker::Forget(int64_t person_id) {
  for (auto& [key, persons] : by_surname_)
    persons.erase(std::remove_if(persons.begin(), persons.end(),
                                 [&](const store::Person& p) { return p.id == person_id; }),
                  persons.end());
}

Result<int64_t> Linker::LinkPerson(const internal::ArticleSide& side, bool write) {
  // Candidates: the persons with the surname; for a name of one word, the
  // persons with that word as their surname or, without a surname, as their
  // first name.
  const bool one_word = IsOneWord(side.name);
  const std::string word = side.name.surname.empty() ? side.name.first : side.name.surname;
  auto candidates = Candidates(side.name, one_word, word);
  if (!candidates.ok()) return candidates.status();
  const store::Person* best = nullptr;
  double best_score = 0;
  if (Status s = PickBest(side, *candidates, one_word, word, &best, &best_score); !s.ok()) return s;

  const bool bare = one_word || (side.name.first.empty() && side.name.patronymic.empty());
  const double threshold = bare ? 0.0 : options_.threshold;
  if (best && best_score >= threshold - 1e-9) {
    if (write) {
      const NameParts grown = internal::Grow(PartsOf(*best), side.name);
      if (grown.first != best->first_name || grown.patronymic != best->patronymic ||
          grown.gender != best->gender || grown.surname != best->surname) {
        store::Person updated = *best;  // its external id kept
        updated.surname = grown.surname;
        updated.first_name = grown.first;
        updated.patronymic = grown.patronymic;
        updated.gender = grown.gender;
        updated.display_name = internal::DisplayName(grown);
        if (Status s = store_->UpdatePerson(updated); !s.ok()) return s;
        Forget(updated.id);
        Remember(updated);
      }
    }
    return best->id;
  }
  if (!write) return int64_t{0};
  store::Person created{0,
                        side.name.surname,
                        side.name.first,
                        side.name.patronymic,
                        side.name.gender,
                        internal::DisplayName(side.name)};
  auto made = store_->CreatePerson(created);
  if (!made.ok()) return made.status();
  created.id = *made;
  Remember(std::move(created));
  profiles_.emplace(*made, std::make_shared<Profile>());  // nothing to read yet
  return *made;
}

Result<std::vector<store::Person>> Linker::Candidates(const NameParts& name, bool one_word,
                                                      const std::string& word) {
  std::vector<store::Person> candidates;
  auto add = [&](const std::string& surname, bool by_first_name) -> Status {
    auto found = PersonsWithSurname(surname);
    if (!found.ok()) return found.status();
    for (const store::Person& c : **found) {
      if (by_first_name &&
          (!c.surname.empty() || text::MatchKey(c.first_name) != text::MatchKey(word)))
        continue;
      candidates.push_back(c);
    }
    return Status();
  };
  if (one_word) {
    if (Status s = add(word, false); !s.ok()) return s;
    if (Status s = add("", true); !s.ok()) return s;
  } else if (!name.surname.empty()) {
    if (Status s = add(name.surname, false); !s.ok()) return s;
  } else {  // a first name and a patronymic
    auto found = PersonsWithSurname("");
    if (!found.ok()) return found.status();
    for (const store::Person& c : **found)
      if (internal::ComparePart(name.first, c.first_name, /*first_names=*/true) > 0)
        candidates.push_back(c);
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const store::Person& x, const store::Person& y) { return x.id < y.id; });
  candidates.erase(
      std::unique(candidates.begin(), candidates.end(),
                  [](const store::Person& x, const store::Person& y) { return x.id == y.id; }),
      candidates.end());
  return candidates;
}

Status Linker::PickBest(const internal::ArticleSide& side,
                        const std::vector<store::Person>& candidates, bool one_word,
                        const std::string& word, const store::Person** best, double* best_score) {
  int64_t best_articles = 0;
  for (const store::Person& c : candidates) {
    internal::CandidateSide cs;
    cs.name = PartsOf(c);
    internal::ArticleSide as = side;
    if (one_word) {  // the word in the slot the candidate has it in
      const bool as_surname = text::SpellingKey(c.surname) == text::SpellingKey(word);
      as.name.surname = as_surname ? word : "";
      as.name.first = as_surname ? "" : word;
    }
    // A profile that counts other articles than the store does is stale:
    // another process wrote the person since (this article's own count
    // aside). Read it again.
    if (auto cached = profiles_.find(c.id);
        cached != profiles_.end() && cached->second->articles != c.article_count &&
        std::find(counted_.begin(), counted_.end(), c.id) == counted_.end())
      profiles_.erase(cached);
    auto profile = GetProfile(c.id);
    if (!profile.ok()) return profile.status();
    cs.positions = (*profile)->positions;
    cs.context = (*profile)->Merged();
    const std::optional<double> score = internal::ScoreCandidate(as, cs);
    if (!score) continue;
    // Candidates come by id: a later one wins only by score, then articles.
    if (!*best || *score > *best_score + 1e-9 ||
        (*score > *best_score - 1e-9 && cs.context.articles > best_articles)) {
      *best = &c;
      *best_score = *score;
      best_articles = cs.context.articles;
    }
  }
  return Status();
}

void Linker::AddAliases(int64_t id, const facts::PersonFact& person, bool with_display_name) {
  std::vector<std::string> aliases;
  if (with_display_name) aliases.push_back(person.name.Display());
  for (const facts::MentionFact& m : person.mentions)
    if (!m.normal.empty()) aliases.push_back(m.normal);
  std::sort(aliases.begin(), aliases.end());
  aliases.erase(std::unique(aliases.begin(), aliases.end()), aliases.end());
  for (std::string& alias : aliases) aliases_.push_back(store::PersonAlias{id, std::move(alias)});
}

Status Linker::CountArticle(int64_t id, const internal::ArticleSide& side,
                            const std::vector<std::string>& orgs,
                            const std::vector<std::string>& places) {
  auto profile = GetProfile(id);
  if (!profile.ok()) return profile.status();
  Profile& pr = **profile;
  if (std::find(counted_.begin(), counted_.end(), id) == counted_.end()) {
    counted_.push_back(id);
    ++pr.articles;
    const std::string& date = side.date;
    if (!date.empty()) {
      if (pr.first_seen.empty() || date < pr.first_seen) pr.first_seen = date;
      if (date > pr.last_seen) pr.last_seen = date;
    }
    pr.recent.push_back(Profile::Context{orgs, places, side.co_surnames});
    while (pr.recent.size() > options_.context_articles) pr.recent.pop_front();
  }
  for (const auto& position : side.positions) {
    // Named, not bound: clang 15 (the fuzz build) cannot capture a structured binding.
    const std::string& title = position.first;
    const std::string& org = position.second;
    const bool known =
        std::any_of(pr.positions.begin(), pr.positions.end(),
                    [&](const store::Position& p) { return p.title == title && p.org == org; });
    if (known) continue;
    store::Position p;
    p.person_id = id;
    p.title = title;
    p.org = org;
    pr.positions.push_back(std::move(p));
  }
  return Status();
}

store::ArticleAnalysis ToStoreAnalysis(int64_t article_id, const Doc& doc, size_t title_code_points,
                                       const facts::ArticleAnalysis& analysis,
                                       const std::vector<int64_t>& person_ids) {
  const ArticleSpans spans(doc, title_code_points);
  store::ArticleAnalysis out;
  out.article_id = article_id;
  out.analysis_version = kAnalysisVersion;
  for (size_t i = 0; i < analysis.persons.size() && i < person_ids.size(); ++i) {
    const int64_t id = person_ids[i];
    if (id == 0) continue;
    const facts::PersonFact& p = analysis.persons[i];
    for (const facts::MentionFact& m : p.mentions) {
      const ArticleSpan span = spans.Locate(m.tokens);
      store::Mention sm;
      sm.person_id = id;
      sm.start = span.start;
      sm.end = span.end;
      sm.in_title = span.in_title;
      sm.text = spans.Text(m.tokens);
      sm.normal = m.normal;
      out.mentions.push_back(std::move(sm));
    }
    for (const facts::PositionFact& pos : p.positions) {
      if (pos.title.empty()) continue;
      const ArticleSpan span = spans.Locate(pos.tokens);
      store::PositionMention pm;
      pm.person_id = id;
      pm.title = pos.title;
      pm.org = pos.org;
      pm.former = pos.former;
      pm.start = span.start;
      pm.end = span.end;
      pm.text = spans.Text(pos.tokens);
      out.positions.push_back(std::move(pm));
    }
    for (const TokenSpan& q : p.quotes) {
      const ArticleSpan span = spans.Locate(q);
      store::Quote sq;
      sq.person_id = id;
      sq.start = span.start;
      sq.end = span.end;
      sq.text = spans.Text(q);
      out.quotes.push_back(std::move(sq));
    }
  }
  auto entities = [&](const std::vector<facts::EntityFact>& from,
                      std::vector<store::EntityMention>* to) {
    for (const facts::EntityFact& e : from)
      for (const facts::MentionFact& m : e.mentions) {
        const ArticleSpan span = spans.Locate(m.tokens);
        store::EntityMention em;
        em.name = e.name;
        em.abbr = e.abbr;
        em.start = span.start;
        em.end = span.end;
        em.text = spans.Text(m.tokens);
        em.derived = m.derived;
        to->push_back(std::move(em));
      }
  };
  entities(analysis.organizations, &out.organizations);
  entities(analysis.locations, &out.locations);
  return out;
}

}  // namespace kto::link
