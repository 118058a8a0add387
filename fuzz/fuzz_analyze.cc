// The whole analysis of `kto analyze` on arbitrary text: segmentation,
// morphology, NER, names, positions, quotes, organizations and places, then
// the JSON. The JSON parses, and every span's offsets are code points of the
// text that hold exactly the span's text.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "fuzz_util.h"
#include "kto/facts/article.h"
#include "kto/render/analysis_json.h"

using namespace kto;

namespace {

void CheckSpans(const nlohmann::json& value, const std::u32string& code_points) {
  if (value.is_array()) {
    for (const auto& v : value) CheckSpans(v, code_points);
    return;
  }
  if (!value.is_object()) return;
  if (value.contains("start")) {
    const int64_t start = value.at("start").get<int64_t>(), end = value.at("end").get<int64_t>();
    fuzz::Expect(0 <= start && start < end && end <= static_cast<int64_t>(code_points.size()),
                 "a span outside the text");
    if (value.contains("text") && !value.contains("field"))
      fuzz::Expect(text::EncodeUtf8(code_points.substr(start, end - start)) == value.at("text"),
                   "a span's offsets do not hold its text");
  }
  for (const auto& item : value.items()) CheckSpans(item.value(), code_points);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static auto* analyzer = pipeline::OpenArticleAnalyzer(fuzz::Models()).value().release();
  static auto* state = new facts::ArticleAnalyzer::State(*analyzer);
  auto doc = Doc::FromUtf8(std::string(fuzz::AsText(data, size)), Utf8Policy::kLenient);
  fuzz::Expect(doc.ok(), "the lenient policy refused a text");
  const facts::ArticleAnalysis analysis = analyzer->Analyze(&*doc, state);
  std::string out;
  render::JsonWriter json(&out);
  render::WriteAnalysisJson("\"fuzz\"", *doc, 0, analysis, nullptr, &json);
  const auto parsed = nlohmann::json::parse(out, nullptr, false);
  fuzz::Expect(!parsed.is_discarded(), "the analysis is not valid JSON");
  CheckSpans(parsed, text::DecodeUtf8(doc->text()));
  return 0;
}
