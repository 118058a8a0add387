// The RSS/Atom reader: any bytes give items of valid UTF-8 with normalized
// dates, or a refusal with a reason.
#include <cstdint>

#include "fuzz_util.h"
#include "kto/ingest/date.h"
#include "kto/ingest/feed.h"

using namespace kto;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto items = ingest::ParseFeed(fuzz::AsText(data, size));
  if (!items.ok()) {
    fuzz::Expect(!items.status().message().empty(), "a refusal without a reason");
    return 0;
  }
  for (const ingest::FeedItem& item : *items) {
    for (const std::string* field :
         {&item.external_id, &item.url, &item.source, &item.published_at, &item.title, &item.text})
      fuzz::ExpectValidUtf8(*field, "a feed item's field is not valid UTF-8");
    if (!item.published_at.empty())
      fuzz::Expect(ingest::NormalizeDate(item.published_at) == item.published_at,
                   "a feed item's date is not normalized");
  }
  return 0;
}
