// `kto ingest` with analysis and linking, `kto panel`, `kto person`, `kto top`
// and `kto analyze --db`, end to end. The cases that analyze need the NER
// model ($KTO_NER_MODEL, else the committed models/ner-ru.bin) and are
// skipped without it (failed under KTO_REQUIRE_DATA=1); the others run on
// stores filled with --no-analysis.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "test_data.h"

namespace {

namespace fs = std::filesystem;

struct KtoRun {
  int exit_code = -1;
  std::string out, err;
};

std::string ModelPath() {
  if (const char* env = std::getenv("KTO_NER_MODEL"); env && *env && fs::exists(env)) return env;
  const std::string committed = std::string(KTO_SOURCE_DIR) + "/models/ner-ru.bin";
  return fs::exists(committed) ? committed : "";
}

class KbCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kto_kb_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "kb.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `kto ARGS` in the test's folder, with the environment settings
  // `env` («NAME=value ...») when given.
  KtoRun Kto(const std::string& args, const std::string& env = "") {
    const std::string command = "cd " + dir_.string() + " && " + env + " " + KTO_BINARY + " " +
                                args + " </dev/null >stdout 2>stderr";
    const int status = std::system(command.c_str());
    KtoRun run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::stringstream o, e;
    o << std::ifstream(dir_ / "stdout").rdbuf();
    e << std::ifstream(dir_ / "stderr").rdbuf();
    run.out = o.str();
    run.err = e.str();
    return run;
  }

  const std::string scenario_ = std::string(KTO_SOURCE_DIR) + "/examples/scenario.jsonl";
  fs::path dir_;
  std::string db_;
};

// The readers of the store start without libcurl and libxml2 (and the forty
// libraries they bring, 6-7 ms of every start): those are loaded when a page
// or a feed is read. LD_DEBUG=libs makes the dynamic loader name every
// library it loads.
TEST_F(KbCli, StoreReadersDoNotLoadCurlOrLibxml) {
  ASSERT_EQ(Kto("ingest --no-analysis --db " + db_ + " " + scenario_).exit_code, 0);
  for (const std::string& args :
       {"panel --db " + db_ + " s1", "person --db " + db_ + " Ясенев", "top --db " + db_}) {
    const KtoRun run = Kto(args, "LD_DEBUG=libs");
    ASSERT_NE(run.err.find("libsqlite3"), std::string::npos) << "LD_DEBUG had no effect";
    EXPECT_EQ(run.err.find("libcurl"), std::string::npos) << args;
    EXPECT_EQ(run.err.find("libxml2"), std::string::npos) << args;
  }
  std::ofstream(dir_ / "page.html")
      << "<html><head><title>Кедровск</title></head><body><article><p>Губернатор Игорь "
         "Кедров открыл мост через реку Кедровку.</p></article></body></html>";
  const KtoRun html = Kto("ingest --no-analysis --db " + db_ + " page.html", "LD_DEBUG=libs");
  EXPECT_EQ(html.exit_code, 0) << html.err;
  EXPECT_NE(html.err.find("libxml2"), std::string::npos);
  EXPECT_EQ(html.err.find("libcurl"), std::string::npos);
  const KtoRun panel = Kto("panel --db " + db_ + " page.html");
  EXPECT_NE(panel.out.find("page.html — Кедровск"), std::string::npos) << panel.out << panel.err;
}

TEST_F(KbCli, MissingDatabaseUnknownArticleAndPerson) {
  EXPECT_EQ(Kto("panel --db " + db_ + " x").exit_code, 4);
  EXPECT_FALSE(fs::exists(db_));  // not created by a reader
  ASSERT_EQ(Kto("ingest --no-analysis --db " + db_ + " " + scenario_).exit_code, 0);
  KtoRun run = Kto("panel --db " + db_ + " no-such-article scenario-01");
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("no article no-such-article"), std::string::npos) << run.err;
  EXPECT_NE(run.out.find("scenario-01 — Губернатор открыл мост в Кедровске"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("не проанализирована"), std::string::npos) << run.out;
  run = Kto("person --db " + db_ + " Никтоев");
  EXPECT_EQ(run.exit_code, 3);
  run = Kto("top --db " + db_);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "");
}

