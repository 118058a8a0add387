// `kto kb import`, end to end: the real binary on a real SQLite file. The
// case that ingests articles needs the NER model (skipped without it, failed
// under KTO_REQUIRE_DATA=1); the others need no model. Fictional people.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "run_kto.h"
#include "test_data.h"

namespace {

namespace fs = std::filesystem;
using kto::cli_test::KtoRun;
using kto::cli_test::RunKto;

const std::string kList =
    R"({"name": "Кедров Игорь Павлович", "external_id": "zar-01", "positions": [{"title": )"
    R"("губернатор", "org": "Заречная область", "from": "2021-09-20"}]})"
    "\n"
    R"({"name": "Лебедева Анна Сергеевна", "aliases": ["Аня Лебедева"]})"
    "\n";

class KbImportCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kto_kb_import_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  KtoRun Kto(const std::string& args, const std::string& input = "") {
    return RunKto(args, input, dir_.string());
  }

  fs::path dir_;
};

TEST_F(KbImportCli, ImportsAListAndReimportsItUnchanged) {
  Write("list.jsonl", kList);
  KtoRun run = Kto("kb import --db kb.db list.jsonl");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "kb.db: 2 created, 0 updated, 0 unchanged, 0 rejected\n");
  EXPECT_EQ(run.err, "");

  run = Kto("person --json --db kb.db Кедров");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto kedrov = nlohmann::json::parse(run.out);
  EXPECT_EQ(kedrov["name"], "Игорь Павлович Кедров");
  EXPECT_EQ(kedrov["external_id"], "zar-01");
  EXPECT_EQ(kedrov["articles"], 0);
  EXPECT_EQ(kedrov["last_position"]["title"], "губернатор");
  EXPECT_EQ(kedrov["last_position"]["org"], "Заречная область");
  ASSERT_EQ(kedrov["positions"].size(), 1u);
  EXPECT_EQ(kedrov["positions"][0]["imported"], true);
  EXPECT_EQ(kedrov["positions"][0]["first_seen"], "2021-09-20T00:00:00Z");
  run = Kto("person --db kb.db Лебедева");
  EXPECT_NE(run.out.find("Аня Лебедева"), std::string::npos) << run.out;

  run = Kto("kb import --json --db kb.db list.jsonl");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto summary = nlohmann::json::parse(run.out);
  EXPECT_EQ(summary["created"], 0);
  EXPECT_EQ(summary["updated"], 0);
  EXPECT_EQ(summary["unchanged"], 2);
  EXPECT_EQ(summary["rejected"], 0);

  // A new post for one of them: updated, not duplicated.
  Write("list.jsonl",
        R"({"name": "Кедров Игорь Павлович", "external_id": "zar-01", "positions": [)"
        R"({"title": "министр транспорта", "org": "Заречная область", "from": "2026-04-01"}]})"
        "\n" +
            kList.substr(kList.find('\n') + 1));
  run = Kto("kb import --json --db kb.db list.jsonl");
  summary = nlohmann::json::parse(run.out);
  EXPECT_EQ(summary["updated"], 1);
  EXPECT_EQ(summary["unchanged"], 1);
  run = Kto("person --json --db kb.db Кедров");
  EXPECT_EQ(nlohmann::json::parse(run.out)["last_position"]["title"], "министр транспорта");
  EXPECT_FALSE(nlohmann::json::parse(run.out).contains("namesakes")) << run.out;
  // Persons without articles are in nobody's top.
  EXPECT_EQ(Kto("top --db kb.db").out, "");
}

TEST_F(KbImportCli, BadLinesAreReportedWithTheirNumberAndSkipped) {
  Write(
      "list.jsonl",
      "{\"name\": \"Кедров Игорь Павлович\"}\n"
      "{\"name\": \"Зимин Олег\"\n"
      "\n"
      "{\"name\": \"Зимин \xff\"}\r\n"
      "{\"aliases\": [\"Зимин\"]}\n"
      "{\"name\": [\"Зимин Олег\"]}\n"
      "{\"name\": \"Зимин Олег\", \"positions\": [{\"title\": \"мэр\", \"from\": \"1.2.2020\"}]}\n"
      "{\"name\": \"Зимина Анна\"}\n");
  const KtoRun run = Kto("kb import --db kb.db list.jsonl");
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_EQ(run.out, "kb.db: 2 created, 0 updated, 0 unchanged, 5 rejected\n");
  for (const char* expected :
       {"kto kb import: list.jsonl:2: not JSON", "kto kb import: list.jsonl:4: invalid UTF-8",
        "kto kb import: list.jsonl:5: name is missing",
        "kto kb import: list.jsonl:6: name must be a string",
        "kto kb import: list.jsonl:7: positions[0].from \"1.2.2020\" is not a date",
        "kto kb import: 5 of 7 lines rejected"})
    EXPECT_NE(run.err.find(expected), std::string::npos) << expected << "\n" << run.err;
  EXPECT_EQ(run.err.find("list.jsonl:3"), std::string::npos) << run.err;  // blank: skipped
  EXPECT_EQ(Kto("person --db kb.db Зимина").exit_code, 0);
  EXPECT_EQ(Kto("person --db kb.db Зимин").exit_code, 3);  // nobody of that name
}

