#include "kto/link/linker.h"

#include <algorithm>

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
  parts.gender = n.gender == names::Gender::kMale     ? "m"
                 : n.gender == names::Gender::kFemale ? "f"
                                                      : "";
  return parts;
}

NameParts PartsOf(const store::Person& p) {
  return NameParts{p.surname, p.first_name, p.patronymic, p.gender};
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

// Code point offsets of the tokens of the analyzed text, mapped back onto the
// article's title and text.
class Spans {
 public:
  Spans(const Doc& doc, size_t title_code_points) : doc_(doc), title_(title_code_points) {
    text::CodePointCounter counter(doc.text());
    for (const Token& t : doc.tokens) {
      begin_.push_back(static_cast<int64_t>(counter.ToCodePoints(t.begin)));
      end_.push_back(static_cast<int64_t>(counter.ToCodePoints(t.end)));
    }
  }

  // [start, end) of tokens r; *in_title when they lie in the title.
  void Get(const facts::TokenRange& r, int64_t* start, int64_t* end, bool* in_title) const {
    *start = begin_[r.begin];
    *end = end_[r.end - 1];
    *in_title = title_ > 0 && *start < static_cast<int64_t>(title_);
    if (title_ > 0 && !*in_title) {
      *start -= static_cast<int64_t>(title_) + 2;
      *end -= static_cast<int64_t>(title_) + 2;
    }
  }

  std::string Text(const facts::TokenRange& r) const {
    const size_t b = doc_.tokens[r.begin].begin;
    return std::string(doc_.text().substr(b, doc_.tokens[r.end - 1].end - b));
  }

 private:
  const Doc& doc_;
  size_t title_;
  std::vector<int64_t> begin_, end_;
};

}  // namespace

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

Result<std::vector<int64_t>> Linker::Run(const facts::ArticleAnalysis& analysis,
                                         const std::string& date, bool write) {
  std::vector<int64_t> ids(analysis.persons.size(), 0);
  const std::vector<std::string> orgs = SortedNames(analysis.organizations);
  const std::vector<std::string> places = SortedNames(analysis.locations);
  std::vector<std::string> keys;
  for (const facts::PersonFact& p : analysis.persons)
    keys.push_back(p.name.family || p.name.group ? "" : text::MatchKey(p.name.surname));

  for (size_t i = 0; i < analysis.persons.size(); ++i) {
    const facts::PersonFact& person = analysis.persons[i];
    if (person.name.family || person.name.group) continue;
    internal::ArticleSide side;
    side.name = PartsOf(person.name);
    if (side.name.surname.empty() && side.name.first.empty()) continue;
    for (const facts::PositionFact& pos : person.positions)
      if (!pos.former && !pos.title.empty()) side.positions.emplace_back(pos.title, pos.org);
    side.organizations = orgs;
    side.locations = places;
    for (size_t j = 0; j < keys.size(); ++j)
      if (j != i && !keys[j].empty() && keys[j] != keys[i]) side.co_surnames.push_back(keys[j]);
    std::sort(side.co_surnames.begin(), side.co_surnames.end());
    side.co_surnames.erase(std::unique(side.co_surnames.begin(), side.co_surnames.end()),
                           side.co_surnames.end());
    side.date = date;

    auto candidates = store_->FindPersonsBySurname(side.name.surname);
    if (!candidates.ok()) return candidates.status();
    const store::Person* best = nullptr;
    double best_score = 0;
    int64_t best_articles = 0;
    for (const store::Person& c : *candidates) {
      if (side.name.surname.empty() && internal::ComparePart(side.name.first, c.first_name) <= 0)
        continue;  // a first name alone links only to the same first name
      internal::CandidateSide cs;
      cs.name = PartsOf(c);
      auto positions = store_->PersonPositions(c.id);
      if (!positions.ok()) return positions.status();
      for (store::Position& p : *positions)
        if (!p.former) cs.positions.push_back(std::move(p));
      auto context = store_->GetPersonContext(c.id, options_.context_articles);
      if (!context.ok()) return context.status();
      cs.context = std::move(context).value();
      const std::optional<double> score = internal::ScoreCandidate(side, cs);
      if (!score) continue;
      // Candidates come by id: a later one wins only by score, then articles.
      if (!best || *score > best_score + 1e-9 ||
          (*score > best_score - 1e-9 && cs.context.articles > best_articles)) {
        best = &c;
        best_score = *score;
        best_articles = cs.context.articles;
      }
    }
    const bool bare = side.name.first.empty() && side.name.patronymic.empty();
    const double threshold = bare ? 0.0 : options_.threshold;
    int64_t id = 0;
    if (best && best_score >= threshold - 1e-9) {
      id = best->id;
      if (write) {
        const NameParts grown = internal::Grow(PartsOf(*best), side.name);
        if (grown.first != best->first_name || grown.patronymic != best->patronymic ||
            grown.gender != best->gender || grown.surname != best->surname) {
          store::Person updated{id,           grown.surname, grown.first, grown.patronymic,
                                grown.gender, internal::DisplayName(grown)};
          if (Status s = store_->UpdatePerson(updated); !s.ok()) return s;
        }
      }
    } else if (write) {
      store::Person created{0,
                            side.name.surname,
                            side.name.first,
                            side.name.patronymic,
                            side.name.gender,
                            internal::DisplayName(side.name)};
      auto made = store_->CreatePerson(created);
      if (!made.ok()) return made.status();
      id = *made;
    }
    if (write && id != 0) {
      if (Status s = store_->AddAlias(id, person.name.Display()); !s.ok()) return s;
      for (const facts::MentionFact& m : person.mentions)
        if (!m.normal.empty())
          if (Status s = store_->AddAlias(id, m.normal); !s.ok()) return s;
    }
    ids[i] = id;
  }
  return ids;
}

