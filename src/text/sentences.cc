// The sentence splitter: decides after each token whether a sentence ends,
// from the token's kind and text and the shape of the next tokens.
#include <string>

#include "abbreviations.h"
#include "kto/text/case.h"
#include "kto/text/segment.h"
#include "kto/text/utf8.h"

namespace kto::text {
namespace {

using internal::Abbreviation;

bool IsOneOf(char32_t cp, std::u32string_view set) {
  return set.find(cp) != set.npos;
}

char32_t FirstCodePoint(std::string_view s) {
  if (s.empty()) return 0;
  const char* p = s.data();
  return DecodeValid(p);
}
char32_t LastCodePoint(std::string_view s) {
  if (s.empty()) return 0;
  size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  const char* p = s.data() + i;
  return DecodeValid(p);
}

constexpr std::u32string_view kClosers = U"»”\"’')]";
constexpr std::u32string_view kOpeners = U"«„“\"([";
constexpr std::u32string_view kDashes = U"—–-";

class Splitter {
 public:
  explicit Splitter(Doc* doc) : doc_(*doc), tokens_(doc->tokens) {}

  void Run() {
    doc_.sentences.clear();
    const uint32_t n = static_cast<uint32_t>(tokens_.size());
    uint32_t begin = 0;
    for (uint32_t i = 0; i < n; ++i) {
      uint32_t last = i;
      if (EndsSentence(i, &last) || last + 1 == n) {
        doc_.sentences.push_back({begin, last + 1});
        begin = last + 1;
        i = last;
      } else if (tokens_[i + 1].Has(token_flags::kLineBreakBefore) && LineEndsSentence(i)) {
        doc_.sentences.push_back({begin, i + 1});
        begin = i + 1;
      }
    }
  }

 private:
  std::string_view Text(uint32_t i) const { return doc_.TextOf(tokens_[i]); }

  // Does a sentence end after token i? On yes, *last is the last token of the
  // sentence (closing quotes and brackets after the terminal mark join it).
  bool EndsSentence(uint32_t i, uint32_t* last) {
    if (!IsTerminal(i)) return false;
    const uint32_t n = static_cast<uint32_t>(tokens_.size());
    uint32_t j = i;
    while (j + 1 < n && !tokens_[j + 1].Has(token_flags::kSpaceBefore) &&
           tokens_[j + 1].kind == TokenKind::kPunct &&
           IsOneOf(FirstCodePoint(Text(j + 1)), kClosers))
      ++j;
    *last = j;
    if (j + 1 >= n) return true;
    return StartsSentence(j + 1);
  }

  bool IsTerminal(uint32_t i) {
    const Token& t = tokens_[i];
    if (t.kind == TokenKind::kPunct) {
      const char32_t last = LastCodePoint(Text(i));
      return last == '.' || last == '!' || last == '?' || last == 0x2026;
    }
    if (t.kind != TokenKind::kAbbreviation) return false;
    LowerInto(Text(i), &scratch_);
    switch (internal::LookupAbbreviation(scratch_)) {
      case Abbreviation::kMayEnd:
        return true;
      case Abbreviation::kYear:
        return i > 0 && tokens_[i - 1].kind == TokenKind::kNumber;
      default:
        return false;
    }
  }

  // Could token j open a sentence after a terminal mark?
  bool StartsSentence(uint32_t j) const {
    const Token& t = tokens_[j];
    if (t.Has(token_flags::kLineBreakBefore)) return true;
    if (t.Has(token_flags::kLowerFirst)) return false;
    const char32_t first = FirstCodePoint(Text(j));
    if (t.kind == TokenKind::kPunct && IsOneOf(first, kDashes)) {
      // «Мы победим!» — сказал он.   vs   …домой. — Когда?
      return j + 1 < tokens_.size() && !tokens_[j + 1].Has(token_flags::kLowerFirst);
    }
    if (t.kind == TokenKind::kPunct) return IsOneOf(first, kOpeners);
    return true;  // capitalized word, number, initial, symbol...
  }

  // Token i ends a line: a sentence ends there unless the next line starts
  // lower case and so visibly continues it (a text wrapped by hand).
  bool LineEndsSentence(uint32_t i) const {
    const Token& next = tokens_[i + 1];
    return next.Has(token_flags::kParagraphBefore) || !next.Has(token_flags::kLowerFirst);
  }

  Doc& doc_;
  const std::vector<Token>& tokens_;
  std::string scratch_;
};

}  // namespace

void SplitSentences(Doc* doc) {
  Splitter(doc).Run();
}

}  // namespace kto::text
