// Runs the real kto binary: exit codes, output formats, error messages.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "test_data.h"

namespace {

namespace fs = std::filesystem;

struct KtoRun {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs `kto ARGS` with `input` on stdin.
KtoRun Kto(const std::string& args, const std::string& input = "") {
  // Per process: CTest runs the cases as parallel processes.
  const fs::path dir =
      fs::temp_directory_path() / ("kto_cli_test." + std::to_string(static_cast<long>(getpid())));
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

// An article over --max-article-mb is rejected with its size (exit 3); the
// others are analyzed.
TEST(Cli, AnArticleOverTheSizeLimitIsRejected) {
  const std::string big((std::size_t{1} << 20) + 2, 'a');
  const KtoRun run =
      Kto("tokenize --max-article-mb 1 -",
          "{\"id\": 1, \"text\": \"Мэр Зимина\"}\n{\"id\": 2, \"text\": \"" + big + "\"}\n");
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_NE(run.err.find("stdin:2: the article has 1048578 bytes, more than the limit of 1048576"),
            std::string::npos)
      << run.err.substr(0, 300);
  EXPECT_EQ(nlohmann::json::parse(run.out)["id"], 1);
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

std::u32string CodePoints(const std::string& utf8) {
  std::u32string out;
  for (size_t i = 0; i < utf8.size();) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    const int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? b : b & (0x7F >> n);
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

// The committed NER model; analysis tests need it.
const std::string kModel = std::string(KTO_SOURCE_DIR) + "/models/ner-ru.bin";

TEST(Cli, AnalyzePrintsPanelsAndJson) {
  KTO_REQUIRE_PATH(kModel);
  const std::string article =
      "Губернатор Северской области Игорь Павлович Кедров открыл мост. «Мост ждали тридцать "
      "лет», — сказал Кедров.";
  const KtoRun panel = Kto("analyze -", article);
  ASSERT_EQ(panel.exit_code, 0) << panel.err;
  EXPECT_NE(panel.out.find("Игорь Павлович Кедров"), std::string::npos) << panel.out;
  EXPECT_NE(panel.out.find("2 упоминания"), std::string::npos) << panel.out;

  const KtoRun json =
      Kto("analyze --json", "{\"id\": \"a1\", \"title\": \"Кедров открыл мост\", \"text\": " +
                                nlohmann::json(article).dump() + "}\n");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc["id"], "a1");
  ASSERT_FALSE(doc["persons"].empty());
  const auto& kedrov = doc["persons"][0];
  EXPECT_EQ(kedrov["name"], "Игорь Павлович Кедров");
  EXPECT_EQ(kedrov["canonical"], "Кедров Игорь Павлович");
  EXPECT_EQ(kedrov["gender"], "m");
  // The title mention carries "field": "title" and offsets into the title.
  const auto& first = kedrov["mentions"][0];
  EXPECT_EQ(first["field"], "title");
  EXPECT_EQ(first["start"], 0);
  EXPECT_EQ(first["end"], 6);
  // Text mentions: offsets into `text` round-trip.
  const std::u32string text = CodePoints(article);
  for (const auto& m : kedrov["mentions"]) {
    if (m.contains("field")) continue;
    const std::u32string span =
        text.substr(m["start"].get<size_t>(), m["end"].get<size_t>() - m["start"].get<size_t>());
    EXPECT_EQ(span, CodePoints(m["text"].get<std::string>()));
  }
  ASSERT_FALSE(kedrov["quotes"].empty());
  EXPECT_EQ(kedrov["quotes"][0]["text"], "Мост ждали тридцать лет");
}

TEST(Cli, AnalyzeWithoutModelExitsWithFive) {
  const KtoRun run = Kto("analyze --model /nonexistent/ner.bin -", "Кедров приехал.");
  EXPECT_EQ(run.exit_code, 5);
  EXPECT_NE(run.err.find("/nonexistent/ner.bin"), std::string::npos) << run.err;
}

const std::string kFixture = std::string(KTO_SOURCE_DIR) + "/src/ner/testdata";

TEST(Cli, NerModelMissingOrCorruptExitsWithFive) {
  const KtoRun missing = Kto("ner --model /nonexistent/ner.bin -", "Кедров.");
  EXPECT_EQ(missing.exit_code, 5);
  EXPECT_NE(missing.err.find("/nonexistent/ner.bin"), std::string::npos) << missing.err;
  const fs::path bad = fs::temp_directory_path() / ("kto_bad_model." + std::to_string(getpid()));
  std::ofstream(bad) << "KTONER\r\n truncated";
  const KtoRun corrupt = Kto("ner --model " + bad.string() + " -", "Кедров.");
  EXPECT_EQ(corrupt.exit_code, 5);
  EXPECT_NE(corrupt.err.find("unusable"), std::string::npos) << corrupt.err;
  EXPECT_EQ(Kto("eval ner --corpus " + kFixture + "/dev --model " + bad.string()).exit_code, 5);
  EXPECT_EQ(Kto("bench ner --input " + kFixture + "/dev --model " + bad.string()).exit_code, 5);
  fs::remove(bad);
}

TEST(Cli, PositionsModelMissingOrCorruptExitsWithFive) {
  const std::string text = "Губернатор Игорь Кедров открыл мост.";
  const KtoRun missing = Kto("analyze --positions-model /nonexistent/positions.bin -", text);
  EXPECT_EQ(missing.exit_code, 5);
  EXPECT_NE(missing.err.find("/nonexistent/positions.bin"), std::string::npos) << missing.err;
  EXPECT_NE(missing.err.find("kto train positions"), std::string::npos) << missing.err;
  const fs::path bad =
      fs::temp_directory_path() / ("kto_bad_positions." + std::to_string(getpid()));
  std::ofstream(bad) << "KTOPOS\r\n truncated";
  const KtoRun corrupt = Kto("analyze --positions-model " + bad.string() + " -", text);
  EXPECT_EQ(corrupt.exit_code, 5);
  EXPECT_NE(corrupt.err.find("unusable"), std::string::npos) << corrupt.err;
  setenv("KTO_POSITIONS_MODEL", bad.c_str(), 1);
  const KtoRun from_env = Kto("analyze -", text);
  unsetenv("KTO_POSITIONS_MODEL");
  EXPECT_EQ(from_env.exit_code, 5);
  EXPECT_NE(from_env.err.find(bad.string()), std::string::npos) << from_env.err;
  fs::remove(bad);
}

TEST(Cli, NerModelFromEnvironment) {
  setenv("KTO_NER_MODEL", "/nonexistent/from-env.bin", 1);
  const KtoRun run = Kto("ner -", "Кедров.");
  unsetenv("KTO_NER_MODEL");
  EXPECT_EQ(run.exit_code, 5);
  EXPECT_NE(run.err.find("/nonexistent/from-env.bin"), std::string::npos) << run.err;
}

// Exit codes come from one mapping of status codes (exit_codes.h): a missing
// model or dictionary is 5 in every command (it was 4 where the file's
// kNotFound leaked through), a missing input file 4, an unknown record 3.
TEST(Cli, AMissingModelOrDictionaryExitsWithFiveEverywhere) {
  const std::string missing = "/nonexistent/kto-data.bin";
  const fs::path dir = fs::temp_directory_path() / ("kto_cli_exit." + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string input = (dir / "in.txt").string(), db = (dir / "kto.db").string();
  std::ofstream(input) << "Губернатор Игорь Кедров открыл мост.";
  for (const std::string& flags : {"--model " + missing, "--dict " + missing}) {
    for (const std::string& command :
         {"analyze " + input, "ner " + input, "bench analyze --input " + input,
          "bench ingest --input " + input, "bench ner --input " + input,
          "ingest --db " + db + " " + input, "eval link --corpus " + kFixture + "/dev"}) {
      const KtoRun run = Kto(command + " " + flags);
      EXPECT_EQ(run.exit_code, 5) << command << " " << flags << ": " << run.err;
      EXPECT_NE(run.err.find(missing), std::string::npos) << command << ": " << run.err;
    }
  }
  EXPECT_EQ(Kto("bench morph --input " + input + " --dict " + missing).exit_code, 5);
  EXPECT_EQ(Kto("ingest --db " + db + " --positions-model " + missing + " " + input).exit_code, 5);
  // An absent default model: stored for a later analysis, not an error.
  setenv("KTO_NER_MODEL", missing.c_str(), 1);
  const KtoRun stored = Kto("ingest --db " + db + " " + input);
  unsetenv("KTO_NER_MODEL");
  EXPECT_EQ(stored.exit_code, 0) << stored.err;
  EXPECT_NE(stored.err.find("stored without analysis"), std::string::npos) << stored.err;
  EXPECT_NE(stored.out.find("1 new"), std::string::npos) << stored.out;
  // A missing input is 4; an unknown article or person is the user's input: 3.
  EXPECT_EQ(Kto("analyze /nonexistent/article.txt").exit_code, 4);
  EXPECT_EQ(Kto("panel --db /nonexistent/kto.db 1").exit_code, 4);
  EXPECT_EQ(Kto("panel --db " + db + " no-such-article").exit_code, 3);
  EXPECT_EQ(Kto("person --db " + db + " Нетакова").exit_code, 3);
  fs::remove_all(dir);
}

// `kto train gazetteer`: a small made-up list builds; a missing list is 4,
// a list without the column it needs 5.
TEST(Cli, TrainGazetteer) {
  const fs::path dir = fs::temp_directory_path() / ("kto_cli_gaz." + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "names.tsv") << "text\tgender\tcount\nФерапонт\tm\t12\n";
  std::ofstream(dir / "patronymics.tsv") << "text\tgender\tfname\nФерапонтович\tm\tФерапонт\n";
  std::ofstream(dir / "cities.csv") << "address,city\n\"Заречная обл, г Лесногорск\",Лесногорск\n";
  std::ofstream(dir / "towns.csv") << "address,town\nx,y\n";
  const std::string lists = " --first-names " + (dir / "names.tsv").string() + " --patronymics " +
                            (dir / "patronymics.tsv").string();
  const std::string out = " -o " + (dir / "gazetteer.bin").string();
  const KtoRun built =
      Kto("train gazetteer" + lists + " --cities " + (dir / "cities.csv").string() + out);
  EXPECT_EQ(built.exit_code, 0) << built.err;
  EXPECT_TRUE(fs::exists(dir / "gazetteer.bin"));
  EXPECT_EQ(
      Kto("train gazetteer" + lists + " --cities " + (dir / "none.csv").string() + out).exit_code,
      4);
  const KtoRun no_column =
      Kto("train gazetteer" + lists + " --cities " + (dir / "towns.csv").string() + out);
  EXPECT_EQ(no_column.exit_code, 5);
  EXPECT_NE(no_column.err.find("'city' column"), std::string::npos) << no_column.err;
  fs::remove_all(dir);
}

TEST(Cli, TrainNerThenTagWithRoundTrippingOffsets) {
  const fs::path model = fs::temp_directory_path() / ("kto_cli_model." + std::to_string(getpid()));
  const KtoRun train =
      Kto("train ner --train " + kFixture + "/train --dev " + kFixture + "/dev -o " +
          model.string() + " --epochs 3 --bits 14 --position-bits 12");
  ASSERT_EQ(train.exit_code, 0) << train.err;
  EXPECT_NE(train.err.find("epoch 3"), std::string::npos) << train.err;

  const std::string text =
      "😀 Мэр Кедровска Анна Лесная посетила Ольховку. «Северный мост» "
      "🙂 "
      "сообщил "
      "директор "
      "Лесногорска Иван Кедров.\nJohn Smith, 北京.";
  const KtoRun run = Kto("ner --model " + model.string() + " -", text);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto doc = nlohmann::json::parse(run.out);
  EXPECT_EQ(doc["id"], "stdin");
  const std::u32string cps = CodePoints(text);
  size_t spans = 0;
  for (const char* layer : {"spans", "positions", "nested"}) {
    for (const auto& span : doc[layer]) {
      const size_t start = span["start"], end = span["end"];
      ASSERT_LT(start, end);
      ASSERT_LE(end, cps.size());
      EXPECT_EQ(CodePoints(span["text"].get<std::string>()), cps.substr(start, end - start));
      ++spans;
    }
  }
  EXPECT_GT(spans, 2u) << run.out;
  for (const auto& span : doc["spans"]) EXPECT_TRUE(span.contains("type"));
  for (const auto& span : doc["nested"]) {  // inside the entity it names
    const size_t parent = span["parent"];
    ASSERT_LT(parent, doc["spans"].size());
    EXPECT_LE(doc["spans"][parent]["start"], span["start"]);
    EXPECT_GE(doc["spans"][parent]["end"], span["end"]);
  }

  const KtoRun jsonl = Kto("ner --model " + model.string(),
                           "{\"id\": 7, \"text\": \"\"}\n{\"id\": 8, \"text\": \"!!! ...\"}\n");
  ASSERT_EQ(jsonl.exit_code, 0) << jsonl.err;
  EXPECT_EQ(jsonl.out,
            "{\"id\":7,\"spans\":[],\"positions\":[],\"nested\":[]}\n"
            "{\"id\":8,\"spans\":[],\"positions\":[],\"nested\":[]}\n");

  const KtoRun eval =
      Kto("eval ner --corpus " + kFixture + "/dev --format brat --model " + model.string());
  ASSERT_EQ(eval.exit_code, 0) << eval.err;
  EXPECT_NE(eval.out.find("strict spans"), std::string::npos) << eval.out;
  EXPECT_NE(eval.out.find("confusion"), std::string::npos) << eval.out;

  const KtoRun bench = Kto("bench ner --input " + kFixture + "/dev --model " + model.string());
  ASSERT_EQ(bench.exit_code, 0) << bench.err;
  EXPECT_EQ(nlohmann::json::parse(bench.out)["stage"], "ner");
  fs::remove(model);
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

// Writes one BSNLP-style document: raw/file_1.txt (four header lines, then
// the text) and annotated/1.txt (surface, base form, type, id per line).
void WriteBsnlpDocument(const fs::path& topic, const std::string& text,
                        const std::string& annotations) {
  fs::create_directories(topic / "raw");
  fs::create_directories(topic / "annotated");
  std::ofstream(topic / "raw" / "file_1.txt") << "1\nru\n2026-11-28\nhttp://example.org/1\n"
                                              << text;
  std::ofstream(topic / "annotated" / "1.txt") << "1\n" << annotations;
}

TEST(Cli, EvalNamesComparesCapitalsWhereTheGoldKeepsThem) {
  const fs::path dir = fs::temp_directory_path() / ("kto_eval_names." + std::to_string(getpid()));
  fs::remove_all(dir);
  const std::string text =
      "ИГОРЬ КЕДРОВ ОТКРЫЛ МОСТ\n\nГубернатор Игорь Кедров поблагодарил мэра Анну Лебедеву.";
  auto accuracy = [&](const std::string& topic) {
    const KtoRun run = Kto("eval names --corpus " + (dir / topic).string());
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return nlohmann::json::parse(run.out);
  };
  // The gold keeps capitals: a headline's name in capitals is still «Игорь Кедров».
  WriteBsnlpDocument(dir / "capitals", text,
                     "ИГОРЬ КЕДРОВ\tИгорь Кедров\tPER\t1\nИгорь Кедров\tИгорь Кедров\tPER\t1\n"
                     "Анну Лебедеву\tАнна Лебедева\tPER\t2\n");
  const auto capitals = accuracy("capitals");
  EXPECT_EQ(capitals["mentions"], 3);
  EXPECT_EQ(capitals["accuracy"], 1.0);
  EXPECT_EQ(capitals["case_sensitive_documents"], 1);
  // So a base form that differs in capitals only is a miss there...
  WriteBsnlpDocument(dir / "odd", text,
                     "Игорь Кедров\tИгорь Кедров\tPER\t1\nАнну Лебедеву\tАнна ЛЕБЕДЕВА\tPER\t2\n");
  EXPECT_EQ(accuracy("odd")["accuracy"], 0.5);
  // ...and no miss where the gold is all lower case (BSNLP 2017).
  WriteBsnlpDocument(dir / "lower", text,
                     "игорь кедров\tигорь кедров\tPER\t1\nанну лебедеву\tанна лебедева\tPER\t2\n");
  const auto lower = accuracy("lower");
  EXPECT_EQ(lower["accuracy"], 1.0);
  EXPECT_EQ(lower["case_sensitive_documents"], 0);
  fs::remove_all(dir);
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
