#include "kto/facts/phrase.h"

#include <gtest/gtest.h>

#include <memory>

#include "kto/text/segment.h"

namespace kto::facts {
namespace {

class PhraseTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto analyzer = morph::Analyzer::Open(KTO_MORPH_DICT_PATH);
    ASSERT_TRUE(analyzer.ok()) << analyzer.status().message();
    analyzer_ = new std::shared_ptr<const morph::Analyzer>(std::move(analyzer).value());
  }
  static void TearDownTestSuite() { delete analyzer_; }

  std::string Nominative(const std::string& phrase) {
    auto doc = Doc::FromUtf8(phrase);
    text::Segment(&doc.value());
    morph::AnalyzerCache cache(*analyzer_);
    morph::DocMorphology morphology;
    morph::AnalyzeDoc(*doc, &cache, &morphology);
    return NominativePhrase(*doc, morphology, **analyzer_, 0,
                            static_cast<uint32_t>(doc->tokens.size()));
  }

  static std::shared_ptr<const morph::Analyzer>* analyzer_;
};
std::shared_ptr<const morph::Analyzer>* PhraseTest::analyzer_ = nullptr;

TEST_F(PhraseTest, PositionsOrganizationsPlaces) {
  const std::pair<const char*, const char*> cases[] = {
      {"министром природных ресурсов и охраны окружающей среды",
       "министр природных ресурсов и охраны окружающей среды"},
      {"губернатора Северской области", "губернатор Северской области"},
      {"Северской области", "Северская область"},
      {"Соединённых Штатах", "Соединённые Штаты"},
      {"бывшего министра транспорта", "бывший министр транспорта"},
      {"Министерства обороны", "Министерство обороны"},
      {"Государственной думы", "Государственная дума"},
      {"Беларуси", "Беларусь"},
      {"президентом", "президент"},
      {"главе района", "глава района"},
      {"Светлую", "Светлая"},
      {"заместителем председателя правительства области",
       "заместитель председателя правительства области"},
  };
  for (const auto& [phrase, expected] : cases) EXPECT_EQ(Nominative(phrase), expected) << phrase;
}

TEST_F(PhraseTest, LeavesWhatItCannotOrNeedNotChange) {
  EXPECT_EQ(Nominative("губернатор области"), "губернатор области");
  EXPECT_EQ(Nominative("«Северного сияния»"), "«Северного сияния»");
  EXPECT_EQ(Nominative("МВД"), "МВД");
  EXPECT_EQ(Nominative(""), "");
}

}  // namespace
}  // namespace kto::facts
