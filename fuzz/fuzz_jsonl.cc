// The JSON-lines reader: any bytes give accepted articles with valid,
// non-empty UTF-8 text or rejected lines with a reason; never a crash. The
// input's length picks the UTF-8 policy (odd: lenient).
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz_util.h"
#include "kto/ingest/ingest.h"

using namespace kto;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Utf8Policy policy = size % 2 == 1 ? Utf8Policy::kLenient : Utf8Policy::kStrict;
  std::istringstream in(std::string(fuzz::AsText(data, size)));
  size_t accepted = 0, rejected = 0;
  auto summary = ingest::ReadJsonLines(
      in, "fuzz.jsonl", 1, policy,
      [&](ingest::SourceArticle&& article) {
        fuzz::ExpectValidUtf8(article.text, "an accepted text is not valid UTF-8");
        fuzz::ExpectValidUtf8(article.title, "an accepted title is not valid UTF-8");
        fuzz::Expect(article.line >= 1, "an accepted article has no line number");
        ++accepted;
        return Status();
      },
      [&](const std::string& origin, const Status& why) {
        fuzz::Expect(!origin.empty() && !why.ok() && !why.message().empty(),
                     "a rejected line has no origin or reason");
        ++rejected;
      });
  fuzz::Expect(summary.ok(), "reading from memory failed");
  fuzz::Expect(summary->accepted == accepted && summary->rejected == rejected,
               "the summary miscounts");
  return 0;
}
