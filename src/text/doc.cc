#include "kto/text/doc.h"

#include "kto/text/utf8.h"

namespace kto {

Result<Doc> Doc::FromUtf8(std::string text, Utf8Policy policy) {
  if (text.size() >= kMaxBytes) {
    return Status::InvalidInput("text of " + std::to_string(text.size()) +
                                " bytes is too large: a document must be under 4 GiB");
  }
  if (policy == Utf8Policy::kLenient) {
    if (text::FindInvalidUtf8(text)) text = text::ReplaceInvalidUtf8(text);
    if (text.size() >= kMaxBytes) return Status::InvalidInput("repaired text is too large");
  } else if (Status s = text::ValidateUtf8(text); !s.ok()) {
    return s;
  }
  return Doc(std::move(text));
}

}  // namespace kto
