// Reading brat, BSNLP and span JSON-lines corpora, on small fictional corpora.
#include "kto/eval/corpus.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include "kto/text/segment.h"
#include "test_util.h"

namespace kto::eval {
namespace {

namespace fs = std::filesystem;
using testing::TLine;
using testing::WriteFile;

std::string SpanText(const AnnotatedDoc& d, const GoldSpan& s) {
  return std::string(d.doc.text().substr(s.begin, s.end - s.begin));
}

const std::string kBratText =
    "Мэр Ольховки Анна Лесная встретилась с Игорем Кедровым из компании «Сосна».\n";

// One brat document: nested LOC inside a PROFESSION, a Wikidata reference,
// a NULL reference, a WORKS_AS relation and a type outside the flat view.
fs::path WriteBratCorpus(const std::string& name) {
  const fs::path dir = testing::TempDir(name);
  WriteFile(dir / "001.txt", kBratText);
  WriteFile(dir / "001.ann", TLine("T1", "PROFESSION", kBratText, "Мэр Ольховки") +
                                 TLine("T2", "CITY", kBratText, "Ольховки") +
                                 TLine("T3", "PERSON", kBratText, "Анна Лесная") +
                                 TLine("T4", "PERSON", kBratText, "Игорем Кедровым") +
                                 TLine("T5", "ORGANIZATION", kBratText, "Сосна") +
                                 TLine("T6", "EVENT", kBratText, "встретилась") +
                                 "R1\tWORKS_AS Arg1:T3 Arg2:T1\n"
                                 "N1\tReference T3 Wikidata:Q424242\tАнна Лесная\n"
                                 "N2\tReference T4 Wikidata:NULL\tнет данных\n");
  WriteFile(dir / "002.txt", "Игорь Кедров уехал.\n");
  WriteFile(dir / "002.ann", TLine("T1", "PERSON", "Игорь Кедров уехал.\n", "Игорь Кедров"));
  WriteFile(dir / "003.txt", "Без разметки.\n");  // no .ann: not a document
  return dir;
}

TEST(BratCorpus, FlatViewKeepsOutermostAndPositionsApart) {
  auto docs = LoadCorpus(WriteBratCorpus("flat").string(), CorpusFormat::kAuto);
  ASSERT_TRUE(docs.ok()) << docs.status().message();
  ASSERT_EQ(docs->size(), 2u);
  const AnnotatedDoc& d = (*docs)[0];
  EXPECT_TRUE(d.has_positions);
  ASSERT_EQ(d.entities.size(), 4u);
  EXPECT_EQ(SpanText(d, d.entities[0]), "Ольховки");
  EXPECT_EQ(d.entities[0].type, "LOC");
  EXPECT_EQ(SpanText(d, d.entities[1]), "Анна Лесная");
  EXPECT_EQ(d.entities[1].type, "PER");
  EXPECT_EQ(SpanText(d, d.entities[2]), "Игорем Кедровым");
  EXPECT_EQ(SpanText(d, d.entities[3]), "Сосна");
  EXPECT_EQ(d.entities[3].type, "ORG");
  ASSERT_EQ(d.positions.size(), 1u);
  EXPECT_EQ(SpanText(d, d.positions[0]), "Мэр Ольховки");
  EXPECT_EQ(d.positions[0].type, "POSITION");
}

// The level inside the flat view: «США» in the ORG «администрации США», not
// the ORG itself nor «Лесногорска», which is inside a position only.
TEST(BratCorpus, NestedEntitiesOneLevelDown) {
  const fs::path dir = testing::TempDir("nested");
  const std::string text =
      "Советник администрации США и мэр Лесногорска встретились в Музее Заречной области.\n";
  WriteFile(dir / "001.txt", text);
  WriteFile(dir / "001.ann", TLine("T1", "ORGANIZATION", text, "администрации США") +
                                 TLine("T2", "COUNTRY", text, "США") +
                                 TLine("T3", "PROFESSION", text, "мэр Лесногорска") +
                                 TLine("T4", "CITY", text, "Лесногорска") +
                                 TLine("T5", "ORGANIZATION", text, "Музее Заречной области") +
                                 TLine("T6", "STATE_OR_PROVINCE", text, "Заречной области") +
                                 TLine("T7", "LOCATION", text, "Заречной области"));
  auto docs = LoadCorpus(dir.string(), CorpusFormat::kBrat);
  ASSERT_TRUE(docs.ok()) << docs.status().message();
  const AnnotatedDoc& d = (*docs)[0];
  ASSERT_EQ(d.entities.size(), 3u);
  ASSERT_EQ(d.nested.size(), 2u);
  EXPECT_EQ(SpanText(d, d.nested[0]), "США");
  EXPECT_EQ(d.nested[0].type, "LOC");
  EXPECT_EQ(SpanText(d, d.nested[1]), "Заречной области");  // once, though annotated twice
}

TEST(BratCorpus, WikidataReferencesAndRelations) {
  auto docs = LoadCorpus(WriteBratCorpus("links").string(), CorpusFormat::kBrat);
  ASSERT_TRUE(docs.ok()) << docs.status().message();
  const AnnotatedDoc& d = (*docs)[0];
  // «Wikidata:NULL» is no gold id.
  ASSERT_EQ(d.linked_persons.size(), 1u);
  EXPECT_EQ(SpanText(d, d.linked_persons[0]), "Анна Лесная");
  EXPECT_EQ(d.linked_persons[0].link, "Q424242");
  EXPECT_EQ(d.linked_persons[0].label, "Анна Лесная");
  ASSERT_EQ(d.relations.size(), 1u);
  EXPECT_EQ(d.relations[0].type, "WORKS_AS");
  EXPECT_EQ(d.relations[0].from.type, "PERSON");
  EXPECT_EQ(d.relations[0].to.type, "PROFESSION");
  EXPECT_EQ(SpanText(d, d.relations[0].to), "Мэр Ольховки");
}

TEST(BratCorpus, FilterByDocumentId) {
  const fs::path dir = WriteBratCorpus("filter");
  DocumentFilter held_out;
  held_out.exclude = {"001"};
  auto rest = LoadCorpus(dir.string(), CorpusFormat::kBrat, held_out);
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ(fs::path((*rest)[0].name).stem(), "002");
  DocumentFilter only;
  only.only_listed = true;
  only.only = {"001"};
  auto one = LoadCorpus(dir.string(), CorpusFormat::kBrat, only);
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ(fs::path((*one)[0].name).stem(), "001");
  only.only = {"999"};
  EXPECT_EQ(LoadCorpus(dir.string(), CorpusFormat::kBrat, only).status().code(),
            StatusCode::kInvalidInput);
}

TEST(BratCorpus, Errors) {
  EXPECT_EQ(LoadCorpus("/no/such/folder", CorpusFormat::kAuto).status().code(),
            StatusCode::kNotFound);
  const fs::path empty = testing::TempDir("empty");
  EXPECT_EQ(LoadCorpus(empty.string(), CorpusFormat::kBrat).status().code(),
            StatusCode::kInvalidInput);
  const fs::path bad = testing::TempDir("bad");
  WriteFile(bad / "001.txt", "Коротко.\n");
  WriteFile(bad / "001.ann", "T1\tPERSON 0 400\tКоротко\n");
  auto docs = LoadCorpus(bad.string(), CorpusFormat::kBrat);
  EXPECT_EQ(docs.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(docs.status().message().find("001.ann:1"), std::string::npos);
}

TEST(DocumentIds, CommentsAndBlankLinesSkipped) {
  const fs::path dir = testing::TempDir("ids");
  WriteFile(dir / "ids.txt", "# held out\n003\n\n017\r\n");
  auto ids = ReadDocumentIds((dir / "ids.txt").string());
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, (std::set<std::string>{"003", "017"}));
  auto filter = ReadDocumentFilter((dir / "ids.txt").string(), "");
  ASSERT_TRUE(filter.ok());
  EXPECT_FALSE(filter->Keeps("003"));
  EXPECT_TRUE(filter->Keeps("004"));
  EXPECT_FALSE(ReadDocumentIds((dir / "none.txt").string()).ok());
}

// A BSNLP topic with one document (raw/file_7_ru.txt) and one annotation
// without its raw file.
fs::path WriteBsnlpCorpus(const std::string& name) {
  const fs::path root = testing::TempDir(name);
  WriteFile(root / "topic" / "raw" / "file_7_ru.txt",
            "7\nru\n2026-11-28\nhttp://example.org\nАнна Лесная приехала в Кедровск. АННА ЛЕСНАЯ "
            "довольна.\n");
  WriteFile(
      root / "topic" / "annotated" / "7.txt",
      "7\nанна лесная\tанна лесная\tPER\t1\nкедровск\tкедровск\tLOC\t2\nмост\tмост\tMISC\t3\n");
  WriteFile(root / "topic" / "annotated" / "8.txt", "8\nмост\tмост\tMISC\t3\n");
  return root;
}

TEST(BsnlpCorpus, EveryOccurrenceOfAFormWithItsTopicId) {
  auto docs = LoadCorpus(WriteBsnlpCorpus("bsnlp").string(), CorpusFormat::kAuto);
  ASSERT_TRUE(docs.ok()) << docs.status().message();
  ASSERT_EQ(docs->size(), 1u);
  const AnnotatedDoc& d = (*docs)[0];
  EXPECT_FALSE(d.has_positions);
  ASSERT_EQ(d.entities.size(), 3u);
  EXPECT_EQ(SpanText(d, d.entities[0]), "Анна Лесная");
  EXPECT_EQ(SpanText(d, d.entities[1]), "Кедровск");
  EXPECT_EQ(SpanText(d, d.entities[2]), "АННА ЛЕСНАЯ");
  ASSERT_EQ(d.linked_persons.size(), 2u);
  EXPECT_EQ(d.linked_persons[0].link, "topic:1");
  EXPECT_EQ(SpanText(d, d.linked_persons[1]), "АННА ЛЕСНАЯ");
  EXPECT_EQ(d.linked_persons[1].link, "topic:1");
}

TEST(BsnlpCorpus, Primitives) {
  const fs::path root = WriteBsnlpCorpus("primitives");
  auto files = ListBsnlpAnnotations(root.string());
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ(fs::path(BsnlpRawFile((*files)[0])).filename(), "file_7_ru.txt");
  EXPECT_EQ(BsnlpRawFile((*files)[1]), "");
  WriteFile(root / "topic" / "raw" / "file_8.txt", "8\nru\n\n\nМост.\n");
  EXPECT_EQ(fs::path(BsnlpRawFile((*files)[1])).filename(), "file_8.txt");
  auto text = ReadBsnlpText(BsnlpRawFile((*files)[1]));
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "Мост.\n");