TEST_F(KbImportCli, StandardInputAndFailures) {
  KtoRun run = Kto("kb import --db kb.db -", kList + "{\"name\": \"Кедров\"}\n");
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.out, "kb.db: 2 created, 0 updated, 0 unchanged, 1 rejected\n");
  EXPECT_NE(run.err.find("kto kb import: stdin:3: name: «Кедров»: expected «Фамилия Имя Отчество»"),
            std::string::npos)
      << run.err;
  // The same person twice: imported twice, said once.
  run = Kto("kb import --db kb.db -", kList + kList);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "kb.db: 0 created, 0 updated, 4 unchanged, 0 rejected\n");
  EXPECT_NE(run.err.find("stdin:3: the same person as line 1"), std::string::npos) << run.err;

  run = Kto("kb import --db new.db no-such-list.jsonl");
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_NE(run.err.find("kto kb import: cannot open no-such-list.jsonl"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir_ / "new.db"));

  Write("list.jsonl", kList);
  Write("not-a-db", "just some text, not SQLite");
  run = Kto("kb import --db not-a-db list.jsonl");
  EXPECT_EQ(run.exit_code, 5) << run.err;
  EXPECT_EQ(Kto("kb").exit_code, 2);
  EXPECT_EQ(Kto("kb import").exit_code, 2);
}

// The persons of the example list are whom the example articles name: the
// panel shows the list's full names and, before any article states a post,
// the list's.
TEST_F(KbImportCli, ArticlesLinkToTheImportedPersons) {
  KTO_REQUIRE_PATH(std::string(KTO_SOURCE_DIR) + "/models/ner-ru.bin");
  const std::string examples = std::string(KTO_SOURCE_DIR) + "/examples/";
  KtoRun run = Kto("kb import --db kb.db " + examples + "known-persons.jsonl");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // The second article of the scenario names «Ясенев» and «Лебедева», no post.
  std::ifstream scenario(examples + "scenario.jsonl");
  std::string line;
  std::getline(scenario, line);
  std::getline(scenario, line);
  Write("second.jsonl", line + "\n");
  run = Kto("ingest --db kb.db second.jsonl " + examples + "articles/01-kedrovsk-bridge.txt");
  ASSERT_EQ(run.exit_code, 0) << run.err;

  run = Kto("panel --db kb.db scenario-02 " + examples + "articles/01-kedrovsk-bridge.txt");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* expected :
       {"Игорь Павлович Ясенев — Последняя должность: Губернатор (Заречная область) — 1",
        "Анна Сергеевна Лебедева — Последняя должность: Мэр (Кедровск) — 2",
        "Игорь Павлович Кедров — Последняя должность: Губернатор (Северская область) — 1",
        "Виктор Андреевич Ольховский — Последняя должность: Министр транспорта (Северская "
        "область) — 1"})
    EXPECT_NE(run.out.find(expected), std::string::npos) << expected << "\n" << run.out;
  // Nobody new: the four persons of the two articles are the list's (kb 1 to 8).
  run = Kto("top --json --db kb.db");
  EXPECT_EQ(std::count(run.out.begin(), run.out.end(), '\n'), 4) << run.out;
  EXPECT_EQ(run.out.find("\"kb_id\":9"), std::string::npos) << run.out;
  run = Kto("kb import --json --db kb.db " + examples + "known-persons.jsonl");
  EXPECT_EQ(nlohmann::json::parse(run.out)["unchanged"], 8);
  run = Kto("person --json --db kb.db Ясенев");
  EXPECT_EQ(nlohmann::json::parse(run.out)["external_id"], "zar-gubernator");
  EXPECT_EQ(nlohmann::json::parse(run.out)["articles"], 1);
}

}  // namespace
