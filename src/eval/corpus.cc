// Reading brat (NEREL), BSNLP and span JSON-lines (Collection5) corpora
// into AnnotatedDoc.
#include "kto/eval/corpus.h"

#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kto/base/hash.h"
#include "kto/text/normalize.h"
#include "kto/text/segment.h"
#include "kto/text/utf8.h"

namespace kto::eval {
namespace {

namespace fs = std::filesystem;

std::string FlatType(const std::string& brat) {
  if (brat == "PERSON") return "PER";
  if (brat == "ORGANIZATION") return "ORG";
  if (brat == "COUNTRY" || brat == "CITY" || brat == "STATE_OR_PROVINCE" || brat == "DISTRICT" ||
      brat == "LOCATION")
    return "LOC";
  if (brat == "PROFESSION") return "POSITION";
  return "";
}

// Sorted by start, longest first; spans inside or crossing a kept one dropped.
std::vector<GoldSpan> Outermost(std::vector<GoldSpan> spans) {
  std::sort(spans.begin(), spans.end(), [](const GoldSpan& a, const GoldSpan& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::vector<GoldSpan> out;
  for (GoldSpan& s : spans) {
    if (!out.empty() && s.begin < out.back().end) continue;
    out.push_back(std::move(s));
  }
  return out;
}

// The outermost of the spans strictly inside one of `outer` (sorted,
// non-overlapping): the next level of nesting.
std::vector<GoldSpan> NextLevel(const std::vector<GoldSpan>& spans,
                                const std::vector<GoldSpan>& outer) {
  std::vector<GoldSpan> inside;
  for (const GoldSpan& s : spans) {
    const auto it = std::upper_bound(outer.begin(), outer.end(), s.begin,
                                     [](uint32_t b, const GoldSpan& o) { return b < o.begin; });
    if (it == outer.begin()) continue;
    const GoldSpan& o = it[-1];
    if (s.end <= o.end && (s.begin != o.begin || s.end != o.end)) inside.push_back(s);
  }
  return Outermost(std::move(inside));
}

// «N1<TAB>Reference T11 Wikidata:Q13133<TAB>label»: T id -> (Wikidata id, label).
std::map<std::string, std::pair<std::string, std::string>> WikidataReferences(
    const std::string& annotations) {
  std::map<std::string, std::pair<std::string, std::string>> wikidata;
  std::istringstream lines(annotations);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] != 'N') continue;
    const size_t tab1 = line.find('\t');
    if (tab1 == std::string::npos) continue;
    std::istringstream fields(line.substr(tab1 + 1));
    std::string kind, target, ref;
    fields >> kind >> target >> ref;
    // «Wikidata:NULL»: the entity has no Wikidata item; not a gold id.
    if (kind == "Reference" && ref.rfind("Wikidata:", 0) == 0 && ref.size() > 9 &&
        ref != "Wikidata:NULL") {
      const size_t tab2 = line.find('\t', tab1 + 1);
      std::string label = tab2 == std::string::npos ? "" : line.substr(tab2 + 1);
      if (!label.empty() && label.back() == '\r') label.pop_back();
      wikidata[target] = {ref.substr(9), std::move(label)};
    }
  }
  return wikidata;
}

// Code point -> byte offsets of `t` (brat counts code points).
std::vector<uint32_t> ByteOffsets(std::string_view t) {
  std::vector<uint32_t> byte_of;
  byte_of.reserve(t.size() + 1);
  for (const char* p = t.data(); p < t.data() + t.size();) {
    byte_of.push_back(static_cast<uint32_t>(p - t.data()));
    text::DecodeValid(p);
  }
  byte_of.push_back(static_cast<uint32_t>(t.size()));
  return byte_of;
}

// The segmented document of `text` read from `path` (named in the error).
Result<Doc> SegmentedDoc(const std::string& path, Result<std::string> text) {
  if (!text.ok()) return text.status();
  auto doc = Doc::FromUtf8(std::move(text).value());
  if (!doc.ok()) return Status::InvalidInput(path + ": " + doc.status().message());
  text::Segment(&doc.value());
  return doc;
}

Result<AnnotatedDoc> LoadBratDoc(const fs::path& txt, const fs::path& ann) {
  auto doc = SegmentedDoc(txt.string(), ReadFile(txt.string()));
  if (!doc.ok()) return doc.status();
  AnnotatedDoc out{txt.string(), std::move(doc).value(), {}, {}, true, {}, {}};
  const std::vector<uint32_t> byte_of = ByteOffsets(out.doc.text());
  auto annotations = ReadFile(ann.string());
  if (!annotations.ok()) return annotations.status();
  const auto wikidata = WikidataReferences(annotations.value());
  std::istringstream lines(annotations.value());
  std::string line;
  std::vector<GoldSpan> entities, positions;
  std::map<std::string, GoldSpan> by_id;  // T id -> span with its brat type
  std::vector<std::string> relation_lines;
  size_t line_number = 0;
  while (std::getline(lines, line)) {
    ++line_number;
    if (!line.empty() && line[0] == 'R') relation_lines.push_back(line);
    if (line.empty() || line[0] != 'T') continue;
    const size_t tab1 = line.find('\t');
    const size_t tab2 = tab1 == std::string::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 == std::string::npos)
      return Status::InvalidInput(ann.string() + ":" + std::to_string(line_number) +
                                  ": bad T line");
    std::istringstream fields(line.substr(tab1 + 1, tab2 - tab1 - 1));
    std::string type;
    fields >> type;
    const std::string flat = FlatType(type);
    if (flat.empty()) continue;
    // «START STOP;START STOP ...»: the whole extent.
    std::string rest;
    std::getline(fields, rest);
    std::replace(rest.begin(), rest.end(), ';', ' ');
    std::istringstream nums(rest);
    long long a = 0, b = 0, lo = -1, hi = -1;
    while (nums >> a >> b) {
      if (lo < 0 || a < lo) lo = a;
      if (b > hi) hi = b;
    }
    if (lo < 0 || hi <= lo || static_cast<size_t>(hi) >= byte_of.size())
      return Status::InvalidInput(ann.string() + ":" + std::to_string(line_number) +
                                  ": offsets outside the text");
    by_id[line.substr(0, tab1)] = GoldSpan{byte_of[lo], byte_of[hi], type, "", ""};
    GoldSpan span{byte_of[lo], byte_of[hi], flat, "", ""};
    if (flat == "PER") {
      const auto linked = wikidata.find(line.substr(0, tab1));
      if (linked != wikidata.end()) {
        span.link = linked->second.first;
        out.linked_persons.push_back(span);
        out.linked_persons.back().label = linked->second.second;
      }
    }
    (flat == "POSITION" ? positions : entities).push_back(std::move(span));
  }
  std::sort(out.linked_persons.begin(), out.linked_persons.end(),
            [](const GoldSpan& a, const GoldSpan& b) { return a.begin < b.begin; });
  // «R5<TAB>WORKS_AS Arg1:T10 Arg2:T9»
  for (const std::string& relation : relation_lines) {
    std::istringstream fields(relation.substr(relation.find('\t') + 1));
    std::string type, arg1, arg2;
    fields >> type >> arg1 >> arg2;
    const auto from = by_id.find(arg1.substr(arg1.find(':') + 1));
    const auto to = by_id.find(arg2.substr(arg2.find(':') + 1));
    if (from != by_id.end() && to != by_id.end())
      out.relations.push_back({type, from->second, to->second});
  }
  out.entities = Outermost(entities);
  out.nested = NextLevel(entities, out.entities);
  out.positions = Outermost(std::move(positions));
  return out;
}

