// The engine's batch loop on a real SQLite file with the real dictionary and
// the committed models: outcomes, counts, idempotence, the backlog,
// rejection, and a KB that does not depend on the number of threads. The
// articles are about fictional people and places.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "kto/kb/kb.h"
#include "kto/pipeline/ingestor.h"
#include "kto/pipeline/models.h"
#include "kto/pipeline/parallel_analyzer.h"

namespace kto::pipeline {
namespace {

namespace fs = std::filesystem;

ModelPaths Paths() {
  ModelPaths paths;
  paths.dictionary = KTO_MORPH_DICT_PATH;
  return paths;
}

ModelPaths DictionaryAt(const std::string& path) {
  ModelPaths paths;
  paths.dictionary = path;
  return paths;
}

store::ArticleInput Article(const std::string& id, const std::string& date,
                            const std::string& title, const std::string& text) {
  store::ArticleInput a;
  a.external_id = id;
  a.published_at = date;
  a.title = title;
  a.text = text;
  return a;
}

std::vector<store::ArticleInput> Story() {
  return {
      Article("a1", "2026-01-15T09:00:00Z", "Мост через Кедровку",
              "Губернатор Северской области Игорь Кедров открыл новый мост в Кедровске. "
              "«Мост построен в срок», — сказал Игорь Кедров журналистам."),
      Article("a2", "2026-02-10T09:00:00Z", "",
              "Мэр Кедровска Анна Лебедева встретилась с губернатором Игорем Кедровым. "
              "Анна Лебедева попросила денег на ремонт дорог."),
      Article("a3", "2026-04-02T09:00:00Z", "Новое назначение",
              "Игорь Кедров назначен министром транспорта Северской области. "
              "Обязанности губернатора временно исполняет Александр Иванов."),
  };
}

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(NerModelPath(Paths())) || !fs::exists(PositionsModelPath(Paths())))
      GTEST_SKIP() << "the committed models are absent";
    dir_ = fs::temp_directory_path() /
           ("kto_pipeline_test." + std::to_string(getpid()) + "." +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  std::unique_ptr<store::Store> OpenStore(const std::string& name = "kto.db") {
    auto store = store::Open((dir_ / name).string());
    EXPECT_TRUE(store.ok()) << store.status().message();
    return std::move(store).value();
  }

  std::unique_ptr<ParallelAnalyzer> OpenAnalyzer(size_t threads) {
    auto analyzer = ParallelAnalyzer::Open(Paths(), threads);
    EXPECT_TRUE(analyzer.ok()) << analyzer.status().message();
    return std::move(analyzer).value();
  }

  // Ingests `articles` and returns every result.
  std::vector<ArticleResult> Ingest(store::Store* store, ParallelAnalyzer* analyzer,
                                    const std::vector<store::ArticleInput>& articles,
                                    IngestCounts* counts, size_t batch = 500) {
    std::vector<ArticleResult> results;
    IngestOptions options;
    options.batch = batch;
    options.keep_analysis = true;
    options.on_result = [&](ArticleResult&& r) { results.push_back(std::move(r)); };
    auto ingestor = Ingestor::Open(store, analyzer, std::move(options));
    EXPECT_TRUE(ingestor.ok());
    for (const store::ArticleInput& a : articles)
      EXPECT_TRUE((*ingestor)->Add(a, a.external_id).ok());
    EXPECT_TRUE((*ingestor)->Flush().ok());
    EXPECT_EQ((*ingestor)->pending(), 0u);
    *counts = (*ingestor)->counts();
    return results;
  }

  fs::path dir_;
};

// What the KB says of every article: its panel, in order.
std::vector<std::string> Panels(store::Store& store, size_t articles) {
  std::vector<std::string> lines;
  for (size_t i = 1; i <= articles; ++i) {
    auto panel = kb::ArticlePanel(store, static_cast<int64_t>(i));
    EXPECT_TRUE(panel.ok());
    if (!panel.ok()) continue;
    for (const kb::PanelEntry& e : *panel)
      lines.push_back(std::to_string(i) + ": " + std::to_string(e.person_id) + " " +
                      kb::PanelLine(e));
  }
  return lines;
}

TEST_F(PipelineTest, NewArticlesAreStoredAnalyzedAndLinked) {
  auto store = OpenStore();
  auto analyzer = OpenAnalyzer(2);
  IngestCounts counts;
  const auto results = Ingest(store.get(), analyzer.get(), Story(), &counts);
  EXPECT_EQ(counts.added, 3u);
  EXPECT_EQ(counts.analyzed, 3u);
  EXPECT_EQ(counts.rejected + counts.unchanged + counts.updated, 0u);
  ASSERT_EQ(results.size(), 3u);
  for (size_t i = 0; i < results.size(); ++i) {
    const ArticleResult& r = results[i];
    EXPECT_EQ(r.index, i);
    EXPECT_EQ(r.origin, "a" + std::to_string(i + 1));
    EXPECT_EQ(r.outcome, Outcome::kNew);
    EXPECT_NE(r.article_id, 0);
    EXPECT_TRUE(r.analyzed);
    ASSERT_TRUE(r.analysis.has_value());
    EXPECT_EQ(r.person_ids.size(), r.analysis->analysis.persons.size());
  }
  // Кедров of the three articles is one KB person.
  auto kedrov = kb::FindPersons(*store, "Игорь Кедров");
  ASSERT_TRUE(kedrov.ok());
  ASSERT_EQ(kedrov->size(), 1u);
  auto entry = kb::PersonEntry(*store, kedrov->front());
  ASSERT_TRUE(entry.ok());
  EXPECT_EQ(entry->articles, 3);
  for (const ArticleResult& r : results)
    EXPECT_NE(std::find(r.person_ids.begin(), r.person_ids.end(), kedrov->front()),
              r.person_ids.end());
  EXPECT_TRUE(store->ArticlesToAnalyze(link::kAnalysisVersion, 10)->empty());
}

TEST_F(PipelineTest, TitleSpansAreGivenInTheTitle) {
  auto store = OpenStore();
  auto analyzer = OpenAnalyzer(1);
  IngestCounts counts;
  const auto results =
      Ingest(store.get(), analyzer.get(),
             {Article("t", "", "Игорь Кедров открыл мост", "Губернатор Игорь Кедров открыл мост.")},
             &counts);
  ASSERT_EQ(results.size(), 1u);
  ASSERT_TRUE(results[0].analysis.has_value());
  const AnalyzedArticle& a = *results[0].analysis;
  EXPECT_EQ(a.title_code_points, 24u);
  ASSERT_FALSE(a.analysis.persons.empty());
  const link::ArticleSpans spans(a.doc, a.title_code_points);
  bool title = false, text = false;
  for (const facts::MentionFact& m : a.analysis.persons[0].mentions) {
    const link::ArticleSpan s = spans.Locate(m.tokens);
    EXPECT_EQ(spans.Text(m.tokens), "Игорь Кедров");
    EXPECT_EQ(s.start, s.in_title ? 0 : 11);
    EXPECT_EQ(s.end, s.in_title ? 12 : 23);
    (s.in_title ? title : text) = true;
  }
  EXPECT_TRUE(title);
  EXPECT_TRUE(text);
}

TEST_F(PipelineTest, IngestingAgainIsIdempotentAndChangedTextIsUpdated) {
  auto store = OpenStore();
  auto analyzer = OpenAnalyzer(2);
  IngestCounts counts;
  Ingest(store.get(), analyzer.get(), Story(), &counts);
  const std::vector<std::string> before = Panels(*store, 3);

  const auto again = Ingest(store.get(), analyzer.get(), Story(), &counts);
  EXPECT_EQ(counts.unchanged, 3u);
  EXPECT_EQ(counts.added + counts.updated + counts.analyzed, 0u);
  for (const ArticleResult& r : again) {
    EXPECT_EQ(r.outcome, Outcome::kUnchanged);
    EXPECT_FALSE(r.analyzed);
  }
  EXPECT_EQ(Panels(*store, 3), before);

  std::vector<store::ArticleInput> changed = Story();
  changed[1].text = "Мэр Кедровска Анна Лебедева открыла новую школу.";
  const auto updated = Ingest(store.get(), analyzer.get(), changed, &counts);
  EXPECT_EQ(counts.unchanged, 2u);
  EXPECT_EQ(counts.updated, 1u);
  EXPECT_EQ(counts.analyzed, 1u);
  EXPECT_EQ(updated[1].outcome, Outcome::kUpdated);
  EXPECT_TRUE(updated[1].analyzed);
}

TEST_F(PipelineTest, ARejectedArticleDoesNotFailItsBatch) {
  auto store = OpenStore();
  auto analyzer = OpenAnalyzer(1);
  std::vector<store::ArticleInput> articles = Story();
  articles.insert(articles.begin() + 1,
                  Article("bad", "пятнадцатого января", "", "Игорь Кедров приехал в Кедровск."));
  IngestCounts counts;
  const auto results = Ingest(store.get(), analyzer.get(), articles, &counts);
  EXPECT_EQ(counts.added, 3u);
  EXPECT_EQ(counts.rejected, 1u);
  EXPECT_EQ(counts.analyzed, 3u);
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[1].outcome, Outcome::kRejected);
  EXPECT_EQ(results[1].origin, "bad");
  EXPECT_EQ(results[1].rejection.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(results[1].article_id, 0);
  auto stored = store->FindArticleByExternalId("bad");
  ASSERT_TRUE(stored.ok());
  EXPECT_FALSE(stored->has_value());
}

// A batch the store cannot write (another connection holds the write lock)
// is not stored at all, no result is given for it, and the Ingestor can
// take the same articles again once the store is free.
TEST_F(PipelineTest, AFailedBatchIsNotStoredAndTheIngestorGoesOn) {
  store::StoreOptions impatient;
  impatient.busy_timeout_ms = 50;
  auto opened = store::Open((dir_ / "kto.db").string(), impatient);
  ASSERT_TRUE(opened.ok());
  auto store = std::move(opened).value();
  auto other = OpenStore();
  auto analyzer = OpenAnalyzer(2);
  size_t results = 0;
  IngestOptions options;
  options.on_result = [&](ArticleResult&&) { ++results; };
  auto ingestor = Ingestor::Open(store.get(), analyzer.get(), options);
  ASSERT_TRUE(ingestor.ok());
  for (const store::ArticleInput& a : Story()) ASSERT_TRUE((*ingestor)->Add(a).ok());

  Status flushed;
  const Status held = other->Transaction([&] {
    if (auto up = other->UpsertArticle(Article("lock", "", "", "Кедровск спит.")); !up.ok())
      return up.status();
    flushed = (*ingestor)->Flush();  // the other connection holds the write lock
    return Status::Internal("rolled back on purpose");
  });
  EXPECT_EQ(held.code(), StatusCode::kInternal);
  EXPECT_FALSE(flushed.ok());
  EXPECT_EQ(results, 0u);
  EXPECT_EQ((*ingestor)->pending(), 0u);
  EXPECT_EQ((*ingestor)->counts().Stored(), 0u);
  EXPECT_FALSE(store->FindArticleByExternalId("a1")->has_value());

  for (const store::ArticleInput& a : Story()) ASSERT_TRUE((*ingestor)->Add(a).ok());
  ASSERT_TRUE((*ingestor)->Flush().ok());
  EXPECT_EQ(results, 3u);
  EXPECT_EQ((*ingestor)->counts().added, 3u);
  EXPECT_EQ((*ingestor)->counts().analyzed, 3u);
  auto kedrov = kb::FindPersons(*store, "Игорь Кедров");
  ASSERT_TRUE(kedrov.ok());
  ASSERT_EQ(kedrov->size(), 1u);
  EXPECT_EQ(kb::PersonEntry(*store, kedrov->front())->articles, 3);
}

TEST_F(PipelineTest, StoredWithoutAnalysisThenTheBacklogIsAnalyzed) {
  auto store = OpenStore();
  IngestCounts counts;
  const auto stored = Ingest(store.get(), nullptr, Story(), &counts);
  EXPECT_EQ(counts.added, 3u);
  EXPECT_EQ(counts.analyzed, 0u);
  for (const ArticleResult& r : stored) EXPECT_FALSE(r.analyzed);
  EXPECT_EQ(store->ArticlesToAnalyze(link::kAnalysisVersion, 10)->size(), 3u);

  auto analyzer = OpenAnalyzer(2);
  IngestOptions options;
  options.batch = 2;  // two transactions
  auto ingestor = Ingestor::Open(store.get(), analyzer.get(), options);
  ASSERT_TRUE(ingestor.ok());
  auto done = (*ingestor)->AnalyzeBacklog();
  ASSERT_TRUE(done.ok()) << done.status().message();
  EXPECT_EQ(*done, 3u);
  EXPECT_EQ((*ingestor)->counts().analyzed, 3u);
  EXPECT_TRUE(store->ArticlesToAnalyze(link::kAnalysisVersion, 10)->empty());
  EXPECT_EQ(*(*ingestor)->AnalyzeBacklog(), 0u);

  // The same KB as ingesting with analysis at once.
  auto direct = OpenStore("direct.db");
  Ingest(direct.get(), analyzer.get(), Story(), &counts);
  EXPECT_EQ(Panels(*store, 3), Panels(*direct, 3));

  auto store_only = Ingestor::Open(store.get(), nullptr);
  ASSERT_TRUE(store_only.ok());
  EXPECT_EQ((*store_only)->AnalyzeBacklog().status().code(), StatusCode::kInvalidArgument);
}

TEST_F(PipelineTest, TheKbDoesNotDependOnThreadsOrBatches) {
  std::vector<store::ArticleInput> articles = Story();
  for (int copy = 0; copy < 3; ++copy)
    for (const store::ArticleInput& a : Story()) {
      articles.push_back(a);
      articles.back().external_id += "-" + std::to_string(copy);
      articles.back().text +=
          " Об этом сообщает агентство «Северские вести» (" + std::to_string(copy) + ").";
    }
  auto one = OpenStore("one.db"), two = OpenStore("two.db");
  auto analyzer_one = OpenAnalyzer(1), analyzer_two = OpenAnalyzer(2);
  IngestCounts counts;
  Ingest(one.get(), analyzer_one.get(), articles, &counts, /*batch=*/500);
  EXPECT_EQ(counts.analyzed, articles.size());
  Ingest(two.get(), analyzer_two.get(), articles, &counts, /*batch=*/5);
  EXPECT_EQ(counts.analyzed, articles.size());
  const std::vector<std::string> panels = Panels(*one, articles.size());
  EXPECT_GE(panels.size(), articles.size());
  EXPECT_EQ(panels, Panels(*two, articles.size()));
}

TEST(ModelsTest, FlagThenEnvironmentThenTheCommittedModel) {
  ModelPaths paths;
  ::unsetenv("KTO_NER_MODEL");
  ::unsetenv("KTO_POSITIONS_MODEL");
  EXPECT_EQ(NerModelPath(paths), DefaultNerModelPath());
  EXPECT_EQ(PositionsModelPath(paths), DefaultPositionsModelPath());
  ::setenv("KTO_NER_MODEL", "/from/env-ner.bin", 1);
  ::setenv("KTO_POSITIONS_MODEL", "/from/env-positions.bin", 1);
  EXPECT_EQ(NerModelPath(paths), "/from/env-ner.bin");
  EXPECT_EQ(PositionsModelPath(paths), "/from/env-positions.bin");
  paths.ner_model = "/flag/ner.bin";
  paths.positions_model = "/flag/positions.bin";
  EXPECT_EQ(NerModelPath(paths), "/flag/ner.bin");
  EXPECT_EQ(PositionsModelPath(paths), "/flag/positions.bin");
  ::unsetenv("KTO_NER_MODEL");
  ::unsetenv("KTO_POSITIONS_MODEL");
  EXPECT_EQ(DictionaryPath(DictionaryAt("/flag/dict.bin")), "/flag/dict.bin");
}

TEST(ModelsTest, AMissingFileIsModelMissingAndADamagedOneCorrupt) {
  const std::string missing = "/nonexistent/kto-model.bin";
  ModelPaths paths = Paths();
  paths.ner_model = missing;
  EXPECT_EQ(LoadNerModel(paths).status().code(), StatusCode::kModelMissing);
  EXPECT_EQ(OpenArticleAnalyzer(paths).status().code(), StatusCode::kModelMissing);
  EXPECT_EQ(ParallelAnalyzer::Open(paths, 1).status().code(), StatusCode::kModelMissing);
  paths = Paths();
  paths.positions_model = missing;
  EXPECT_EQ(ParallelAnalyzer::Open(paths, 1).status().code(), StatusCode::kModelMissing);
  paths.positions_rules = true;  // no pair scorer: its file is not read
  EXPECT_TRUE(LoadPositionsModel(paths).ok());
  EXPECT_EQ(*LoadPositionsModel(paths), nullptr);
  EXPECT_EQ(OpenDictionary(DictionaryAt(missing)).status().code(), StatusCode::kModelMissing);

  const fs::path damaged =
      fs::temp_directory_path() / ("kto_pipeline_damaged." + std::to_string(getpid()) + ".bin");
  { std::ofstream(damaged) << "not a model"; }
  paths = Paths();
  paths.ner_model = damaged.string();
  EXPECT_EQ(LoadNerModel(paths).status().code(), StatusCode::kCorrupt);
  EXPECT_EQ(OpenDictionary(DictionaryAt(damaged.string())).status().code(), StatusCode::kCorrupt);
  fs::remove(damaged);
}

}  // namespace
}  // namespace kto::pipeline
