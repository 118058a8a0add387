// kto-convert-positions-v2: rewrites a positions model of format version 2
// (its own fixed header) as version 3 (the shared container,
// docs/formats/positions-model.md). The weights, scale and threshold are
// copied bit for bit, so the converted model scores every pair as before;
// META too, but for its "format=" line, so that the file is the one
// `kto train positions` now writes from the same data.
//
//   kto-convert-positions-v2 IN OUT
//
// A one-off tool for models trained before the container; not part of the
// engine. Version 2 is what a model trained by kto before December 2026 has.
#include <bit>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "kto/base/container.h"
#include "kto/base/hash.h"

namespace {

// Version 2 header, at offset 0; META at 64, weights at weights_offset, then
// the checksum of everything before it.
struct HeaderV2 {
  char magic[8];
  uint32_t version;
  uint32_t bucket_bits;
  uint64_t file_bytes;
  float scale;
  float threshold;
  uint32_t meta_bytes;
  uint32_t weights_offset;
  uint8_t reserved[24];
};
static_assert(sizeof(HeaderV2) == 64);

constexpr char kMagic[8] = {'K', 'T', 'O', 'P', 'O', 'S', '\r', '\n'};
// As src/facts/position_model_format.h.
constexpr uint32_t kMeta = 1, kParams = 2, kWeights = 3, kVersion = 3;

int Fail(const std::string& message) {
  std::cerr << "kto-convert-positions-v2: " << message << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: kto-convert-positions-v2 IN OUT\n";
    return 2;
  }
  std::stringstream read;
  read << std::ifstream(argv[1], std::ios::binary).rdbuf();
  const std::string in = read.str();
  HeaderV2 h;
  if (in.size() < sizeof h + 8) return Fail(std::string(argv[1]) + " is truncated");
  std::memcpy(&h, in.data(), sizeof h);
  if (std::memcmp(h.magic, kMagic, 8) != 0 || h.version != 2)
    return Fail(std::string(argv[1]) + " is not a version-2 positions model");
  uint64_t stored;
  std::memcpy(&stored, in.data() + in.size() - 8, 8);
  const uint64_t weight_bytes = (uint64_t{1} << (h.bucket_bits & 31)) * sizeof(int16_t);
  if (h.file_bytes != in.size() || kto::base::Checksum(in.data(), in.size() - 8) != stored ||
      sizeof h + uint64_t{h.meta_bytes} > h.weights_offset ||
      uint64_t{h.weights_offset} + weight_bytes + 8 != in.size())
    return Fail(std::string(argv[1]) + " is damaged");
  const uint32_t params[4] = {h.bucket_bits, std::bit_cast<uint32_t>(h.scale),
                              std::bit_cast<uint32_t>(h.threshold), 0};
  kto::base::ContainerWriter out(kMagic, kVersion);
  std::string meta = in.substr(sizeof h, h.meta_bytes);
  if (meta.starts_with("format=2\n")) meta[7] = '3';
  out.Add(kMeta, 0, std::move(meta));
  out.Add(kParams, 0, std::string(reinterpret_cast<const char*>(params), sizeof params));
  out.Add(kWeights, 0, in.substr(h.weights_offset, weight_bytes));
  if (const kto::Status s = out.WriteFile(argv[2]); !s.ok()) return Fail(s.message());
  return 0;
}
