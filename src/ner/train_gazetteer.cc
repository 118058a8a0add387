// `kto train gazetteer`: the gazetteer file from name and place lists, every
// entry with all its inflected forms (module morph's paradigms).
#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_set>

#include "gazetteer.h"
#include "kto/base/container.h"
#include "kto/base/hash.h"
#include "kto/ner/train.h"
#include "kto/text/case.h"
#include "kto/text/normalize.h"
#include "kto/text/utf8.h"

namespace kto::ner {
namespace {

using namespace internal;

// Word hash -> class set.
using Table = std::map<uint64_t, uint16_t>;

Result<std::string> ReadFile(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read the " + what + " " + path);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::vector<std::string_view> Split(std::string_view line, char sep) {
  std::vector<std::string_view> fields;
  for (size_t start = 0;;) {
    const size_t end = line.find(sep, start);
    fields.push_back(line.substr(start, end - start));
    if (end == std::string_view::npos) return fields;
    start = end + 1;
  }
}

// One CSV record (RFC 4180 quoting, no line breaks inside fields).
std::vector<std::string> SplitCsv(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      fields.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

// A list with a header line: the header, and the other non-empty lines,
// without their line ends.
struct Lines {
  std::string header;
  std::vector<std::string> rows;
};

Result<Lines> ReadLines(const std::string& path, const std::string& what) {
  auto bytes = ReadFile(path, what);
  if (!bytes.ok()) return bytes.status();
  if (Status s = text::ValidateUtf8(*bytes); !s.ok())
    return Status::Corrupt("the " + what + " " + path + ": " + s.message());
  Lines lines;
  std::istringstream in(*bytes);
  std::string line;
  for (bool first = true; std::getline(in, line); first = false) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (first)
      lines.header = line;
    else if (!line.empty())
      lines.rows.push_back(line);
  }
  return lines;
}

// The translations of a gettext .mo catalogue (iso-codes' country and
// region names in Russian), the header entry left out.
Result<std::vector<std::string>> MoTranslations(const std::string& path) {
  auto bytes = ReadFile(path, "message catalogue");
  if (!bytes.ok()) return bytes.status();
  const std::string& mo = *bytes;
  auto u32 = [&](size_t at, uint32_t* v) {
    if (at + 4 > mo.size()) return false;
    std::memcpy(v, mo.data() + at, 4);
    return true;
  };
  uint32_t magic = 0, count = 0, originals = 0, translations = 0;
  if (!u32(0, &magic) || magic != 0x950412de || !u32(8, &count) || !u32(12, &originals) ||
      !u32(16, &translations))
    return Status::Corrupt(path + " is not a little-endian gettext catalogue");
  std::vector<std::string> out;
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t original_length = 0, length = 0, offset = 0, unused = 0;
    if (!u32(originals + 8 * size_t{i}, &original_length) ||
        !u32(originals + 8 * size_t{i} + 4, &unused) ||
        !u32(translations + 8 * size_t{i}, &length) ||
        !u32(translations + 8 * size_t{i} + 4, &offset) || size_t{offset} + length > mo.size())
      return Status::Corrupt(path + ": an entry outside the file");
    if (original_length == 0) continue;  // the header
    std::string text = mo.substr(offset, length);
    if (!text.empty() && text::ValidateUtf8(text).ok()) out.push_back(std::move(text));
  }
  return out;
}

class Builder {
 public:
  explicit Builder(std::shared_ptr<const morph::Analyzer> analyzer)
      : analyzer_(std::move(analyzer)) {}

  // Adds `word` (as written: case matters to the dictionary's names) and
  // every form of its paradigm. The paradigm is that of the first
  // dictionary or suffix parse with `grammeme` (-1: any), else of the first
  // such parse.
  void AddWord(std::string_view word, int grammeme, int cls) {
    Mark(word, cls);
    if (!analyzer_) return;
    morph::ParseList parses;
    analyzer_->Analyze(word, &parses);
    const morph::Parse* chosen = nullptr;
    for (const morph::Parse& p : parses) {
      if (p.method != morph::Method::kDictionary && p.method != morph::Method::kSuffix) continue;
      if (grammeme < 0 || morph::HasGrammeme(analyzer_->TagGrammemes(p.tag), grammeme)) {
        chosen = &p;
        break;
      }
      if (chosen == nullptr) chosen = &p;  // the best parse, failing one with the grammeme
    }
    if (chosen == nullptr) return;
    // A paradigm may hold more than the word: a first name's has its
    // patronymics («Иван»: «Ивановна»). With the grammeme, only its forms.
    const bool filter =
        grammeme >= 0 && morph::HasGrammeme(analyzer_->TagGrammemes(chosen->tag), grammeme);
    for (const morph::WordForm& form : analyzer_->Lexeme(parses, *chosen))
      if (!filter || morph::HasGrammeme(analyzer_->TagGrammemes(form.tag), grammeme))
        Mark(form.word, cls);
  }

