// The tokenizer: one left-to-right pass over valid UTF-8, one code point of
// lookahead for most decisions, a bounded scan for URLs, e-mails and
// abbreviation chains. See segment.h for the rules.
#include <algorithm>
#include <string>

#include "abbreviations.h"
#include "chars.h"
#include "kto/text/case.h"
#include "kto/text/segment.h"
#include "kto/text/utf8.h"

namespace kto::text {
namespace {

using internal::CharClass;
using internal::Classify;
using internal::IsLetter;
using internal::IsWordChar;

struct Char {
  char32_t cp = 0;
  CharClass cls = CharClass::kOther;
  uint32_t len = 0;  // 0 at the end of the text
};

bool IsAsciiAlnum(char32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}
char32_t AsciiLower(char32_t cp) {
  return cp >= 'A' && cp <= 'Z' ? cp + 0x20 : cp;
}
bool IsThousandsSpace(char32_t cp) {
  return cp == ' ' || cp == 0x00A0 || cp == 0x202F || cp == 0x2009;
}
// Characters that end a URL: white space is checked separately.
bool EndsUrl(char32_t cp) {
  switch (cp) {
    case '"':
    case '<':
    case '>':
    case '{':
    case '}':
    case '|':
    case '\\':
    case '^':
    case '`':
    case 0xAB:
    case 0xBB:
    case 0x201C:
    case 0x201D:
    case 0x201E:
      return true;
    default:
      return false;
  }
}
// Characters a URL rarely ends with; at the end they belong to the sentence.
bool TrailingUrlPunct(char32_t cp) {
  switch (cp) {
    case '.':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case '\'':
    case ')':
    case ']':
    case 0x2019:
      return true;
    default:
      return false;
  }
}
bool IsKnownTld(std::string_view tld) {
  static constexpr std::string_view kTlds[] = {
      "ru", "com", "org", "net", "info", "su", "by", "ua", "kz",     "uk",   "de",
      "io", "gov", "edu", "me",  "tv",   "fm", "eu", "us", "online", "news", "media"};
  for (std::string_view t : kTlds) {
    if (tld.size() == t.size()) {
      bool same = true;
      for (size_t i = 0; i < t.size(); ++i)
        same &= AsciiLower(tld[i]) == static_cast<char32_t>(t[i]);
      if (same) return true;
    }
  }
  return false;
}

class Tokenizer {
 public:
  Tokenizer(std::string_view text, std::vector<Token>* out) : s_(text), out_(out) {}

  void Run() {
    out_->clear();
    out_->reserve(s_.size() / 6 + 1);
    size_t pos = 0;
    int line_breaks = 0;
    uint8_t space_flags = 0;
    while (pos < s_.size()) {
      const Char c = At(pos);
      if (IsSpaceLike(c)) {
        space_flags |= token_flags::kSpaceBefore;
        if (c.cls == CharClass::kLineBreak) {
          // \r\n is one line break.
          if (!(c.cp == '\r' && At(pos + 1).cp == '\n')) ++line_breaks;
          space_flags |= token_flags::kLineBreakBefore;
          if (line_breaks >= 2) space_flags |= token_flags::kParagraphBefore;
        }
        pos += c.len;
        continue;
      }
      TokenKind kind = TokenKind::kWord;
      const size_t end = ScanToken(pos, c, &kind);
      Emit(pos, end, kind, space_flags);
      pos = end;
      space_flags = 0;
      line_breaks = 0;
    }
  }

 private:
  Char At(size_t pos) const {
    if (pos >= s_.size()) return {};
    const char* p = s_.data() + pos;
    const char* q = p;
    const char32_t cp = DecodeValid(q);
    return {cp, Classify(cp), static_cast<uint32_t>(q - p)};
  }

  static bool IsSpaceLike(const Char& c) {
    switch (c.cls) {
      case CharClass::kSpace:
      case CharClass::kLineBreak:
      case CharClass::kFormat:
        return true;
      case CharClass::kOther:
        return c.cp < 0x20 || (c.cp >= 0x7F && c.cp < 0xA0);  // control characters
      default:
        return false;
    }
  }

  // Returns the end of the token starting at `pos` with character `c`.
  size_t ScanToken(size_t pos, const Char& c, TokenKind* kind) {
    if (IsAsciiAlnum(c.cp)) {
      if (size_t end = ScanUrl(pos)) {
        *kind = TokenKind::kUrl;
        return end;
      }
      if (size_t end = ScanEmail(pos)) {
        *kind = TokenKind::kEmail;
        return end;
      }
    }
    if (IsLetter(c.cls) || c.cls == CharClass::kMark) return ScanWord(pos, kind);
    if (c.cls == CharClass::kDigit) {
      *kind = TokenKind::kNumber;
      return ScanNumber(pos);
    }
    if (c.cp == '#' && IsWordChar(At(pos + 1).cls)) {
      *kind = TokenKind::kHashtag;
      size_t p = pos + 1;
      for (Char n = At(p); IsWordChar(n.cls) || n.cp == '_'; n = At(p)) p += n.len;
      return p;
    }
    if (c.cls == CharClass::kPunct) {
      *kind = TokenKind::kPunct;
      return ScanPunct(pos, c);
    }
    *kind = TokenKind::kSymbol;
    return ScanSymbol(pos + c.len);
  }