Result<AnnotatedDoc> LoadBsnlpDoc(const fs::path& raw, const fs::path& annotated) {
  auto doc = SegmentedDoc(raw.string(), ReadBsnlpText(raw.string()));
  if (!doc.ok()) return doc.status();
  AnnotatedDoc out{raw.string(), std::move(doc).value(), {}, {}, false, {}, {}};
  const std::vector<std::string> keys = TokenKeys(out.doc);
  auto ann = ReadFile(annotated.string());
  if (!ann.ok()) return ann.status();
  // Cross-document ids are unique within a topic (the folder above
  // `annotated`): «trump:10002».
  const std::string topic = annotated.parent_path().parent_path().filename().string();
  struct Mention {
    std::vector<std::string> keys;
    std::string type;
    std::string link;  // PER only: topic + ":" + the cross-document id, when given
  };
  std::vector<Mention> mentions;
  for (BsnlpMention& m : ParseBsnlpAnnotation(ann.value())) {
    if (m.type != "PER" && m.type != "ORG" && m.type != "LOC") continue;
    std::vector<std::string> form = FormKeys(m.form);
    if (form.empty()) continue;
    std::string link;
    if (m.type == "PER" && !m.id.empty()) link = topic + ":" + m.id;
    mentions.push_back({std::move(form), m.type, std::move(link)});
  }
  // Longest mentions first; every occurrence not overlapping a taken one.
  std::stable_sort(mentions.begin(), mentions.end(), [](const Mention& a, const Mention& b) {
    return a.keys.size() > b.keys.size();
  });
  std::vector<uint8_t> taken(keys.size(), 0);
  for (const Mention& m : mentions) {
    const size_t k = m.keys.size();
    for (size_t i = 0; i + k <= keys.size(); ++i) {
      bool match = true;
      for (size_t j = 0; j < k && match; ++j) match = !taken[i + j] && keys[i + j] == m.keys[j];
      if (!match) continue;
      for (size_t j = 0; j < k; ++j) taken[i + j] = 1;
      const GoldSpan span{out.doc.tokens[i].begin, out.doc.tokens[i + k - 1].end, m.type, m.link,
                          ""};
      out.entities.push_back(span);
      if (!m.link.empty()) out.linked_persons.push_back(span);
    }
  }
  auto by_start = [](const GoldSpan& a, const GoldSpan& b) { return a.begin < b.begin; };
  std::sort(out.entities.begin(), out.entities.end(), by_start);
  std::sort(out.linked_persons.begin(), out.linked_persons.end(), by_start);
  return out;
}

