// Averaged structured perceptron training of both layers, and the model
// writer. See MODEL.md for why a perceptron.
#include "kto/ner/train.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <optional>
#include <unordered_map>

#include "featurize.h"
#include "kto/base/container.h"
#include "kto/base/hash.h"
#include "kto/eval/ner_metrics.h"
#include "kto/text/mapped_file.h"
#include "model_format.h"
#include "morph_features.h"
#include "viterbi.h"

namespace kto::ner {

// The corpus and its scores (kto_eval).
using eval::AnnotatedDoc;
using eval::Counts;
using eval::EvalReport;
using eval::Evaluator;
using eval::GoldSpan;

namespace {

using namespace internal;
using base::Bucket;

const std::vector<std::string> kEntityTypes = {"PER", "ORG", "LOC"};
const std::vector<std::string> kPositionTypes = {"POSITION"};
constexpr uint32_t kMaxBits = 26;

struct FeatureSet {
  std::vector<uint32_t> buckets;
  std::vector<uint32_t> start{0};  // per token + 1
};

// Features of a corpus, per token, as bucket ids at the largest bucket_bits
// of the layers.
struct Features {
  uint32_t bits = 0;
  FeatureSet base;              // word and context features
  FeatureSet positions_only;    // word features only the positions layer reads
  FeatureSet extra;             // pass-1 features (filled by ComputeExtra)
  std::vector<WordInfo> infos;  // per token
  struct Sentence {
    uint32_t doc, first_token, n, first_global;  // first_global: index of its first token
    bool trains_positions;  // its corpus has a position layer (and nesting): trains layers 2, 3
    uint8_t style;          // AnnotatedDoc::style
  };
  std::vector<Sentence> sentences;
  std::vector<uint8_t> gold[3];  // per token: entity, position and nested entity labels
};

// BIO labels of the doc's tokens from gold spans.
void GoldLabels(const Doc& doc, const std::vector<GoldSpan>& spans,
                const std::vector<std::string>& types, std::vector<uint8_t>* out) {
  out->assign(doc.tokens.size(), 0);
  size_t s = 0;
  int last_span = -1;
  for (size_t t = 0; t < doc.tokens.size(); ++t) {
    const uint32_t b = doc.tokens[t].begin;
    while (s < spans.size() && spans[s].end <= b) ++s;
    if (s >= spans.size() || spans[s].begin > b) continue;
    const auto it = std::find(types.begin(), types.end(), spans[s].type);
    if (it == types.end()) continue;
    const int type = static_cast<int>(it - types.begin());
    (*out)[t] =
        static_cast<uint8_t>(last_span == static_cast<int>(s) ? 2 + 2 * type : 1 + 2 * type);
    last_span = static_cast<int>(s);
  }
}

Features Extract(const std::vector<AnnotatedDoc>& docs, uint32_t bits,
                 const TokenFeatureSource* source, const WordTables& tables) {
  Features f;
  f.bits = bits;
  std::unordered_map<std::string, WordAnalysis> cache;
  std::vector<uint64_t> hashes;
  std::vector<const WordAnalysis*> words;
  std::vector<const WordInfo*> infos;
  std::vector<uint8_t> flags, labels[3];
  for (size_t d = 0; d < docs.size(); ++d) {
    const Doc& doc = docs[d].doc;
    GoldLabels(doc, docs[d].entities, kEntityTypes, &labels[0]);
    GoldLabels(doc, docs[d].positions, kPositionTypes, &labels[1]);
    GoldLabels(doc, docs[d].nested, kEntityTypes, &labels[2]);
    for (const Sentence& s : doc.sentences) {
      const size_t n = s.end - s.begin;
      if (n == 0) continue;
      f.sentences.push_back({static_cast<uint32_t>(d), s.begin, static_cast<uint32_t>(n),
                             static_cast<uint32_t>(f.infos.size()), docs[d].has_positions,
                             docs[d].style});
      words.clear();
      infos.clear();
      for (size_t i = 0; i < n; ++i) {
        const std::string text(doc.TextOf(doc.tokens[s.begin + i]));
        auto it = cache.find(text);
        if (it == cache.end()) {
          it = cache.emplace(text, WordAnalysis{}).first;
          AnalyzeWord(it->first, source, &it->second, tables);
        }
        words.push_back(&it->second);
        infos.push_back(&it->second.info);
        f.infos.push_back(it->second.info);
      }
      flags.resize(n);
      ContextFlags(infos.data(), doc.tokens.data() + s.begin, n, flags.data());
      for (size_t i = 0; i < n; ++i) {
        hashes.clear();
        for (int o = -kWindow; o <= kWindow; ++o) {
          const long j = static_cast<long>(i) + o;
          if (j < 0 || j >= static_cast<long>(n))
            BoundaryFeatures(o, &hashes);
          else
            WordFeatures(*words[j], o, &hashes);
        }
        ContextFeatures(infos.data(), flags.data(), n, i, &hashes);
        for (uint64_t h : hashes) f.base.buckets.push_back(Bucket(h, bits));
        f.base.start.push_back(static_cast<uint32_t>(f.base.buckets.size()));
        hashes.clear();
        for (int o = -1; o <= 1; ++o) {
          const long j = static_cast<long>(i) + o;
          if (j >= 0 && j < static_cast<long>(n)) PositionWordFeatures(*words[j], o, &hashes);
        }
        for (uint64_t h : hashes) f.positions_only.buckets.push_back(Bucket(h, bits));
        f.positions_only.start.push_back(static_cast<uint32_t>(f.positions_only.buckets.size()));
        for (int l = 0; l < 3; ++l) {
          uint8_t y = labels[l][s.begin + i];
          if (i == 0 && IsInside(y)) --y;  // a span cut by a sentence break
          f.gold[l].push_back(y);
        }
      }
    }
  }
  return f;
}

// Pass-1 features of every token from pass-1 labels (one per token).
void ComputeExtra(const std::vector<uint8_t>& labels1, int num_types, Features* f) {
  f->extra = FeatureSet();
  std::unordered_map<uint64_t, StemCounts> counts;
  std::vector<uint64_t> hashes;
  for (size_t first = 0; first < f->sentences.size();) {
    size_t last = first;
    while (last < f->sentences.size() && f->sentences[last].doc == f->sentences[first].doc) ++last;
    counts.clear();
    for (size_t k = first; k < last; ++k) {
      const Features::Sentence& s = f->sentences[k];
      for (uint32_t i = 0; i < s.n; ++i) {
        const uint32_t g = s.first_global + i;
        CountStem(f->infos[g], i, labels1[g], &counts[f->infos[g].stem]);
      }
    }
    for (size_t k = first; k < last; ++k) {
      const Features::Sentence& s = f->sentences[k];
      for (uint32_t i = 0; i < s.n; ++i) {
        const uint32_t g = s.first_global + i;
        hashes.clear();
        PassOneFeatures(f->infos[g], labels1.data() + s.first_global, s.n, i,
                        counts[f->infos[g].stem], num_types, &hashes);
        for (uint64_t h : hashes) f->extra.buckets.push_back(Bucket(h, f->bits));
        f->extra.start.push_back(static_cast<uint32_t>(f->extra.buckets.size()));
      }
    }
    first = last;
  }
}

// One layer's weights under training, with lazy averaging:
// average = w - u / c, where u accumulates c * update.
struct Weights {
  uint32_t bits = 0;
  uint32_t shift = 0;  // from the feature buckets' bits down to this layer's
  int L = 0;
  int gold = 0;        // which gold labels: 0 entities, 1 positions, 2 nested entities
  bool extra = false;  // reads the pass-1 features
  // With corpora in several annotation styles (AnnotatedDoc::style), every
  // feature has a shared row and a row of its sentence's style, in a table
  // of each style after the transitions (Daumé's "frustratingly easy" domain
  // adaptation): where the styles disagree, their own rows learn it. The
  // model written is the shared rows plus those of style 0.
  int styles = 0;  // style tables; 0 when every sentence is of style 0
  std::vector<float> w;
  std::vector<double> u;
  std::vector<float> avg;  // filled by Average()