  // The rest of a symbol: combining marks, variation selectors, emoji skin
  // tones, and further symbols joined by a zero-width joiner («👩‍💻»).
  size_t ScanSymbol(size_t p) const {
    while (true) {
      const Char n = At(p);
      if (n.cls == CharClass::kMark || (n.cp >= 0x1F3FB && n.cp <= 0x1F3FF)) {
        p += n.len;
      } else if (n.cp == 0x200D && At(p + n.len).cls == CharClass::kSymbol) {
        p += n.len + At(p + n.len).len;
      } else {
        return p;
      }
    }
  }

  // Letters, digits and marks, joined across inner hyphens («Нью-Йорк»),
  // apostrophes between letters («О'Коннор») and invisible format characters.
  size_t ScanWordBody(size_t pos) const {
    size_t p = pos;
    CharClass prev = CharClass::kOther;
    while (true) {
      const Char c = At(p);
      if (IsWordChar(c.cls)) {
        prev = c.cls;
        p += c.len;
        continue;
      }
      if (p == pos) break;
      const Char next = At(p + c.len);
      const bool joins = (c.cls == CharClass::kFormat && IsWordChar(next.cls)) ||
                         (internal::IsJoiningHyphen(c.cp) && IsWordChar(next.cls) &&
                          next.cls != CharClass::kMark) ||
                         (internal::IsApostrophe(c.cp) && IsLetter(prev) && IsLetter(next.cls));
      if (!joins) break;
      p += c.len;
    }
    return p;
  }

  // A word, or an initial («В.») or abbreviation («т.е.», «г.») with its dots.
  size_t ScanWord(size_t pos, TokenKind* kind) {
    const size_t end = ScanWordBody(pos);
    *kind = TokenKind::kWord;
    if (At(end).cp != '.') return end;
    const Char first = At(pos);
    if (first.len == end - pos && first.cls == CharClass::kUpper) {
      *kind = TokenKind::kInitial;
      return end + 1;
    }
    // A chain of short parts: «т.е.», «и.о.».
    size_t chain_end = end + 1;
    int parts = 1;
    while (true) {
      size_t p = chain_end;
      int letters = 0;
      for (Char c = At(p); IsLetter(c.cls) && letters <= 3; c = At(p)) {
        p += c.len;
        ++letters;
      }
      if (letters == 0 || letters > 3 || At(p).cp != '.') break;
      chain_end = p + 1;
      ++parts;
    }
    if (parts >= 2 && IsAbbreviation(pos, chain_end)) {
      *kind = TokenKind::kAbbreviation;
      return chain_end;
    }
    if (IsAbbreviation(pos, end + 1)) {
      *kind = TokenKind::kAbbreviation;
      return end + 1;
    }
    return end;
  }

  bool IsAbbreviation(size_t begin, size_t end) {
    if (end - begin > 16) return false;
    LowerInto(s_.substr(begin, end - begin), &scratch_);
    return internal::LookupAbbreviation(scratch_) != internal::Abbreviation::kUnknown;
  }

  size_t ScanDigits(size_t p) const {
    for (Char c = At(p); c.cls == CharClass::kDigit; c = At(p)) p += c.len;
    return p;
  }

  // «8,1», «3.5», «28.11.2026», «10:30», «2 000 000», «1990-х».
  size_t ScanNumber(size_t pos) const {
    size_t p = ScanDigits(pos);
    bool grouped_integer = p - pos <= 3;  // may still take thousand groups
    while (true) {
      const Char c = At(p);
      if ((c.cp == ',' || c.cp == '.' || c.cp == ':') && At(p + 1).cls == CharClass::kDigit) {
        p = ScanDigits(p + 1);
        grouped_integer = false;
        continue;
      }
      if (grouped_integer && IsThousandsSpace(c.cp)) {
        const size_t group = p + c.len;
        const size_t group_end = ScanDigits(group);
        if (group_end - group == 3) {
          p = group_end;
          continue;
        }
      }
      break;
    }
    const Char c = At(p);
    if (internal::IsJoiningHyphen(c.cp) && IsLetter(At(p + 1).cls)) p = ScanWordBody(p + 1);
    return p;
  }

  size_t ScanPunct(size_t pos, const Char& c) const {
    size_t p = pos + c.len;
    if (c.cp == '.' || c.cp == '-') {
      while (At(p).cp == c.cp) ++p;  // «...», «--»
    } else if (c.cp == '?' || c.cp == '!') {
      for (Char n = At(p); n.cp == '?' || n.cp == '!' || n.cp == '.' || n.cp == 0x2026; n = At(p))
        p += n.len;  // «?!», «!!!», «?..»
    }
    return p;
  }

