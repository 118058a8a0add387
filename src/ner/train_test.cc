// Deterministic training on the fixture corpus (reading and scoring it are
// tested in src/eval).
#include "kto/ner/train.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "kto/base/container.h"
#include "kto/base/hash.h"
#include "kto/eval/ner_metrics.h"
#include "test_util.h"
#include "word_clusters.h"

namespace kto::ner {
namespace {

using eval::CorpusFormat;
using eval::EvalReport;
using eval::LoadCorpus;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(NerTrain, DeterministicPerSeed) {
  const std::string a = ReadAll(testing::TrainFixtureModel("det_a.bin", 3));
  const std::string b = ReadAll(testing::TrainFixtureModel("det_b.bin", 3));
  const std::string c = ReadAll(testing::TrainFixtureModel("det_c.bin", 4));
  ASSERT_FALSE(a.empty());
  EXPECT_TRUE(a == b) << "same seed, different models";
  EXPECT_FALSE(a == c) << "the seed has no effect";
}

// With morphology features: still deterministic (a regression test: lemmas
// of prefix and hyphen parses read stale memory in module morph), and the
// model refuses to load without the dictionary.
TEST(NerTrain, MorphologyModelIsDeterministicAndNeedsTheDictionary) {
  auto analyzer = morph::Analyzer::Open(KTO_MORPH_DICT_PATH);
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().message();
  const std::string path = testing::TrainFixtureModel("morph_a.bin", 1, *analyzer);
  const std::string a = ReadAll(path);
  const std::string b = ReadAll(testing::TrainFixtureModel("morph_b.bin", 1, *analyzer));
  EXPECT_TRUE(a == b);
  auto without = Model::Load(path);
  ASSERT_FALSE(without.ok());
  EXPECT_EQ(without.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(without.status().message().find("morphology"), std::string::npos);
  LoadOptions options;
  options.analyzer = *analyzer;
  auto with = Model::Load(path, options);
  ASSERT_TRUE(with.ok()) << with.status().message();
  EXPECT_TRUE((*with)->NeedsMorphology());
  Doc doc = testing::Segmented("Анна Лесная из Кедровска и транс-жиры, 42-летний Мохаммад-Али.");
  State state;
  Annotations found;
  Tag(**with, doc, &state, &found);
  EXPECT_FALSE(found.entities.empty());
}

// Word clusters from a small made-up text with Debian's fastText: the same
// seed gives the same file, the levels nest, every word of the text has a
// cluster, and a model trained with them carries them and tags with them.
TEST(NerTrain, ClustersAreDeterministicNestedAndTravelInTheModel) {
  const std::string sentences = testing::TempPath("clusters-sentences.txt");
  {
    std::ofstream out(sentences);
    const char* posts[] = {"губернатор", "мэр", "министр", "директор"};
    const char* names[] = {"кедров", "лесная", "ольхов", "рябинина", "сосновский"};
    const char* verbs[] = {"посетил", "открыл", "осмотрел"};
    const char* places[] = {"кедровск", "лесногорск", "заречье", "ольховку"};
    for (int repeat = 0; repeat < 4; ++repeat)
      for (const char* post : posts)
        for (const char* name : names)
          for (const char* verb : verbs)
            for (const char* place : places)
              out << post << ' ' << name << ' ' << verb << ' ' << place << " .\n";
  }
  ClusterOptions options;
  options.dimensions = 16;
  options.min_count = 1;
  options.clusters[0] = 2;
  options.clusters[1] = 4;
  options.clusters[2] = 8;
  const std::string work = testing::TempPath("clusters-work");
  std::filesystem::create_directories(work);
  const std::string a = testing::TempPath("clusters-a.bin"),
                    b = testing::TempPath("clusters-b.bin");
  ASSERT_TRUE(TrainWordVectors(sentences, work, options).ok());
  const std::string vectors = ReadAll(work + "/vectors.vec");
  ASSERT_TRUE(TrainWordVectors(sentences, work, options).ok());
  EXPECT_TRUE(vectors == ReadAll(work + "/vectors.vec")) << "same seed, different vectors";
  ASSERT_TRUE(ClusterWordVectors(work + "/vectors.vec", options, a).ok());
  ASSERT_TRUE(ClusterWordVectors(work + "/vectors.vec", options, b).ok());
  const std::string bytes = ReadAll(a);
  EXPECT_TRUE(bytes == ReadAll(b)) << "same seed, different clusters";

  auto file =
      base::Container::Parse(bytes, internal::kClustersMagic, internal::kClustersFormatVersion);
  ASSERT_TRUE(file.ok()) << file.status().message();
  const base::ContainerSection* words = file->Find(internal::kSectionClusterWords);
  const base::ContainerSection* ids = file->Find(internal::kSectionClusterIds);
  ASSERT_TRUE(words != nullptr && ids != nullptr);
  auto clusters = internal::WordClusters::FromSections(words->bytes, ids->bytes);
  ASSERT_TRUE(clusters.ok()) << clusters.status().message();
  EXPECT_EQ(clusters->size(), 17u);  // the 16 words and «.»
  std::map<uint16_t, uint16_t> coarser_of[internal::kClusterLevels];
  for (const char* word : {"губернатор", "мэр", "министр", "директор", "кедров", "лесная", "ольхов",
                           "рябинина", "сосновский", "посетил", "открыл", "осмотрел", "кедровск",
                           "лесногорск", "заречье", "ольховку", "."}) {
    uint16_t found[internal::kClusterLevels];
    clusters->Find(base::Fnv1a(word), found);
    EXPECT_LT(found[2], 8) << word;
    for (int level = 0; level + 1 < internal::kClusterLevels; ++level) {
      auto [it, added] = coarser_of[level + 1].emplace(found[level + 1], found[level]);
      EXPECT_EQ(it->second, found[level]) << word << ": level " << level + 1 << " does not nest";
    }
  }
  uint16_t unknown[internal::kClusterLevels];
  clusters->Find(base::Fnv1a("неведомое"), unknown);
  EXPECT_EQ(unknown[0], internal::kNoCluster);

  const std::string model_path = testing::TrainFixtureModelWith(
      "clusters-model.bin", [&](TrainOptions* train) { train->clusters = a; });
  auto model = Model::Load(model_path);
  ASSERT_TRUE(model.ok()) << model.status().message();
  Doc doc = testing::Segmented("Губернатор Кедров посетил Лесногорск.");
  State state;
  Annotations found;
  Tag(**model, doc, &state, &found);
  EXPECT_FALSE(found.entities.empty());
  EXPECT_NE(ReadAll(model_path), ReadAll(testing::TrainFixtureModel("no-clusters-model.bin")));
}

TEST(NerTrain, LearnsTheFixture) {
  const std::string path = testing::TrainFixtureModel("learn.bin");
  auto model = Model::Load(path);
  ASSERT_TRUE(model.ok()) << model.status().message();
  auto dev = LoadCorpus(testing::FixtureDir("dev"), CorpusFormat::kBrat);
  ASSERT_TRUE(dev.ok());
  const EvalReport report = eval::Evaluate(**model, *dev);
  EXPECT_GT(report.token_all.F1(), 0.9) << eval::FormatReport(report);
  EXPECT_GT(report.position_span.F1(), 0.8) << eval::FormatReport(report);
}

// A corpus in another annotation style (AnnotatedDoc::style, here the
// fixture again with its places marked as organizations and no position
// layer) trains its own copies of the features: the model keeps the output
// style of style 0, where the same documents mixed in as style 0 confuse it,
// and its positions layer is not taught that the other corpus has none.
TEST(NerTrain, AnotherAnnotationStyleKeepsItsConventionsApart) {
  auto train = LoadCorpus(testing::FixtureDir("train"), CorpusFormat::kBrat);
  auto dev = LoadCorpus(testing::FixtureDir("dev"), CorpusFormat::kBrat);
  ASSERT_TRUE(train.ok() && dev.ok());
  auto loc_and_positions = [&](uint8_t style) {
    std::vector<eval::AnnotatedDoc> docs = *train;
    for (const eval::AnnotatedDoc& doc : *train) {
      eval::AnnotatedDoc other = doc;
      for (eval::GoldSpan& span : other.entities)
        if (span.type == "LOC") span.type = "ORG";
      other.positions.clear();
      other.has_positions = false;
      other.style = style;
      docs.push_back(std::move(other));
    }
    TrainOptions options;
    options.epochs = 5;
    options.entity_bucket_bits = 14;
    options.position_bucket_bits = 12;
    const std::string path = testing::TempPath("style" + std::to_string(style) + ".bin");
    EXPECT_TRUE(Train(docs, {}, options, path).ok());
    auto model = Model::Load(path);
    EXPECT_TRUE(model.ok());
    const EvalReport report = eval::Evaluate(**model, *dev);
    return std::pair<double, double>{report.token[2].F1(), report.position_span.F1()};
  };
  const auto [loc_own_style, positions_own_style] = loc_and_positions(1);
  const auto [loc_mixed, positions_mixed] = loc_and_positions(0);
  EXPECT_GT(loc_own_style, 0.8);
  EXPECT_GT(loc_own_style, loc_mixed + 0.2);
  EXPECT_GT(positions_own_style, 0.8);
  (void)positions_mixed;  // the mixed corpus does claim positions are absent
}

// A brat folder of `count` made-up documents whose organizations name a city
// inside them («администрации Кедровска»): NEREL's nesting, in small.
std::string WriteNestedCorpus(const std::string& name, int count, int seed) {
  const std::string dir = testing::TempPath(name);
  std::filesystem::create_directories(dir);
  const char* cities[][2] = {{"Кедровска", "Кедровск"},
                             {"Лесногорска", "Лесногорск"},
                             {"Ольховки", "Ольховку"},
                             {"Сосновца", "Сосновец"}};
  const char* bodies[] = {"администрации", "правительства", "мэрии", "думы"};
  const char* people[] = {"Иван Кедров", "Анна Лесная", "Пётр Брусникин", "Нина Рябинина"};
  for (int d = 0; d < count; ++d) {
    std::string text, ann;
    size_t chars = 0;  // code points of `text`
    int id = 0;
    auto add = [&](const std::string& part, const char* type) {
      const size_t begin = chars;
      for (unsigned char c : part) chars += (c & 0xC0) != 0x80;
      text += part;
      if (type != nullptr)
        ann += "T" + std::to_string(++id) + "\t" + type + " " + std::to_string(begin) + " " +
               std::to_string(chars) + "\t" + part + "\n";
      return begin;
    };
    for (int s = 0; s < 3; ++s) {
      const int k = (d * 7 + s * 3 + seed) % 4, b = (d + s * 5 + seed) % 4, p = (d * 3 + s) % 4;
      add(people[p], "PERSON");
      add(" встретился с представителями ", nullptr);
      const size_t org_begin = add(std::string(bodies[b]) + " ", nullptr);
      add(cities[k][0], "CITY");
      ann += "T" + std::to_string(++id) + "\tORGANIZATION " + std::to_string(org_begin) + " " +
             std::to_string(chars) + "\t" + bodies[b] + " " + cities[k][0] + "\n";
      add(" и приехал в ", nullptr);
      add(cities[(k + 1) % 4][1], "CITY");
      add(". ", nullptr);
    }
    std::ofstream(dir + "/" + std::to_string(100 + d) + ".txt") << text;
    std::ofstream(dir + "/" + std::to_string(100 + d) + ".ann") << ann;
  }
  return dir;
}

// The nested layer learns the city inside an organization; Tag() gives it
// with its parent, and the flat view keeps the organization whole.
TEST(NerTrain, NestedLayerFindsTheCityInsideTheOrganization) {
  auto train = LoadCorpus(WriteNestedCorpus("nested-train", 40, 0), CorpusFormat::kBrat);
  auto dev = LoadCorpus(WriteNestedCorpus("nested-dev", 10, 1), CorpusFormat::kBrat);
  ASSERT_TRUE(train.ok() && dev.ok());
  ASSERT_FALSE((*train)[0].nested.empty());
  TrainOptions options;
  options.epochs = 5;
  options.entity_bucket_bits = 14;
  options.position_bucket_bits = 12;
  options.nested_bucket_bits = 12;
  const std::string path = testing::TempPath("nested.bin");
  ASSERT_TRUE(Train(*train, {}, options, path).ok());
  auto model = Model::Load(path);
  ASSERT_TRUE(model.ok()) << model.status().message();
  const EvalReport report = eval::Evaluate(**model, *dev);
  EXPECT_GT(report.nested_span.F1(), 0.9) << eval::FormatReport(report);

  Doc doc = testing::Segmented("Анна Лесная встретилась с представителями мэрии Кедровска.");
  State state;
  Annotations found;
  Tag(**model, doc, &state, &found);
  ASSERT_EQ(found.nested.size(), 1u);
  const NestedSpan& city = found.nested[0];
  EXPECT_EQ(doc.TextOf(doc.tokens[city.begin]), "Кедровска");
  ASSERT_LT(city.parent, found.entities.size());
  const Span& org = found.entities[city.parent];
  EXPECT_EQ((*model)->EntityTypes()[org.type], "ORG");
  EXPECT_LT(org.begin, city.begin);
  EXPECT_EQ(org.end, city.end);
}

TEST(NerTrain, BadOptions) {
  auto train = LoadCorpus(testing::FixtureDir("train"), CorpusFormat::kBrat);
  ASSERT_TRUE(train.ok());
  TrainOptions options;
  options.epochs = 0;
  EXPECT_EQ(Train(*train, {}, options, testing::TempPath("x.bin")).code(),
            StatusCode::kInvalidArgument);
  options.epochs = 1;
  options.entity_bucket_bits = 30;
  EXPECT_EQ(Train(*train, {}, options, testing::TempPath("x.bin")).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Train({}, {}, TrainOptions(), testing::TempPath("x.bin")).code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kto::ner
