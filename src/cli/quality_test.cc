// Every published quality figure of the pipeline, guarded: the kto binary's
// own `kto eval` commands on NEREL dev and BSNLP, their printed figures held
// to floors a little under today's (NER per type is guarded by
// src/ner/quality_test.cc). Skipped without the corpora, failed then under
// KTO_REQUIRE_DATA=1 (CI): see test_data.h.
//
// The floors are today's figures (BENCHMARKS.md, README, on commit 8b37869)
// minus about 0.005: the committed models make the figures deterministic, so
// a drop below a floor is a real regression; a change meant to move a figure
// moves its floor in the same commit.
#include <gtest/gtest.h>

#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "run_kto.h"
#include "test_data.h"

namespace {

using kto::cli_test::KtoRun;
using kto::cli_test::RunKto;

// `kto eval positions` on NEREL dev (pairs against WORKS_AS): 0.7919 / 0.6189
// / 0.6948. TO ADJUST after issue 13's one-to-one pair matching is merged.
constexpr double kPositionsPrecisionFloor = 0.786;
constexpr double kPositionsRecallFloor = 0.613;
constexpr double kPositionsF1Floor = 0.689;

// `kto eval names` on BSNLP, accuracy per type: PER 0.9533, LOC 0.9726, ORG
// 0.9689. TO ADJUST after issue 13's division by all gold forms is merged.
constexpr double kNamesPerFloor = 0.948;
constexpr double kNamesLocFloor = 0.967;
constexpr double kNamesOrgFloor = 0.963;

// `kto eval link` on NEREL dev: pairwise P 0.9918, R 0.8440; the KB's names
// equal the Wikidata labels for 0.7730 of the labelled mentions.
constexpr double kLinkNerelPrecisionFloor = 0.986;
constexpr double kLinkNerelRecallFloor = 0.839;
constexpr double kLinkNerelNamesFloor = 0.768;

// `kto eval link` on BSNLP: pairwise P 0.9995, R 0.8752.
constexpr double kLinkBsnlpPrecisionFloor = 0.994;
constexpr double kLinkBsnlpRecallFloor = 0.870;

// Runs `kto eval ARGS` and parses the one JSON object it prints.
nlohmann::json Eval(const std::string& args) {
  const KtoRun run = RunKto("eval " + args);
  EXPECT_EQ(run.exit_code, 0) << "kto eval " << args << "\n" << run.err;
  const auto figures = nlohmann::json::parse(run.out, nullptr, /*allow_exceptions=*/false);
  EXPECT_TRUE(figures.is_object()) << "kto eval " << args << " printed:\n" << run.out;
  std::cout << "[ kto eval " << args << " ] " << run.out;
  return figures.is_object() ? figures : nlohmann::json::object();
}

double Figure(const nlohmann::json& figures, const char* key) {
  EXPECT_TRUE(figures.contains(key)) << key << " missing in " << figures.dump();
  return figures.contains(key) ? figures[key].get<double>() : 0.0;
}

std::string Corpus(const char* name) {
  return (kto::test_data::DataDir() / name).string();
}

TEST(Quality, PositionsOnNerelDev) {
  const std::string dev = Corpus("nerel/dev");
  KTO_REQUIRE_PATH(dev);
  const auto figures = Eval("positions --corpus " + dev);
  EXPECT_GE(Figure(figures, "precision"), kPositionsPrecisionFloor);
  EXPECT_GE(Figure(figures, "recall"), kPositionsRecallFloor);
  EXPECT_GE(Figure(figures, "f1"), kPositionsF1Floor);
}

TEST(Quality, NamesOnBsnlp) {
  const std::string bsnlp = Corpus("bsnlp");
  KTO_REQUIRE_PATH(bsnlp);
  EXPECT_GE(Figure(Eval("names --type PER --corpus " + bsnlp), "accuracy"), kNamesPerFloor);
  EXPECT_GE(Figure(Eval("names --type LOC --corpus " + bsnlp), "accuracy"), kNamesLocFloor);
  EXPECT_GE(Figure(Eval("names --type ORG --corpus " + bsnlp), "accuracy"), kNamesOrgFloor);
}

TEST(Quality, LinkOnNerelDev) {
  const std::string dev = Corpus("nerel/dev");
  KTO_REQUIRE_PATH(dev);
  const auto figures = Eval("link --json --corpus " + dev);
  EXPECT_GE(Figure(figures, "precision"), kLinkNerelPrecisionFloor);
  EXPECT_GE(Figure(figures, "recall"), kLinkNerelRecallFloor);
  EXPECT_GE(Figure(figures, "name_accuracy"), kLinkNerelNamesFloor);
}

TEST(Quality, LinkOnBsnlp) {
  const std::string bsnlp = Corpus("bsnlp");
  KTO_REQUIRE_PATH(bsnlp);
  const auto figures = Eval("link --json --corpus " + bsnlp);
  EXPECT_GE(Figure(figures, "precision"), kLinkBsnlpPrecisionFloor);
  EXPECT_GE(Figure(figures, "recall"), kLinkBsnlpRecallFloor);
}

}  // namespace
