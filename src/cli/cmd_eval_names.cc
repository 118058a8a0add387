// kto eval names --corpus DIR: name normalization accuracy on BSNLP-style
// annotations. For every PER mention form of every document (one line of
// TOPIC/annotated/N.txt: «surface<TAB>base<TAB>PER<TAB>id»), finds the form in
// the document's raw text (TOPIC/raw/file_N*.txt, case-insensitively, as a
// token sequence), parses it with the name parser (the gender hint from an
// agreeing verb, as `kto analyze` does) and compares its nominative with the
// base form: case-insensitively, and also with ё folded to е. With `--type
// LOC` or `ORG`, the same for places or organizations, put into the
// nominative as `kto analyze` does (facts::NominativePhrase).
// Where a document's annotation keeps capitals (any base form has one, as in
// the BSNLP editions after 2017), `accuracy` compares case-sensitively:
// «ИГОРЬ КЕДРОВ» is «Игорь Кедров», not «ИГОРЬ КЕДРОВ»; the 2017 topics are
// all lower case and compare case-insensitively.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "json_writer.h"
#include "kto/facts/phrase.h"
#include "kto/morph/doc_morphology.h"
#include "kto/names/person_name.h"
#include "kto/text/normalize.h"
#include "kto/text/segment.h"

namespace kto::cli {
namespace {

namespace fs = std::filesystem;
using text::MatchKeyOptions;

struct NameCounts {
  uint64_t mentions = 0;   // PER mention forms in the annotations
  uint64_t not_found = 0;  // forms not found in the raw text
  uint64_t exact = 0;      // normal == base (case-sensitive where the gold keeps capitals)
  uint64_t yo_folded = 0;  // the same with ё folded to е
  uint64_t case_sensitive_documents = 0;
};

bool HasCapital(std::string_view utf8) {
  return text::MatchKey(utf8, {.lowercase = true, .fold_yo = false}) !=
         text::MatchKey(utf8, {.lowercase = false, .fold_yo = false});
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The raw file of annotated/N.txt: raw/file_N_ru.txt or raw/file_N.txt.
fs::path RawFileFor(const fs::path& annotated) {
  const fs::path raw_dir = annotated.parent_path().parent_path() / "raw";
  const std::string n = annotated.stem().string();
  for (const std::string& name : {"file_" + n + "_ru.txt", "file_" + n + ".txt"})
    if (fs::exists(raw_dir / name)) return raw_dir / name;
  return {};
}

// Tokens [begin, end) of `doc` that spell `surface` (case-insensitive, ё=е).
bool FindSurface(const Doc& doc, const std::string& surface, uint32_t* begin, uint32_t* end) {
  auto form = Doc::FromUtf8(surface);
  if (!form.ok()) return false;
  text::Tokenize(&form.value());
  const auto& want = form->tokens;
  if (want.empty()) return false;
  std::vector<std::string> want_keys;
  for (const Token& t : want) want_keys.push_back(text::MatchKey(form->TextOf(t)));
  for (uint32_t i = 0; i + want.size() <= doc.tokens.size(); ++i) {
    bool same = true;
    for (size_t k = 0; k < want.size() && same; ++k)
      same = text::MatchKey(doc.TextOf(doc.tokens[i + k])) == want_keys[k];
    if (same) {
      *begin = i;
      *end = static_cast<uint32_t>(i + want.size());
      return true;
    }
  }
  return false;
}

Status EvaluateDocument(const fs::path& annotated, const std::string& type,
                        const morph::Analyzer& analyzer, const names::NameParser& parser,
                        morph::AnalyzerCache* cache, bool verbose, NameCounts* counts) {
  const fs::path raw_path = RawFileFor(annotated);
  if (raw_path.empty()) return Status::NotFound("no raw file for " + annotated.string());
  std::string raw = ReadFile(raw_path);
  for (int line = 0; line < 4; ++line)
    raw.erase(0, raw.find('\n') == std::string::npos ? raw.size() : raw.find('\n') + 1);
  auto doc = Doc::FromUtf8(std::move(raw), Utf8Policy::kLenient);
  if (!doc.ok()) return doc.status();
  text::Segment(&doc.value());
  morph::DocMorphology morphology;
  morph::AnalyzeDoc(*doc, cache, &morphology);

  std::istringstream lines(ReadFile(annotated));
  std::string line;
  std::getline(lines, line);  // the document id
  std::vector<std::vector<std::string>> rows;
  bool keeps_capitals = false;
  while (std::getline(lines, line)) {
    std::vector<std::string>& fields = rows.emplace_back();
    std::stringstream fs_line(line);
    for (std::string f; std::getline(fs_line, f, '\t');) fields.push_back(f);
    keeps_capitals |= fields.size() > 1 && HasCapital(fields[1]);
  }
  counts->case_sensitive_documents += keeps_capitals;
  const MatchKeyOptions exact_key{.lowercase = !keeps_capitals, .fold_yo = false};
  const MatchKeyOptions folded_key{.lowercase = !keeps_capitals, .fold_yo = true};
  for (const std::vector<std::string>& fields : rows) {
    if (fields.size() < 3 || fields[2] != type) continue;
    ++counts->mentions;
    uint32_t begin = 0, end = 0;
    if (!FindSurface(*doc, fields[0], &begin, &end)) {
      ++counts->not_found;
      continue;
    }
    std::string normal;
    if (type == "PER") {
      const names::GenderHint hint = parser.ContextGender(*doc, morphology, begin, end);
      normal = parser.Parse(*doc, morphology, begin, end, hint).normal;
    } else {
      normal = facts::NominativePhrase(*doc, morphology, analyzer, begin, end);
    }
    const bool exact = text::MatchKey(normal, exact_key) == text::MatchKey(fields[1], exact_key);
    const bool folded = text::MatchKey(normal, folded_key) == text::MatchKey(fields[1], folded_key);
    counts->exact += exact;
    counts->yo_folded += folded;
    if (verbose && !exact)
      std::cerr << annotated.string() << ": «" << fields[0] << "» -> «" << normal << "», expected «"
                << fields[1] << "»\n";
  }
  return Status::Ok();
}

}  // namespace

void AddEvalNamesCommand(CLI::App& eval, int* exit_code) {
  struct Args {
    std::string corpus;
    std::string dict;
    std::string type = "PER";
    bool verbose = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = eval.add_subcommand(
      "names", "Name normalization accuracy on BSNLP annotations (PER base forms)");
  cmd->add_option("--corpus", args->corpus, "BSNLP folder (topics with raw/ and annotated/)")
      ->required();
  AddDictFlag(*cmd, &args->dict);
  cmd->add_option("--type", args->type, "Mention type: PER (the name parser), LOC or ORG")
      ->check(CLI::IsMember({"PER", "LOC", "ORG"}));
  cmd->add_flag("--verbose", args->verbose, "Print every mismatch on stderr");
  cmd->callback([args, exit_code] {
    auto analyzer = OpenAnalyzer("eval names", args->dict, exit_code);
    if (!analyzer) return;
    names::NameParser parser(*analyzer);
    morph::AnalyzerCache cache(analyzer);
    std::vector<fs::path> files;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(args->corpus, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file() && it->path().parent_path().filename() == "annotated")
        files.push_back(it->path());
    }
    if (ec || files.empty()) {
      std::cerr << "kto eval names: no BSNLP annotations under " << args->corpus << "\n";
      *exit_code = kExitIo;
      return;
    }
    std::sort(files.begin(), files.end());
    NameCounts counts;
    for (const fs::path& file : files) {
      if (Status s =
              EvaluateDocument(file, args->type, *analyzer, parser, &cache, args->verbose, &counts);
          !s.ok()) {
        std::cerr << "kto eval names: " << s.message() << "\n";
        *exit_code = ExitCodeFor(s);
        return;
      }
    }
    const double found = static_cast<double>(counts.mentions - counts.not_found);
    std::string out;
    JsonWriter json(&out);
    json.BeginObject()
        .Key("task")
        .String("names")
        .Key("type")
        .String(args->type)
        .Key("documents")
        .Int(static_cast<int64_t>(files.size()))
        .Key("mentions")
        .Int(static_cast<int64_t>(counts.mentions))
        .Key("not_found")
        .Int(static_cast<int64_t>(counts.not_found))
        .Key("accuracy")
        .Double(found > 0 ? counts.exact / found : 0)
        .Key("accuracy_yo_folded")
        .Double(found > 0 ? counts.yo_folded / found : 0)
        .Key("case_sensitive_documents")
        .Int(static_cast<int64_t>(counts.case_sensitive_documents))
        .EndObject();
    std::cout << out << std::endl;
  });
}

}  // namespace kto::cli
