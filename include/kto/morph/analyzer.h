// kto/morph/analyzer.h — Russian morphology: analysis and inflection of
// single words with the OpenCorpora dictionary.
//
//   auto analyzer = morph::Analyzer::Open(morph::DictionaryPath());
//   if (!analyzer.ok()) return analyzer.status();  // kNotFound / kCorrupt
//   morph::ParseList parses;
//   (*analyzer)->Analyze("Мазуром", &parses);
//   parses.Lemma(0);                          // "мазур"
//   (*analyzer)->TagString(parses[0].tag);    // "NOUN,anim,masc,Sgtm,Surn sing,ablt"
//
// Analyze() returns every parse of a word, best first: dictionary words
// (case-insensitive, «е» in the text also matching «ё» in the dictionary,
// repeated letters merged as in «нееет»), initials, numbers, Latin words,
// hyphenated words, words with a known or unknown prefix, unknown words
// predicted from their suffix, and abbreviations — the parsers, their order
// and their scores those of Az.js 0.2.3 (the JavaScript analyzer shipped with
// the same dictionary), so that results compare one to one; see docs/morph.md.
// Scores: P(tag|word) from the OpenCorpora corpus where the dictionary has it,
// else Az.js's fallback weights; normalized separately for dictionary parses
// and for the others.
//
// Inflect() and Lexeme() give other forms of a parsed word («Мазуром» ->
// «мазур», «мазура», ...). Forms and lemmas are lower case; the caller
// restores capitalization.
//
// Thread safety: an Analyzer is immutable after Open and may be shared by any
// number of threads. A ParseList, an AnalyzerCache and a DocMorphology belong
// to one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kto/morph/grammemes.h"
#include "kto/status.h"

namespace kto::morph {

// Which parser produced a parse (Az.js's names in comments).
enum class Method : uint8_t {
  kDictionary,      // Dictionary: a dictionary word form
  kInitial,         // AbbrName / AbbrPatronymic: one capital letter, «В»
  kNumber,          // IntNumber / RealNumber: «42», «-8,1»
  kPunctuation,     // Punctuation
  kRoman,           // RomanNumber: «XIV»
  kLatin,           // Latin: a word ending in a Latin letter
  kHyphenParticle,  // HyphenParticle: «смотри-ка», «кто-то»
  kHyphenAdverb,    // HyphenAdverb: «по-новому»
  kHyphenWords,     // HyphenWords, both parts inflect: «человека-паука»
  kHyphenFixed,  // HyphenWords, only the last part inflects: «интернет-магазина»
  kKnownPrefix,  // PrefixKnown: «антивоенный» = «анти» + «военный»
  kUnknownPrefix,  // PrefixUnknown: a dictionary word after 1..5 unknown letters
  kSuffix,         // SuffixKnown: predicted from the ending, «Масляком»
  kAbbreviation,   // Abbr: an all-capital abbreviation, «ЖКХ»
};

// A span of ParseList's internal text.
struct TextSpan {
  uint32_t begin = 0;
  uint32_t size = 0;
};

struct Parse {
  double score = 0;  // higher is more likely; see the header comment
  uint32_t tag = 0;  // Analyzer::TagString(), Analyzer::TagGrammemes()
  Method method = Method::kDictionary;
  uint8_t stutter = 0;    // repeated letters merged to reach the dictionary word
  uint16_t form = 0;      // index of this form in its paradigm
  int32_t paradigm = -1;  // dictionary paradigm; -1 for parses not based on the dictionary
  // Internal: UTF-8 pieces of ParseList's text that Inflect and Lexeme
  // rebuild forms from, and analysis state.
  TextSpan word_, prefix_, suffix_, lemma_;
  bool has_probability_ = false;
  int32_t left_paradigm_ = -1;  // kHyphenWords: the inflecting left part
  uint16_t left_form_ = 0;
  TextSpan left_word_;
};

// The parses of one word, best first. Reuse one ParseList across calls: once
// its buffers have grown, Analyze() allocates nothing. A list filled by
// AnalyzerCache is a view of the cache's arrays (no copy); copying a
// ParseList always copies the parses.
class ParseList {
 public:
  ParseList() = default;
  ParseList(const ParseList& other) { Append(other); }
  ParseList& operator=(const ParseList& other) {
    if (this != &other) {
      Clear();
      Append(other);
    }
    return *this;
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const Parse& operator[](size_t i) const { return data_[i]; }
  const Parse* begin() const { return data_; }
  const Parse* end() const { return data_ + size_; }

  // The normal form (lemma) of parse i, UTF-8, lower case.
  std::string_view Lemma(size_t i) const { return Text(data_[i].lemma_); }
  std::string_view Lemma(const Parse& p) const { return Text(p.lemma_); }

  void Clear() {
    parses_.clear();
    text_.clear();
    Publish();
  }
  // Appends the parses of `other` (spans re-based); the list then owns its parses.
  void Append(const ParseList& other);

  // Internal: used by the analyzer and its cache.
  std::string_view Text(TextSpan s) const { return view_text_.substr(s.begin, s.size); }
  std::vector<Parse>& mutable_parses() { return parses_; }
  std::string& mutable_text() { return text_; }
  TextSpan AddText(std::string_view s) {
    const TextSpan span{static_cast<uint32_t>(text_.size()), static_cast<uint32_t>(s.size())};
    text_.append(s);
    return span;
  }
  std::string_view StorageText(TextSpan s) const {
    return std::string_view(text_).substr(s.begin, s.size);
  }
  // Makes the list show its own storage.
  void Publish() {
    data_ = parses_.data();
    size_ = parses_.size();
    view_text_ = text_;
  }
  // Makes the list show parses stored elsewhere (spans index `text`).
  void SetView(const Parse* parses, size_t count, std::string_view text) {
    data_ = parses;
    size_ = count;
    view_text_ = text;
  }

 private:
  std::vector<Parse> parses_;
  std::string text_;  // lemmas and word pieces, UTF-8
  const Parse* data_ = nullptr;
  size_t size_ = 0;
  std::string_view view_text_;
};

// A word form produced by Inflect or Lexeme.
struct WordForm {
  std::string word;  // UTF-8, lower case
  uint32_t tag = 0;
};

class Analyzer {
 public:
  struct Options {
    // Verify the whole file's checksum when opening (about 3 ms).
    bool verify_checksum = true;
  };

