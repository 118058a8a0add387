// `kto train clusters`: word vectors from fastText's skip-gram, then
// spherical k-means at every granularity of the clusters file.
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <unordered_set>

#include "kto/base/container.h"
#include "kto/base/hash.h"
#include "kto/ner/train.h"
#include "word_clusters.h"

extern char** environ;

namespace kto::ner {
namespace {

using internal::kClusterLevels;

// Runs `argv` (searched in PATH) and waits for it.
Status Run(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ) != 0)
    return Status::NotFound("cannot run " + argv[0] + " (scripts/setup.sh installs it)");
  int status = 0;
  if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return Status::IoError(argv[0] + " failed");
  return Status();
}

struct Vectors {
  std::vector<std::string> words;
  std::vector<float> values;  // [words.size()][dimensions], each row of length 1
  int dimensions = 0;
};

// Reads fastText's .vec text file (a header line «count dimensions», then a
// word and its values a line), without its end-of-line token «</s>».
Result<Vectors> ReadVectors(const std::string& path) {
  std::ifstream in(path);
  size_t count = 0;
  Vectors v;
  if (!(in >> count >> v.dimensions) || v.dimensions <= 0)
    return Status::Corrupt("cannot read the vectors " + path);
  std::string word;
  std::vector<float> row(v.dimensions);
  while (in >> word) {
    for (float& x : row)
      if (!(in >> x)) return Status::Corrupt("a short line in the vectors " + path);
    if (word == "</s>") continue;
    double norm = 0;
    for (float x : row) norm += double{x} * x;
    if (norm == 0) continue;
    const float scale = static_cast<float>(1 / std::sqrt(norm));
    for (float x : row) v.values.push_back(x * scale);
    v.words.push_back(word);
  }
  return v;
}

float Dot(const float* a, const float* b, int d) {
  float s = 0;
  for (int i = 0; i < d; ++i) s += a[i] * b[i];
  return s;
}

// Spherical k-means (cosine similarity, centroids of length 1) of the n
// rows of `x` with weights `w`: k-means++ seeding, then `iterations` Lloyd
// steps. Returns the cluster of every row; `centroids` gets [k][d].
std::vector<uint16_t> KMeans(const std::vector<float>& x, const std::vector<double>& w, int d,
                             int k, int iterations, std::mt19937_64& rng,
                             std::vector<float>* centroids) {
  const size_t n = w.size();
  k = static_cast<int>(std::min<size_t>(k, n));
  centroids->assign(static_cast<size_t>(k) * d, 0);
  std::vector<double> nearest(n, 2.0);  // 1 - best similarity so far
  std::uniform_real_distribution<double> uniform(0, 1);
  size_t pick = 0;
  {  // the first centre by weight
    double total = 0;
    for (double wi : w) total += wi;
    double r = uniform(rng) * total;
    while (pick + 1 < n && (r -= w[pick]) > 0) ++pick;
  }
  for (int c = 0; c < k; ++c) {
    std::copy_n(&x[pick * d], d, &(*centroids)[static_cast<size_t>(c) * d]);
    double total = 0;
    for (size_t i = 0; i < n; ++i) {
      const double distance = 1 - Dot(&x[i * d], &(*centroids)[static_cast<size_t>(c) * d], d);
      nearest[i] = std::min(nearest[i], std::max(0.0, distance));
      total += w[i] * nearest[i] * nearest[i];
    }
    double r = uniform(rng) * total;
    for (pick = 0; pick + 1 < n && (r -= w[pick] * nearest[pick] * nearest[pick]) > 0;) ++pick;
  }
  std::vector<uint16_t> assigned(n, 0);
  std::vector<double> sums(static_cast<size_t>(k) * d);
  for (int it = 0; it < iterations; ++it) {
    for (size_t i = 0; i < n; ++i) {
      float best = -2;
      for (int c = 0; c < k; ++c) {
        const float s = Dot(&x[i * d], &(*centroids)[static_cast<size_t>(c) * d], d);
        if (s > best) best = s, assigned[i] = static_cast<uint16_t>(c);
      }
    }
    std::fill(sums.begin(), sums.end(), 0);
    for (size_t i = 0; i < n; ++i)
      for (int j = 0; j < d; ++j)
        sums[static_cast<size_t>(assigned[i]) * d + j] += w[i] * x[i * d + j];
    for (int c = 0; c < k; ++c) {
      double norm = 0;
      for (int j = 0; j < d; ++j)
        norm += sums[static_cast<size_t>(c) * d + j] * sums[static_cast<size_t>(c) * d + j];
      if (norm == 0) continue;  // an empty cluster keeps its centre
      for (int j = 0; j < d; ++j)
        (*centroids)[static_cast<size_t>(c) * d + j] =
            static_cast<float>(sums[static_cast<size_t>(c) * d + j] / std::sqrt(norm));
    }
  }
  return assigned;
}

}  // namespace

