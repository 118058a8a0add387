#include "kto/facts/quotes.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "kto/text/normalize.h"

namespace kto::facts {
namespace {

// Stems of verbs that introduce speech (src/facts/data/speech_verb_stems.txt),
// matched on lower-case forms that also end like a verb (see IsSpeechVerb).
constexpr std::string_view kSpeechStems[] = {
#include "speech_verb_stems.inc"
};
constexpr std::array<std::string_view, 12> kVerbEndings = {"л",  "ла", "ли", "ло", "ет", "ит",
                                                           "ют", "ят", "ут", "ат", "ен", "ся"};

class QuoteFinder {
 public:
  QuoteFinder(const Doc& doc, std::span<const TokenSpan> persons, std::span<const TokenSpan> posts)
      : doc_(doc), tokens_(doc.tokens), persons_(persons), posts_(posts) {}

  std::vector<Quote> Run() {
    std::vector<Quote> quotes;
    const uint32_t n = static_cast<uint32_t>(tokens_.size());
    for (uint32_t i = 0; i < n; ++i) {
      uint32_t close = 0;
      std::optional<Quote> quote;
      if (IsOpeningQuote(i) && FindClosingQuote(i, &close)) {
        quote = Attribute({i + 1, close}, i, close + 1);
        if (quote) i = close;
      } else if (IsDialogueDash(i)) {
        const uint32_t end = DialogueSpeechEnd(i + 1);
        quote = Attribute({i + 1, end}, i, end);
        if (quote) i = end - 1;
      }
      if (quote && quote->speech.begin < quote->speech.end) quotes.push_back(*quote);
    }
    return quotes;
  }

 private:
  std::string_view Text(uint32_t i) const { return doc_.TextOf(tokens_[i]); }
  bool Is(uint32_t i, std::string_view s) const { return i < tokens_.size() && Text(i) == s; }
  bool IsDash(uint32_t i) const { return Is(i, "—") || Is(i, "–") || Is(i, "-"); }
  bool IsTerminal(uint32_t i) const {
    if (i >= tokens_.size() || tokens_[i].kind != TokenKind::kPunct) return false;
    const std::string_view t = Text(i);
    return t.front() == '.' || t.front() == '!' || t.front() == '?' || t == "…";
  }
  bool Paragraph(uint32_t i) const { return tokens_[i].Has(token_flags::kParagraphBefore); }
  bool LineStart(uint32_t i) const {
    return i == 0 || tokens_[i].Has(token_flags::kLineBreakBefore);
  }

  bool IsOpeningQuote(uint32_t i) const {
    if (Is(i, "«") || Is(i, "„") || Is(i, "“")) return true;
    // A straight quote opens when it is not glued to the word before it.
    return Is(i, "\"") && (i == 0 || tokens_[i].Has(token_flags::kSpaceBefore)) &&
           i + 1 < tokens_.size() && !tokens_[i + 1].Has(token_flags::kSpaceBefore);
  }

  // The matching closer within the paragraph, nested «» counted.
  bool FindClosingQuote(uint32_t open, uint32_t* close) const {
    const std::string_view opener = Text(open);
    int depth = 0;
    for (uint32_t j = open + 1; j < tokens_.size() && !Paragraph(j); ++j) {
      const std::string_view t = Text(j);
      if (opener == "«") {
        if (t == "«") ++depth;
        if (t == "»" && depth-- == 0) return *close = j, true;
      } else if (opener == "„" ? (t == "“" || t == "”") : opener == "“" ? t == "”" : t == "\"") {
        return *close = j, true;
      }
    }
    return false;
  }

  // «— Текст, — сказал он.»: a dash at the start of a line opens speech.
  bool IsDialogueDash(uint32_t i) const { return (Is(i, "—") || Is(i, "–")) && LineStart(i); }

  // Speech after a dialogue dash runs to «, —» / «! —» / «? —» or the line's end.
  uint32_t DialogueSpeechEnd(uint32_t from) const {
    uint32_t j = from;
    for (; j < tokens_.size() && !LineStart(j); ++j) {
      if (IsDash(j) && j > from && tokens_[j - 1].kind == TokenKind::kPunct &&
          !IsOpeningQuote(j - 1))
        return j - 1;
    }
    return j;
  }

  bool IsSpeechVerb(uint32_t i) const {
    if (i >= tokens_.size() || tokens_[i].kind != TokenKind::kWord) return false;
    const std::string lower = text::MatchKey(Text(i));
    bool verb_like = false;
    for (std::string_view ending : kVerbEndings) verb_like |= lower.ends_with(ending);
    if (!verb_like) return false;
    for (std::string_view stem : kSpeechStems)
      if (lower.starts_with(stem)) return true;
    return false;
  }

