#include "kto/kb/kb.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <sstream>

#include "kto/facts/article.h"
#include "kto/text/case.h"
#include "kto/text/normalize.h"
#include "kto/text/utf8.h"

namespace kto::kb {
namespace {

bool PartAgrees(const std::string& query, const std::string& part) {
  if (part.empty()) return false;
  const std::u32string q = text::DecodeUtf8(text::MatchKey(query));
  const std::u32string p = text::DecodeUtf8(text::MatchKey(part));
  if (q.empty() || p.empty()) return false;
  if (q.back() == U'.' || p.back() == U'.') return q[0] == p[0];
  return q == p;
}

// Days since 1970-01-01 of the date an ISO-8601 text starts with; nullopt
// when it starts with none.
std::optional<int64_t> DayNumber(const std::string& iso) {
  int year = 0;
  unsigned month = 0, day = 0;
  if (iso.size() < 10 || std::sscanf(iso.c_str(), "%4d-%2u-%2u", &year, &month, &day) != 3)
    return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                                         std::chrono::day{day}};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days{date}.time_since_epoch().count();
}

// How much a post says: the length of its title, then whether it names its
// organization.
std::pair<size_t, bool> Fullness(const store::Position& p) {
  return {p.title.size(), !p.org.empty()};
}

// Is `full` the current post `shown` says in short, stated in the same days:
// its title has the words of shown's, it is of the same organization when
// shown names one, says more, and was seen last at most kSameDays before
// shown?
constexpr int64_t kSameDays = 30;
bool FullerForm(const store::Position& full, const store::Position& shown) {
  if (full.former || Fullness(full) <= Fullness(shown) ||
      !facts::TitleWithin(shown.title, full.title) || (!shown.org.empty() && shown.org != full.org))
    return false;
  const std::optional<int64_t> full_day = DayNumber(full.last_seen),
                               shown_day = DayNumber(shown.last_seen);
  return full_day && shown_day && *shown_day - *full_day <= kSameDays;
}

}  // namespace

std::optional<LastPosition> PickLastPosition(const std::vector<store::Position>& positions) {
  auto count = [](const store::Position& p) {
    return std::max<int64_t>(p.evidence_count, static_cast<int64_t>(p.evidence.size()));
  };
  const store::Position* best = nullptr;
  for (const store::Position& p : positions) {
    if (p.former) continue;
    if (!best || p.last_seen > best->last_seen ||
        (p.last_seen == best->last_seen &&
         (count(p) > count(*best) || (count(p) == count(*best) && p.id < best->id))))
      best = &p;
  }
  if (!best) return std::nullopt;
  // «тренер» after «главный тренер футбольного клуба (Бранц)» of the same
  // days: the fullest form of the post.
  const store::Position* shown = best;
  for (const store::Position& p : positions)
    if (FullerForm(p, *best) && Fullness(p) > Fullness(*shown)) shown = &p;
  return LastPosition{shown->title, shown->org, best->last_seen};
}

Result<std::vector<PanelEntry>> PersonEntries(store::Store& store,
                                              const std::vector<store::Person>& persons) {
  std::vector<int64_t> ids;
  for (const store::Person& p : persons) ids.push_back(p.id);
  auto positions = store.PositionSummariesOf(ids);
  if (!positions.ok()) return positions.status();
  std::vector<PanelEntry> entries;
  auto next = positions->begin();  // by person, in the order of `persons`
  for (const store::Person& person : persons) {
    auto end = std::find_if(next, positions->end(),
                            [&](const store::Position& p) { return p.person_id != person.id; });
    PanelEntry entry;
    entry.person_id = person.id;
    entry.name = person.display_name;
    entry.articles = person.article_count;
    entry.last_position = PickLastPosition(std::vector<store::Position>(next, end));
    entries.push_back(std::move(entry));
    next = end;
  }
  return entries;
}

Result<std::vector<store::Person>> ExistingPersons(store::Store& store,
                                                   const std::vector<int64_t>& person_ids) {
  auto persons = store.GetPersons(person_ids);
  if (!persons.ok()) return persons.status();
  for (size_t i = 0; i < person_ids.size(); ++i)
    if (i >= persons->size() || (*persons)[i].id != person_ids[i])
      return Status::NotFound("no person " + std::to_string(person_ids[i]));
  return persons;
}

Result<std::vector<PanelEntry>> PersonEntries(store::Store& store,
                                              const std::vector<int64_t>& person_ids) {
  auto persons = ExistingPersons(store, person_ids);
  if (!persons.ok()) return persons.status();
  return PersonEntries(store, *persons);
}

Result<PanelEntry> PersonEntry(store::Store& store, int64_t person_id) {
  auto entries = PersonEntries(store, std::vector<int64_t>{person_id});
  if (!entries.ok()) return entries.status();
  return std::move(entries->front());
}

