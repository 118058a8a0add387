// The positions model loader: a damaged or hostile model is refused with
// kCorrupt (exit status 5 in the CLI), or it loads and scoring pairs reads
// only inside the file. Whole files (seeds from `kto train positions`) and
// patches of the committed model, as in fuzz_ner_model.cc.
#include <cstdint>

#include "fuzz_util.h"
#include "kto/facts/article.h"

using namespace kto;

namespace {

constexpr char kText[] =
    "Министр транспорта Северской области Пётр Андреевич Алёшин и бывший прокурор области "
    "Дмитрий Рябинин встретились с главой Лесногорского района Павлом Дубравиным.";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const pipeline::ModelPaths paths = fuzz::Models();
  static auto* real = new fuzz::PatchedFile(paths.positions_model);
  static auto* morphology = new auto(*pipeline::OpenDictionary(paths));
  static auto* ner =
      new std::shared_ptr<const ner::Model>(pipeline::LoadNerModel(paths).value().release());
  const std::string& path = fuzz::FileOf(*real, data, size, /*fix_checksum=*/true);
  auto model = facts::PositionModel::Load(path);
  if (model.ok()) {
    auto analyzer = facts::ArticleAnalyzer::Create(*morphology, *ner, std::move(model).value());
    fuzz::Expect(analyzer.ok(), "a loaded positions model makes no analyzer");
    fuzz::AnalyzeText(**analyzer, kText);
  } else {
    fuzz::Expect(model.status().code() == StatusCode::kCorrupt, "refused, but not as corrupt");
  }
  real->Restore();
  return 0;
}
