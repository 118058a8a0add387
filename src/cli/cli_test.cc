// Runs the real kto binary: exit codes, output formats, error messages.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

struct KtoRun {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs `kto ARGS` with `input` on stdin.
KtoRun Kto(const std::string& args, const std::string& input = "") {
  const fs::path dir = fs::temp_directory_path() / "kto_cli_test";
  fs::create_directories(dir);
  const std::string in = (dir / "stdin").string(), out = (dir / "stdout").string(),
                    err = (dir / "stderr").string();
  std::ofstream(in, std::ios::binary) << input;
  const std::string command =
      std::string(KTO_BINARY) + " " + args + " <" + in + " >" + out + " 2>" + err;
  const int status = std::system(command.c_str());
  KtoRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::stringstream o, e;
  o << std::ifstream(out, std::ios::binary).rdbuf();
  e << std::ifstream(err, std::ios::binary).rdbuf();
  run.out = o.str();
  run.err = e.str();
  return run;
}

TEST(Cli, VersionAndHelp) {
  const KtoRun version = Kto("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("kto "), std::string::npos);
  const KtoRun help = Kto("help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("tokenize"), std::string::npos);
}

TEST(Cli, UsageErrorsExitWithTwo) {
  EXPECT_EQ(Kto("").exit_code, 2);
  EXPECT_EQ(Kto("no-such-command").exit_code, 2);
  EXPECT_EQ(Kto("tokenize --no-such-flag").exit_code, 2);
  EXPECT_EQ(Kto("tokenize --format xml").exit_code, 2);
  EXPECT_EQ(Kto("bench no-such-stage --input x").exit_code, 2);
  EXPECT_EQ(Kto("bench tokenize --input x --repeat 0").exit_code, 2);
}

TEST(Cli, TokenizePlainTextWithCodePointOffsets) {
  const KtoRun run = Kto("tokenize -", "Мэр В. Кедров 😀 пришёл.");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto doc = nlohmann::json::parse(run.out);
  EXPECT_EQ(doc["id"], "stdin");
  const auto& tokens = doc["tokens"];
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_EQ(tokens[1]["text"], "В.");
  EXPECT_EQ(tokens[1]["start"], 4);
  EXPECT_EQ(tokens[3]["text"], "😀");
  EXPECT_EQ(tokens[3]["start"], 14);
  EXPECT_EQ(tokens[3]["end"], 15);  // one code point, four bytes
  EXPECT_EQ(tokens[4]["start"], 16);
  EXPECT_EQ(doc["sentences"], nlohmann::json::parse(R"([{"start":0,"end":23}])"));
}

TEST(Cli, TokenizeJsonLinesKeepsGoodLinesAndReportsBadOnes) {
  const KtoRun run = Kto("tokenize",
                         "{\"id\": \"a\", \"text\": \"Один.\"}\n"
                         "not json\n"
                         "{\"id\": 2, \"text\": \"Два. Три.\"}\n");
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("stdin:2"), std::string::npos) << run.err;
  std::istringstream lines(run.out);
  std::string line;
  std::vector<nlohmann::json> docs;
  while (std::getline(lines, line)) docs.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0]["id"], "a");
  EXPECT_EQ(docs[1]["id"], 2);
  EXPECT_EQ(docs[1]["sentences"].size(), 2u);
}

TEST(Cli, InvalidUtf8IsRejectedOrRepaired) {
  const KtoRun strict = Kto("tokenize -", "Кедр\xC0\xAF");
  EXPECT_EQ(strict.exit_code, 3);
  EXPECT_NE(strict.err.find("invalid UTF-8 at byte 8"), std::string::npos) << strict.err;
  EXPECT_TRUE(strict.out.empty());
  const KtoRun lenient = Kto("tokenize --lenient -", "Кедр\xC0\xAF");
  EXPECT_EQ(lenient.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(lenient.out)["tokens"].size(), 3u);
}

TEST(Cli, EmptyInputIsOneEmptyDocument) {
  const KtoRun run = Kto("tokenize", "");
  EXPECT_EQ(run.exit_code, 0);
  const auto doc = nlohmann::json::parse(run.out);
  EXPECT_TRUE(doc["tokens"].empty());
  EXPECT_TRUE(doc["sentences"].empty());
}

TEST(Cli, MissingFileExitsWithFour) {
  const KtoRun run = Kto("tokenize /nonexistent/kto.txt");
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_NE(run.err.find("cannot open"), std::string::npos);
}

TEST(Cli, BenchPrintsMeasurements) {
  const fs::path file = fs::temp_directory_path() / "kto_bench_input.txt";
  std::ofstream(file) << "Губернатор Кедров приехал. Его ждали.";
  const KtoRun run = Kto("bench tokenize --repeat 3 --input " + file.string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto line = nlohmann::json::parse(run.out);
  EXPECT_EQ(line["stage"], "tokenize");
  EXPECT_EQ(line["docs"], 3);
  EXPECT_EQ(line["tokens"], 21);
  for (const char* key : {"seconds", "docs_per_s", "tokens_per_s", "mb_per_s", "peak_rss_mb"})
    EXPECT_GT(line[key].get<double>(), 0) << key;
}

TEST(Cli, AnalyzeReportsSentences) {
  const KtoRun run = Kto("analyze -", "Мэр Кедров приехал. Его ждали.");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("2 sentences"), std::string::npos) << run.out;
}

}  // namespace
