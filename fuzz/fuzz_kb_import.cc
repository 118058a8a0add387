// `kto kb import` lines: any line is refused with a reason or parsed into a
// person the knowledge base takes (in a transaction rolled back after each
// input, so that the store stays small).
#include <cstdint>
#include <string>

#include "fuzz_util.h"
#include "kto/link/known_persons.h"
#include "kto/pipeline/search_tokenizer.h"

using namespace kto;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static store::Store* store = [] {
    const std::string path = fuzz::ScratchPath("kb.db");
    std::remove(path.c_str());
    return pipeline::OpenStore(path, fuzz::Models()).value().release();
  }();
  std::vector<link::KnownPerson> persons;
  const std::string_view input = fuzz::AsText(data, size);
  for (size_t begin = 0; begin <= input.size();) {
    size_t end = input.find('\n', begin);
    if (end == std::string_view::npos) end = input.size();
    auto person = link::ParseKnownPerson(input.substr(begin, end - begin));
    if (person.ok())
      persons.push_back(std::move(person).value());
    else
      fuzz::Expect(!person.status().message().empty(), "a line refused without a reason");
    begin = end + 1;
  }
  const Status rolled_back = store->Transaction([&]() -> Status {
    for (const link::KnownPerson& person : persons) {
      auto imported = link::ImportKnownPerson(*store, person);
      fuzz::Expect(imported.ok() || imported.status().code() == StatusCode::kInvalidInput,
                   "the store failed to take a parsed person");
    }
    return Status::Conflict("rolled back after each input");
  });
  fuzz::Expect(rolled_back.code() == StatusCode::kConflict, "the transaction did not roll back");
  return 0;
}
