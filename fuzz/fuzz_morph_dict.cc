// The morphology dictionary loader: a damaged or hostile dictionary is
// refused with kCorrupt (exit status 5 in the CLI), or it loads and every
// lookup stays inside the file. An input that starts as a container («KTO»)
// is the whole file; any other is patches of the real dictionary
// (fuzz_util.h PatchedFile, the checksum not verified so that any damage is
// read).
#include <cstdint>

#include "fuzz_util.h"
#include "kto/morph/analyzer.h"

using namespace kto;

namespace {

// Words down every path of the analyzer: dictionary words, names, a
// prediction by suffix, a hyphenated word, a number, an abbreviation.
constexpr std::string_view kWords[] = {
    "Кедровым",       "стали",     "петровской", "кто",   "Лесногорск",
    "зарубежнейшими", "Нью-Йорке", "2026",       "ТУСУР", "ёлки"};

void Exercise(const morph::Analyzer& analyzer) {
  morph::ParseList parses;
  const auto nominative = analyzer.ParseGrammemes("nomn");
  for (std::string_view word : kWords) {
    analyzer.Analyze(word, &parses);
    for (const morph::Parse& p : parses) {
      (void)analyzer.TagString(p.tag);
      if (nominative.ok()) (void)analyzer.Inflect(parses, p, *nominative);
    }
    if (!parses.empty()) (void)analyzer.Lexeme(parses, parses[0]);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static auto* real = new fuzz::PatchedFile(fuzz::Models().dictionary);
  morph::Analyzer::Options options;
  options.verify_checksum = fuzz::IsContainer(data, size);  // patches: read whatever they damage
  const std::string& path = fuzz::FileOf(*real, data, size, /*fix_checksum=*/false);
  auto analyzer = morph::Analyzer::Open(path, options);
  if (analyzer.ok())
    Exercise(**analyzer);
  else
    fuzz::Expect(analyzer.status().code() == StatusCode::kCorrupt, "refused, but not as corrupt");
  real->Restore();
  return 0;
}