Result<std::vector<AnnotatedDoc>> LoadBrat(const fs::path& dir, const DocumentFilter& filter) {
  std::vector<fs::path> texts;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".txt" &&
        filter.Keeps(it->path().stem().string())) {
      fs::path ann = it->path();
      ann.replace_extension(".ann");
      if (fs::exists(ann)) texts.push_back(it->path());
    }
  }
  if (ec) return Status::IoError("cannot list " + dir.string() + ": " + ec.message());
  std::sort(texts.begin(), texts.end());
  std::vector<AnnotatedDoc> docs;
  for (const fs::path& txt : texts) {
    fs::path ann = txt;
    ann.replace_extension(".ann");
    auto doc = LoadBratDoc(txt, ann);
    if (!doc.ok()) return doc.status();
    docs.push_back(std::move(doc).value());
  }
  return docs;
}

Result<std::vector<AnnotatedDoc>> LoadBsnlp(const fs::path& dir, const DocumentFilter& filter) {
  auto annotations = ListBsnlpAnnotations(dir.string());
  if (!annotations.ok()) return annotations.status();
  std::vector<std::pair<fs::path, fs::path>> pairs;  // raw, annotated
  for (const std::string& annotated : *annotations) {
    if (!filter.Keeps(fs::path(annotated).stem().string())) continue;
    std::string raw = BsnlpRawFile(annotated);
    if (!raw.empty()) pairs.emplace_back(raw, annotated);
  }
  // By raw file (the order linking sees the documents in).
  std::sort(pairs.begin(), pairs.end());
  std::vector<AnnotatedDoc> docs;
  for (const auto& [raw, annotated] : pairs) {
    auto doc = LoadBsnlpDoc(raw, annotated);
    if (!doc.ok()) return doc.status();
    docs.push_back(std::move(doc).value());
  }
  return docs;
}

// The flat type of a span JSON-lines type (Collection5's GEOPOLIT and
// MEDIA folded into LOC and ORG); empty for a type the flat view leaves out.
std::string FlatSpanType(const std::string& type) {
  if (type == "PER" || type == "ORG" || type == "LOC") return type;
  if (type == "GEOPOLIT") return "LOC";
  if (type == "MEDIA") return "ORG";
  return "";
}