  bool IsPronoun(uint32_t i) const {
    if (i >= tokens_.size()) return false;
    const std::string lower = text::MatchKey(Text(i));
    return lower == "он" || lower == "она";
  }

  // The first span of `spans` starting in [from, to).
  static int FirstIn(std::span<const TokenSpan> spans, uint32_t from, uint32_t to) {
    for (size_t p = 0; p < spans.size(); ++p)
      if (spans[p].begin >= from && spans[p].begin < to) return static_cast<int>(p);
    return -1;
  }
  int FirstPersonIn(uint32_t from, uint32_t to) const { return FirstIn(persons_, from, to); }
  // The last person ending at or before `end`.
  int LastPersonBefore(uint32_t end) const {
    int found = -1;
    for (size_t p = 0; p < persons_.size() && persons_[p].end <= end; ++p)
      found = static_cast<int>(p);
    return found;
  }
  // The person ending exactly at `end`.
  int PersonEndingAt(uint32_t end) const {
    for (size_t p = 0; p < persons_.size(); ++p)
      if (persons_[p].end == end) return static_cast<int>(p);
    return -1;
  }

  // Where the clause after `from` stops: the next terminal mark, quote or dash.
  uint32_t ClauseEnd(uint32_t from, uint32_t limit) const {
    uint32_t j = from;
    while (j < tokens_.size() && j < from + limit && !IsTerminal(j) && !IsDash(j) &&
           !IsOpeningQuote(j) && !Is(j, "»"))
      ++j;
    return j;
  }

  // Speech `speech` bounded by tokens `open` (quote or dash) and `after`
  // (first token after the closing quote, or the «, —» comma). Returns the
  // quote if it is speech.
  std::optional<Quote> Attribute(TokenSpan speech, uint32_t open, uint32_t after) const {
    Quote quote{speech, -1, false};
    // «…», — сказал губернатор Кедров.   «…», — сказал он.
    uint32_t k = after;
    while (k < tokens_.size() && tokens_[k].kind == TokenKind::kPunct && !IsDash(k) &&
           !IsOpeningQuote(k) && k < after + 2)
      ++k;
    if (IsDash(k) && IsSpeechVerb(k + 1)) {
      if (IsPronoun(k + 2)) {
        quote.speaker = LastPersonBefore(open);
        quote.by_pronoun = quote.speaker >= 0;
      } else {
        const uint32_t clause_end = ClauseEnd(k + 2, 12);
        quote.speaker = FirstPersonIn(k + 2, clause_end);
        if (quote.speaker < 0) quote.speaker_post = FirstIn(posts_, k + 2, clause_end);
      }
      return quote;
    }
    if (Is(open, "—") || Is(open, "–")) return std::nullopt;  // a dash without a speech verb
    // Кедров заявил: «…».   Заявил Кедров: «…».   По словам Кедрова, «…».
    if (open >= 2 && Is(open - 1, ":")) {
      uint32_t sentence_start = open - 1;
      while (sentence_start > 0 && !IsTerminal(sentence_start - 1) && open - sentence_start < 25)
        --sentence_start;
      for (uint32_t v = open - 1; v-- > sentence_start;) {
        if (!IsSpeechVerb(v)) continue;
        quote.speaker = FirstPersonIn(v + 1, open - 1);
        if (quote.speaker < 0) {
          const int before = LastPersonBefore(v);
          if (before >= 0 && persons_[before].begin >= sentence_start) quote.speaker = before;
        }
        // «Министр заявил: «…»».
        if (quote.speaker < 0) quote.speaker_post = FirstIn(posts_, sentence_start, open - 1);
        return quote;
      }
    }
    if (open >= 3 && Is(open - 1, ",")) {
      const int person = PersonEndingAt(open - 1);
      if (person >= 0 && persons_[person].begin >= 2) {
        const uint32_t b = persons_[person].begin;
        if (text::MatchKey(Text(b - 2)) == "по" && text::MatchKey(Text(b - 1)) == "словам") {
          quote.speaker = person;
          return quote;
        }
      }
    }
    // Unattributed: speech only if it reads as sentences of its own.
    if (speech.end - speech.begin >= 3 && IsTerminal(speech.end - 1)) return quote;
    return std::nullopt;
  }

  const Doc& doc_;
  const std::vector<Token>& tokens_;
  std::span<const TokenSpan> persons_;
  std::span<const TokenSpan> posts_;
};

}  // namespace

std::vector<Quote> FindQuotes(const Doc& doc, std::span<const TokenSpan> persons,
                              std::span<const TokenSpan> posts) {
  return QuoteFinder(doc, persons, posts).Run();
}

}  // namespace kto::facts