  // Adds a name: one word gets `cls`, each capitalized word of a longer name
  // `part_cls` («Нижний Новгород»; «Томская область» marks «Томская» alone).
  // An inverted name («Корея, Республика») and a parenthesized note count
  // by what precedes them.
  void AddName(std::string_view name, int grammeme, int cls, int part_cls) {
    name = name.substr(0, std::min(name.find(", "), name.find(" (")));
    std::vector<std::string_view> words;
    for (std::string_view w : Split(name, ' '))
      if (!w.empty()) words.push_back(w);
    if (words.size() == 1) return AddWord(words[0], grammeme, cls);
    for (std::string_view w : words) {
      const char* p = w.data();
      if (text::IsUpper(text::DecodeValid(p))) AddWord(w, grammeme, part_cls);
    }
  }

  const Table& table() const { return table_; }

 private:
  void Mark(std::string_view word, int cls) {
    table_[base::Fnv1a(text::MatchKey(word))] |= static_cast<uint16_t>(1u << cls);
  }

  std::shared_ptr<const morph::Analyzer> analyzer_;
  Table table_;
};

Status Write(const Table& table, const std::string& output) {
  std::string words, classes;
  for (const auto& [hash, set] : table) {
    words.append(reinterpret_cast<const char*>(&hash), sizeof hash);
    classes.append(reinterpret_cast<const char*>(&set), sizeof set);
  }
  base::ContainerWriter file(kGazetteerMagic, kGazetteerFormatVersion, 0);
  file.Add(kSectionGazetteerWords, 0, std::move(words));
  file.Add(kSectionGazetteerClasses, 0, std::move(classes));
  return file.WriteFile(output);
}

}  // namespace

Status BuildGazetteer(const GazetteerOptions& options, const std::string& output) {
  auto log = [&](const std::string& line) {
    if (options.log) options.log(line);
  };
  const morph::GrammemeIds none;
  const morph::GrammemeIds& ids = options.analyzer ? options.analyzer->Ids() : none;
  Builder builder(options.analyzer);

  // First names: text, gender (m/f), count.
  auto names = ReadLines(options.first_names, "first names");
  if (!names.ok()) return names.status();
  std::unordered_set<std::string> kept_names;
  for (const std::string& line : names->rows) {
    const auto f = Split(line, '\t');
    if (f.size() < 3 || (f[1] != "m" && f[1] != "f")) continue;
    const long count = std::strtol(std::string(f[2]).c_str(), nullptr, 10);
    if (count < options.min_first_name_count) continue;
    kept_names.insert(text::MatchKey(f[0]));
    builder.AddWord(f[0], ids.name, f[1] == "m" ? kGazFirstNameMale : kGazFirstNameFemale);
    if (count >= options.common_first_name_count)
      builder.AddWord(f[0], ids.name, kGazFirstNameCommon);
  }
  log("first names: " + std::to_string(kept_names.size()) + " seen at least " +
      std::to_string(options.min_first_name_count) + " times");

  // Patronymics: text, gender, the first name they come from; those of the
  // kept first names (the list also has a long tail of one-off spellings).
  auto patronymics = ReadLines(options.patronymics, "patronymics");
  if (!patronymics.ok()) return patronymics.status();
  size_t kept_patronymics = 0;
  for (const std::string& line : patronymics->rows) {
    const auto f = Split(line, '\t');
    if (f.size() < 3 || !kept_names.contains(text::MatchKey(f[2]))) continue;
    const bool female = f[1] == "f" || (f[1] != "m" && f[0].ends_with("на"));
    builder.AddWord(f[0], ids.patr, female ? kGazPatronymicFemale : kGazPatronymicMale);
    ++kept_patronymics;
  }
  log("patronymics: " + std::to_string(kept_patronymics));

  // Cities: the `city` column of a CSV with a header.
  auto cities = ReadLines(options.cities, "cities");
  if (!cities.ok()) return cities.status();
  const std::vector<std::string> columns = SplitCsv(cities->header);
  const long city_column = std::find(columns.begin(), columns.end(), "city") - columns.begin();
  if (city_column == static_cast<long>(columns.size()))
    return Status::Corrupt("the cities " + options.cities + " have no 'city' column");
  for (const std::string& line : cities->rows) {
    const std::vector<std::string> f = SplitCsv(line);
    if (city_column < static_cast<long>(f.size()) && !f[city_column].empty())
      builder.AddName(f[city_column], ids.geox, kGazCity, kGazCityPart);
  }
  log("cities: " + std::to_string(cities->rows.size()));

  // Countries and regions: iso-codes' Russian names.
  for (const auto& [paths, cls, part] :
       {std::tuple{&options.countries, kGazCountry, kGazCountryPart},
        std::tuple{&options.regions, kGazRegion, kGazRegionPart}}) {
    for (const std::string& path : *paths) {
      auto entries = MoTranslations(path);
      if (!entries.ok()) return entries.status();
      for (const std::string& name : *entries) builder.AddName(name, ids.geox, cls, part);
      log(path + ": " + std::to_string(entries->size()) + " names");
    }
  }
  log("gazetteer: " + std::to_string(builder.table().size()) + " word forms");
  return Write(builder.table(), output);
}

}  // namespace kto::ner