TEST_F(KbCli, ScenarioIngestedAnalyzedAndLinked) {
  const std::string model = ModelPath();
  if (model.empty()) KTO_REQUIRE_PATH(std::string(KTO_SOURCE_DIR) + "/models/ner-ru.bin");
  // Stored first without analysis: the next run analyzes the backlog.
  ASSERT_EQ(Kto("ingest --no-analysis --db " + db_ + " " + scenario_).exit_code, 0);
  KtoRun run = Kto("ingest --json --model " + model + " --db " + db_ + " " + scenario_);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto summary = nlohmann::json::parse(run.out);
  EXPECT_EQ(summary["unchanged"], 10);
  EXPECT_EQ(summary["analyzed"], 10);
  // Idempotent: a third run changes nothing.
  run = Kto("ingest --json --model " + model + " --db " + db_ + " " + scenario_);
  summary = nlohmann::json::parse(run.out);
  EXPECT_EQ(summary["analyzed"], 0);

  run = Kto("person --json --db " + db_ + " Ясенев");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto yasenev = nlohmann::json::parse(run.out);
  EXPECT_EQ(yasenev["name"], "Игорь Павлович Ясенев");
  EXPECT_EQ(yasenev["last_position"]["title"], "министр транспорта");
  EXPECT_EQ(yasenev["last_position"]["org"], "Заречная область");
  EXPECT_EQ(yasenev["articles"], 7);

  run = Kto("panel --db " + db_ + " scenario-08");
  EXPECT_NE(run.out.find("Игорь Павлович Ясенев — Последняя должность: Министр транспорта "
                         "(Заречная область) — 7"),
            std::string::npos)
      << run.out;

  run = Kto("panel --json --db " + db_ + " scenario-09");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto panel = nlohmann::json::parse(run.out);
  ASSERT_GE(panel["persons"].size(), 2u);
  for (const auto& p : panel["persons"]) {
    EXPECT_TRUE(p.contains("kb_id"));
    EXPECT_TRUE(p.contains("articles"));
    EXPECT_TRUE(p.contains("last_position"));
  }

  // Analyze an article that is not stored, against the KB.
  std::ofstream(dir_ / "new.txt") << "Министр транспорта Игорь Ясенев осмотрел мост в Кедровске.";
  run = Kto("analyze --json --model " + model + " --db " + db_ + " new.txt");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto analysis = nlohmann::json::parse(run.out);
  ASSERT_EQ(analysis["persons"].size(), 1u);
  EXPECT_EQ(analysis["persons"][0]["kb_id"], yasenev["kb_id"]);
  EXPECT_EQ(analysis["persons"][0]["articles"], 7);

  // What ingestion wrote passes kto check (store tests break it and repair it).
  run = Kto("check --json --db " + db_);
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  auto check = nlohmann::json::parse(run.out);
  EXPECT_EQ(check["consistent"], true);
  EXPECT_TRUE(check["problems"].empty());
  run = Kto("check --db " + db_);
  EXPECT_NE(run.out.find("consistent"), std::string::npos) << run.out;
  run = Kto("check --db " + (dir_ / "none.db").string());
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_NE(run.err.find("no database"), std::string::npos) << run.err;
}

// `kto eval link` on a brat folder: one person in two mentions, another in
// one, and the names the KB shows against the Wikidata labels.
TEST_F(KbCli, EvalLinkScoresPairsAndNames) {
  const std::string model = ModelPath();
  if (model.empty()) KTO_REQUIRE_PATH(std::string(KTO_SOURCE_DIR) + "/models/ner-ru.bin");
  const fs::path corpus = dir_ / "brat";
  fs::create_directories(corpus);
  std::ofstream(corpus / "001.txt")
      << "Губернатор Игорь Кедров открыл мост. Кедров поблагодарил строителей.";
  std::ofstream(corpus / "001.ann") << "T1\tPERSON 11 23\tИгорь Кедров\nT2\tPERSON 37 43\tКедров\n"
                                       "N1\tReference T1 Wikidata:Q1\tИгорь Павлович Кедров\n"
                                       "N2\tReference T2 Wikidata:Q1\tИгорь Павлович Кедров\n";
  std::ofstream(corpus / "002.txt") << "Министр Лю Цзяньго прибыл в Кедровск.";
  std::ofstream(corpus / "002.ann")
      << "T1\tPERSON 8 18\tЛю Цзяньго\nN1\tReference T1 Wikidata:Q2\tЛю Цзяньго\n";
  const KtoRun run = Kto("eval link --json --model " + model + " --corpus " + corpus.string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto scores = nlohmann::json::parse(run.out);
  EXPECT_EQ(scores["gold_mentions"], 3);
  EXPECT_EQ(scores["matched_mentions"], 3);
  EXPECT_EQ(scores["precision"], 1.0);
  EXPECT_EQ(scores["recall"], 1.0);
  // «Игорь Павлович Кедров» compares without the patronymic the articles
  // never gave; «Лю Цзяньго» stays surname first.
  EXPECT_EQ(scores["labelled_mentions"], 3);
  EXPECT_EQ(scores["name_accuracy"], 1.0);
}

TEST_F(KbCli, ChangedTextIsReanalyzedAndItsOldMentionsReplaced) {
  const std::string model = ModelPath();
  if (model.empty()) KTO_REQUIRE_PATH(std::string(KTO_SOURCE_DIR) + "/models/ner-ru.bin");
  std::ofstream(dir_ / "a.jsonl")
      << "{\"id\": \"n1\", \"text\": \"Губернатор Игорь Кедров открыл мост в Кедровске.\"}\n";
  std::ofstream(dir_ / "b.jsonl")
      << "{\"id\": \"n1\", \"text\": \"Мэр Анна Зимина открыла школу в Кедровске.\"}\n";
  ASSERT_EQ(Kto("ingest --model " + model + " --db " + db_ + " a.jsonl").exit_code, 0);
  KtoRun run = Kto("panel --db " + db_ + " n1");
  EXPECT_NE(run.out.find("Кедров"), std::string::npos) << run.out;
  run = Kto("ingest --json --model " + model + " --db " + db_ + " b.jsonl");
  auto summary = nlohmann::json::parse(run.out);
  EXPECT_EQ(summary["updated"], 1);
  EXPECT_EQ(summary["analyzed"], 1);
  run = Kto("panel --db " + db_ + " n1");
  EXPECT_EQ(run.out.find("Кедров"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Анна Зимина"), std::string::npos) << run.out;
  // Кедров stays in the KB with no article left.
  run = Kto("person --json --db " + db_ + " Кедров");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["articles"], 0);
}

TEST_F(KbCli, ExplicitModelThatCannotBeLoadedIsExitCodeFive) {
  std::ofstream(dir_ / "a.txt") << "Губернатор Игорь Кедров открыл мост.";
  const KtoRun run = Kto("ingest --model no-such-model.bin --db " + db_ + " a.txt");
  EXPECT_EQ(run.exit_code, 5) << run.err;
}

}  // namespace