// The whole file, gunzipped when it is gzip (zlib reads a plain file as it is).
Result<std::string> ReadMaybeGzipped(const std::string& path) {
  gzFile in = gzopen(path.c_str(), "rb");
  if (in == nullptr) return Status::NotFound("cannot open " + path);
  std::string out;
  char buffer[1 << 16];
  int n = 0;
  while ((n = gzread(in, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<size_t>(n));
  const bool failed = n < 0;
  gzclose(in);
  if (failed) return Status::IoError("cannot read " + path + " (a damaged gzip file?)");
  return out;
}

Result<AnnotatedDoc> ParseSpansLine(const std::string& where, const std::string& line,
                                    std::string* id) {
  const auto json = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object() || !json.contains("text") || !json["text"].is_string() ||
      !json.contains("spans") || !json["spans"].is_array())
    return Status::InvalidInput(where + ": not a {\"id\", \"text\", \"spans\"} object");
  *id = json.contains("id") && json["id"].is_string() ? json["id"].get<std::string>() : "";
  auto doc = SegmentedDoc(where, json["text"].get<std::string>());
  if (!doc.ok()) return doc.status();
  AnnotatedDoc out{where + " (" + *id + ")", std::move(doc).value(), {}, {}, false, {}, {}};
  const std::vector<uint32_t> byte_of = ByteOffsets(out.doc.text());
  for (const auto& span : json["spans"]) {
    if (!span.is_object() || !span.contains("start") || !span.contains("end") ||
        !span["start"].is_number_unsigned() || !span["end"].is_number_unsigned() ||
        !span.contains("type") || !span["type"].is_string())
      return Status::InvalidInput(where + ": a span needs start, end and type");
    const auto start = span["start"].get<uint64_t>(), end = span["end"].get<uint64_t>();
    if (end <= start || end >= byte_of.size())
      return Status::InvalidInput(where + ": span offsets outside the text");
    const std::string flat = FlatSpanType(span["type"].get<std::string>());
    if (!flat.empty()) out.entities.push_back(GoldSpan{byte_of[start], byte_of[end], flat, "", ""});
  }
  out.entities = Outermost(std::move(out.entities));
  return out;
}

Result<std::vector<AnnotatedDoc>> LoadSpansJsonl(const std::string& path,
                                                 const DocumentFilter& filter) {
  auto file = ReadMaybeGzipped(path);
  if (!file.ok()) return file.status();
  std::vector<AnnotatedDoc> docs;
  std::istringstream lines(file.value());
  size_t line_number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string id;
    auto doc = ParseSpansLine(path + ":" + std::to_string(line_number), line, &id);
    if (!doc.ok()) return doc.status();
    if (filter.Keeps(id)) docs.push_back(std::move(doc).value());
  }
  return docs;
}

bool HasAnnotatedFolder(const fs::path& dir) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_directory() && it->path().filename() == "annotated") return true;
  }
  return false;
}

}  // namespace

Result<std::vector<AnnotatedDoc>> LoadCorpus(const std::string& dir, CorpusFormat format,
                                             const DocumentFilter& filter) {
  std::error_code ec;
  if (format == CorpusFormat::kAuto && fs::is_regular_file(dir, ec))
    format = CorpusFormat::kSpansJsonl;
  if (format == CorpusFormat::kSpansJsonl) {
    auto docs = LoadSpansJsonl(dir, filter);
    if (docs.ok() && docs->empty())
      return Status::InvalidInput("no annotated documents in " + dir + " (span JSON lines)");
    return docs;
  }
  if (!fs::is_directory(dir, ec))
    return Status::NotFound("corpus folder " + dir + " does not exist");
  if (format == CorpusFormat::kAuto)
    format = HasAnnotatedFolder(dir) ? CorpusFormat::kBsnlp : CorpusFormat::kBrat;
  auto docs = format == CorpusFormat::kBsnlp ? LoadBsnlp(dir, filter) : LoadBrat(dir, filter);
  if (docs.ok() && docs->empty())
    return Status::InvalidInput(
        "no annotated documents in " + dir +
        (format == CorpusFormat::kBsnlp ? " (BSNLP layout)" : " (brat: *.txt + *.ann)"));
  return docs;
}

bool DocumentFilter::Keeps(const std::string& id) const {
  return !exclude.contains(id) && (!only_listed || only.contains(id)) &&
         (folds == 0 || FoldOf(id, folds) != left_out_fold);
}