std::vector<int64_t> PersonsByFirstMention(const std::vector<store::Mention>& mentions) {
  std::vector<int64_t> order;
  for (const store::Mention& m : mentions)
    if (std::find(order.begin(), order.end(), m.person_id) == order.end())
      order.push_back(m.person_id);
  return order;
}

Result<std::vector<PanelEntry>> PanelOfMentions(store::Store& store,
                                                const std::vector<store::Mention>& mentions) {
  return PersonEntries(store, PersonsByFirstMention(mentions));
}

Result<std::vector<PanelEntry>> ArticlePanel(store::Store& store, int64_t article_id) {
  auto mentions = store.ArticleMentions(article_id);
  if (!mentions.ok()) return mentions.status();
  if (mentions->empty()) {  // no persons, or no such article
    auto article = store.GetArticle(article_id);
    if (!article.ok()) return article.status();
    if (!*article) return Status::NotFound("no article " + std::to_string(article_id));
  }
  return PanelOfMentions(store, *mentions);
}

std::string PanelLine(const PanelEntry& entry) {
  return PanelLine(entry.name, entry.last_position, "Последняя должность",
                   std::to_string(entry.articles));
}

std::string PanelLine(std::string_view name, const std::optional<LastPosition>& position,
                      std::string_view label, std::string_view count) {
  std::string line(name);
  if (position) {
    line += " — ";
    line += label;
    line += ": " + text::Capitalized(position->title);
    if (!position->org.empty()) line += " (" + position->org + ")";
  }
  line += " — ";
  line += count;
  return line;
}

Result<PersonRecord> GetPersonRecord(store::Store& store, int64_t person_id, size_t co_mentioned,
                                     size_t quotes, size_t evidence) {
  auto person = store.GetPerson(person_id);
  if (!person.ok()) return person.status();
  if (!*person) return Status::NotFound("no person " + std::to_string(person_id));
  PersonRecord r;
  r.person = **person;
  auto aliases = store.Aliases(person_id);
  if (!aliases.ok()) return aliases.status();
  r.aliases = std::move(aliases).value();
  auto positions = store.PersonPositions(person_id, evidence);
  if (!positions.ok()) return positions.status();
  r.positions = std::move(positions).value();
  r.last_position = PickLastPosition(r.positions);
  auto context = store.GetPersonContext(person_id, 0);  // the counts only
  if (!context.ok()) return context.status();
  r.articles = context->articles;
  r.first_seen = context->first_seen;
  r.last_seen = context->last_seen;
  auto co = store.CoMentionedPersons(person_id, co_mentioned);
  if (!co.ok()) return co.status();
  std::vector<int64_t> ids;
  for (const store::PersonCount& c : *co) ids.push_back(c.person_id);
  auto others = store.GetPersons(ids);
  if (!others.ok()) return others.status();
  auto other = others->begin();  // in the order of *co, without the ids of no person
  for (const store::PersonCount& c : *co)
    if (other != others->end() && other->id == c.person_id)
      r.co_mentioned.emplace_back(std::move(*other++), c.articles);
  auto q = store.PersonQuotes(person_id, quotes);
  if (!q.ok()) return q.status();
  r.quotes = std::move(q).value();
  return r;
}

Result<std::vector<int64_t>> FindPersons(store::Store& store, const std::string& query) {
  std::vector<std::string> words;
  std::istringstream in(query);
  for (std::string w; in >> w;) words.push_back(w);
  if (words.empty()) return Status::InvalidArgument("empty person name");
  if (words.size() == 1 &&
      std::all_of(words[0].begin(), words[0].end(), [](char c) { return c >= '0' && c <= '9'; })) {
    const int64_t id = std::stoll(words[0]);
    auto person = store.GetPerson(id);
    if (!person.ok()) return person.status();
    if (!*person) return std::vector<int64_t>{};
    return std::vector<int64_t>{id};
  }
  // «Фамилия Имя ...» or «Имя ... Фамилия»: try the last word, then the first, as the surname.
  std::vector<std::pair<int64_t, int64_t>> found;  // (-articles, id)
  for (int pass = 0; pass < 2 && found.empty(); ++pass) {
    const size_t s = pass == 0 ? words.size() - 1 : 0;
    if (pass == 1 && words.size() == 1) break;
    auto persons = store.FindPersonsBySurname(words[s]);
    if (!persons.ok()) return persons.status();
    for (const store::Person& p : *persons) {
      bool ok = true;
      size_t k = 0;
      for (size_t i = 0; i < words.size(); ++i) {
        if (i == s) continue;
        const std::string& part = k++ == 0 ? p.first_name : p.patronymic;
        if (!PartAgrees(words[i], part)) ok = false;
      }
      if (!ok) continue;
      found.emplace_back(-p.article_count, p.id);
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<int64_t> ids;
  for (const auto& f : found) ids.push_back(f.second);
  return ids;
}

}  // namespace kto::kb
