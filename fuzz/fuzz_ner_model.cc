// The NER model loader: a damaged or hostile model is refused with kCorrupt
// (exit status 5 in the CLI), or it loads and tagging a text reads only
// inside the file. An input that starts as a container («KTO») is the whole
// file (seeds: small models of `kto train ner`); any other is patches of the
// committed model (the checksum made right, fuzz_util.h PatchedFile).
#include <cstdint>

#include "fuzz_util.h"
#include "kto/facts/article.h"
#include "kto/text/segment.h"

using namespace kto;

namespace {

constexpr char kText[] =
    "Губернатор Северской области Игорь Павлович Кедров провёл встречу в Лесногорске. "
    "«Мост откроем в мае», — сказал Кедров. На встрече был мэр Лесногорска Олег Лесин и "
    "представители компании «Северный транзит» (СТ).";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const pipeline::ModelPaths paths = fuzz::Models();
  static auto* real = new fuzz::PatchedFile(paths.ner_model);
  static auto* morphology = new auto(*pipeline::OpenDictionary(paths));
  static auto* positions = new auto(*pipeline::LoadPositionsModel(paths));
  const std::string& path = fuzz::FileOf(*real, data, size, /*fix_checksum=*/true);
  ner::LoadOptions options;
  options.analyzer = *morphology;
  auto model = ner::Model::Load(path, options);
  if (model.ok()) {
    auto analyzer =
        facts::ArticleAnalyzer::Create(*morphology, std::move(model).value(), *positions);
    // A model without a PER type is refused here, as kInvalidArgument.
    if (analyzer.ok()) fuzz::AnalyzeText(**analyzer, kText);
  } else {
    fuzz::Expect(model.status().code() == StatusCode::kCorrupt, "refused, but not as corrupt");
  }
  real->Restore();
  return 0;
}
