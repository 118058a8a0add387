// Runs the real kto binary: exit codes, output formats, error messages.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

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

TEST(Cli, MorphPrintsParsesAsJsonLines) {
  // The dictionary is found beside the program: <build>/data/ru-morph.bin.
  const KtoRun run = Kto("morph Мазуром Масляком");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::istringstream lines(run.out);
  std::string line;
  ASSERT_TRUE(std::getline(lines, line));
  const auto first = nlohmann::json::parse(line);
  EXPECT_EQ(first["word"], "Мазуром");
  ASSERT_EQ(first["parses"].size(), 1u);
  EXPECT_EQ(first["parses"][0]["lemma"], "мазур");
  EXPECT_EQ(first["parses"][0]["tag"], "NOUN,anim,masc,Sgtm,Surn sing,ablt");
  EXPECT_EQ(first["parses"][0]["score"], 1.0);
  ASSERT_TRUE(std::getline(lines, line));
  EXPECT_EQ(nlohmann::json::parse(line)["parses"][0]["lemma"], "масляк");
}

TEST(Cli, MorphReadsWordsFromStdinAndInflects) {
  const KtoRun run = Kto("morph --inflect nomn -", "губернатором\n\nВладимиром\r\n");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::istringstream lines(run.out);
  std::vector<nlohmann::json> words;
  for (std::string line; std::getline(lines, line);) words.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(words.size(), 2u);
  EXPECT_EQ(words[0]["parses"][0]["inflected"]["word"], "губернатор");
  EXPECT_EQ(words[1]["word"], "Владимиром");
  EXPECT_EQ(words[1]["parses"][0]["inflected"]["tag"], "NOUN,anim,masc,Name sing,nomn");
  EXPECT_EQ(Kto("morph --inflect nosuch x").exit_code, 2);
  EXPECT_EQ(Kto("morph -", "\xff\n").exit_code, 3);
}

TEST(Cli, MorphWithoutADictionaryExitsWithFive) {
  const KtoRun missing = Kto("morph --dict /nonexistent/ru-morph.bin Мазуром");
  EXPECT_EQ(missing.exit_code, 5);
  EXPECT_NE(missing.err.find("does not exist"), std::string::npos) << missing.err;
  const fs::path bad = fs::temp_directory_path() / "kto_cli_bad_dict.bin";
  std::ofstream(bad, std::ios::binary)
      << "KTOMORPH but not really a dictionary, far too short............";
  const KtoRun corrupt = Kto("morph --dict " + bad.string() + " Мазуром");
  EXPECT_EQ(corrupt.exit_code, 5);
  EXPECT_NE(corrupt.err.find("rebuild it"), std::string::npos) << corrupt.err;
  ::setenv("KTO_MORPH_DICT", bad.c_str(), 1);
  EXPECT_EQ(Kto("morph Мазуром").exit_code, 5);
  EXPECT_EQ(Kto("bench morph --input " + bad.string()).exit_code, 5);
  ::unsetenv("KTO_MORPH_DICT");
}

TEST(Cli, BenchMorphStage) {
  const fs::path file = fs::temp_directory_path() / "kto_bench_morph_input.txt";
  std::ofstream(file) << "Губернатор Кедров приехал в 2026 году. Его ждали.";
  const KtoRun run = Kto("bench morph --repeat 2 --input " + file.string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto line = nlohmann::json::parse(run.out);
  EXPECT_EQ(line["stage"], "morph");
  EXPECT_EQ(line["tokens"], 14);  // word tokens, two passes
  for (const char* key : {"dict_load_ms", "dict_file_mb", "rss_dict_loaded_mb"})
    EXPECT_GT(line[key].get<double>(), 0) << key;
}

}  // namespace