Status TrainWordVectors(const std::string& sentences, const std::string& work_dir,
                        const ClusterOptions& options) {
  const std::string prefix = work_dir + "/vectors";
  if (options.log)
    options.log("fastText skip-gram over " + sentences + " (one thread: deterministic per seed)");
  return Run({options.fasttext,
              "skipgram",
              "-input",
              sentences,
              "-output",
              prefix,
              "-dim",
              std::to_string(options.dimensions),
              "-minCount",
              std::to_string(options.min_count),
              "-epoch",
              std::to_string(options.epochs),
              "-ws",
              std::to_string(options.window),
              "-minn",
              "0",
              "-maxn",
              "0",
              "-thread",
              "1",
              "-seed",
              std::to_string(options.seed),
              "-verbose",
              "1"});
}

Status ClusterWordVectors(const std::string& vectors_path, const ClusterOptions& options,
                          const std::string& output) {
  auto log = [&](const std::string& line) {
    if (options.log) options.log(line);
  };
  auto vectors = ReadVectors(vectors_path);
  if (!vectors.ok()) return vectors.status();
  const size_t n = vectors->words.size();
  const int d = vectors->dimensions;
  log("vectors: " + std::to_string(n) + " words of " + std::to_string(d) + " dimensions");

  // The finest level clusters the words; each coarser one the centroids of
  // the level below it, weighted by their sizes, so the levels nest.
  std::mt19937_64 rng(options.seed);
  std::vector<std::vector<uint16_t>> of_word(kClusterLevels);
  std::vector<float> points = vectors->values, centroids;
  std::vector<double> weights(n, 1.0);
  std::vector<uint16_t> to_coarser;
  for (int level = kClusterLevels - 1; level >= 0; --level) {
    const std::vector<uint16_t> assigned =
        KMeans(points, weights, d, options.clusters[level], options.iterations, rng, &centroids);
    of_word[level].resize(n);
    for (size_t i = 0; i < n; ++i)
      of_word[level][i] =
          level == kClusterLevels - 1 ? assigned[i] : assigned[of_word[level + 1][i]];
    const size_t k = centroids.size() / d;
    std::vector<double> sizes(k, 0);
    for (size_t i = 0; i < assigned.size(); ++i) sizes[assigned[i]] += weights[i];
    points = centroids;
    weights = sizes;
    log("level " + std::to_string(level) + ": " + std::to_string(k) + " clusters");
  }

  std::vector<std::pair<uint64_t, uint32_t>> order;  // (hash, word)
  for (uint32_t i = 0; i < n; ++i) order.emplace_back(base::Fnv1a(vectors->words[i]), i);
  std::sort(order.begin(), order.end());
  std::string words, ids;
  uint64_t previous = 0;
  for (size_t j = 0; j < order.size(); ++j) {
    if (j > 0 && order[j].first == previous) continue;  // a hash collision: the first word keeps it
    previous = order[j].first;
    words.append(reinterpret_cast<const char*>(&order[j].first), sizeof(uint64_t));
    for (int level = 0; level < kClusterLevels; ++level)
      ids.append(reinterpret_cast<const char*>(&of_word[level][order[j].second]), sizeof(uint16_t));
  }
  std::ostringstream meta;
  meta << "format=kto-clusters-1\nalgorithm=fasttext-skipgram+spherical-kmeans\nseed="
       << options.seed << "\ndimensions=" << d << "\nmin_count=" << options.min_count
       << "\nepochs=" << options.epochs << "\nwindow=" << options.window << "\nwords=" << n
       << "\nclusters=" << options.clusters[0] << "," << options.clusters[1] << ","
       << options.clusters[2] << "\n";
  base::ContainerWriter writer(internal::kClustersMagic, internal::kClustersFormatVersion);
  writer.Add(1, 0, meta.str());
  writer.Add(internal::kSectionClusterWords, 0, std::move(words));
  writer.Add(internal::kSectionClusterIds, 0, std::move(ids));
  return writer.WriteFile(output);
}

}  // namespace kto::ner
