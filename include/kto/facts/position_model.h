// kto/facts/position_model.h — the learned (person, position) pair scorer.
//
// A PositionModel is a binary logistic regression over hashed features of a
// (position phrase, person mention) pair: token distance and direction, the
// words and punctuation between them, other persons between, case agreement,
// the phrase's head word, the rule of AttachPositions that would have fired
// (src/facts/pair_features.cc). AttachPositions uses it when given one: each
// position phrase goes to its best-scoring candidate person when the
// probability reaches the model's threshold, and a plural phrase to every
// candidate that reaches it. Trained by `kto train positions`
// (kto/facts/train.h); file format: docs/formats/positions-model.md.
//
//   auto model = facts::PositionModel::Load("models/positions-ru.bin");
//   if (!model.ok()) ...  // kNotFound, kIoError or kCorrupt, with what to do
//
// Thread safety: a loaded model is immutable (a read-only mapping of the
// file) and shared by all threads.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "kto/status.h"
#include "kto/text/mapped_file.h"

namespace kto::facts {

class PositionModel {
 public:
  // Maps the file read-only and checks magic, version, size and checksum.
  static Result<std::unique_ptr<PositionModel>> Load(const std::string& path);
  ~PositionModel();
  PositionModel(const PositionModel&) = delete;
  PositionModel& operator=(const PositionModel&) = delete;

  // The logit of a pair from its feature hashes (see pair_features.h).
  float Score(std::span<const uint64_t> features) const;
  // A pair is linked when its probability is at least threshold().
  float threshold() const { return threshold_; }
  // The same cut on the logit scale: log(t / (1 - t)).
  float logit_threshold() const { return logit_threshold_; }
  // Overrides the stored threshold (for choosing one on development data).
  void set_threshold(float probability);

  std::string_view Meta() const { return meta_; }
  size_t FileBytes() const { return bytes_; }

 private:
  PositionModel() = default;
  std::unique_ptr<text::MappedFile> file_;
  size_t bytes_ = 0;
  uint32_t bucket_bits_ = 0;
  float scale_ = 0;
  float threshold_ = 0.5f, logit_threshold_ = 0;
  const int16_t* weights_ = nullptr;
  std::string_view meta_;
};

}  // namespace kto::facts
