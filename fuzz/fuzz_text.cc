// UTF-8 validation and the document: any bytes are either refused with the
// offset of the first bad sequence or segmented into tokens and sentences
// that lie inside the text, in order, without overlap.
#include <cstdint>
#include <string>

#include "fuzz_util.h"
#include "kto/text/doc.h"
#include "kto/text/segment.h"
#include "kto/text/utf8.h"

using namespace kto;

namespace {

void CheckSegmented(const Doc& doc) {
  const size_t bytes = doc.text().size();
  uint32_t previous_end = 0;
  for (const Token& t : doc.tokens) {
    fuzz::Expect(t.begin < t.end && t.end <= bytes, "a token is empty or outside the text");
    fuzz::Expect(t.begin >= previous_end, "tokens overlap or are out of order");
    fuzz::ExpectValidUtf8(doc.TextOf(t), "a token splits a character");
    previous_end = t.end;
  }
  uint32_t next = 0;
  for (const Sentence& s : doc.sentences) {
    fuzz::Expect(s.begin == next && s.begin < s.end, "sentences do not tile the tokens");
    next = s.end;
  }
  fuzz::Expect(next == doc.tokens.size(), "sentences do not cover every token");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes = fuzz::AsText(data, size);
  const auto invalid = text::FindInvalidUtf8(bytes);
  fuzz::Expect(text::ValidateUtf8(bytes).ok() == !invalid.has_value(),
               "the two validators disagree");

  const std::string repaired = text::ReplaceInvalidUtf8(bytes);
  fuzz::ExpectValidUtf8(repaired, "ReplaceInvalidUtf8 left invalid UTF-8");
  if (!invalid) fuzz::Expect(repaired == bytes, "ReplaceInvalidUtf8 changed valid text");
  const std::u32string decoded = text::DecodeUtf8(repaired);
  fuzz::Expect(decoded.size() == text::CountCodePoints(repaired), "code point counts disagree");
  fuzz::Expect(text::EncodeUtf8(decoded) == repaired, "decoding and encoding do not round-trip");

  auto strict = Doc::FromUtf8(std::string(bytes), Utf8Policy::kStrict);
  fuzz::Expect(strict.ok() == !invalid.has_value(), "the strict policy disagrees with validation");
  auto lenient = Doc::FromUtf8(std::string(bytes), Utf8Policy::kLenient);
  fuzz::Expect(lenient.ok(), "the lenient policy refused a text");
  fuzz::Expect(lenient->text() == repaired, "the lenient policy repaired differently");
  text::Segment(&*lenient);
  CheckSegmented(*lenient);
  return 0;
}
