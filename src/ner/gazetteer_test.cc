// The gazetteer: built from small made-up lists (and iso-codes' country
// names, which scripts/setup.sh installs), read back, and seen as features.
#include "gazetteer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "featurize.h"
#include "kto/base/container.h"
#include "kto/base/hash.h"
#include "kto/ner/train.h"
#include "kto/text/normalize.h"
#include "model_format.h"
#include "test_util.h"

namespace kto::ner {
namespace {

using namespace internal;

std::string Write(const std::string& name, const std::string& text) {
  const std::string path = testing::TempPath(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

GazetteerOptions Lists() {
  GazetteerOptions options;
  options.first_names = Write("names.tsv",
                              "text\tgender\tcount\n"
                              "Ферапонт\tm\t12\n"
                              "Иван\tm\t5000\n"
                              "Агафья\tf\t9\n"
                              "Редкобор\tm\t2\n");  // too rare
  options.patronymics = Write("patronymics.tsv",
                              "text\tgender\tfname\n"
                              "Ферапонтович\tm\tФерапонт\n"
                              "Ивановна\t\tИван\n"             // gender from the ending
                              "Редкоборович\tm\tРедкобор\n");  // of a rare name
  options.cities = Write("cities.csv",
                         "address,city,population\n"
                         "\"Заречная обл, г Лесногорск\",Лесногорск,1000\n"
                         "\"Заречная обл, г Верхний Бор\",Верхний Бор,500\n");
  options.countries = {"/usr/share/locale/ru/LC_MESSAGES/iso_3166-1.mo"};
  return options;
}

class GazetteerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto analyzer = morph::Analyzer::Open(KTO_MORPH_DICT_PATH);
    ASSERT_TRUE(analyzer.ok()) << analyzer.status().message();
    GazetteerOptions options = Lists();
    options.analyzer = *analyzer;
    path_ = testing::TempPath("gazetteer.bin");
    ASSERT_TRUE(BuildGazetteer(options, path_).ok());
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    bytes_ = bytes.str();
    auto file = base::Container::Parse(bytes_, kGazetteerMagic, kGazetteerFormatVersion);
    ASSERT_TRUE(file.ok()) << file.status().message();
    auto table = Gazetteer::FromSections(file->Find(kSectionGazetteerWords)->bytes,
                                         file->Find(kSectionGazetteerClasses)->bytes);
    ASSERT_TRUE(table.ok()) << table.status().message();
    gazetteer_ = *table;
  }
  uint16_t Classes(std::string_view word) const {
    return gazetteer_.Find(base::Fnv1a(text::MatchKey(word)));
  }
  static uint16_t Bit(int cls) { return static_cast<uint16_t>(1u << cls); }

  std::string path_, bytes_;
  Gazetteer gazetteer_;
};

TEST_F(GazetteerTest, ListsWithTheirInflectedForms) {
  EXPECT_EQ(Classes("Ферапонт"), Bit(kGazFirstNameMale));
  EXPECT_EQ(Classes("Ивану"), Bit(kGazFirstNameMale) | Bit(kGazFirstNameCommon));
  EXPECT_EQ(Classes("Агафья"), Bit(kGazFirstNameFemale));
  EXPECT_EQ(Classes("Редкобор"), 0);
  EXPECT_EQ(Classes("Ферапонтович"), Bit(kGazPatronymicMale));
  EXPECT_EQ(Classes("Ивановна"), Bit(kGazPatronymicFemale));
  EXPECT_EQ(Classes("Ивановной"), Bit(kGazPatronymicFemale));
  EXPECT_EQ(Classes("Редкоборович"), 0);
  EXPECT_EQ(Classes("Лесногорск"), Bit(kGazCity));
  EXPECT_EQ(Classes("Верхнего"), Bit(kGazCityPart));  // a word of «Верхний Бор»
  EXPECT_EQ(Classes("Германии") & Bit(kGazCountry), Bit(kGazCountry));
  EXPECT_EQ(Classes("встретился"), 0);
}

TEST_F(GazetteerTest, DeterministicAndSeenAsFeatures) {
  auto analyzer = morph::Analyzer::Open(KTO_MORPH_DICT_PATH);
  GazetteerOptions options = Lists();
  options.analyzer = *analyzer;
  const std::string again = testing::TempPath("gazetteer-again.bin");
  ASSERT_TRUE(BuildGazetteer(options, again).ok());
  std::ifstream in(again, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  EXPECT_TRUE(bytes.str() == bytes_);

  WordAnalysis word;
  AnalyzeWord("Лесногорск", nullptr, &word, {.gazetteer = &gazetteer_});
  EXPECT_NE(std::find(word.extra.begin(), word.extra.end(), "zj"), word.extra.end());
  AnalyzeWord("встретился", nullptr, &word, {.gazetteer = &gazetteer_});
  EXPECT_TRUE(word.extra.empty());
}

TEST_F(GazetteerTest, ModelTrainedWithItCarriesIt) {
  const std::string model_path = testing::TrainFixtureModelWith(
      "gazetteer-model.bin", [&](TrainOptions* train) { train->gazetteer = path_; });
  auto model = Model::Load(model_path);
  ASSERT_TRUE(model.ok()) << model.status().message();
  EXPECT_NE(model->get()->Meta().find("+gazetteer-1"), std::string::npos);
  EXPECT_TRUE(model->get()->data().gazetteer.has_value());
}

TEST(GazetteerBuild, BadListsAreRefused) {
  GazetteerOptions options = Lists();
  options.first_names = testing::TempPath("no-such-names.tsv");
  EXPECT_EQ(BuildGazetteer(options, testing::TempPath("g1.bin")).code(), StatusCode::kNotFound);
  options = Lists();
  options.countries = {Write("bad.mo", "not a catalogue")};
  EXPECT_EQ(BuildGazetteer(options, testing::TempPath("g2.bin")).code(), StatusCode::kCorrupt);
  options = Lists();
  options.cities = Write("no-city.csv", "address,town\nx,y\n");
  EXPECT_EQ(BuildGazetteer(options, testing::TempPath("g3.bin")).code(), StatusCode::kCorrupt);
  options = Lists();
  options.patronymics = Write("bad-utf8.tsv", "text\tgender\tfname\n\xff\xfe\tm\tИван\n");
  EXPECT_EQ(BuildGazetteer(options, testing::TempPath("g4.bin")).code(), StatusCode::kCorrupt);
}

TEST(GazetteerTable, CorruptSectionsAreRefused) {
  alignas(8) const uint64_t unsorted[2] = {5, 3};
  alignas(8) const uint16_t classes[2] = {1, 2};
  const std::string_view words(reinterpret_cast<const char*>(unsorted), sizeof unsorted);
  const std::string_view values(reinterpret_cast<const char*>(classes), sizeof classes);
  EXPECT_FALSE(Gazetteer::FromSections(words, values).ok());
  alignas(8) const uint64_t sorted[2] = {3, 5};
  const std::string_view good(reinterpret_cast<const char*>(sorted), sizeof sorted);
  EXPECT_FALSE(Gazetteer::FromSections(good, values.substr(0, 2)).ok());
  auto table = Gazetteer::FromSections(good, values);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->Find(5), 2);
  EXPECT_EQ(table->Find(4), 0);
}

}  // namespace
}  // namespace kto::ner