  void Init(uint32_t layer_bits, uint32_t feature_bits, int labels, int gold_layer, bool use_extra,
            int style_tables) {
    bits = layer_bits;
    shift = feature_bits - layer_bits;
    L = labels;
    gold = gold_layer;
    extra = use_extra;
    styles = style_tables;
    const size_t size = StyleTable(static_cast<uint8_t>(styles));
    w.assign(size, 0.f);
    u.assign(size, 0.0);
  }
  size_t Rows() const { return (size_t{1} << bits) * L; }
  size_t Row(uint32_t bucket) const { return static_cast<size_t>(bucket >> shift) * L; }
  size_t Trans() const { return Rows(); }
  size_t TransSize() const { return static_cast<size_t>(L) * L + 2 * L; }
  size_t StyleTable(uint8_t style) const { return Rows() + TransSize() + style * Rows(); }
  void Update(size_t index, float delta, double c) {
    w[index] += delta;
    u[index] += c * delta;
  }
  void Average(double c) {
    avg.resize(w.size());
    for (size_t i = 0; i < w.size(); ++i) avg[i] = static_cast<float>(w[i] - u[i] / c);
  }
};

struct Scratch {
  std::vector<float> e, lattice;
  std::vector<uint8_t> back, labels;
};

// Calls fn(row) for every feature row of token g of a sentence of `style`.
template <typename Fn>
void ForEachFeature(const Features& f, const Weights& wt, uint32_t g, uint8_t style, Fn fn) {
  const size_t own = wt.styles > 0 ? wt.StyleTable(style) : 0;
  auto feature = [&](uint32_t bucket) {
    fn(wt.Row(bucket));
    if (wt.styles > 0) fn(own + wt.Row(bucket));
  };
  for (uint32_t k = f.base.start[g]; k < f.base.start[g + 1]; ++k) feature(f.base.buckets[k]);
  if (wt.gold == 1) {  // the positions layer
    for (uint32_t k = f.positions_only.start[g]; k < f.positions_only.start[g + 1]; ++k)
      feature(f.positions_only.buckets[k]);
  }
  if (!wt.extra) return;
  for (uint32_t k = f.extra.start[g]; k < f.extra.start[g + 1]; ++k) feature(f.extra.buckets[k]);
}

void Decode(const Features& f, const Features::Sentence& s, const Weights& wt,
            const std::vector<float>& w, Scratch* sc) {
  const int L = wt.L;
  sc->e.assign(static_cast<size_t>(s.n) * L, 0.f);
  for (uint32_t i = 0; i < s.n; ++i) {
    float* row = sc->e.data() + static_cast<size_t>(i) * L;
    ForEachFeature(f, wt, s.first_global + i, s.style, [&](size_t r) {
      const float* x = w.data() + r;
      for (int y = 0; y < L; ++y) row[y] += x[y];
    });
  }
  sc->labels.resize(s.n);
  const size_t t = wt.Trans();
  const size_t Ls = static_cast<size_t>(L);
  Viterbi(sc->e.data(), s.n, L, w.data() + t, w.data() + t + Ls * Ls, w.data() + t + Ls * Ls + Ls,
          &sc->lattice, &sc->back, sc->labels.data());
}

void TrainStep(const Features& f, const Features::Sentence& s, Weights* wt, double c, Scratch* sc) {
  Decode(f, s, *wt, wt->w, sc);
  const std::vector<uint8_t>& pred = sc->labels;
  const uint8_t* gold = f.gold[wt->gold].data() + s.first_global;
  if (std::equal(pred.begin(), pred.end(), gold)) return;
  const size_t L = static_cast<size_t>(wt->L);
  const size_t t = wt->Trans();
  for (uint32_t i = 0; i < s.n; ++i) {
    const uint8_t g = gold[i], p = pred[i];
    if (g != p) {
      ForEachFeature(f, *wt, s.first_global + i, s.style, [&](size_t row) {
        wt->Update(row + g, 1.f, c);
        wt->Update(row + p, -1.f, c);
      });
    }
    const uint8_t gp = i == 0 ? 255 : gold[i - 1], pp = i == 0 ? 255 : pred[i - 1];
    if (g != p || gp != pp) {
      if (i == 0) {
        wt->Update(t + L * L + g, 1.f, c);
        wt->Update(t + L * L + p, -1.f, c);
      } else {
        wt->Update(t + gp * L + g, 1.f, c);
        wt->Update(t + pp * L + p, -1.f, c);
      }
    }
  }
  const uint8_t gl = gold[s.n - 1], pl = pred[s.n - 1];
  if (gl != pl) {
    wt->Update(t + L * L + L + gl, 1.f, c);
    wt->Update(t + L * L + L + pl, -1.f, c);
  }
}

// The parts of sentence `s` the nested layer decodes, as sentences of their
// own (in the context of the whole sentence): its entities of two or more
// tokens by `entity_labels` (one per token of s).
std::vector<Features::Sentence> NestedUnits(const Features::Sentence& s,
                                            const uint8_t* entity_labels) {
  std::vector<Features::Sentence> units;
  for (uint32_t i = 0; i < s.n;) {
    if (entity_labels[i] == 0) {
      ++i;
      continue;
    }
    uint32_t j = i + 1;
    while (j < s.n && IsInside(entity_labels[j]) &&
           TypeOf(entity_labels[j]) == TypeOf(entity_labels[i]))
      ++j;
    if (j - i >= 2) {
      Features::Sentence unit = s;
      unit.first_token += i;
      unit.first_global += i;
      unit.n = j - i;
      units.push_back(unit);
    }
    i = j;
  }
  return units;
}

uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Trains `layers` together over the sentences `ids` (in a seeded order per
// epoch); `after_epoch(epoch)` runs after each epoch with averages computed.
void TrainLayers(const Features& f, std::vector<uint32_t> ids, int epochs, uint64_t seed,
                 const std::vector<Weights*>& layers, const std::function<void(int)>& after_epoch) {
  uint64_t rng = seed;
  // Per layer, the count of the sentences it has trained on: the positions
  // layer skips those of corpora without positions, and the average must not
  // weigh its weights by the steps it sat out.
  std::vector<double> c(layers.size(), 1.0);
  Scratch sc;
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    for (size_t i = ids.size(); i > 1; --i) std::swap(ids[i - 1], ids[SplitMix64(&rng) % i]);
    for (uint32_t k : ids) {
      const Features::Sentence& s = f.sentences[k];
      for (size_t l = 0; l < layers.size(); ++l) {
        if (layers[l]->gold >= 1 && !s.trains_positions) continue;
        if (layers[l]->gold == 2) {  // nested entities: inside the gold entities
          for (const Features::Sentence& unit : NestedUnits(s, f.gold[0].data() + s.first_global))
            TrainStep(f, unit, layers[l], c[l], &sc);
        } else {
          TrainStep(f, s, layers[l], c[l], &sc);
        }
        c[l] += 1;
      }
    }
    for (size_t l = 0; l < layers.size(); ++l) layers[l]->Average(c[l]);
    if (after_epoch) after_epoch(epoch);
  }
}

// Labels of `ids`' tokens by `wt` (averaged), into labels (per token).
void Predict(const Features& f, const std::vector<uint32_t>& ids, const Weights& wt,
             std::vector<uint8_t>* labels) {
  Scratch sc;
  for (uint32_t k : ids) {
    const Features::Sentence& s = f.sentences[k];
    Decode(f, s, wt, wt.avg, &sc);
    std::copy(sc.labels.begin(), sc.labels.end(), labels->begin() + s.first_global);
  }
}

void AppendSpans(const std::vector<uint8_t>& labels, uint32_t first_token, std::vector<Span>* out) {
  const auto n = static_cast<uint32_t>(labels.size());
  for (uint32_t i = 0; i < n;) {
    if (labels[i] == 0) {
      ++i;
      continue;
    }
    const int type = TypeOf(labels[i]);
    uint32_t j = i + 1;
    while (j < n && IsInside(labels[j]) && TypeOf(labels[j]) == type) ++j;
    out->push_back(Span{{first_token + i, first_token + j}, static_cast<uint8_t>(type)});
    i = j;
  }
}

// `nested` may be null (not trained yet).
EvalReport DevScores(const std::vector<AnnotatedDoc>& dev, const Features& f,
                     const Weights& entities, const Weights& positions, const Weights* nested) {
  Evaluator evaluator(kEntityTypes);
  Scratch sc;
  size_t next = 0;
  for (size_t d = 0; d < dev.size(); ++d) {
    Annotations found;
    for (; next < f.sentences.size() && f.sentences[next].doc == d; ++next) {
      const Features::Sentence& s = f.sentences[next];
      const size_t first_entity = found.entities.size();
      Decode(f, s, entities, entities.avg, &sc);
      AppendSpans(sc.labels, s.first_token, &found.entities);
      const std::vector<Features::Sentence> units = NestedUnits(s, sc.labels.data());
      Decode(f, s, positions, positions.avg, &sc);
      AppendSpans(sc.labels, s.first_token, &found.positions);
      if (nested == nullptr) continue;
      for (const Features::Sentence& unit : units) {
        Decode(f, unit, *nested, nested->avg, &sc);
        std::vector<Span> spans;
        AppendSpans(sc.labels, unit.first_token, &spans);
        KeepNested(spans, found.entities, first_entity, &found.nested);
      }
    }
    evaluator.Add(dev[d], found);
  }
  return evaluator.report();
}

// ------------------------------------------------------------ writing

void Append(std::string* out, const void* data, size_t n) {
  out->append(static_cast<const char*>(data), n);
}

// `tables`: the sections of the word table files (clusters, gazetteer) the
// model was trained with.
Status WriteModel(const std::string& path, const std::string& meta, uint32_t feature_flags,
                  const std::vector<base::ContainerSection>& tables, Weights* wts) {
  base::ContainerWriter file(kMagic, kFormatVersion, feature_flags);
  file.Add(kSectionMeta, 0, meta);
  for (const base::ContainerSection& section : tables)
    file.Add(section.kind, section.index, std::string(section.bytes));
  const std::vector<std::string>* types[kNumLayers] = {&kEntityTypes, &kEntityTypes,
                                                       &kPositionTypes, &kEntityTypes};
  for (int l = 0; l < kNumLayers; ++l) {
    Weights& wt = wts[l];
    const size_t rows = wt.Rows();
    if (wt.styles > 0) {  // the shared rows plus those of style 0
      const float* own = wt.avg.data() + wt.StyleTable(0);
      for (size_t i = 0; i < rows; ++i) wt.avg[i] += own[i];
    }
    float max_abs = 0;
    for (size_t i = 0; i < rows; ++i) max_abs = std::max(max_abs, std::fabs(wt.avg[i]));
    LayerHeader h{wt.bits, static_cast<uint32_t>(types[l]->size()),
                  max_abs > 0 ? max_abs / 32767.f : 1.f, 0};
    std::string info;
    Append(&info, &h, sizeof h);
    for (const std::string& t : *types[l]) {
      info.push_back(static_cast<char>(t.size()));
      info += t;
    }
    file.Add(kSectionLayer, static_cast<uint32_t>(l), info);
    std::string weights(rows * sizeof(int16_t), '\0');
    for (size_t i = 0; i < rows; ++i) {
      const long q = std::lround(wt.avg[i] / h.scale);
      const auto v = static_cast<int16_t>(std::clamp<long>(q, -32767, 32767));
      std::memcpy(&weights[i * 2], &v, 2);
    }
    file.Add(kSectionWeights, static_cast<uint32_t>(l), std::move(weights));
    std::string trans;
    Append(&trans, wt.avg.data() + rows, wt.TransSize() * sizeof(float));
    file.Add(kSectionTransitions, static_cast<uint32_t>(l), std::move(trans));
  }
  return file.WriteFile(path);
}

}  // namespace

Status Train(const std::vector<AnnotatedDoc>& train, const std::vector<AnnotatedDoc>& dev,
             const TrainOptions& options, const std::string& output) {
  const uint32_t entity_bits = options.entity_bucket_bits,
                 position_bits = options.position_bucket_bits,
                 nested_bits = options.nested_bucket_bits;
  for (uint32_t b : {entity_bits, position_bits, nested_bits})
    if (b < 8 || b > kMaxBits) return Status::InvalidArgument("bucket bits must be in 8..26");
  if (options.epochs < 1) return Status::InvalidArgument("epochs must be at least 1");
  if (train.empty()) return Status::InvalidArgument("no training documents");
  auto log = [&](const std::string& line) {
    if (options.log) options.log(line);
  };
  const auto t0 = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return " (" +
           std::to_string(static_cast<int>(
               std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count())) +
           " s)";
  };
  const uint32_t feature_bits = std::max({entity_bits, position_bits, nested_bits});
  std::unique_ptr<TokenFeatureSource> source;
  if (options.analyzer) source = std::make_unique<MorphFeatureSource>(options.analyzer);
  std::vector<std::unique_ptr<text::MappedFile>> table_files;
  std::vector<base::ContainerSection> table_sections;  // copied into the model
  // Opens a word table file and appends its two sections.
  auto open_table = [&](const std::string& path, const std::string& what, const std::string& hint,
                        const char(&magic)[8], uint32_t version, uint32_t words_kind,
                        uint32_t values_kind) -> Status {
    auto file = text::MappedFile::Open(path, what + " " + path, hint);
    if (!file.ok()) return file.status();
    table_files.push_back(std::move(file).value());
    const text::MappedFile& mapped = *table_files.back();
    auto container =
        base::Container::Parse(std::string_view(mapped.data(), mapped.size()), magic, version);
    if (!container.ok()) return container.status();
    const base::ContainerSection* words = container->Find(words_kind);
    const base::ContainerSection* values = container->Find(values_kind);
    if (words == nullptr || values == nullptr)
      return Status::Corrupt(what + " " + path + ": missing sections");
    table_sections.push_back(*words);
    table_sections.push_back(*values);
    return Status::Ok();
  };
  std::optional<WordClusters> clusters;
  if (!options.clusters.empty()) {
    if (Status s = open_table(options.clusters, "word clusters",
                              "; make them with 'kto train clusters'", kClustersMagic,
                              kClustersFormatVersion, kSectionClusterWords, kSectionClusterIds);
        !s.ok())
      return s;
    auto table =
        WordClusters::FromSections(table_sections.end()[-2].bytes, table_sections.end()[-1].bytes);
    if (!table.ok()) return table.status();
    clusters = *table;
    log("word clusters: " + std::to_string(clusters->size()) + " words");
  }
  std::optional<Gazetteer> gazetteer;
  if (!options.gazetteer.empty()) {
    if (Status s = open_table(
            options.gazetteer, "gazetteer", "; make it with 'kto train gazetteer'", kGazetteerMagic,
            kGazetteerFormatVersion, kSectionGazetteerWords, kSectionGazetteerClasses);
        !s.ok())
      return s;
    auto table =
        Gazetteer::FromSections(table_sections.end()[-2].bytes, table_sections.end()[-1].bytes);
    if (!table.ok()) return table.status();
    gazetteer = *table;
    log("gazetteer: " + std::to_string(gazetteer->size()) + " word forms");
  }
  const WordTables tables{.clusters = clusters ? &*clusters : nullptr,
                          .gazetteer = gazetteer ? &*gazetteer : nullptr};
  Features tf = Extract(train, feature_bits, source.get(), tables);
  Features df = Extract(dev, feature_bits, source.get(), tables);
  log("features: " + std::to_string(tf.infos.size()) + " train tokens in " +
      std::to_string(tf.sentences.size()) + " sentences, " +
      std::to_string(tf.base.buckets.size()) + " feature occurrences" + elapsed());
  const int entity_labels = NumLabels(static_cast<int>(kEntityTypes.size()));
  // Style tables of the entity layers (the positions layer trains on style 0
  // alone): none when every document is of style 0.
  int styles = 0;
  for (const AnnotatedDoc& doc : train) styles = std::max(styles, int{doc.style});
  if (styles > 0) ++styles;
  const int position_labels = NumLabels(static_cast<int>(kPositionTypes.size()));

