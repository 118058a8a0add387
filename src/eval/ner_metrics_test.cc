// NER scores on a small fictional corpus: perfect, empty and partial
// predictions.
#include "kto/eval/ner_metrics.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace kto::eval {
namespace {

using testing::TLine;

const std::vector<std::string> kTypes = {"PER", "ORG", "LOC"};

std::vector<AnnotatedDoc> Corpus() {
  const std::string text = "Анна Лесная работает директором завода «Кедр» в Ольховке.\n";
  const auto dir = testing::TempDir("ner");
  testing::WriteFile(dir / "001.txt", text);
  testing::WriteFile(dir / "001.ann", TLine("T1", "PERSON", text, "Анна Лесная") +
                                          TLine("T2", "ORGANIZATION", text, "Кедр") +
                                          TLine("T3", "CITY", text, "Ольховке") +
                                          TLine("T4", "PROFESSION", text, "директором завода"));
  auto docs = LoadCorpus(dir.string(), CorpusFormat::kBrat);
  EXPECT_TRUE(docs.ok()) << docs.status().message();
  return docs.ok() ? std::move(docs).value() : std::vector<AnnotatedDoc>{};
}

// The gold spans as token spans (the corpus is token-aligned).
ner::Annotations AsPredicted(const AnnotatedDoc& d) {
  ner::Annotations out;
  auto convert = [&](const std::vector<GoldSpan>& spans, std::vector<ner::Span>* to) {
    for (const GoldSpan& g : spans) {
      ner::Span s;
      for (uint32_t t = 0; t < d.doc.tokens.size(); ++t) {
        if (d.doc.tokens[t].begin == g.begin) s.begin = t;
        if (d.doc.tokens[t].end == g.end) s.end = t + 1;
      }
      s.type = g.type == "ORG" ? 1 : g.type == "LOC" ? 2 : 0;
      to->push_back(s);
    }
  };
  convert(d.entities, &out.entities);
  convert(d.positions, &out.positions);
  return out;
}

TEST(NerMetrics, PerfectAndEmptyPredictions) {
  const std::vector<AnnotatedDoc> docs = Corpus();
  ASSERT_EQ(docs.size(), 1u);
  Evaluator perfect(kTypes), empty(kTypes);
  perfect.Add(docs[0], AsPredicted(docs[0]));
  empty.Add(docs[0], ner::Annotations{});
  EXPECT_DOUBLE_EQ(perfect.report().token_all.F1(), 1.0);
  EXPECT_DOUBLE_EQ(perfect.report().span_all.F1(), 1.0);
  EXPECT_DOUBLE_EQ(perfect.report().position_span.F1(), 1.0);
  EXPECT_EQ(perfect.report().span_all.tp, 3u);
  EXPECT_EQ(empty.report().token_all.tp, 0u);
  EXPECT_EQ(empty.report().span_all.fn, 3u);
  EXPECT_EQ(empty.report().position_span.fn, 1u);
  EXPECT_NE(FormatReport(perfect.report()).find("PER"), std::string::npos);
  EXPECT_NE(FormatSummary(empty.report()).find("span F1 0.0000"), std::string::npos);
}

TEST(NerMetrics, WrongTypeAndShortSpan) {
  const std::vector<AnnotatedDoc> docs = Corpus();
  ASSERT_EQ(docs.size(), 1u);
  ner::Annotations predicted = AsPredicted(docs[0]);
  predicted.entities[0].end -= 1;  // «Анна» only
  predicted.entities[1].type = 2;  // «Кедр» as LOC
  Evaluator evaluator(kTypes);
  evaluator.Add(docs[0], predicted);
  const EvalReport& r = evaluator.report();
  // PER: «Анна» right at token level, «Лесная» missed; the span is wrong.
  EXPECT_EQ(r.token[0].tp, 1u);
  EXPECT_EQ(r.token[0].fn, 1u);
  EXPECT_EQ(r.span[0].fp, 1u);
  EXPECT_EQ(r.span[0].fn, 1u);
  // ORG predicted as LOC: an ORG miss and a LOC false positive.
  EXPECT_EQ(r.span[1].fn, 1u);
  EXPECT_EQ(r.span[2].fp, 1u);
  EXPECT_EQ(r.span[2].tp, 1u);
  EXPECT_EQ(r.confusion[2][3], 1u);  // gold ORG token predicted LOC
  EXPECT_EQ(r.docs, 1u);
}

}  // namespace
}  // namespace kto::eval