  // «https://…», «www.…» or a bare domain with a known TLD («kto.ru/about»).
  size_t ScanUrl(size_t pos) const {
    const std::string_view rest = s_.substr(pos);
    auto starts_with = [&](std::string_view prefix) {
      if (rest.size() < prefix.size()) return false;
      for (size_t i = 0; i < prefix.size(); ++i)
        if (AsciiLower(rest[i]) != static_cast<char32_t>(prefix[i])) return false;
      return true;
    };
    size_t p;
    if (starts_with("https://") || starts_with("http://") || starts_with("ftp://") ||
        starts_with("www.")) {
      p = pos + rest.find_first_of(":.") + 1;
    } else {
      p = ScanDomain(pos);
      if (p == 0) return 0;
      if (At(p).cp != '/') return p;
    }
    for (Char c = At(p); c.len > 0 && !IsSpaceLike(c) && !EndsUrl(c.cp); c = At(p)) p += c.len;
    // Give trailing punctuation back, keeping a «)» that closes a «(» inside.
    while (p > pos) {
      const char last = s_[p - 1];
      if (!TrailingUrlPunct(static_cast<unsigned char>(last))) break;
      if (last == ')') {
        const std::string_view url = s_.substr(pos, p - pos);
        if (std::count(url.begin(), url.end(), '(') >= std::count(url.begin(), url.end(), ')'))
          break;
      }
      --p;
    }
    return p;
  }

  // ASCII labels joined by dots, the last one a known TLD, not followed by a
  // word character. Returns the end, or 0.
  size_t ScanDomain(size_t pos) const {
    size_t p = pos, label_start = pos;
    int dots = 0;
    while (p < s_.size()) {
      const char32_t ch = static_cast<unsigned char>(s_[p]);
      if (IsAsciiAlnum(ch) || ch == '-') {
        ++p;
      } else if (ch == '.' && p > label_start && p + 1 < s_.size() &&
                 IsAsciiAlnum(static_cast<unsigned char>(s_[p + 1]))) {
        ++dots;
        label_start = ++p;
      } else {
        break;
      }
    }
    if (dots == 0 || IsWordChar(At(p).cls)) return 0;
    return IsKnownTld(s_.substr(label_start, p - label_start)) ? p : 0;
  }

  // local@domain.tld with ASCII parts.
  size_t ScanEmail(size_t pos) const {
    auto is_local = [](char32_t ch) {
      return IsAsciiAlnum(ch) || ch == '.' || ch == '_' || ch == '%' || ch == '+' || ch == '-';
    };
    size_t p = pos;
    while (p < s_.size() && is_local(static_cast<unsigned char>(s_[p]))) ++p;
    if (p == pos || p >= s_.size() || s_[p] != '@') return 0;
    const size_t domain_end = ScanDomainLoose(p + 1);
    return domain_end;
  }

  // Domain after «@»: labels and dots, at least one dot, trailing dots dropped.
  size_t ScanDomainLoose(size_t pos) const {
    size_t p = pos;
    while (p < s_.size()) {
      const char32_t ch = static_cast<unsigned char>(s_[p]);
      if (!(IsAsciiAlnum(ch) || ch == '-' || ch == '.')) break;
      ++p;
    }
    while (p > pos && (s_[p - 1] == '.' || s_[p - 1] == '-')) --p;
    const std::string_view domain = s_.substr(pos, p - pos);
    const size_t dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || domain.size() - dot - 1 < 2) return 0;
    return p;
  }

  void Emit(size_t begin, size_t end, TokenKind kind, uint8_t flags) {
    if (kind != TokenKind::kPunct && kind != TokenKind::kSymbol) flags |= LetterFlags(begin, end);
    out_->push_back(Token{static_cast<uint32_t>(begin), static_cast<uint32_t>(end), kind, flags});
  }

  uint8_t LetterFlags(size_t begin, size_t end) const {
    uint8_t flags = 0;
    bool any_letter = false, all_upper = true, first = true;
    for (const char* p = s_.data() + begin; p < s_.data() + end;) {
      const char32_t cp = DecodeValid(p);
      const CharClass cls = Classify(cp);
      if (first) {
        if (cls == CharClass::kUpper) flags |= token_flags::kUpperFirst;
        if (cls == CharClass::kLower) flags |= token_flags::kLowerFirst;
        first = false;
      }
      if (!IsLetter(cls)) continue;
      any_letter = true;
      all_upper &= cls == CharClass::kUpper;
      if (internal::IsCyrillic(cp)) flags |= token_flags::kCyrillic;
      if (internal::IsLatin(cp)) flags |= token_flags::kLatin;
    }
    if (any_letter && all_upper) flags |= token_flags::kAllUpper;
    return flags;
  }

  std::string_view s_;
  std::vector<Token>* out_;
  std::string scratch_;
};

}  // namespace

void Tokenize(Doc* doc) {
  Tokenizer(doc->text(), &doc->tokens).Run();
}

}  // namespace kto::text