  // Pass 1, jackknifed: the pass-1 labels of every training document come
  // from a model that did not see it, as at run time.
  constexpr uint32_t kFolds = 5;
  std::vector<uint8_t> labels1(tf.infos.size(), 0);
  for (uint32_t fold = 0; fold < kFolds; ++fold) {
    std::vector<uint32_t> fit, held;
    for (uint32_t k = 0; k < tf.sentences.size(); ++k)
      (tf.sentences[k].doc % kFolds == fold ? held : fit).push_back(k);
    Weights w;
    w.Init(entity_bits, feature_bits, entity_labels, 0, false, styles);
    TrainLayers(tf, fit, options.epochs, options.seed + fold + 1, {&w}, nullptr);
    Predict(tf, held, w, &labels1);
    log("pass 1, fold " + std::to_string(fold + 1) + " of " + std::to_string(kFolds) + elapsed());
  }
  std::vector<uint32_t> all(tf.sentences.size());
  for (uint32_t k = 0; k < all.size(); ++k) all[k] = k;
  std::vector<uint32_t> dev_all(df.sentences.size());
  for (uint32_t k = 0; k < dev_all.size(); ++k) dev_all[k] = k;
  Weights wts[kNumLayers];
  wts[0].Init(entity_bits, feature_bits, entity_labels, 0, false, styles);
  TrainLayers(tf, all, options.epochs, options.seed, {&wts[0]}, nullptr);
  std::vector<uint8_t> dev_labels1(df.infos.size(), 0);
  Predict(df, dev_all, wts[0], &dev_labels1);
  if (!dev.empty()) {
    wts[2].Init(8, feature_bits, position_labels, 1, false, 0);
    wts[2].Average(1);
    EvalReport pass1 = DevScores(dev, df, wts[0], wts[2], nullptr);
    pass1.position_span = Counts{};  // not trained yet
    log("pass 1: dev " + FormatSummary(pass1) + " (positions come with pass 2)" + elapsed());
  }
  ComputeExtra(labels1, static_cast<int>(kEntityTypes.size()), &tf);
  ComputeExtra(dev_labels1, static_cast<int>(kEntityTypes.size()), &df);

