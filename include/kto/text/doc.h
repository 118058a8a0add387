// kto/text/doc.h — the document every pipeline stage reads and fills.
//
// A Doc owns one text (valid UTF-8, never modified after creation) and the
// arrays the stages compute over it, in pipeline order: tokens and sentences
// (module text); later stages add their own arrays. Tokens and sentences are
// small PODs addressing the text by byte offsets; printed offsets are code
// points (see utf8.h). No stage re-tokenizes: all work on `tokens`.
//
// Thread safety: a Doc is a value; one thread fills it, then any number may
// read it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kto/status.h"

namespace kto {

enum class TokenKind : uint8_t {
  kWord,  // letters and digits, with inner hyphens/apostrophes: «Нью-Йорк», «О'Коннор»
  kNumber,        // «8,1», «2 000», «1990-х», «28.11.2026», «10:30»
  kPunct,         // one mark or a run that acts as one: «.», «...», «?!», «—», «»»
  kInitial,       // one capital letter with its dot: «В.»
  kAbbreviation,  // a known abbreviation with its dot(s): «г.», «т.е.», «им.»
  kUrl,           // «https://example.org/a?b=1», «www.example.org», «kto.ru»
  kEmail,         // «press@example.org»
  kHashtag,       // «#выборы»
  kSymbol,        // anything else: «%», «№», «$», «+», emoji
};

// Bits of Token::flags.
namespace token_flags {
inline constexpr uint8_t kSpaceBefore = 1 << 0;      // any white space before the token
inline constexpr uint8_t kLineBreakBefore = 1 << 1;  // a line break in that white space
inline constexpr uint8_t kParagraphBefore = 1 << 2;  // two or more line breaks
inline constexpr uint8_t kUpperFirst = 1 << 3;       // first character is an upper-case letter
inline constexpr uint8_t kLowerFirst = 1 << 4;       // first character is a lower-case letter
inline constexpr uint8_t kAllUpper = 1 << 5;         // has letters, all of them upper case
inline constexpr uint8_t kCyrillic = 1 << 6;         // has a Cyrillic letter
inline constexpr uint8_t kLatin = 1 << 7;            // has a Latin letter
}  // namespace token_flags

struct Token {
  uint32_t begin = 0;  // byte offset of the first byte
  uint32_t end = 0;    // byte offset one past the last byte
  TokenKind kind = TokenKind::kWord;
  uint8_t flags = 0;  // token_flags bits

  bool Has(uint8_t flag) const { return (flags & flag) != 0; }
};

// Tokens [begin, end) of Doc::tokens: a mention, a phrase, a quote.
struct TokenSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
};

// A sentence: the span of its tokens.
using Sentence = TokenSpan;

// What to do with invalid UTF-8 when a Doc is made.
enum class Utf8Policy {
  kStrict,   // refuse the text, naming the byte offset of the first bad sequence
  kLenient,  // replace each bad sequence with U+FFFD (offsets then refer to the repaired text)
};

class Doc {
 public:
  // Texts are addressed with 32-bit byte offsets.
  static constexpr size_t kMaxBytes = UINT32_MAX;

  // Takes the text, checks it under `policy`. Fails with kInvalidInput for
  // invalid UTF-8 (strict) or a text of kMaxBytes or more.
  static Result<Doc> FromUtf8(std::string text, Utf8Policy policy = Utf8Policy::kStrict);

  std::string_view text() const { return text_; }
  std::string_view TextOf(const Token& token) const {
    return std::string_view(text_).substr(token.begin, token.end - token.begin);
  }

  // Filled by text::Tokenize, in text order, non-overlapping.
  std::vector<Token> tokens;
  // Filled by text::SplitSentences; cover every token, in order.
  std::vector<Sentence> sentences;

 private:
  explicit Doc(std::string text) : text_(std::move(text)) {}
  std::string text_;
};

}  // namespace kto
