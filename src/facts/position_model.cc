// Loading a positions model (mmap, checks) and scoring pairs with it.
#include "kto/facts/position_model.h"

#include <cmath>
#include <cstring>

#include "kto/base/container.h"
#include "position_model_format.h"

namespace kto::facts {
namespace {

Status Bad(const std::string& path, const std::string& what) {
  return Status::Corrupt("positions model " + path + " is unusable: " + what +
                         "; retrain it with 'kto train positions' or restore "
                         "models/positions-ru.bin from git");
}

}  // namespace

PositionModel::~PositionModel() = default;

void PositionModel::set_threshold(float probability) {
  threshold_ = probability;
  logit_threshold_ = probability <= 0   ? -INFINITY
                     : probability >= 1 ? INFINITY
                                        : std::log(probability / (1 - probability));
}

float PositionModel::Score(std::span<const uint64_t> features) const {
  int32_t sum = 0;
  for (uint64_t f : features) sum += weights_[internal::PositionBucket(f, bucket_bits_)];
  return static_cast<float>(sum) * scale_;
}

Result<std::unique_ptr<PositionModel>> PositionModel::Load(const std::string& path) {
  auto file = text::MappedFile::Open(path, "positions model " + path,
                                     "; pass --positions-model PATH, set KTO_POSITIONS_MODEL, or "
                                     "train one with 'kto train positions'");
  if (!file.ok()) return file.status();
  std::unique_ptr<PositionModel> model(new PositionModel());
  model->file_ = std::move(file).value();
  model->bytes_ = model->file_->size();
  const std::string_view bytes(model->file_->data(), model->bytes_);
  if (uint32_t version = 0;
      bytes.size() >= 12 && bytes.starts_with(std::string_view(internal::kPositionMagic, 8))) {
    std::memcpy(&version, bytes.data() + 8, 4);
    if (version == 2)
      return Status::Corrupt(
          "positions model " + path +
          " has format version 2, which this kto no longer reads; convert it "
          "(same weights) with 'kto-convert-positions-v2 IN OUT' "
          "(tools/convert-positions-v2) or retrain it with 'kto train positions'");
  }
  auto container =
      base::Container::Parse(bytes, internal::kPositionMagic, internal::kPositionFormatVersion);
  if (!container.ok()) return Bad(path, container.status().message());
  const base::ContainerSection* params = container->Find(internal::kPositionParams);
  const base::ContainerSection* weights = container->Find(internal::kPositionWeights);
  const base::ContainerSection* meta = container->Find(internal::kPositionMeta);
  if (params == nullptr || weights == nullptr || meta == nullptr)
    return Bad(path, "a section is missing");
  internal::PositionParams h;
  if (params->bytes.size() != sizeof h) return Bad(path, "bad parameters section");
  std::memcpy(&h, params->bytes.data(), sizeof h);
  if (h.bucket_bits < internal::kMinBucketBits || h.bucket_bits > internal::kMaxBucketBits ||
      !(h.scale > 0) || !(h.threshold > 0 && h.threshold < 1))
    return Bad(path, "bad parameters");
  if (weights->bytes.size() != (uint64_t{1} << h.bucket_bits) * sizeof(int16_t))
    return Bad(path, "weights section of the wrong size");
  model->bucket_bits_ = h.bucket_bits;
  model->scale_ = h.scale;
  model->set_threshold(h.threshold);
  model->meta_ = meta->bytes;
  model->weights_ = reinterpret_cast<const int16_t*>(weights->bytes.data());
  return model;
}

}  // namespace kto::facts
