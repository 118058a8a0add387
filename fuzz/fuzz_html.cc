// The HTML extractor: broken markup never fails, the text it gives is valid
// UTF-8 (invalid bytes refused under the strict policy, replaced under the
// lenient one), and a fragment's text too.
#include <cstdint>

#include "fuzz_util.h"
#include "kto/ingest/date.h"
#include "kto/ingest/html.h"

using namespace kto;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view html = fuzz::AsText(data, size);
  auto lenient = ingest::ExtractHtml(html, Utf8Policy::kLenient);
  fuzz::Expect(lenient.ok(), "the lenient extractor refused a page");
  for (const std::string* field :
       {&lenient->text, &lenient->title, &lenient->url, &lenient->source, &lenient->published_at})
    fuzz::ExpectValidUtf8(*field, "an extracted field is not valid UTF-8");
  if (!lenient->published_at.empty())
    fuzz::Expect(ingest::NormalizeDate(lenient->published_at) == lenient->published_at,
                 "an extracted date is not normalized");
  auto strict = ingest::ExtractHtml(html, Utf8Policy::kStrict);
  if (strict.ok())
    fuzz::Expect(strict->text == lenient->text, "the policies read valid text apart");
  else
    fuzz::Expect(strict.status().code() == StatusCode::kInvalidInput,
                 "a strict refusal of another kind");
  fuzz::ExpectValidUtf8(ingest::HtmlFragmentText(html), "a fragment's text is not valid UTF-8");
  return 0;
}