store::ArticleAnalysis ToStoreAnalysis(int64_t article_id, const Doc& doc, size_t title_code_points,
                                       const facts::ArticleAnalysis& analysis,
                                       const std::vector<int64_t>& person_ids) {
  const Spans spans(doc, title_code_points);
  store::ArticleAnalysis out;
  out.article_id = article_id;
  out.analysis_version = kAnalysisVersion;
  bool in_title = false;
  for (size_t i = 0; i < analysis.persons.size() && i < person_ids.size(); ++i) {
    const int64_t id = person_ids[i];
    if (id == 0) continue;
    const facts::PersonFact& p = analysis.persons[i];
    for (const facts::MentionFact& m : p.mentions) {
      store::Mention sm;
      sm.person_id = id;
      spans.Get(m.tokens, &sm.start, &sm.end, &sm.in_title);
      sm.text = spans.Text(m.tokens);
      sm.normal = m.normal;
      out.mentions.push_back(std::move(sm));
    }
    for (const facts::PositionFact& pos : p.positions) {
      if (pos.title.empty()) continue;
      store::PositionMention pm;
      pm.person_id = id;
      pm.title = pos.title;
      pm.org = pos.org;
      pm.former = pos.former;
      spans.Get(pos.tokens, &pm.start, &pm.end, &in_title);
      pm.text = spans.Text(pos.tokens);
      out.positions.push_back(std::move(pm));
    }
    for (const facts::TokenRange& q : p.quotes) {
      store::Quote sq;
      sq.person_id = id;
      spans.Get(q, &sq.start, &sq.end, &in_title);
      sq.text = spans.Text(q);
      out.quotes.push_back(std::move(sq));
    }
  }
  auto entities = [&](const std::vector<facts::EntityFact>& from,
                      std::vector<store::EntityMention>* to) {
    for (const facts::EntityFact& e : from)
      for (const facts::MentionFact& m : e.mentions) {
        store::EntityMention em;
        em.name = e.name;
        em.abbr = e.abbr;
        spans.Get(m.tokens, &em.start, &em.end, &in_title);
        em.text = spans.Text(m.tokens);
        to->push_back(std::move(em));
      }
  };
  entities(analysis.organizations, &out.organizations);
  entities(analysis.locations, &out.locations);
  return out;
}

std::string AnalyzedText(const std::string& title, const std::string& text) {
  return title.empty() ? text : title + "\n\n" + text;
}

}  // namespace kto::link
