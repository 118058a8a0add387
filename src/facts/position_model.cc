// Loading a positions model (mmap, checks) and scoring pairs with it.
#include "kto/facts/position_model.h"

#include <cmath>
#include <cstring>

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
  if (model->bytes_ < sizeof(internal::PositionFileHeader) + 8)
    return Bad(path, "file of " + std::to_string(model->bytes_) + " bytes is truncated");
  const char* base = model->file_->data();
  internal::PositionFileHeader h;
  std::memcpy(&h, base, sizeof h);
  if (std::memcmp(h.magic, internal::kPositionMagic, sizeof h.magic) != 0)
    return Bad(path, "not a kto positions model (bad magic)");
  if (h.version != internal::kPositionFormatVersion)
    return Bad(path, "format version " + std::to_string(h.version) + ", this kto reads " +
                         std::to_string(internal::kPositionFormatVersion));
  if (h.file_bytes != model->bytes_)
    return Bad(path, "truncated: header says " + std::to_string(h.file_bytes) +
                         " bytes, file has " + std::to_string(model->bytes_));
  uint64_t stored;
  std::memcpy(&stored, base + model->bytes_ - 8, 8);
  if (ner::internal::FileChecksum(base, model->bytes_ - 8) != stored)
    return Bad(path, "checksum mismatch (the file is damaged)");
  if (h.bucket_bits < internal::kMinBucketBits || h.bucket_bits > internal::kMaxBucketBits ||
      !(h.scale > 0) || !(h.threshold > 0 && h.threshold < 1))
    return Bad(path, "bad header");
  const uint64_t weight_bytes = (uint64_t{1} << h.bucket_bits) * sizeof(int16_t);
  if (h.weights_offset % 64 != 0 || sizeof h + uint64_t{h.meta_bytes} > h.weights_offset ||
      uint64_t{h.weights_offset} + weight_bytes + 8 != model->bytes_)
    return Bad(path, "bad section bounds");
  model->bucket_bits_ = h.bucket_bits;
  model->scale_ = h.scale;
  model->set_threshold(h.threshold);
  model->meta_ = std::string_view(base + sizeof h, h.meta_bytes);
  model->weights_ = reinterpret_cast<const int16_t*>(base + h.weights_offset);
  return model;
}

}  // namespace kto::facts