uint32_t FoldOf(std::string_view id, uint32_t folds) {
  // Mixed, unlike the internal test split's plain FNV-1a remainder, so that
  // the folds do not line up with it.
  return static_cast<uint32_t>(base::Fmix64(base::Fnv1a(id)) % folds);
}

Result<DocumentFilter> ReadDocumentFilter(const std::string& exclude_list,
                                          const std::string& only_list) {
  DocumentFilter filter;
  if (!exclude_list.empty()) {
    auto ids = ReadDocumentIds(exclude_list);
    if (!ids.ok()) return ids.status();
    filter.exclude = std::move(ids).value();
  }
  if (!only_list.empty()) {
    auto ids = ReadDocumentIds(only_list);
    if (!ids.ok()) return ids.status();
    filter.only_listed = true;
    filter.only = std::move(ids).value();
  }
  return filter;
}

Result<std::set<std::string>> ReadDocumentIds(const std::string& path) {
  auto file = ReadFile(path);
  if (!file.ok()) return file.status();
  std::set<std::string> ids;
  std::istringstream lines(file.value());
  for (std::string line; std::getline(lines, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty() && line[0] != '#') ids.insert(line);
  }
  return ids;
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IoError("cannot read " + path);
  return ss.str();
}

std::string DropLines(std::string_view text, int lines) {
  size_t pos = 0;
  for (int i = 0; i < lines && pos != std::string_view::npos; ++i) {
    pos = text.find('\n', pos);
    if (pos != std::string_view::npos) ++pos;
  }
  return pos == std::string_view::npos ? std::string() : std::string(text.substr(pos));
}

std::vector<std::string> TokenKeys(const Doc& doc) {
  std::vector<std::string> keys;
  keys.reserve(doc.tokens.size());
  for (const Token& t : doc.tokens) keys.push_back(text::MatchKey(doc.TextOf(t)));
  return keys;
}

std::vector<std::string> FormKeys(std::string_view form) {
  auto doc = Doc::FromUtf8(std::string(form));
  if (!doc.ok()) return {};
  text::Tokenize(&doc.value());
  return TokenKeys(*doc);
}

size_t FindKeys(const std::vector<std::string>& keys, const std::vector<std::string>& form,
                size_t from) {
  if (form.empty()) return keys.size();
  for (size_t i = from; i + form.size() <= keys.size(); ++i)
    if (std::equal(form.begin(), form.end(), keys.begin() + static_cast<ptrdiff_t>(i))) return i;
  return keys.size();
}

std::vector<BsnlpMention> ParseBsnlpAnnotation(std::string_view file) {
  std::vector<BsnlpMention> mentions;
  std::istringstream lines{std::string(file)};
  std::string line;
  std::getline(lines, line);  // the document id
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> fields;
    std::istringstream f(line);
    for (std::string field; std::getline(f, field, '\t');) fields.push_back(std::move(field));
    if (fields.size() < 3) continue;
    fields.resize(4);
    mentions.push_back({fields[0], fields[1], fields[2], fields[3]});
  }
  return mentions;
}

Result<std::vector<std::string>> ListBsnlpAnnotations(const std::string& dir) {
  std::vector<fs::path> paths;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file() && it->path().parent_path().filename() == "annotated")
      paths.push_back(it->path());
  }
  if (ec) return Status::IoError("cannot list " + dir + ": " + ec.message());
  std::sort(paths.begin(), paths.end());
  return std::vector<std::string>(paths.begin(), paths.end());
}

std::string BsnlpRawFile(const std::string& annotated) {
  const fs::path path(annotated);
  const fs::path raw_dir = path.parent_path().parent_path() / "raw";
  const std::string n = path.stem().string();
  for (const std::string& name : {"file_" + n + "_ru.txt", "file_" + n + ".txt"})
    if (fs::exists(raw_dir / name)) return (raw_dir / name).string();
  return {};
}

Result<std::string> ReadBsnlpText(const std::string& raw) {
  auto file = ReadFile(raw);
  if (!file.ok()) return file.status();
  return DropLines(file.value(), 4);
}

}  // namespace kto::eval
