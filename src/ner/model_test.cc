// The tagger with a model trained on the fixture corpus: spans are always
// well formed, odd texts do not break it, bad model files are refused.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <tuple>

#include "kto/ner/ner.h"
#include "model_format.h"
#include "test_util.h"

namespace kto::ner {
namespace {

using testing::Segmented;
using testing::TrainFixtureModelWith;

const std::string& FixtureModel() {
  static const std::string path = testing::TrainFixtureModel("model_test.bin");
  return path;
}

std::unique_ptr<Model> LoadFixture() {
  auto model = Model::Load(FixtureModel());
  EXPECT_TRUE(model.ok()) << model.status().message();
  return model.ok() ? std::move(model).value() : nullptr;
}

// Spans in order, non-overlapping, non-empty, inside one sentence.
void ExpectWellFormed(const Doc& doc, const std::vector<Span>& spans, size_t types) {
  uint32_t last_end = 0;
  size_t sentence = 0;
  for (const Span& s : spans) {
    ASSERT_LT(s.begin, s.end);
    ASSERT_LE(s.end, doc.tokens.size());
    ASSERT_GE(s.begin, last_end);
    ASSERT_LT(s.type, types);
    last_end = s.end;
    while (sentence < doc.sentences.size() && doc.sentences[sentence].end <= s.begin) ++sentence;
    ASSERT_LT(sentence, doc.sentences.size());
    EXPECT_LE(s.end, doc.sentences[sentence].end) << "a span crosses sentences";
  }
}

Annotations TagText(const Model& model, const std::string& text, Doc* doc_out = nullptr) {
  Doc doc = Segmented(text);
  State state;
  Annotations found;
  Tag(model, doc, &state, &found);
  ExpectWellFormed(doc, found.entities, model.EntityTypes().size());
  ExpectWellFormed(doc, found.positions, 1);
  if (doc_out != nullptr) *doc_out = std::move(doc);
  return found;
}

TEST(NerModel, FindsFixtureEntities) {
  auto model = LoadFixture();
  ASSERT_NE(model, nullptr);
  EXPECT_EQ(model->EntityTypes(), (std::vector<std::string>{"PER", "ORG", "LOC"}));
  EXPECT_NE(model->Meta().find("seed=1"), std::string_view::npos);
  Doc doc = Segmented("");
  const Annotations found =
      TagText(*model, "Мэр Кедровска Анна Лесная посетила Ольховку в понедельник.", &doc);
  std::vector<std::string> texts;
  for (const Span& s : found.entities) {
    const uint32_t b = doc.tokens[s.begin].begin, e = doc.tokens[s.end - 1].end;
    texts.push_back(std::string(doc.text().substr(b, e - b)) + "/" + model->EntityTypes()[s.type]);
  }
  EXPECT_NE(std::find(texts.begin(), texts.end(), "Анна Лесная/PER"), texts.end())
      << ::testing::PrintToString(texts);
  EXPECT_FALSE(found.positions.empty());
}

TEST(NerModel, OddTexts) {
  auto model = LoadFixture();
  ASSERT_NE(model, nullptr);
  EXPECT_TRUE(TagText(*model, "").entities.empty());
  EXPECT_TRUE(TagText(*model, "   \n\n ").entities.empty());
  TagText(*model, "... !!! ??? — «» () ;;; ,,, “” …");
  TagText(*model, "John Smith met Mary Jones in London on Monday.");
  TagText(*model,
          "Иван Кedров и iPhone 15 Pro в Кедровске; 北京 и Москва; "
          "emoji 🙂 Анна Лесная.");
  TagText(*model, "Кедров");
  TagText(*model, "«Кедров");  // an unclosed quote
}

TEST(NerModel, TenMegabyteText) {
  auto model = LoadFixture();
  ASSERT_NE(model, nullptr);
  const std::string sentence =
      "Мэр Кедровска Иван Кедров встретился с руководством компании «Северный мост». ";
  std::string text;
  while (text.size() < 10'000'000) text += sentence;
  text += "Слово";  // no final dot
  Doc doc = Segmented(text);
  State state;
  Annotations found;
  Tag(*model, doc, &state, &found);
  ExpectWellFormed(doc, found.entities, 3);
  EXPECT_GT(found.entities.size(), 100'000u);
  // One huge sentence: no sentence breaks at all.
  std::string words;
  for (int i = 0; words.size() < 1'000'000; ++i) words += "слово" + std::to_string(i) + " Кедров ";
  Doc one = Segmented(words);
  Tag(*model, one, &state, &found);
  ExpectWellFormed(one, found.entities, 3);
}

// Spans as (begin, end, type) triples: comparable and printable.
std::vector<std::tuple<uint32_t, uint32_t, int>> Triples(const std::vector<Span>& spans) {
  std::vector<std::tuple<uint32_t, uint32_t, int>> out;
  for (const Span& s : spans) out.emplace_back(s.begin, s.end, s.type);
  return out;
}

// What `model` finds in `doc` with a fresh State.
Annotations TagFresh(const Model& model, const Doc& doc) {
  State state;
  Annotations found;
  Tag(model, doc, &state, &found);
  return found;
}

// One State serves two models that differ (another seed, one epoch, smaller
// tables) and several documents in turn: each result is the one a fresh State
// gives, so nothing one model or document leaves in the State leaks into the
// next.
TEST(NerModel, StateReusableAcrossModelsAndDocs) {
  auto a = LoadFixture();
  auto b_loaded = Model::Load(TrainFixtureModelWith("model_test_other.bin", [](TrainOptions* o) {
    o->seed = 2;
    o->epochs = 1;
    o->entity_bucket_bits = 10;
    o->position_bucket_bits = 9;
  }));
  ASSERT_NE(a, nullptr);
  ASSERT_TRUE(b_loaded.ok()) << b_loaded.status().message();
  const Model& b = **b_loaded;
  const std::vector<Doc> docs = {
      Segmented("Анна Лесная приехала в Кедровск."),
      Segmented("Мэр Кедровска Иван Кедров встретился с директором компании «Северный мост» "
                "Ольгой Ольховой в Лесногорске."),
      Segmented("Губернатор Северной области Пётр Ельников открыл школу. Анна Лесная и Иван "
                "Кедров поздравили учеников."),
  };
  bool models_differ = false;
  for (const Doc& doc : docs) {
    const Annotations fa = TagFresh(*a, doc), fb = TagFresh(b, doc);
    models_differ |= Triples(fa.entities) != Triples(fb.entities) ||
                     Triples(fa.positions) != Triples(fb.positions);
  }
  // Otherwise a State that kept the first model's scores would go unnoticed.
  ASSERT_TRUE(models_differ) << "the two models tag the test documents alike";

  State state;
  for (int round = 0; round < 2; ++round) {
    for (const Model* model : {static_cast<const Model*>(a.get()), &b}) {
      for (const Doc& doc : docs) {
        Annotations shared;
        Tag(*model, doc, &state, &shared);
        const Annotations fresh = TagFresh(*model, doc);
        EXPECT_EQ(Triples(shared.entities), Triples(fresh.entities)) << doc.text();
        EXPECT_EQ(Triples(shared.positions), Triples(fresh.positions)) << doc.text();
      }
    }
  }
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteAll(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

Status LoadBytes(const std::string& bytes) {
  const std::string path = testing::TempPath("bad.bin");
  WriteAll(path, bytes);
  auto model = Model::Load(path);
  return model.status();
}

TEST(NerModel, BadFilesAreRefused) {
  auto missing = Model::Load(testing::TempPath("no-such-model.bin"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("no-such-model.bin"), std::string::npos);

  const std::string good = ReadAll(FixtureModel());
  ASSERT_GT(good.size(), 1000u);
  EXPECT_EQ(LoadBytes("").code(), StatusCode::kCorrupt);
  EXPECT_EQ(LoadBytes("hello").code(), StatusCode::kCorrupt);
  for (size_t cut : {size_t{16}, size_t{40}, good.size() / 2, good.size() - 1}) {
    const Status s = LoadBytes(good.substr(0, cut));
    EXPECT_EQ(s.code(), StatusCode::kCorrupt) << cut;
    EXPECT_FALSE(s.message().empty());
  }
  std::string bad_magic = good;
  bad_magic[0] = 'X';
  EXPECT_NE(LoadBytes(bad_magic).message().find("magic"), std::string::npos);
  std::string newer = good;
  const uint32_t version = internal::kFormatVersion + 1;
  std::memcpy(&newer[8], &version, 4);
  const Status v = LoadBytes(newer);
  EXPECT_EQ(v.code(), StatusCode::kCorrupt);
  EXPECT_NE(v.message().find("version"), std::string::npos);
  std::string flipped = good;
  flipped[good.size() / 2] ^= 0x40;
  EXPECT_NE(LoadBytes(flipped).message().find("checksum"), std::string::npos);
  std::string longer = good + "junk";
  EXPECT_EQ(LoadBytes(longer).code(), StatusCode::kCorrupt);
  EXPECT_TRUE(LoadBytes(good).ok());
}

}  // namespace
}  // namespace kto::ner
