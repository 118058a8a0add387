// kto-build-dict: compiles the OpenCorpora dictionary of the az npm package
// (its package/dicts folder, pymorphy2 format with CP1251 DAWGs) into kto's
// binary dictionary (docs/formats/morph-dict.md).
//
//   kto-build-dict --az-dicts DIR --out FILE
//
// Runs at build time only (a CMake custom command); the engine never links it.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "cp1251.h"
#include "dawg.h"
#include "format.h"
#include "kto/base/container.h"
#include "kto/text/utf8.h"

namespace {

namespace fs = std::filesystem;
namespace fmt = kto::morph::format;
using Bytes = std::string;

[[noreturn]] void Fail(const std::string& message) {
  throw std::runtime_error(message);
}

Bytes ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Fail("cannot read " + path.string());
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

nlohmann::json ReadJson(const fs::path& path) {
  try {
    return nlohmann::json::parse(ReadFile(path));
  } catch (const nlohmann::json::exception& e) {
    Fail(path.string() + ": " + e.what());
  }
}

uint32_t ReadU32(const Bytes& b, size_t at) {
  uint32_t v;
  std::memcpy(&v, b.data() + at, 4);
  return v;
}

template <typename T>
void Append(Bytes* out, T value) {
  out->append(reinterpret_cast<const char*>(&value), sizeof(value));
}

// A dawgdic file: u32 unit count, units, u32 guide unit count, guide (2 bytes each).
void SplitDawg(const fs::path& path, Bytes* units, Bytes* guide) {
  const Bytes b = ReadFile(path);
  if (b.size() < 8) Fail(path.string() + ": too short for a DAWG");
  const uint64_t n = ReadU32(b, 0);
  if (n == 0 || 8 + 4 * n > b.size()) Fail(path.string() + ": bad unit count");
  const uint64_t m = ReadU32(b, 4 + 4 * n);
  if (m != n || 8 + 4 * n + 2 * m != b.size())
    Fail(path.string() + ": guide size does not match the dictionary");
  *units = b.substr(4, 4 * n);
  *guide = b.substr(8 + 4 * n, 2 * m);
}

std::string ToCp1251(const std::string& utf8) {
  if (kto::text::ValidateUtf8(utf8).ok() == false) Fail("invalid UTF-8 in the source data");
  std::string out;
  for (const char* p = utf8.data(); p < utf8.data() + utf8.size();) {
    const int b = kto::morph::cp1251::FromUnicode(kto::text::DecodeValid(p));
    if (b < 0) Fail("«" + utf8 + "» has a character outside CP1251");
    out.push_back(static_cast<char>(b));
  }
  return out;
}

// A string table: index (count+1 u32 offsets) and data.
void StringTable(const std::vector<std::string>& strings, Bytes* index, Bytes* data) {
  index->clear();
  data->clear();
  for (const std::string& s : strings) {
    Append<uint32_t>(index, static_cast<uint32_t>(data->size()));
    data->append(s);
  }
  Append<uint32_t>(index, static_cast<uint32_t>(data->size()));
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t end = s.find(sep, start);
    out.push_back(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

// Tags the analyzer makes itself (as Az.js does), added to the tag table when
// OpenCorpora lacks them: abbreviations, initials, numbers, Latin, punctuation.
std::vector<std::string> SyntheticTags() {
  std::vector<std::string> tags;
  const char* genders3[] = {"masc", "femn", "neut"};
  const char* cases[] = {"nomn", "gent", "datv", "accs", "ablt", "loct"};
  const char* numbers[] = {"sing", "plur"};
  for (const char* g : genders3)
    for (const char* c : cases)
      for (const char* n : numbers)
        tags.push_back(std::string("NOUN,inan,") + g + ",Fixd,Abbr " + n + "," + c);
  for (const char* g : {"masc", "femn"})
    for (const char* c : cases)
      tags.push_back(std::string("NOUN,anim,") + g + ",Sgtm,Name,Fixd,Abbr,Init sing," + c);
  for (const char* t : {"NUMB,intg", "NUMB,real", "PNCT", "ROMN", "LATN", "UNKN", "ADVB"})
    tags.push_back(t);
  return tags;
}

void Build(const fs::path& dir, const fs::path& out_path) {
  kto::base::ContainerWriter file(fmt::kMagic, fmt::kFormatVersion);
  auto add = [&](uint32_t id, Bytes data) { file.Add(id, 0, std::move(data)); };

  // Meta: what was compiled, for `kto morph --info` and bug reports.
  const nlohmann::json meta = ReadJson(dir / "meta.json");
  std::map<std::string, nlohmann::json> meta_map;
  for (const auto& pair : meta) meta_map[pair.at(0).get<std::string>()] = pair.at(1);
  if (meta_map["format_version"] != "2.4")
    Fail("meta.json: expected pymorphy2 dictionary format 2.4");
  std::string meta_text = "source=az@0.2.3 package/dicts (OpenCorpora, CC BY-SA 3.0)\n";
  for (const char* key : {"source_version", "source_revision", "source_lexemes_count",
                          "words_dawg_length", "compiled_at"})
    meta_text +=
        std::string(key) + "=" +
        (meta_map[key].is_string() ? meta_map[key].get<std::string>() : meta_map[key].dump()) +
        "\n";
  add(fmt::kMeta, meta_text);

  // DAWGs.
  const std::pair<const char*, uint32_t> dawgs[] = {
      {"words.dawg", fmt::kWordsUnits},
      {"prediction-suffixes-0.dawg", fmt::kPred0Units},
      {"prediction-suffixes-1.dawg", fmt::kPred1Units},
      {"prediction-suffixes-2.dawg", fmt::kPred2Units},
  };
  for (const auto& [name, id] : dawgs) {
    Bytes units, guide;
    SplitDawg(dir / name, &units, &guide);
    add(id, std::move(units));
    add(id + 1, std::move(guide));
  }

  // Suffixes and prefixes (CP1251, like the DAWG keys).
  std::vector<std::string> suffixes;
  for (const auto& s : ReadJson(dir / "suffixes.json"))
    suffixes.push_back(ToCp1251(s.get<std::string>()));
  std::vector<std::string> prefixes;
  for (const auto& s : meta_map["compile_options"].at("paradigm_prefixes"))
    prefixes.push_back(ToCp1251(s.get<std::string>()));
  if (prefixes.size() != 3) Fail("meta.json: expected three paradigm prefixes");
  Bytes index, data;
  StringTable(suffixes, &index, &data);
  add(fmt::kSuffixIndex, index);
  add(fmt::kSuffixData, data);
  StringTable(prefixes, &index, &data);
  add(fmt::kPrefixIndex, index);
  add(fmt::kPrefixData, data);

  // Grammemes, with the ones the analyzer adds for non-dictionary tokens.
  std::vector<std::string> grammemes;
  std::vector<std::string> parents;
  for (const auto& g : ReadJson(dir / "grammemes.json")) {
    grammemes.push_back(g.at(0).get<std::string>());
    parents.push_back(g.at(1).get<std::string>());
  }
  for (const char* g : {"NUMB", "ROMN", "LATN", "PNCT", "UNKN"}) {
    grammemes.push_back(g);
    parents.push_back("POST");
  }
  for (const char* g : {"intg", "real"}) {
    grammemes.push_back(g);
    parents.push_back("");
  }
  if (grammemes.size() > fmt::kMaxGrammemes) Fail("too many grammemes");
  std::map<std::string, uint32_t> grammeme_ids;
  for (uint32_t i = 0; i < grammemes.size(); ++i) grammeme_ids[grammemes[i]] = i;
  Bytes parent_bytes;
  for (const std::string& p : parents) {
    if (p.empty()) {
      Append<uint32_t>(&parent_bytes, fmt::kNoParent);
    } else {
      if (!grammeme_ids.count(p)) Fail("grammemes.json: unknown parent " + p);
      Append<uint32_t>(&parent_bytes, grammeme_ids[p]);
    }
  }
  StringTable(grammemes, &index, &data);
  add(fmt::kGrammemeIndex, index);
  add(fmt::kGrammemeData, data);
  add(fmt::kGrammemeParents, parent_bytes);

  // Tags.
  std::vector<std::string> tags;
  for (const auto& t : ReadJson(dir / "gramtab-opencorpora-int.json"))
    tags.push_back(t.get<std::string>());
  const size_t dictionary_tags = tags.size();
  for (const std::string& t : SyntheticTags())
    if (std::find(tags.begin(), tags.end(), t) == tags.end()) tags.push_back(t);
  Bytes tag_grammemes;
  for (const std::string& tag : tags) {
    uint64_t bits[2] = {0, 0};
    for (const std::string& part : Split(tag, ' '))
      for (const std::string& g : Split(part, ',')) {
        if (g.empty()) continue;
        auto it = grammeme_ids.find(g);
        if (it == grammeme_ids.end()) Fail("tag «" + tag + "» has an unknown grammeme " + g);
        bits[it->second / 64] |= uint64_t{1} << (it->second % 64);
      }
    Append(&tag_grammemes, bits[0]);
    Append(&tag_grammemes, bits[1]);
  }
  StringTable(tags, &index, &data);
  add(fmt::kTagIndex, index);
  add(fmt::kTagData, data);
  add(fmt::kTagGrammemes, tag_grammemes);

  // P(tag|word): every "word:tag" key of the probabilities DAWG into a hash table.
  {
    Bytes units, guide;
    SplitDawg(dir / "p_t_given_w.intdawg", &units, &guide);
    const kto::morph::Dawg dawg(reinterpret_cast<const uint32_t*>(units.data()),
                                reinterpret_cast<const uint8_t*>(guide.data()), units.size() / 4);
    std::map<std::string, uint32_t> tag_ids;
    for (uint32_t t = 0; t < tags.size(); ++t) tag_ids[tags[t]] = t;
    std::vector<std::pair<uint64_t, uint32_t>> entries;
    std::string key;
    size_t unknown_tags = 0;
    auto visit = [&](auto&& self, uint32_t node) -> void {
      if (key.size() > 256) Fail("p_t_given_w.intdawg: key too long");
      if (dawg.HasValue(node)) {
        const size_t colon = key.find(':');
        const uint32_t value = dawg.Value(node);
        if (colon == std::string::npos || value == kto::morph::Dawg::kMissing)
          Fail("p_t_given_w.intdawg: bad key");
        auto tag = tag_ids.find(key.substr(colon + 1));
        if (tag == tag_ids.end()) {
          ++unknown_tags;
        } else {
          entries.emplace_back(fmt::ProbabilityKey(fmt::WordHash(key.data(), colon), tag->second),
                               value);
        }
      }
      for (uint8_t label = dawg.FirstChild(node); label != 0;) {
        const uint32_t child = dawg.Follow(label, node);
        if (child == kto::morph::Dawg::kMissing) Fail("p_t_given_w.intdawg: broken guide");
        key.push_back(static_cast<char>(label));
        self(self, child);
        key.pop_back();
        label = dawg.NextSibling(child);
      }
    };
    visit(visit, kto::morph::Dawg::kRoot);
    if (std::getenv("KTO_BUILD_DICT_VERBOSE"))
      std::cerr << entries.size() << " probabilities, " << unknown_tags << " with unknown tags\n";
    if (entries.size() < 1000 || unknown_tags > entries.size() / 100)
      Fail("p_t_given_w.intdawg: unexpected content");
    uint64_t capacity = 1;
    while (capacity < entries.size() * 3 / 2) capacity <<= 1;
    std::vector<uint64_t> keys(capacity, 0);
    std::vector<uint32_t> values(capacity, 0);
    for (const auto& [k, v] : entries) {
      uint64_t slot = fmt::ProbabilitySlot(k, capacity);
      while (keys[slot] != 0 && keys[slot] != k) slot = (slot + 1) & (capacity - 1);
      if (keys[slot] == k) Fail("p_t_given_w.intdawg: duplicate key or hash collision");
      keys[slot] = k;
      values[slot] = v;
    }
    Bytes table;
    Append<uint64_t>(&table, capacity);
    table.append(reinterpret_cast<const char*>(keys.data()), keys.size() * 8);
    table.append(reinterpret_cast<const char*>(values.data()), values.size() * 4);
    add(fmt::kProbabilities, std::move(table));
  }

  // Paradigms: u16 count, then per paradigm u16 length and `length` u16.
  const Bytes para = ReadFile(dir / "paradigms.array");
  auto u16 = [&](size_t i) {
    if (2 * i + 2 > para.size()) Fail("paradigms.array: truncated");
    uint16_t v;
    std::memcpy(&v, para.data() + 2 * i, 2);
    return v;
  };
  const uint32_t count = u16(0);
  Bytes para_index, para_data;
  size_t pos = 1;
  for (uint32_t p = 0; p < count; ++p) {
    const uint16_t length = u16(pos++);
    if (length == 0 || length % 3 != 0) Fail("paradigms.array: bad paradigm length");
    Append<uint32_t>(&para_index, static_cast<uint32_t>(para_data.size() / 2));
    const uint16_t forms = length / 3;
    for (uint16_t i = 0; i < length; ++i) {
      const uint16_t v = u16(pos++);
      const size_t limit = i < forms       ? suffixes.size()
                           : i < 2 * forms ? dictionary_tags
                                           : prefixes.size();
      if (v >= limit) Fail("paradigms.array: id out of range");
      Append(&para_data, v);
    }
  }
  Append<uint32_t>(&para_index, static_cast<uint32_t>(para_data.size() / 2));
  add(fmt::kParadigmIndex, para_index);
  add(fmt::kParadigmData, para_data);

  if (out_path.has_parent_path()) fs::create_directories(out_path.parent_path());
  const kto::Status written = file.WriteFile(out_path.string());
  if (!written.ok()) Fail(written.message());
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir, out;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--az-dicts") == 0) dir = argv[i + 1];
    if (std::strcmp(argv[i], "--out") == 0) out = argv[i + 1];
  }
  if (dir.empty() || out.empty()) {
    std::cerr << "usage: kto-build-dict --az-dicts DIR --out FILE\n";
    return 2;
  }
  try {
    Build(dir, out);
  } catch (const std::exception& e) {
    std::cerr << "kto-build-dict: " << e.what()
              << " (run scripts/fetch-az.sh to fetch the data again)\n";
    return 1;
  }
  return 0;
}