  auto file = ReadFile((*files)[0]);
  ASSERT_TRUE(file.ok());
  const std::vector<BsnlpMention> mentions = ParseBsnlpAnnotation(*file);
  ASSERT_EQ(mentions.size(), 3u);
  EXPECT_EQ(mentions[1].form, "кедровск");
  EXPECT_EQ(mentions[1].type, "LOC");
  EXPECT_EQ(mentions[1].id, "2");
  EXPECT_TRUE(ParseBsnlpAnnotation("9\nбез\tтипа\n").empty());
}

TEST(BsnlpCorpus, DropLinesAndFindKeys) {
  EXPECT_EQ(DropLines("a\nb\nc", 2), "c");
  EXPECT_EQ(DropLines("a\nb", 4), "");
  EXPECT_EQ(DropLines("a\nb", 0), "a\nb");
  auto doc = Doc::FromUtf8("Вчера АННА Лесная и Пётр Сомов.");
  ASSERT_TRUE(doc.ok());
  text::Tokenize(&doc.value());
  const std::vector<std::string> keys = TokenKeys(*doc);
  EXPECT_EQ(FindKeys(keys, FormKeys("анна лесная")), 1u);
  EXPECT_EQ(FindKeys(keys, FormKeys("петр сомов")), 4u);  // ё folded
  EXPECT_EQ(FindKeys(keys, FormKeys("анна лесная"), 2), keys.size());
  EXPECT_EQ(FindKeys(keys, FormKeys("")), keys.size());
}

// Collection5's layout: offsets in code points (the text keeps «\r\n»),
// GEOPOLIT and MEDIA folded into the flat types, other types dropped.
const std::string kSpansLines =
    "{\"id\": \"a1\", \"text\": \"Губернатор\\r\\nЗаречья Игорь Кедров дал интервью "
    "«Вестнику».\", \"spans\": [{\"start\": 20, \"end\": 32, \"type\": \"PER\"}, "
    "{\"start\": 12, \"end\": 19, \"type\": \"GEOPOLIT\"}, "
    "{\"start\": 47, \"end\": 55, \"type\": \"MEDIA\"}, "
    "{\"start\": 33, \"end\": 36, \"type\": \"EVENT\"}]}\n"
    "\n"
    "{\"id\": \"a2\", \"text\": \"Ольховка.\", \"spans\": [{\"start\": 0, \"end\": 8, "
    "\"type\": \"LOC\"}]}\n";

// The folds of jackknifing partition the ids, by a hash of the id alone.
TEST(DocumentFilter, FoldsPartitionTheIds) {
  constexpr uint32_t kFolds = 5;
  std::vector<int> size(kFolds, 0);
  for (int i = 0; i < 1000; ++i) {
    const std::string id = std::to_string(i);
    int left_out_by = 0;
    for (uint32_t fold = 0; fold < kFolds; ++fold) {
      DocumentFilter filter;
      filter.folds = kFolds;
      filter.left_out_fold = fold;
      if (!filter.Keeps(id)) {
        ++left_out_by;
        EXPECT_EQ(FoldOf(id, kFolds), fold);
      }
    }
    EXPECT_EQ(left_out_by, 1) << id << " is in exactly one fold";
    ++size[FoldOf(id, kFolds)];
  }
  for (int s : size) EXPECT_NEAR(s, 200, 50);
  DocumentFilter listed;
  listed.exclude = {"7"};
  listed.folds = kFolds;
  listed.left_out_fold = (FoldOf("7", kFolds) + 1) % kFolds;
  EXPECT_FALSE(listed.Keeps("7"));  // both filters apply
}

TEST(SpansJsonlCorpus, CodePointOffsetsAndFlatTypes) {
  const fs::path path = testing::TempDir("spans") / "c5.jsonl";
  WriteFile(path, kSpansLines);
  auto docs = LoadCorpus(path.string(), CorpusFormat::kAuto);
  ASSERT_TRUE(docs.ok()) << docs.status().message();
  ASSERT_EQ(docs->size(), 2u);
  const AnnotatedDoc& d = (*docs)[0];
  EXPECT_FALSE(d.has_positions);
  ASSERT_EQ(d.entities.size(), 3u);  // sorted by start, EVENT dropped
  EXPECT_EQ(SpanText(d, d.entities[0]), "Заречья");
  EXPECT_EQ(d.entities[0].type, "LOC");
  EXPECT_EQ(SpanText(d, d.entities[1]), "Игорь Кедров");
  EXPECT_EQ(d.entities[1].type, "PER");
  EXPECT_EQ(SpanText(d, d.entities[2]), "Вестнику");
  EXPECT_EQ(d.entities[2].type, "ORG");

  DocumentFilter only_a2;
  only_a2.exclude = {"a1"};
  auto filtered = LoadCorpus(path.string(), CorpusFormat::kSpansJsonl, only_a2);
  ASSERT_TRUE(filtered.ok());
  ASSERT_EQ(filtered->size(), 1u);
  EXPECT_EQ(SpanText((*filtered)[0], (*filtered)[0].entities[0]), "Ольховка");
}

TEST(SpansJsonlCorpus, ReadsGzip) {
  const fs::path path = testing::TempDir("spans_gz") / "c5.jsonl.gz";
  gzFile out = gzopen(path.string().c_str(), "wb");
  ASSERT_NE(out, nullptr);
  ASSERT_EQ(gzwrite(out, kSpansLines.data(), static_cast<unsigned>(kSpansLines.size())),
            static_cast<int>(kSpansLines.size()));
  gzclose(out);
  auto docs = LoadCorpus(path.string(), CorpusFormat::kAuto);
  ASSERT_TRUE(docs.ok()) << docs.status().message();
  EXPECT_EQ(docs->size(), 2u);
}

TEST(SpansJsonlCorpus, MalformedLinesAreRefusedWithTheirLine) {
  const fs::path dir = testing::TempDir("spans_bad");
  const std::pair<std::string, std::string> cases[] = {
      {"{\"id\": \"x\", \"text\": \"Ольховка\"", "not a {"},
      {"{\"id\": \"x\", \"text\": \"Ольховка\", \"spans\": [{\"start\": 0, \"end\": 9, "
       "\"type\": \"LOC\"}]}",
       "outside the text"},
      {"{\"id\": \"x\", \"text\": \"Ольховка\", \"spans\": [{\"start\": -1, \"end\": 2, "
       "\"type\": \"LOC\"}]}",
       "start, end and type"},
      {"{\"id\": \"x\", \"text\": \"\xff\", \"spans\": []}", "not a {"},  // invalid UTF-8: no JSON
  };
  for (const auto& [line, message] : cases) {
    WriteFile(dir / "bad.jsonl", "{\"id\": \"ok\", \"text\": \"Да.\", \"spans\": []}\n" + line);
    auto docs = LoadCorpus((dir / "bad.jsonl").string(), CorpusFormat::kAuto);
    ASSERT_FALSE(docs.ok()) << line;
    EXPECT_NE(docs.status().message().find("bad.jsonl:2"), std::string::npos)
        << docs.status().message();
    EXPECT_NE(docs.status().message().find(message), std::string::npos) << docs.status().message();
  }
  WriteFile(dir / "empty.jsonl", "\n");
  EXPECT_FALSE(LoadCorpus((dir / "empty.jsonl").string(), CorpusFormat::kAuto).ok());
  EXPECT_FALSE(LoadCorpus((dir / "missing.jsonl").string(), CorpusFormat::kSpansJsonl).ok());
}

}  // namespace
}  // namespace kto::eval