  // Maps the dictionary file built by kto-build-dict. Fails with kNotFound
  // when the file is missing, kCorrupt when it is truncated, damaged or of
  // another format version, kIoError when it cannot be read.
  static Result<std::shared_ptr<const Analyzer>> Open(const std::string& path, Options options);
  static Result<std::shared_ptr<const Analyzer>> Open(const std::string& path) {
    return Open(path, Options());
  }
  ~Analyzer();

  // Replaces *out with the parses of `word` (valid UTF-8, one token; case is
  // significant only for names and abbreviations), best first. Empty when no
  // parser applies (symbols, words longer than kMaxWordChars).
  void Analyze(std::string_view word, ParseList* out) const;
  static constexpr size_t kMaxWordChars = 256;

  // The form of parse `p` (from `list`) that has every grammeme of `required`,
  // keeping as many of p's other grammemes as possible (gender, number, ...)
  // — «Мазуром» with {nomn} -> «мазур», «Петровской» with {nomn} ->
  // «петровская». nullopt when the paradigm has no such form. Parses not based
  // on the dictionary (numbers, abbreviations, ...) have one form, their own.
  std::optional<WordForm> Inflect(const ParseList& list, const Parse& p, Grammemes required) const;
  // Every form of the word of parse p, in paradigm order (the lemma first).
  std::vector<WordForm> Lexeme(const ParseList& list, const Parse& p) const;

  // Tags and grammemes.
  std::string_view TagString(
      uint32_t tag) const;  // OpenCorpora notation: "NOUN,anim,masc sing,nomn"
  Grammemes TagGrammemes(uint32_t tag) const;
  size_t TagCount() const;
  std::optional<int> GrammemeId(std::string_view name) const;  // "ablt" -> its bit
  // The ids of the grammemes later stages read, looked up once.
  const GrammemeIds& Ids() const;
  std::string_view GrammemeName(int id) const;
  // "sing,ablt" (commas or spaces) -> bits; kInvalidArgument for an unknown name.
  Result<Grammemes> ParseGrammemes(std::string_view names) const;

  // "key=value" lines describing the dictionary's source.
  std::string_view Info() const;

 private:
  struct Impl;  // the mapped file and tables derived from it (analyzer.cc)
  explicit Analyzer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Where the dictionary is: `explicit_path` if not empty, else the environment
// variable KTO_MORPH_DICT if set, else data/ru-morph.bin beside the running
// program (scripts/setup.sh and scripts/test.sh build it there).
std::string DictionaryPath(const std::string& explicit_path = "");

// A per-thread cache of analyses in front of an Analyzer: an open-addressing
// table over flat arrays (words, parses, text), so frequent words cost one
// hash and a copy of their parses. Holds at most `max_words` words; when
// full it starts afresh. The returned list stays valid until the next call.
class AnalyzerCache {
 public:
  explicit AnalyzerCache(std::shared_ptr<const Analyzer> analyzer, size_t max_words = 1 << 16);
  const ParseList& Analyze(std::string_view word);
  const Analyzer& analyzer() const { return *analyzer_; }
  size_t hits() const { return hits_; }
  size_t misses() const { return misses_; }

 private:
  struct Entry {
    uint32_t key_begin, key_size;
    uint32_t parse_begin, parse_count;
    uint32_t text_begin, text_size;
  };
  void Reset();

  std::shared_ptr<const Analyzer> analyzer_;
  size_t max_words_;
  std::vector<uint64_t> table_;  // (hash >> 32) << 32 | (entry index + 1); 0 = empty
  std::vector<Entry> entries_;
  std::string keys_;
  std::vector<Parse> parses_;  // text spans relative to their entry's text
  std::string text_;
  ParseList result_;
  size_t hits_ = 0, misses_ = 0;
};

}  // namespace kto::morph
