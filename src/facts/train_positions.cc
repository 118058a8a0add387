#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "kto/base/container.h"
#include "kto/eval/positions.h"
#include "kto/facts/train.h"
#include "kto/text/segment.h"
#include "pair_features.h"
#include "position_model_format.h"

namespace kto::facts {
namespace {

// Examples: the buckets of each pair's features, flattened.
struct Examples {
  std::vector<uint32_t> buckets;
  std::vector<size_t> first{0};  // example i: buckets[first[i], first[i+1])
  std::vector<uint8_t> label;
  std::vector<size_t> phrase_first{0};  // phrase i's pairs: [phrase_first[i], phrase_first[i+1])
  std::vector<uint8_t> phrase_plural;  // phrase i may hold several persons («актёры А и Б»)
  size_t positives = 0;
  size_t size() const { return label.size(); }
};

// Adds the pairs of one view of a document (gold or NER spans).
void AddPairs(const Doc& doc, const eval::AnnotatedDoc& gold,
              const ArticleAnalyzer::PositionInputs& in, uint32_t bits, Examples* out) {
  const auto rules =
      internal::RuleChoices(doc, in.persons, in.positions, in.person_grammar, in.position_grammar);
  const internal::PairFeaturizer featurizer(doc, in.persons, in.positions, in.person_grammar,
                                            in.position_grammar, in.person_cluster, rules);
  const std::vector<eval::BytePair> gold_pairs = eval::GoldPairs(gold);
  std::vector<uint32_t> candidates;
  std::vector<uint64_t> features;
  auto bytes = [&](const TokenSpan& r) {
    return std::pair{doc.tokens[r.begin].begin, doc.tokens[r.end - 1].end};
  };
  for (uint32_t p = 0; p < in.positions.size(); ++p) {
    const auto [pb, pe] = bytes(in.positions[p]);
    featurizer.Candidates(p, &candidates);
    for (uint32_t person : candidates) {
      const auto [hb, he] = bytes(in.persons[person]);
      bool positive = false;
      for (const eval::BytePair& g : gold_pairs) positive |= eval::PairMatches({hb, he, pb, pe}, g);
      featurizer.Features(p, person, &features);
      for (uint64_t f : features) out->buckets.push_back(internal::PositionBucket(f, bits));
      out->first.push_back(out->buckets.size());
      out->label.push_back(positive);
      out->positives += positive;
    }
    if (out->label.size() > out->phrase_first.back()) {
      out->phrase_first.push_back(out->label.size());
      out->phrase_plural.push_back(p < in.position_grammar.size() && in.position_grammar[p].plural);
    }
  }
}

// SplitMix64: a fully specified generator, so the order is the same everywhere.
uint64_t NextRandom(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

void Append(std::string* file, const void* data, size_t n) {
  file->append(static_cast<const char*>(data), n);
}

Status WriteModel(const std::string& path, uint32_t bits, const std::vector<float>& weights,
                  float threshold, const std::string& meta) {
  float max_abs = 0;
  for (float w : weights) max_abs = std::max(max_abs, std::fabs(w));
  const internal::PositionParams params{bits, max_abs > 0 ? max_abs / 32767.0f : 1.0f, threshold,
                                        0};
  std::string quantized;
  quantized.reserve(weights.size() * sizeof(int16_t));
  for (float w : weights) {
    const int16_t q =
        static_cast<int16_t>(std::lround(std::clamp(w / params.scale, -32767.0f, 32767.0f)));
    Append(&quantized, &q, sizeof q);
  }
  base::ContainerWriter file(internal::kPositionMagic, internal::kPositionFormatVersion);
  file.Add(internal::kPositionMeta, 0, meta);
  file.Add(internal::kPositionParams, 0,
           std::string(reinterpret_cast<const char*>(&params), sizeof params));
  file.Add(internal::kPositionWeights, 0, std::move(quantized));
  return file.WriteFile(path);
}

}  // namespace

Status TrainPositions(const std::vector<eval::AnnotatedDoc>& train, const ArticleAnalyzer& analyzer,
                      const PositionTrainOptions& options, const std::string& output) {
  const uint32_t bits = options.bucket_bits;
  if (bits < internal::kMinBucketBits || bits > internal::kMaxBucketBits)
    return Status::InvalidArgument("bucket bits must be in 8..24");
  if (!(options.threshold > 0 && options.threshold < 1))
    return Status::InvalidArgument("the threshold must be a probability strictly between 0 and 1");
  if (options.epochs < 1) return Status::InvalidArgument("at least one epoch");
  auto log = [&](const std::string& line) {
    if (options.log) options.log(line);
  };

  Examples examples;
  ArticleAnalyzer::State state(analyzer);
  const auto folds = static_cast<uint32_t>(options.fold_analyzers.size());
  std::vector<std::unique_ptr<ArticleAnalyzer::State>> fold_states;
  for (const ArticleAnalyzer* fold : options.fold_analyzers)
    fold_states.push_back(std::make_unique<ArticleAnalyzer::State>(*fold));
  for (const eval::AnnotatedDoc& gold : train) {
    auto doc = Doc::FromUtf8(std::string(gold.doc.text()));
    if (!doc.ok()) return doc.status();
    text::Segment(&doc.value());
    const ner::Annotations spans = eval::GoldAnnotations(*doc, gold, analyzer);
    AddPairs(*doc, gold, analyzer.PreparePositions(&doc.value(), &spans, &state), bits, &examples);
    if (!options.ner_spans) continue;
    if (folds == 0) {
      AddPairs(*doc, gold, analyzer.PreparePositions(&doc.value(), nullptr, &state), bits,
               &examples);
    } else {
      const uint32_t fold = eval::FoldOf(std::filesystem::path(gold.name).stem().string(), folds);
      AddPairs(*doc, gold,
               options.fold_analyzers[fold]->PreparePositions(&doc.value(), nullptr,
                                                              fold_states[fold].get()),
               bits, &examples);
    }
  }
  log("pairs: " + std::to_string(examples.size()) + " (" + std::to_string(examples.positives) +
      " positive) from " + std::to_string(train.size()) + " documents");
  if (examples.positives == 0)
    return Status::InvalidArgument("the training documents have no WORKS_AS pair to learn from");

  // A singular phrase holds one person or no one, as decoding reads it: a
  // softmax over its candidates and "no one" (score 0), maximizing the
  // probability of its gold candidates together. A plural phrase holds each
  // of its candidates or not: a logistic loss per pair. AdaGrad with an L2
  // penalty on the weights a step touches.
  constexpr float kRate = 0.1f, kL2 = 1e-5f;
  // The model is the average of the weights over every step (kept lazily: u
  // sums each change times its step number, and the average is w - u / steps).
  std::vector<float> w(size_t{1} << bits, 0.0f), g2(size_t{1} << bits, 1e-6f);
  std::vector<double> u(size_t{1} << bits, 0.0);
  double steps = 1;
  const size_t phrases = examples.phrase_first.size() - 1;
  std::vector<uint32_t> order(phrases);
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  uint64_t rng = options.seed;
  std::vector<double> scores;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[NextRandom(&rng) % i]);
    double loss = 0;
    size_t correct = 0;
    for (uint32_t phrase : order) {
      const size_t first = examples.phrase_first[phrase], last = examples.phrase_first[phrase + 1];
      scores.assign(last - first, 0.0);
      double top = 0;  // "no one"
      size_t best = last;
      for (size_t e = first; e < last; ++e) {
        for (size_t k = examples.first[e]; k < examples.first[e + 1]; ++k)
          scores[e - first] += w[examples.buckets[k]];
        if (scores[e - first] > top) top = scores[e - first], best = e;
      }
      auto update = [&](size_t e, double grad) {
        for (size_t k = examples.first[e]; k < examples.first[e + 1]; ++k) {
          const uint32_t j = examples.buckets[k];
          const float gj = static_cast<float>(grad) + kL2 * w[j];
          g2[j] += gj * gj;
          const float delta = kRate * gj / std::sqrt(g2[j]);
          w[j] -= delta;
          u[j] -= steps * delta;
        }
      };
      if (examples.phrase_plural[phrase]) {
        bool right = true;
        for (size_t e = first; e < last; ++e) {
          const double prob = 1 / (1 + std::exp(-scores[e - first]));
          const bool gold = examples.label[e] != 0;
          loss -= std::log(std::max(1e-12, gold ? prob : 1 - prob)) / double(last - first);
          right &= (prob >= 0.5) == gold;
          update(e, prob - gold);
        }
        correct += right;
        steps += 1;
        continue;
      }
      double all = std::exp(-top), gold = 0;
      for (size_t e = first; e < last; ++e) {
        scores[e - first] = std::exp(scores[e - first] - top);  // now unnormalized probabilities
        all += scores[e - first];
        if (examples.label[e]) gold += scores[e - first];
      }
      const bool nobody = gold == 0;
      if (nobody) gold = std::exp(-top);
      loss -= std::log(std::max(1e-12, gold / all));
      correct += best == last ? nobody : examples.label[best] != 0;
      for (size_t e = first; e < last; ++e)
        update(e, scores[e - first] / all - (examples.label[e] ? scores[e - first] / gold : 0));
      steps += 1;
    }
    char line[160];
    std::snprintf(line, sizeof line, "epoch %d: log loss %.4f, decided right: %.4f of the phrases",
                  epoch, loss / double(phrases), double(correct) / double(phrases));
    log(line);
  }

  std::ostringstream meta;
  meta << "format=" << internal::kPositionFormatVersion << "\n"
       << "algorithm=softmax over a singular phrase's candidates and no one, logistic for a plural "
          "phrase's, AdaGrad (rate "
       << kRate << "), L2 " << kL2 << ", averaged weights\n"
       << "features=pair features v1 (src/facts/pair_features.cc)\n"
       << "seed=" << options.seed << "\nepochs=" << options.epochs << "\nbucket_bits=" << bits
       << "\nthreshold=" << options.threshold << "\nner_spans=" << (options.ner_spans ? 1 : 0)
       << "\ntraining_documents=" << train.size() << "\npairs=" << examples.size()
       << "\npositive_pairs=" << examples.positives << "\n";
  if (folds > 0) meta << "ner_folds=" << folds << "\n";
  for (size_t j = 0; j < w.size(); ++j) w[j] -= static_cast<float>(u[j] / steps);
  return WriteModel(output, bits, w, options.threshold, meta.str());
}

}  // namespace kto::facts
