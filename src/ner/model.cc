// Loading a model file (mmap, checks) and tagging with it.
#include <algorithm>
#include <cstring>

#include "kto/base/container.h"
#include "kto/base/hash.h"
#include "kto/ner/ner.h"
#include "kto/text/mapped_file.h"
#include "model_format.h"
#include "morph_features.h"
#include "state.h"
#include "viterbi.h"

namespace kto::ner {
namespace internal {

using base::Bucket;
using base::Fmix64;
using base::Fnv1a;

namespace {

Status Bad(const std::string& path, const std::string& what) {
  return Status::Corrupt("NER model " + path + " is unusable: " + what +
                         "; retrain it with 'kto train ner' or restore models/ner-ru.bin from git");
}

Status ParseLayer(const std::string& path, std::string_view info,
                  const base::ContainerSection* weights, const base::ContainerSection* trans,
                  LayerView* out) {
  if (info.size() < sizeof(LayerHeader)) return Bad(path, "short layer section");
  LayerHeader h;
  std::memcpy(&h, info.data(), sizeof h);
  if (h.bucket_bits < 8 || h.bucket_bits > 26 || h.num_types < 1 || h.num_types > 16 ||
      !(h.scale > 0))
    return Bad(path, "bad layer header");
  out->bucket_bits = h.bucket_bits;
  out->labels = NumLabels(static_cast<int>(h.num_types));
  out->scale = h.scale;
  size_t pos = sizeof h;
  for (uint32_t t = 0; t < h.num_types; ++t) {
    if (pos >= info.size()) return Bad(path, "truncated type names");
    const size_t len = static_cast<unsigned char>(info[pos]);
    if (pos + 1 + len > info.size()) return Bad(path, "truncated type names");
    out->types.emplace_back(info.substr(pos + 1, len));
    pos += 1 + len;
  }
  if (weights == nullptr || trans == nullptr) return Bad(path, "a layer lacks weights");
  const size_t L = static_cast<size_t>(out->labels);
  if (weights->bytes.size() != (size_t{1} << h.bucket_bits) * L * sizeof(int16_t))
    return Bad(path, "weights section of the wrong size");
  if (trans->bytes.size() != (L * L + 2 * L) * sizeof(float))
    return Bad(path, "transitions section of the wrong size");
  out->weights = reinterpret_cast<const int16_t*>(weights->bytes.data());
  out->trans = reinterpret_cast<const float*>(trans->bytes.data());
  out->start = out->trans + L * L;
  out->end = out->start + L;
  return Status::Ok();
}

}  // namespace
}  // namespace internal

using internal::ModelData;

Model::Model(std::unique_ptr<ModelData> data) : data_(std::move(data)) {}
Model::~Model() = default;

const std::vector<std::string>& Model::EntityTypes() const {
  return data_->layers[0].types;
}
std::string_view Model::Meta() const {
  return data_->meta;
}
size_t Model::FileBytes() const {
  return data_->bytes;
}

bool Model::NeedsMorphology() const {
  return (data_->feature_flags & internal::kFeatureMorphology) != 0;
}

Result<std::unique_ptr<Model>> Model::Load(const std::string& path, const LoadOptions& options) {
  auto file = text::MappedFile::Open(
      path, "NER model " + path,
      "; pass --model PATH, set KTO_NER_MODEL, or train one with 'kto train ner'");
  if (!file.ok()) return file.status();
  auto data = std::make_unique<ModelData>();
  data->file = std::move(file).value();
  data->bytes = data->file->size();
  auto container = base::Container::Parse(std::string_view(data->file->data(), data->bytes),
                                          internal::kMagic, internal::kFormatVersion);
  if (!container.ok()) return internal::Bad(path, container.status().message());
  const uint32_t flags = container->flags();
  if ((flags & ~(internal::kFeatureMorphology | internal::kFeatureClusters |
                 internal::kFeatureGazetteer)) != 0)
    return internal::Bad(path, "unknown feature flags " + std::to_string(flags));
  data->feature_flags = flags;
  if ((flags & internal::kFeatureMorphology) != 0) {
    if (options.analyzer == nullptr)
      return Status::InvalidArgument(
          "NER model " + path +
          " needs the morphology dictionary (ru-morph.bin), which is not loaded");
    data->extra = std::make_unique<internal::MorphFeatureSource>(options.analyzer);
  }
  if ((flags & internal::kFeatureClusters) != 0) {
    const base::ContainerSection* words = container->Find(internal::kSectionClusterWords);
    const base::ContainerSection* ids = container->Find(internal::kSectionClusterIds);
    if (words == nullptr || ids == nullptr) return internal::Bad(path, "missing word clusters");
    auto clusters = internal::WordClusters::FromSections(words->bytes, ids->bytes);
    if (!clusters.ok()) return internal::Bad(path, clusters.status().message());
    data->clusters = *clusters;
  }
  if ((flags & internal::kFeatureGazetteer) != 0) {
    const base::ContainerSection* words = container->Find(internal::kSectionGazetteerWords);
    const base::ContainerSection* classes = container->Find(internal::kSectionGazetteerClasses);
    if (words == nullptr || classes == nullptr) return internal::Bad(path, "missing gazetteer");
    auto gazetteer = internal::Gazetteer::FromSections(words->bytes, classes->bytes);
    if (!gazetteer.ok()) return internal::Bad(path, gazetteer.status().message());
    data->gazetteer = *gazetteer;
  }
  if (const base::ContainerSection* meta = container->Find(internal::kSectionMeta))
    data->meta.assign(meta->bytes);
  for (int l = 0; l < internal::kNumLayers; ++l) {
    const base::ContainerSection* info = container->Find(internal::kSectionLayer, l);
    if (info == nullptr) return internal::Bad(path, "missing layer " + std::to_string(l));
    if (Status s = internal::ParseLayer(
            path, info->bytes, container->Find(internal::kSectionWeights, l),
            container->Find(internal::kSectionTransitions, l), &data->layers[l]);
        !s.ok())
      return s;
  }
  for (const internal::LayerView& layer : data->layers)
    if (layer.labels > internal::kMaxLabels) return internal::Bad(path, "too many labels");
  if (data->layers[internal::kEntities].types != data->layers[internal::kEntitiesPass1].types ||
      data->layers[internal::kNested].types != data->layers[internal::kEntities].types ||
      data->layers[internal::kEntities].types.size() > internal::kMaxTypes)
    return internal::Bad(path, "inconsistent entity layers");
  return std::unique_ptr<Model>(new Model(std::move(data)));
}

// ---------------------------------------------------------------- tagging

namespace internal {

namespace {

// acc[0..L) += the sum of the n weight rows p[0..n), each L wide.
template <int L>
void SumRowsOf(const int16_t* const* p, size_t n, int32_t* acc) {
  int32_t sum[L] = {};
  for (size_t k = 0; k < n; ++k)
    for (int y = 0; y < L; ++y) sum[y] += p[k][y];
  for (int y = 0; y < L; ++y) acc[y] += sum[y];
}

// The same for any L: the label counts of the shipped layers (3: one type,
// 7: three) get loops of known length, which the compiler unrolls and
// vectorizes; this is the innermost loop of tagging.
void SumRows(int labels, const int16_t* const* p, size_t n, int32_t* acc) {
  switch (labels) {
    case 3:
      return SumRowsOf<3>(p, n, acc);
    case 7:
      return SumRowsOf<7>(p, n, acc);
    default:
      for (size_t k = 0; k < n; ++k)
        for (int y = 0; y < labels; ++y) acc[y] += p[k][y];
  }
}

// Adds the weights of `features` (scaled) to scores[0..L) of `layer`.
// The rows are scattered over megabytes: find them all and prefetch them
// first, so that the cache misses overlap.
void AddWeights(const LayerView& layer, const std::vector<uint64_t>& features, float* scores) {
  const int L = layer.labels;
  constexpr size_t kBatch = 32;
  const int16_t* rows[kBatch];
  int32_t acc[64] = {};
  for (size_t first = 0; first < features.size(); first += kBatch) {
    const size_t n = std::min(kBatch, features.size() - first);
    for (size_t k = 0; k < n; ++k) {
      rows[k] =
          layer.weights + static_cast<size_t>(Bucket(features[first + k], layer.bucket_bits)) * L;
      __builtin_prefetch(rows[k]);
    }
    SumRows(L, rows, n, acc);
  }
  for (int y = 0; y < L; ++y) scores[y] += static_cast<float>(acc[y]) * layer.scale;
}

}  // namespace

void StateData::Reset(const ModelData* m) {
  model = m;
  row_width = 0;
  for (int l = 0; l < kNumLayers; ++l) {
    layer_base[l] = row_width;
    row_width += kOffsets * static_cast<size_t>(m->layers[l].labels);
  }
  Clear();
  // Address space only (pages are touched as entries come): the cache never
  // moves its rows while it grows to its bound.
  infos.reserve(max_entries);
  rows.reserve(max_entries * row_width);
  boundary.assign(row_width, 0.f);
  float* r = boundary.data();
  for (const LayerView& layer : m->layers) {
    for (int d = -kWindow; d <= kWindow; ++d, r += layer.labels) {
      if (d == 0) continue;
      features.clear();
      BoundaryFeatures(d, &features);
      AddWeights(layer, features, r);
    }
  }
}

void StateData::Clear() {
  keys.assign(size_t{1} << 16, 0);
  slots.assign(keys.size(), 0);
  infos.clear();
  rows.clear();
}

void StateData::Grow() {
  std::vector<uint64_t> old_keys(keys.size() * 2, 0);
  std::vector<uint32_t> old_slots(old_keys.size(), 0);
  old_keys.swap(keys);
  old_slots.swap(slots);
  const size_t mask = keys.size() - 1;
  for (size_t k = 0; k < old_keys.size(); ++k) {
    if (old_keys[k] == 0) continue;
    size_t i = Fmix64(old_keys[k]) & mask;
    while (keys[i] != 0) i = (i + 1) & mask;
    keys[i] = old_keys[k];
    slots[i] = old_slots[k];
  }
}

uint32_t StateData::Lookup(std::string_view text) {
  const uint64_t key = Fnv1a(text) | 1;
  const size_t mask = keys.size() - 1;
  size_t i = Fmix64(key) & mask;
  while (keys[i] != 0) {
    if (keys[i] == key) return slots[i];
    i = (i + 1) & mask;
  }
  if (2 * (infos.size() + 1) > keys.size()) {  // keep the load factor under 1/2
    Grow();
    i = Fmix64(key) & (keys.size() - 1);
    while (keys[i] != 0) i = (i + 1) & (keys.size() - 1);
  }
  const auto entry = static_cast<uint32_t>(infos.size());
  keys[i] = key;
  slots[i] = entry;
  AnalyzeWord(text, model->extra.get(), &analysis, model->Tables(), morphology);
  infos.push_back(analysis.info);
  rows.resize(rows.size() + row_width);
  // All word features at every offset (the positions layer's own after the
  // shared ones), then every row they read in every layer, prefetched before
  // any is summed.
  features.clear();
  size_t start[kOffsets + 1], shared_end[kOffsets];
  for (int d = -kWindow; d <= kWindow; ++d) {
    start[d + kWindow] = features.size();
    WordFeatures(analysis, d, &features);
    shared_end[d + kWindow] = features.size();
    PositionWordFeatures(analysis, d, &features);
  }
  start[kOffsets] = features.size();
  auto end_of = [&](int layer, int o) {
    return layer == kPositions ? start[o + 1] : shared_end[o];
  };
  row_ptrs.clear();
  for (int l = 0; l < kNumLayers; ++l) {
    const LayerView& layer = model->layers[l];
    for (int o = 0; o < kOffsets; ++o) {
      for (size_t k = start[o]; k < end_of(l, o); ++k) {
        const int16_t* row =
            layer.weights +
            static_cast<size_t>(Bucket(features[k], layer.bucket_bits)) * layer.labels;
        __builtin_prefetch(row);
        row_ptrs.push_back(row);
      }
    }
  }
  float* r = rows.data() + static_cast<size_t>(entry) * row_width;
  const int16_t* const* p = row_ptrs.data();
  for (int l = 0; l < kNumLayers; ++l) {
    const LayerView& layer = model->layers[l];
    for (int o = 0; o < kOffsets; ++o, r += layer.labels) {
      int32_t acc[kMaxLabels] = {};
      const size_t count = end_of(l, o) - start[o];
      SumRows(layer.labels, p, count, acc);
      p += count;
      for (int y = 0; y < layer.labels; ++y) r[y] = static_cast<float>(acc[y]) * layer.scale;
    }
  }
  return entry;
}

}  // namespace internal

State::State() : data_(std::make_unique<internal::StateData>()) {}
State::~State() = default;
State::State(State&&) noexcept = default;
State& State::operator=(State&&) noexcept = default;

void State::ShareMorphologyCache(morph::AnalyzerCache* cache) {
  data_->morphology = cache;
}

namespace {

void Collect(const uint8_t* labels, uint32_t first_token, size_t n, std::vector<Span>* out) {
  for (size_t i = 0; i < n;) {
    if (labels[i] == 0) {
      ++i;
      continue;
    }
    const int type = internal::TypeOf(labels[i]);
    size_t j = i + 1;
    while (j < n && internal::IsInside(labels[j]) && internal::TypeOf(labels[j]) == type) ++j;
    out->push_back(
        Span{{static_cast<uint32_t>(first_token + i), static_cast<uint32_t>(first_token + j)},
             static_cast<uint8_t>(type)});
    i = j;
  }
}

}  // namespace

namespace {

// Emission scores of `layer_ids` for the tokens [from, to) of the sentence
// [first, first + n) of the document (indices relative to the sentence)
// into st->emissions[k] (k-th layer): cached word rows + context features
// (+ pass-1 features when labels1 is not null). The context rows of a chunk
// of tokens are all located and prefetched before any is summed, so that
// their cache misses overlap.
void Emissions(const std::vector<int>& layer_ids, const Doc& doc, uint32_t first, size_t n,
               size_t from, size_t to, const uint8_t* labels1, internal::StateData* st) {
  using namespace internal;
  const ModelData& m = *st->model;
  const uint32_t* entry = st->entry_of_token.data() + first;
  const WordInfo* const* infos = st->info_ptrs.data() + first;
  st->flags.resize(n);
  ContextFlags(infos, doc.tokens.data() + first, n, st->flags.data());
  const int num_types = static_cast<int>(m.layers[kEntitiesPass1].types.size());
  for (size_t k = 0; k < layer_ids.size(); ++k) {
    const LayerView& layer = m.layers[layer_ids[k]];
    const int L = layer.labels;
    std::vector<float>& em = st->emissions[k];
    em.assign((to - from) * L, 0.f);
    for (size_t i = from; i < to; ++i) {
      float* e = em.data() + (i - from) * L;
      for (int d = -kWindow; d <= kWindow; ++d) {
        const long j = static_cast<long>(i) + d;
        const float* row = (j < 0 || j >= static_cast<long>(n)
                                ? st->boundary.data()
                                : st->rows.data() + static_cast<size_t>(entry[j]) * st->row_width) +
                           st->layer_base[layer_ids[k]] + static_cast<size_t>(d + kWindow) * L;
        for (int y = 0; y < L; ++y) e[y] += row[y];
      }
    }
  }
  constexpr size_t kChunk = 32;
  for (size_t c = from; c < to; c += kChunk) {
    const size_t end = std::min(to, c + kChunk);
    st->features.clear();
    st->feature_start.clear();
    for (size_t i = c; i < end; ++i) {
      st->feature_start.push_back(static_cast<uint32_t>(st->features.size()));
      ContextFeatures(infos, st->flags.data(), n, i, &st->features);
      if (labels1 != nullptr) {
        const WordInfo& cur = *infos[i];
        PassOneFeatures(cur, labels1, n, i, st->stem_counts[cur.stem], num_types, &st->features);
      }
    }
    st->feature_start.push_back(static_cast<uint32_t>(st->features.size()));
    st->row_ptrs.clear();
    for (int id : layer_ids) {
      const LayerView& layer = m.layers[id];
      for (uint64_t f : st->features) {
        const int16_t* row =
            layer.weights + static_cast<size_t>(Bucket(f, layer.bucket_bits)) * layer.labels;
        __builtin_prefetch(row);
        st->row_ptrs.push_back(row);
      }
    }
    const int16_t* const* p = st->row_ptrs.data();
    for (size_t k = 0; k < layer_ids.size(); ++k) {
      const LayerView& layer = m.layers[layer_ids[k]];
      const int L = layer.labels;
      for (size_t i = c; i < end; ++i) {
        int32_t acc[kMaxLabels] = {};
        const uint32_t count = st->feature_start[i - c + 1] - st->feature_start[i - c];
        SumRows(L, p, count, acc);
        p += count;
        float* e = st->emissions[k].data() + (i - from) * L;
        for (int y = 0; y < L; ++y) e[y] += static_cast<float>(acc[y]) * layer.scale;
      }
    }
  }
}

}  // namespace

void Tag(const Model& model, const Doc& doc, State* state, Annotations* out) {
  using namespace internal;
  out->entities.clear();
  out->positions.clear();
  out->nested.clear();
  StateData& st = state->data();
  const ModelData& m = model.data();
  if (st.model != &m) st.Reset(&m);
  const size_t tokens = doc.tokens.size();
  if (st.infos.size() + tokens > st.max_entries) st.Clear();
  st.entry_of_token.resize(tokens);
  for (size_t t = 0; t < tokens; ++t) st.entry_of_token[t] = st.Lookup(doc.TextOf(doc.tokens[t]));
  st.info_ptrs.resize(tokens);
  for (size_t t = 0; t < tokens; ++t) st.info_ptrs[t] = &st.infos[st.entry_of_token[t]];
  // Pass 1 over the whole document, then the stems' label counts.
  st.labels1.assign(tokens, 0);
  static const std::vector<int> kPass1 = {kEntitiesPass1};
  static const std::vector<int> kPass2 = {kEntities, kPositions};
  static const std::vector<int> kNestedLayer = {kNested};
  for (const Sentence& sentence : doc.sentences) {
    const size_t n = sentence.end - sentence.begin;
    if (n == 0) continue;
    const LayerView& layer = m.layers[kEntitiesPass1];
    Emissions(kPass1, doc, sentence.begin, n, 0, n, nullptr, &st);
    Viterbi(st.emissions[0].data(), n, layer.labels, layer.trans, layer.start, layer.end,
            &st.lattice, &st.back, st.labels1.data() + sentence.begin);
  }
  st.stem_counts.clear();
  for (const Sentence& sentence : doc.sentences) {
    for (uint32_t t = sentence.begin; t < sentence.end; ++t) {
      const WordInfo& info = *st.info_ptrs[t];
      CountStem(info, t - sentence.begin, st.labels1[t], &st.stem_counts[info.stem]);
    }
  }
  // Pass 2: entities, positions and nested entities.
  for (const Sentence& sentence : doc.sentences) {
    const size_t n = sentence.end - sentence.begin;
    if (n == 0) continue;
    const size_t first_entity = out->entities.size();
    const uint8_t* labels1 = st.labels1.data() + sentence.begin;
    Emissions(kPass2, doc, sentence.begin, n, 0, n, labels1, &st);
    for (size_t k = 0; k < kPass2.size(); ++k) {
      const int l = kPass2[k];
      const LayerView& layer = m.layers[l];
      st.labels.resize(n);
      Viterbi(st.emissions[k].data(), n, layer.labels, layer.trans, layer.start, layer.end,
              &st.lattice, &st.back, st.labels.data());
      Collect(st.labels.data(), sentence.begin, n,
              l == kEntities ? &out->entities : &out->positions);
    }
    // The nested layer decodes the tokens of each entity of two or more
    // tokens on their own (in the context of the whole sentence), as it was
    // trained.
    const LayerView& nested = m.layers[kNested];
    for (size_t e = first_entity; e < out->entities.size(); ++e) {
      const Span parent = out->entities[e];
      const size_t len = parent.end - parent.begin;
      if (len < 2) continue;
      const size_t from = parent.begin - sentence.begin;
      Emissions(kNestedLayer, doc, sentence.begin, n, from, from + len, labels1, &st);
      st.labels.resize(len);
      Viterbi(st.emissions[0].data(), len, nested.labels, nested.trans, nested.start, nested.end,
              &st.lattice, &st.back, st.labels.data());
      st.spans.clear();
      Collect(st.labels.data(), parent.begin, len, &st.spans);
      KeepNested(st.spans, out->entities, e, &out->nested);
    }
  }
}

}  // namespace kto::ner