  // Pass 2, positions and nested entities, with the pass-1 features.
  wts[1].Init(entity_bits, feature_bits, entity_labels, 0, true, styles);
  wts[2].Init(position_bits, feature_bits, position_labels, 1, true, 0);
  wts[3].Init(nested_bits, feature_bits, entity_labels, 2, true, 0);
  EvalReport last_dev;
  TrainLayers(tf, all, options.epochs, options.seed, {&wts[1], &wts[2], &wts[3]}, [&](int epoch) {
    std::string line = "epoch " + std::to_string(epoch) + elapsed();
    if (!dev.empty()) {
      last_dev = DevScores(dev, df, wts[1], wts[2], &wts[3]);
      line += ": dev " + FormatSummary(last_dev);
    }
    log(line);
  });
  std::string meta = std::string("format=kto-ner-1\nfeatures=base-1") + (source ? "+morph-1" : "") +
                     (clusters ? "+clusters-1" : "") + (gazetteer ? "+gazetteer-1" : "") +
                     "\nalgorithm=averaged-perceptron\nseed=" + std::to_string(options.seed) +
                     "\nepochs=" + std::to_string(options.epochs) +
                     "\ntrain_docs=" + std::to_string(train.size()) + "\n";
  // The final dev scores travel with the model, so that a later build can
  // check it still computes the features the model was trained with.
  if (!dev.empty()) {
    char buf[64];
    for (const Counts& c : last_dev.token) {
      std::snprintf(buf, sizeof buf, "%.4f", c.F1());
      meta += "dev_token_f1." + c.type + "=" + buf + "\n";
    }
    std::snprintf(buf, sizeof buf, "%.4f", last_dev.position_span.F1());
    meta += std::string("dev_position_span_f1=") + buf + "\n";
    std::snprintf(buf, sizeof buf, "%.4f", last_dev.nested_span.F1());
    meta += std::string("dev_nested_span_f1=") + buf + "\n";
  }
  meta += options.description;
  const uint32_t flags = (source ? kFeatureMorphology : 0) | (clusters ? kFeatureClusters : 0) |
                         (gazetteer ? kFeatureGazetteer : 0);
  return WriteModel(output, meta, flags, table_sections, wts);
}

}  // namespace kto::ner
