// ParseKnownPerson: one line of a known-persons list, from JSON to a
// validated, normalized KnownPerson (docs/formats/known-persons.md).
#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>

#include "kto/link/known_persons.h"
#include "kto/names/listed_name.h"
#include "kto/text/case.h"
#include "kto/text/normalize.h"
#include "kto/text/utf8.h"

namespace kto::link {
namespace {

using Json = nlohmann::json;

// Longer names, ids and titles are not a person's: a list gone wrong.
constexpr size_t kMaxFieldCodePoints = 200;

// NFC, every run of white space one space, trimmed.
std::string Tidy(const std::string& value) {
  return text::CollapseSpaces(text::Nfc(value), text::Spaces::kUnicode);
}

// A string field: the value tidied, or an error naming `field`. A missing
// (null) or blank one is an error when `required`, else "".
Result<std::string> StringField(const Json& value, const std::string& field, bool required) {
  if (value.is_null()) {
    if (required) return Status::InvalidInput(field + " is missing");
    return std::string();
  }
  if (!value.is_string()) return Status::InvalidInput(field + " must be a string");
  std::string tidy = Tidy(value.get<std::string>());
  if (tidy.empty() && required) return Status::InvalidInput(field + " is blank");
  if (text::CountCodePoints(tidy) > kMaxFieldCodePoints)
    return Status::InvalidInput(field + " is longer than " + std::to_string(kMaxFieldCodePoints) +
                                " characters");
  return tidy;
}

bool IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// `digits` characters of `s` at `at` as a number, or -1.
int Digits(const std::string& s, size_t at, size_t digits) {
  if (at + digits > s.size()) return -1;
  int n = 0;
  for (size_t i = at; i < at + digits; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    n = n * 10 + (s[i] - '0');
  }
  return n;
}

// «2021», «2021-09», «2021-09-20», «2021-09-20T10:00:00Z» -> ISO-8601 UTC
// (a partial date is its first day); "" for "".
Result<std::string> DateField(const Json& value, const std::string& field) {
  auto text = StringField(value, field, /*required=*/false);
  if (!text.ok() || text->empty()) return text;
  const std::string& s = *text;
  const Status bad = Status::InvalidInput(
      field + " \"" + s + "\" is not a date (YYYY-MM-DD, YYYY-MM, YYYY or YYYY-MM-DDTHH:MM:SSZ)");
  const int year = Digits(s, 0, 4);
  int month = 1, day = 1;
  if (year < 1 || !(s.size() == 4 || s[4] == '-')) return bad;
  if (s.size() > 4 && (s.size() < 7 || (month = Digits(s, 5, 2)) < 1 || month > 12)) return bad;
  if (s.size() > 7 && (s.size() < 10 || s[7] != '-' || (day = Digits(s, 8, 2)) < 1)) return bad;
  const int days[] = {31, IsLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (day > days[month - 1]) return bad;
  std::string time = "T00:00:00Z";
  if (s.size() > 10) {
    if (s.size() != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' ||
        Digits(s, 11, 2) < 0 || Digits(s, 11, 2) > 23 || Digits(s, 14, 2) < 0 ||
        Digits(s, 14, 2) > 59 || Digits(s, 17, 2) < 0 || Digits(s, 17, 2) > 59)
      return bad;
    time = s.substr(10);
  }
  char date[11];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
  return std::string(date) + time;
}

// A title as the analysis writes it: «Губернатор» -> «губернатор» (the
// first word lower case when only its first letter is a capital; «МЧС»
// keeps its capitals), as facts::ArticleAnalyzer does.
std::string TitleAsAnalyzed(const std::string& title) {
  const size_t space = title.find(' ');
  const std::string first_word = title.substr(0, space);
  const std::u32string word = text::DecodeUtf8(first_word);
  for (size_t i = 1; i < word.size(); ++i)
    if (text::IsUpper(word[i])) return title;
  const std::string lower = text::MatchKey(first_word, {.lowercase = true, .fold_yo = false});
  return lower + (space == std::string::npos ? "" : title.substr(space));
}

Status CheckFields(const Json& object, std::initializer_list<std::string_view> known,
                   const std::string& where) {
  for (const auto& [key, value] : object.items())
    if (std::find(known.begin(), known.end(), key) == known.end())
      return Status::InvalidInput("unknown field " + where + "\"" + key + "\"");
  return Status();
}

Result<store::ImportedPosition> PositionField(const Json& value, const std::string& field) {
  if (!value.is_object()) return Status::InvalidInput(field + " must be an object");
  if (Status s = CheckFields(value, {"title", "org", "from", "to"}, "in " + field + ": "); !s.ok())
    return s;
  store::ImportedPosition p;
  auto member = [&](const char* key) { return value.contains(key) ? value[key] : Json(); };
  auto title = StringField(member("title"), field + ".title", /*required=*/true);
  if (!title.ok()) return title.status();
  p.title = TitleAsAnalyzed(*title);
  auto org = StringField(member("org"), field + ".org", /*required=*/false);
  if (!org.ok()) return org.status();
  p.org = *org;
  auto from = DateField(member("from"), field + ".from");
  if (!from.ok()) return from.status();
  auto to = DateField(member("to"), field + ".to");
  if (!to.ok()) return to.status();
  p.from = *from;
  p.to = *to;
  if (!p.from.empty() && !p.to.empty() && p.from > p.to)
    return Status::InvalidInput(field + " ends (" + p.to.substr(0, 10) + ") before it starts (" +
                                p.from.substr(0, 10) + ")");
  p.former = !p.to.empty();
  return p;
}

// One entry per (title, org, former): terms of one post merged into the
// earliest start and the latest end.
void AddPosition(store::ImportedPosition p, std::vector<store::ImportedPosition>* positions) {
  for (store::ImportedPosition& q : *positions) {
    if (std::tie(q.title, q.org, q.former) != std::tie(p.title, p.org, p.former)) continue;
    if (q.from.empty() || (!p.from.empty() && p.from < q.from)) q.from = p.from;
    if (p.to > q.to) q.to = p.to;
    return;
  }
  positions->push_back(std::move(p));
}

Status ReadName(const Json& object, KnownPerson* out) {
  auto name = StringField(object.contains("name") ? object["name"] : Json(), "name",
                          /*required=*/true);
  if (!name.ok()) return name.status();
  auto parsed = names::ParseListedName(*name);
  if (!parsed.ok()) return Status::InvalidInput("name: " + parsed.status().message());
  out->name = std::move(parsed).value();
  return Status();
}

Status ReadExternalId(const Json& object, KnownPerson* out) {
  if (!object.contains("external_id")) return Status();
  const Json& id = object["external_id"];
  if (id.is_number_integer()) {
    out->external_id = id.dump();
    return Status();
  }
  auto text = StringField(id, "external_id", /*required=*/!id.is_null());
  if (!text.ok()) return Status::InvalidInput(text.status().message() + " (or an integer)");
  out->external_id = *text;
  return Status();
}

Status ReadAliases(const Json& object, KnownPerson* out) {
  if (!object.contains("aliases") || object["aliases"].is_null()) return Status();
  const Json& aliases = object["aliases"];
  if (!aliases.is_array()) return Status::InvalidInput("aliases must be an array of strings");
  for (size_t i = 0; i < aliases.size(); ++i) {
    auto alias = StringField(aliases[i], "aliases[" + std::to_string(i) + "]", /*required=*/true);
    if (!alias.ok()) return alias.status();
    if (std::find(out->aliases.begin(), out->aliases.end(), *alias) == out->aliases.end())
      out->aliases.push_back(std::move(alias).value());
  }
  return Status();
}

Status ReadPositions(const Json& object, KnownPerson* out) {
  if (!object.contains("positions") || object["positions"].is_null()) return Status();
  const Json& positions = object["positions"];
  if (!positions.is_array()) return Status::InvalidInput("positions must be an array of objects");
  for (size_t i = 0; i < positions.size(); ++i) {
    auto p = PositionField(positions[i], "positions[" + std::to_string(i) + "]");
    if (!p.ok()) return p.status();
    AddPosition(std::move(p).value(), &out->positions);
  }
  return Status();
}

}  // namespace

Result<KnownPerson> ParseKnownPerson(std::string_view json_line) {
  if (auto bad = text::FindInvalidUtf8(json_line))
    return Status::InvalidInput("invalid UTF-8 at byte " + std::to_string(bad->byte_offset) + ": " +
                                bad->reason);
  Json object;
  try {
    object = Json::parse(json_line);
  } catch (const Json::parse_error& e) {
    return Status::InvalidInput("not JSON (syntax error at byte " + std::to_string(e.byte) + ")");
  } catch (const Json::exception& e) {  // a number out of range
    return Status::InvalidInput(std::string("not JSON (") + e.what() + ")");
  }
  if (!object.is_object()) return Status::InvalidInput("not a JSON object");
  if (Status s = CheckFields(object, {"name", "aliases", "positions", "external_id"}, ""); !s.ok())
    return s;
  KnownPerson out;
  for (Status (*read)(const Json&, KnownPerson*) :
       {&ReadName, &ReadExternalId, &ReadAliases, &ReadPositions})
    if (Status s = read(object, &out); !s.ok()) return s;
  return out;
}

}  // namespace kto::link
