#include "dictionary.h"

#include <cstring>
#include <map>

#include "format.h"
#include "kto/base/container.h"

namespace kto::morph {
namespace {

namespace fmt = format;

struct Blob {
  const unsigned char* data = nullptr;
  uint64_t size = 0;
};

}  // namespace

Dictionary::~Dictionary() = default;

Result<std::unique_ptr<Dictionary>> Dictionary::Open(const std::string& path,
                                                     bool verify_checksum) {
  std::unique_ptr<Dictionary> dict(new Dictionary());
  Status status = dict->Load(path, verify_checksum);
  if (!status.ok()) return status;
  return dict;
}

// The sections of the file by id; asking for a missing one gives an empty
// blob and remembers the first such miss, which explains a bad size better.
struct Dictionary::Sections {
  std::map<uint32_t, Blob> blobs;
  std::string missing;

  Blob Get(uint32_t id) {
    auto it = blobs.find(id);
    if (it == blobs.end()) {
      missing = "section " + std::to_string(id) + " is missing";
      return Blob{};
    }
    return it->second;
  }
  // `why`, unless a section was missing.
  std::string Why(const char* why) const { return missing.empty() ? why : missing; }
};

Status Dictionary::Load(const std::string& path, bool verify_checksum) {
  const std::string what = "morphology dictionary " + path;
  const std::string rebuild =
      "; rebuild it with scripts/setup.sh (or give another with --dict / KTO_MORPH_DICT)";
  auto file = text::MappedFile::Open(path, what, rebuild);
  if (!file.ok()) return file.status();
  file_ = std::move(file).value();
  auto container = base::Container::Parse(std::string_view(file_->data(), file_->size()),
                                          fmt::kMagic, fmt::kFormatVersion, verify_checksum);
  if (!container.ok())
    return Status::Corrupt(what + " is unusable: " + container.status().message() + rebuild);
  Sections sections;
  for (const base::ContainerSection& s : container->sections())
    sections.blobs[s.kind] =
        Blob{reinterpret_cast<const unsigned char*>(s.bytes.data()), s.bytes.size()};
  for (auto step : {&Dictionary::MapWordIndexes, &Dictionary::MapGrammemes,
                    &Dictionary::MapParadigms, &Dictionary::MapProbabilities})
    if (const std::string why = (this->*step)(sections); !why.empty())
      return Status::Corrupt(what + ": " + why + rebuild);
  const Blob meta = sections.Get(fmt::kMeta);
  meta_ = std::string_view(reinterpret_cast<const char*>(meta.data), meta.size);
  return Status::Ok();
}

std::string Dictionary::MapWordIndexes(Sections& sections) {
  auto dawg = [&](uint32_t units_id, Dawg* out) -> bool {
    const Blob units = sections.Get(units_id), guide = sections.Get(units_id + 1);
    if (units.size == 0 || units.size % 4 != 0 || guide.size != units.size / 2) return false;
    *out = Dawg(reinterpret_cast<const uint32_t*>(units.data), guide.data, units.size / 4);
    return true;
  };
  if (!dawg(fmt::kWordsUnits, &words_) || !dawg(fmt::kPred0Units, &prediction_[0]) ||
      !dawg(fmt::kPred1Units, &prediction_[1]) || !dawg(fmt::kPred2Units, &prediction_[2]))
    return sections.Why("a DAWG section has a bad size");

  auto table = [&](uint32_t index_id, StringTable* out) -> bool {
    const Blob index = sections.Get(index_id), data = sections.Get(index_id + 1);
    if (index.size < 4 || index.size % 4 != 0) return false;
    const auto* offsets = reinterpret_cast<const uint32_t*>(index.data);
    const size_t n = index.size / 4 - 1;
    for (size_t i = 0; i < n; ++i)
      if (offsets[i] > offsets[i + 1]) return false;
    if (offsets[0] != 0 || offsets[n] > data.size) return false;
    *out = StringTable(offsets, n, reinterpret_cast<const char*>(data.data));
    return true;
  };
  if (!table(fmt::kSuffixIndex, &suffixes_) || !table(fmt::kPrefixIndex, &prefixes_) ||
      !table(fmt::kTagIndex, &tags_) || !table(fmt::kGrammemeIndex, &grammemes_))
    return sections.Why("a string table is malformed");
  if (prefixes_.size() != 3) return "expected three paradigm prefixes";
  return {};
}

std::string Dictionary::MapGrammemes(Sections& sections) {
  if (grammemes_.size() > fmt::kMaxGrammemes) return "too many grammemes";
  const Blob parents = sections.Get(fmt::kGrammemeParents);
  if (parents.size != 4 * grammemes_.size()) return "grammeme parents do not match the grammemes";
  grammeme_parents_ = reinterpret_cast<const uint32_t*>(parents.data);
  for (size_t g = 0; g < grammemes_.size(); ++g)
    if (grammeme_parents_[g] != fmt::kNoParent && grammeme_parents_[g] >= grammemes_.size())
      return "a grammeme parent is out of range";
  const Blob tag_bits = sections.Get(fmt::kTagGrammemes);
  if (tag_bits.size != 16 * tags_.size()) return "tag grammemes do not match the tags";
  tag_grammemes_ = reinterpret_cast<const uint64_t*>(tag_bits.data);
  return {};
}

std::string Dictionary::MapParadigms(Sections& sections) {
  const Blob pindex = sections.Get(fmt::kParadigmIndex), pdata = sections.Get(fmt::kParadigmData);
  if (pindex.size < 4 || pindex.size % 4 != 0 || pdata.size % 2 != 0)
    return sections.Why("paradigm sections have bad sizes");
  paradigm_index_ = reinterpret_cast<const uint32_t*>(pindex.data);
  paradigm_data_ = reinterpret_cast<const uint16_t*>(pdata.data);
  paradigm_count_ = pindex.size / 4 - 1;
  if (paradigm_index_[paradigm_count_] != pdata.size / 2)
    return "paradigm index does not match the data";
  for (size_t p = 0; p < paradigm_count_; ++p) {
    const uint32_t begin = paradigm_index_[p], end = paradigm_index_[p + 1];
    if (end <= begin || end > pdata.size / 2 || (end - begin) % 3 != 0)
      return "a paradigm is malformed";
    const Paradigm para = paradigm(p);
    for (uint32_t f = 0; f < para.forms; ++f)
      if (para.suffix(f) >= suffixes_.size() || para.tag(f) >= tags_.size() || para.prefix(f) >= 3)
        return "a paradigm refers to a missing suffix, tag or prefix";
  }
  return {};
}

std::string Dictionary::MapProbabilities(Sections& sections) {
  const Blob probs = sections.Get(fmt::kProbabilities);
  if (probs.size < 8) return sections.Why("the probability table is truncated");
  std::memcpy(&prob_capacity_, probs.data, 8);
  if (prob_capacity_ == 0 || (prob_capacity_ & (prob_capacity_ - 1)) != 0 ||
      prob_capacity_ > (uint64_t{1} << 32) || probs.size != 8 + 12 * prob_capacity_)
    return "the probability table has a bad size";
  prob_keys_ = reinterpret_cast<const uint64_t*>(probs.data + 8);
  prob_values_ = reinterpret_cast<const uint32_t*>(probs.data + 8 + 8 * prob_capacity_);
  return {};
}

int64_t Dictionary::Probability(uint64_t word_hash, uint32_t tag) const {
  const uint64_t key = fmt::ProbabilityKey(word_hash, tag);
  uint64_t slot = fmt::ProbabilitySlot(key, prob_capacity_);
  // A damaged table may be full: probe at most every slot once.
  for (uint64_t n = 0; n < prob_capacity_; ++n, slot = (slot + 1) & (prob_capacity_ - 1)) {
    if (prob_keys_[slot] == key) return prob_values_[slot];
    if (prob_keys_[slot] == 0) return -1;
  }
  return -1;
}

}  // namespace kto::morph
