// The analyzer: Az.js 0.2.3's parsers over kto's mapped dictionary.
//
// Parsers run in Az.js's order; each appends parses to the ParseList. A
// "terminal" parser stops the chain once some parse so far needed no letter
// merging. Then dictionary parses get P(tag|word), scores are normalized
// (dictionary parses and the others separately) and stably sorted, so ties
// keep the order in which the parsers produced them — the same order as Az.js,
// which docs/morph.md relies on for one-to-one comparison.
#include "kto/morph/analyzer.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdlib>
#include <filesystem>

#include "cp1251.h"
#include "dictionary.h"
#include "format.h"
#include "kto/text/case.h"
#include "kto/text/utf8.h"

namespace kto::morph {
namespace {

constexpr int kMaxChars = static_cast<int>(Analyzer::kMaxWordChars);

// Grammatical categories Az.js compares to agree the parts of «человека-паука».
enum Category { kPost, kNmbr, kCase, kPers, kTens, kCategoryCount };
constexpr const char* kCategoryNames[kCategoryCount] = {"POST", "NMbr", "CAse", "PErs", "TEns"};

// Capital letters that can be initials or start and end an abbreviation.
constexpr std::u32string_view kInitials = U"АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ";
// Particles written with a hyphen: «смотри-ка».
constexpr std::u32string_view kParticles[] = {U"-то",  U"-ка",  U"-таки", U"-де",
                                              U"-тко", U"-тка", U"-с",    U"-ста"};
// Prefixes a productive word may get: «антивоенный», «экс-мэр». The list Az.js
// 0.2.3 uses, kept identical so the parsers agree.
constexpr std::u32string_view kKnownPrefixes[] = {
    U"авиа",    U"авто",   U"аква",    U"анти",     U"анти-",   U"антропо", U"архи",    U"арт",
    U"арт-",    U"астро",  U"аудио",   U"аэро",     U"без",     U"бес",     U"био",     U"вело",
    U"взаимо",  U"вне",    U"внутри",  U"видео",    U"вице-",   U"вперед",  U"впереди", U"гекто",
    U"гелио",   U"гео",    U"гетеро",  U"гига",     U"гигро",   U"гипер",   U"гипо",    U"гомо",
    U"дву",     U"двух",   U"де",      U"дез",      U"дека",    U"деци",    U"дис",     U"до",
    U"евро",    U"за",     U"зоо",     U"интер",    U"инфра",   U"квази",   U"квази-",  U"кило",
    U"кино",    U"контр",  U"контр-",  U"космо",    U"космо-",  U"крипто",  U"лейб-",   U"лже",
    U"лже-",    U"макро",  U"макси",   U"макси-",   U"мало",    U"меж",     U"медиа",   U"медиа-",
    U"мега",    U"мета",   U"мета-",   U"метео",    U"метро",   U"микро",   U"милли",   U"мини",
    U"мини-",   U"моно",   U"мото",    U"много",    U"мульти",  U"нано",    U"нарко",   U"не",
    U"небез",   U"недо",   U"нейро",   U"нео",      U"низко",   U"обер-",   U"обще",    U"одно",
    U"около",   U"орто",   U"палео",   U"пан",      U"пара",    U"пента",   U"пере",    U"пиро",
    U"поли",    U"полу",   U"после",   U"пост",     U"пост-",   U"порно",   U"пра",     U"пра-",
    U"пред",    U"пресс-", U"противо", U"противо-", U"прото",   U"псевдо",  U"псевдо-", U"радио",
    U"разно",   U"ре",     U"ретро",   U"ретро-",   U"само",    U"санти",   U"сверх",   U"сверх-",
    U"спец",    U"суб",    U"супер",   U"супер-",   U"супра",   U"теле",    U"тетра",   U"топ-",
    U"транс",   U"транс-", U"ультра",  U"унтер-",   U"штаб-",   U"экзо",    U"эко",     U"эндо",
    U"эконом-", U"экс",    U"экс-",    U"экстра",   U"экстра-", U"электро", U"энерго",  U"этно",
};
// Weights of predictions by the length of the matched ending (SuffixKnown).
constexpr double kSuffixWeights[] = {0, 0.2, 0.3, 0.4, 0.5, 0.6};

bool IsInitial(char32_t c) {
  return kInitials.find(c) != std::u32string_view::npos;
}

// Number of code points of valid UTF-8 (or bytes of CP1251 when all < 0x80... not used).
size_t Utf8Chars(std::string_view s) {
  size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}
// Byte offset of code point `chars` in valid UTF-8 (clamped to the end).
size_t Utf8Offset(std::string_view s, size_t chars) {
  size_t i = 0;
  for (; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && chars-- == 0) return i;
  return s.size();
}

// A word prepared for the parsers.
struct Word {
  int n = 0;
  char32_t orig[kMaxChars];
  char32_t lower[kMaxChars];
  int16_t cp[kMaxChars];     // CP1251 byte of lower[i], -1 when it has none
  bool capitalized = false;  // Az.js: first letter upper case, some later letter lower case

  bool LowerEndsWith(std::u32string_view s) const {
    return static_cast<size_t>(n) >= s.size() &&
           std::u32string_view(lower + n - s.size(), s.size()) == s;
  }
  bool LowerStartsWith(std::u32string_view s) const {
    return static_cast<size_t>(n) >= s.size() && std::u32string_view(lower, s.size()) == s;
  }
  void AppendLower(int begin, int end, std::string* out) const {
    for (int i = begin; i < end; ++i) text::AppendUtf8(lower[i], out);
  }
};

bool Prepare(std::string_view utf8, Word* w) {
  w->n = 0;
  for (const char* p = utf8.data(); p < utf8.data() + utf8.size();) {
    if (w->n == kMaxChars) return false;
    const char32_t c = text::DecodeValid(p);
    w->orig[w->n] = c;
    w->lower[w->n] = text::ToLower(c);
    const int b = cp1251::FromUnicode(w->lower[w->n]);
    w->cp[w->n] = static_cast<int16_t>(b);
    ++w->n;
  }
  if (w->n == 0) return false;
  bool rest_has_lower = false;
  for (int i = 1; i < w->n && !rest_has_lower; ++i)
    rest_has_lower = text::ToUpper(w->orig[i]) != w->orig[i];
  w->capitalized = text::ToLower(w->orig[0]) != w->orig[0] && rest_has_lower;
  return true;
}

// Az.js's DAWG.findAll without typos. Walks key[0..n) through the DAWG; where
// the key has «е» also tries «ё»; when `stutter`, a letter repeated («нееет»)
// or repeated across a hyphen («д-да») may stand for one. For every key
// reached that has payloads, calls found(cp1251 bytes, size, merged letters,
// node after the 0x01 separator), in Az.js's order (its stack popped LIFO).
template <typename Found>
class Walker {
 public:
  Walker(const Dawg& dawg, const char32_t* lower, const int16_t* cp, int n, bool stutter,
         Found& found)
      : dawg_(dawg), s_(lower), cp_(cp), n_(n), stutter_(stutter), found_(found) {}

  void Run() { Go(0, 0, 0, Dawg::kRoot); }

 private:
  struct Step {
    char c;
    uint8_t stutter;
    uint16_t len;
    uint32_t node;
  };
  // Merges of one repeated letter tried at one position; Az.js has no limit.
  static constexpr int kMaxMerges = 32;

  void Go(int plen, int len, int stutter, uint32_t index) {
    if (len == n_) {
      const uint32_t payload = dawg_.Follow(1, index);
      if (payload != Dawg::kMissing) found_(buf_, plen, stutter, payload);
      return;
    }
    // Recursion goes one level per letter matched in the DAWG, so its depth
    // is bounded by the longest dictionary key, whatever the word's length.
    Step steps[kMaxMerges + 2];
    int k = 0;
    if (s_[len] == U'е') {
      const uint32_t cur = dawg_.Follow(static_cast<uint8_t>(cp1251::kYo), index);
      if (cur != Dawg::kMissing)
        steps[k++] = {cp1251::kYo, uint8_t(stutter), uint16_t(len + 1), cur};
    }
    if (cp_[len] >= 0) {
      const uint32_t cur = dawg_.Follow(static_cast<uint8_t>(cp_[len]), index);
      if (cur != Dawg::kMissing) {
        const char c = static_cast<char>(cp_[len]);
        steps[k++] = {c, uint8_t(stutter), uint16_t(len + 1), cur};
        int l = len, st = stutter;
        while (stutter_ && l < n_ - 1 && k < kMaxMerges + 2) {
          if (s_[l] == s_[l + 1]) {
            steps[k++] = {c, uint8_t(std::min(st + 1, 255)), uint16_t(l + 2), cur};
            l += 1;
          } else if (l < n_ - 2 && s_[l + 1] == U'-' && s_[l] == s_[l + 2]) {
            steps[k++] = {c, uint8_t(std::min(st + 1, 255)), uint16_t(l + 3), cur};
            l += 2;
          } else {
            break;
          }
          ++st;
        }
      }
    }
    for (int i = k - 1; i >= 0; --i) {
      buf_[plen] = steps[i].c;
      Go(plen + 1, steps[i].len, steps[i].stutter, steps[i].node);
    }
  }

  const Dawg& dawg_;
  const char32_t* s_;
  const int16_t* cp_;
  int n_;
  bool stutter_;
  Found& found_;
  char buf_[kMaxChars];
};

template <typename Found>
void FindAll(const Dawg& dawg, const char32_t* lower, const int16_t* cp, int n, bool stutter,
             Found&& found) {
  Walker<std::remove_reference_t<Found>> walker(dawg, lower, cp, n, stutter, found);
  walker.Run();
}

// Payloads under `node`: keys of `width` bytes, each pair of bytes one number.
template <typename F>
void ForEachPayload(const Dawg& dawg, uint32_t node, int width, F&& f) {
  dawg.ForEachCompletion(node, [&](const uint8_t* key, int size) {
    if (size != width) return true;
    uint32_t v[3] = {0, 0, 0};
    for (int i = 0; i < width / 2; ++i)
      v[i] = ((uint32_t(key[2 * i]) ^ 1u) << 6) + (key[2 * i + 1] >> 1);
    f(v);
    return true;
  });
}

}  // namespace

// ---------------------------------------------------------------------------
// Tables derived from the dictionary at Open.

struct Analyzer::Impl {
  std::unique_ptr<Dictionary> dict;
  std::vector<Grammemes> closure;  // per tag: its grammemes and all their ancestors
  std::vector<std::array<int16_t, kCategoryCount>> categories;  // per tag: Az.js's tag[POST] etc.
  std::vector<int> root;  // per grammeme: its top ancestor (the grammeme itself for roots)
  Grammemes capitalized;  // Name, Surn, Patr, Geox, Init
  Grammemes unproductive;
  Grammemes abbr;
  Grammemes adjf_sing_datv;
  uint32_t abbr_tags[36] = {};
  uint32_t initial_tags[12] = {};
  uint32_t tag_int = 0, tag_real = 0, tag_pnct = 0, tag_romn = 0, tag_latn = 0, tag_advb = 0;
  GrammemeIds ids;
  // The dictionary's prefixes and suffixes (CP1251) in UTF-8, converted once:
  // every lemma and form is made of them.
  std::vector<std::string> prefixes_utf8, suffixes_utf8;

  int Grammeme(std::string_view name) const {
    for (size_t g = 0; g < dict->grammemes().size(); ++g)
      if (dict->grammemes()[g] == name) return static_cast<int>(g);
    return -1;
  }
  Status Init();
  void InitIds();

  // Analyze()'s steps: Az.js's parser chain, then scores normalized and
  // sorted, best first.
  void RunParsers(const Word& w, ParseList* out) const;
  static void ScoreAndSort(std::vector<Parse>* parses);

  // Parsers (Az.js names). Each appends to out.
  void Lookup(const Word& w, int begin, int end, bool top, Method method, ParseList* out) const;
  void RawLookup(const Word& w, int begin, int end, Method method, double weight,
                 std::u32string_view suffix, ParseList* out) const;
  void Initials(const Word& w, ParseList* out) const;
  void Regexps(const Word& w, int which, ParseList* out) const;
  void HyphenParticle(const Word& w, ParseList* out) const;
  void HyphenAdverb(const Word& w, ParseList* out) const;
  void HyphenWords(const Word& w, ParseList* out) const;
  void PrefixKnown(const Word& w, ParseList* out) const;
  void PrefixUnknown(const Word& w, ParseList* out) const;
  void SuffixKnown(const Word& w, ParseList* out) const;
  void Abbr(const Word& w, ParseList* out) const;

  // `word`, when not null, keeps the text of `found` once added (begin ==
  // kNoText before): a word's homonyms share it instead of converting it
  // again.
  static constexpr uint32_t kNoText = UINT32_MAX;
  bool AddDictionaryParse(ParseList* out, const char* found, int size, uint32_t para, uint32_t form,
                          int stutter, Method method, TextSpan* word = nullptr) const;
  void AddPlain(const Word& w, uint32_t tag, double score, Method method, ParseList* out) const;

  // Forms.
  void AppendForm(const ParseList& list, const Parse& p, uint32_t form, std::string* out) const;
  int AgreeingForm(int32_t paradigm, uint32_t tag) const;
  void AppendLemma(const ParseList& list, const Parse& p, std::string* out) const;
};

void Analyzer::Impl::InitIds() {
  GrammemeIds& i = ids;
  for (auto [id, name] : std::initializer_list<std::pair<int*, const char*>>{
           {&i.noun, "NOUN"},     {&i.adjf, "ADJF"},     {&i.prtf, "PRTF"},
           {&i.numr, "NUMR"},     {&i.verb, "VERB"},     {&i.prep, "PREP"},
           {&i.conj, "CONJ"},     {&i.sing, "sing"},     {&i.plur, "plur"},
           {&i.masc, "masc"},     {&i.femn, "femn"},     {&i.neut, "neut"},
           {&i.ms_f, "Ms-f"},     {&i.anim, "anim"},     {&i.inan, "inan"},
           {&i.past, "past"},     {&i.name, "Name"},     {&i.surn, "Surn"},
           {&i.patr, "Patr"},     {&i.init, "Init"},     {&i.geox, "Geox"},
           {&i.orgn, "Orgn"},     {&i.abbr, "Abbr"},     {&i.trad, "Trad"},
           {&i.fixd, "Fixd"},     {&i.cases[0], "nomn"}, {&i.cases[1], "gent"},
           {&i.cases[2], "datv"}, {&i.cases[3], "accs"}, {&i.cases[4], "ablt"},
           {&i.cases[5], "loct"}, {&i.voct, "voct"}})
    *id = Grammeme(name);
}

Status Analyzer::Impl::Init() {
  InitIds();
  const auto& d = *dict;
  for (const auto& [table, utf8] :
       {std::pair{&d.prefixes(), &prefixes_utf8}, std::pair{&d.suffixes(), &suffixes_utf8}}) {
    utf8->resize(table->size());
    for (size_t i = 0; i < table->size(); ++i) cp1251::AppendUtf8((*table)[i], &(*utf8)[i]);
  }
  const size_t ng = d.grammemes().size();
  root.resize(ng);
  for (size_t g = 0; g < ng; ++g) {
    size_t r = g;
    for (int guard = 0; guard < 16 && d.grammeme_parent(r) != format::kNoParent; ++guard)
      r = d.grammeme_parent(r);
    root[g] = static_cast<int>(r);
  }
  int cat_ids[kCategoryCount];
  for (int c = 0; c < kCategoryCount; ++c) cat_ids[c] = Grammeme(kCategoryNames[c]);
  closure.resize(d.tags().size());
  categories.resize(d.tags().size());
  for (size_t t = 0; t < d.tags().size(); ++t) {
    const Grammemes g = d.tag_grammemes(t);
    Grammemes all = g;
    auto& cats = categories[t];
    cats.fill(-1);
    for (size_t id = 0; id < ng; ++id) {
      if (!g.Has(static_cast<int>(id))) continue;
      size_t child = id;
      for (int guard = 0; guard < 16 && d.grammeme_parent(child) != format::kNoParent; ++guard) {
        const size_t parent = d.grammeme_parent(child);
        all.Set(static_cast<int>(parent));
        for (int c = 0; c < kCategoryCount; ++c)
          if (static_cast<int>(parent) == cat_ids[c]) cats[c] = static_cast<int16_t>(child);
        child = parent;
      }
    }
    closure[t] = all;
  }
  auto mask = [&](std::initializer_list<const char*> names, Grammemes* out) {
    for (const char* name : names) {
      const int g = Grammeme(name);
      if (g < 0) return false;
      out->Set(g);
    }
    return true;
  };
  if (!mask({"Name", "Surn", "Patr", "Geox", "Init"}, &capitalized) ||
      !mask({"NUMR", "NPRO", "PRED", "PREP", "CONJ", "PRCL", "INTJ", "Apro", "NUMB", "ROMN", "LATN",
             "PNCT", "UNKN"},
            &unproductive) ||
      !mask({"Abbr"}, &abbr) || !mask({"ADJF", "sing", "datv"}, &adjf_sing_datv))
    return Status::Corrupt(
        "morphology dictionary lacks a required grammeme; rebuild it with scripts/setup.sh");

  auto find_tag = [&](const std::string& s, uint32_t* out) {
    for (size_t t = d.tags().size(); t-- > 0;)
      if (d.tags()[t] == s) {
        *out = static_cast<uint32_t>(t);
        return true;
      }
    return false;
  };
  bool ok = true;
  const char* g3[] = {"masc", "femn", "neut"};
  const char* cases[] = {"nomn", "gent", "datv", "accs", "ablt", "loct"};
  const char* numbers[] = {"sing", "plur"};
  int i = 0;
  for (const char* g : g3)
    for (const char* c : cases)
      for (const char* n : numbers)
        ok &=
            find_tag(std::string("NOUN,inan,") + g + ",Fixd,Abbr " + n + "," + c, &abbr_tags[i++]);
  i = 0;
  for (const char* g : {"masc", "femn"})
    for (const char* c : cases)
      ok &= find_tag(std::string("NOUN,anim,") + g + ",Sgtm,Name,Fixd,Abbr,Init sing," + c,
                     &initial_tags[i++]);
  ok &= find_tag("NUMB,intg", &tag_int) && find_tag("NUMB,real", &tag_real) &&
        find_tag("PNCT", &tag_pnct) && find_tag("ROMN", &tag_romn) && find_tag("LATN", &tag_latn) &&
        find_tag("ADVB", &tag_advb);
  if (!ok)
    return Status::Corrupt(
        "morphology dictionary lacks a built-in tag; rebuild it with scripts/setup.sh");
  return Status::Ok();
}

// ---------------------------------------------------------------------------
// Parsers.

bool Analyzer::Impl::AddDictionaryParse(ParseList* out, const char* found, int size, uint32_t para,
                                        uint32_t form, int stutter, Method method,
                                        TextSpan* word) const {
  if (para >= dict->paradigm_count()) return false;
  const Paradigm paradigm = dict->paradigm(para);
  if (form >= paradigm.forms) return false;
  Parse p;
  p.method = method;
  p.paradigm = static_cast<int32_t>(para);
  p.form = static_cast<uint16_t>(form);
  p.tag = paradigm.tag(form);
  p.stutter = static_cast<uint8_t>(std::min(stutter, 255));
  p.score = stutter > 0 ? 0.3 : 1.0;  // Az.js: 0.3 ^ (merged letters > 0)
  if (word != nullptr && word->begin != kNoText) {
    p.word_ = *word;
  } else {
    std::string& text = out->mutable_text();
    p.word_.begin = static_cast<uint32_t>(text.size());
    cp1251::AppendUtf8(std::string_view(found, static_cast<size_t>(size)), &text);
    p.word_.size = static_cast<uint32_t>(text.size()) - p.word_.begin;
    if (word != nullptr) *word = p.word_;
  }
  out->mutable_parses().push_back(p);
  return true;
}

void Analyzer::Impl::Lookup(const Word& w, int begin, int end, bool top, Method method,
                            ParseList* out) const {
  const bool allow_names = top && w.capitalized;
  FindAll(dict->words(), w.lower + begin, w.cp + begin, end - begin, true,
          [&](const char* found, int size, int stutter, uint32_t node) {
            const uint64_t word_hash = method == Method::kDictionary
                                           ? format::WordHash(found, static_cast<size_t>(size))
                                           : 0;
            TextSpan word{kNoText, 0};
            ForEachPayload(dict->words(), node, 4, [&](const uint32_t* v) {
              if (v[0] >= dict->paradigm_count()) return;
              const Paradigm para = dict->paradigm(v[0]);
              if (v[1] >= para.forms) return;
              const uint32_t tag = para.tag(v[1]);
              if (!allow_names && (closure[tag] & capitalized) != Grammemes()) return;
              if (!AddDictionaryParse(out, found, size, v[0], v[1], stutter, method, &word)) return;
              if (method == Method::kDictionary) {
                // Az.js: P(t|w) = value / 1e6, times the merged-letters weight.
                const int64_t prob = dict->Probability(word_hash, tag);
                if (prob >= 0) {
                  Parse& p = out->mutable_parses().back();
                  p.score = (static_cast<double>(prob) / 1000000.0) * p.score;
                  p.has_probability_ = true;
                }
              }
            });
          });
}

void Analyzer::Impl::RawLookup(const Word& w, int begin, int end, Method method, double weight,
                               std::u32string_view suffix, ParseList* out) const {
  FindAll(dict->words(), w.lower + begin, w.cp + begin, end - begin, true,
          [&](const char* found, int size, int stutter, uint32_t node) {
            TextSpan word{kNoText, 0};
            ForEachPayload(dict->words(), node, 4, [&](const uint32_t* v) {
              if (!AddDictionaryParse(out, found, size, v[0], v[1], stutter, method, &word)) return;
              Parse& p = out->mutable_parses().back();
              p.score *= weight;
              std::string& text = out->mutable_text();
              p.suffix_.begin = static_cast<uint32_t>(text.size());
              for (const char32_t c : suffix) text::AppendUtf8(c, &text);
              p.suffix_.size = static_cast<uint32_t>(text.size()) - p.suffix_.begin;
            });
          });
}

void Analyzer::Impl::AddPlain(const Word& w, uint32_t tag, double score, Method method,
                              ParseList* out) const {
  Parse p;
  p.method = method;
  p.tag = tag;
  p.score = score;
  std::string& text = out->mutable_text();
  p.word_.begin = static_cast<uint32_t>(text.size());
  w.AppendLower(0, w.n, &text);
  p.word_.size = static_cast<uint32_t>(text.size()) - p.word_.begin;
  out->mutable_parses().push_back(p);
}

void Analyzer::Impl::Initials(const Word& w, ParseList* out) const {
  if (w.n != 1 || !IsInitial(w.orig[0])) return;
  for (const uint32_t tag : initial_tags) AddPlain(w, tag, 0.1, Method::kInitial, out);
}

// which: 0 integer, 1 real number, 2 punctuation, 3 Roman number, 4 Latin.
// Az.js gives these parses no score (0).
void Analyzer::Impl::Regexps(const Word& w, int which, ParseList* out) const {
  const char32_t* s = w.orig;
  const int n = w.n;
  auto digit = [](char32_t c) { return c >= '0' && c <= '9'; };
  bool match = false;
  uint32_t tag = 0;
  if (which == 0 || which == 1) {
    int i = (s[0] == U'-' || s[0] == U'−') ? 1 : 0;
    if (which == 0) {
      match = i < n;
      for (; i < n; ++i) match &= digit(s[i]);
      tag = tag_int;
    } else {
      while (i < n && digit(s[i])) ++i;
      if (i < n && (s[i] == '.' || s[i] == ',')) {
        ++i;
        match = i < n;
        for (; i < n; ++i) match &= digit(s[i]);
      }
      tag = tag_real;
    }
  } else if (which == 2) {
    constexpr std::u32string_view kAscii = U"\\'!\"#$%&()*+,-./:;<=>?@[]^_`{|}~";
    match = true;
    for (int i = 0; i < n; ++i)
      match &= (s[i] >= 0x2000 && s[i] <= 0x206F) || (s[i] >= 0x2E00 && s[i] <= 0x2E7F) ||
               kAscii.find(s[i]) != std::u32string_view::npos;
    tag = tag_pnct;
  } else if (which == 3) {
    // M{0,4}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})
    int i = 0;
    auto run = [&](char32_t c, int max) {
      for (int k = 0; k < max && i < n && s[i] == c; ++k) ++i;
    };
    auto group = [&](char32_t one, char32_t five, char32_t ten) {
      if (i + 1 < n && s[i] == one && (s[i + 1] == ten || s[i + 1] == five)) {
        i += 2;
        return;
      }
      if (i < n && s[i] == five) ++i;
      run(one, 3);
    };
    run('M', 4);
    group('C', 'D', 'M');
    group('X', 'L', 'C');
    group('I', 'V', 'X');
    match = i == n;
    tag = tag_romn;
  } else {
    const char32_t c = s[n - 1];
    match = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0xD6) ||
            (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x24F);
    tag = tag_latn;
  }
  if (!match) return;
  AddPlain(w, tag, 0,
           which == 2   ? Method::kPunctuation
           : which == 3 ? Method::kRoman
           : which == 4 ? Method::kLatin
                        : Method::kNumber,
           out);
}

void Analyzer::Impl::HyphenParticle(const Word& w, ParseList* out) const {
  for (const std::u32string_view particle : kParticles)
    if (w.LowerEndsWith(particle))
      RawLookup(w, 0, w.n - static_cast<int>(particle.size()), Method::kHyphenParticle, 0.9,
                particle, out);
}

void Analyzer::Impl::HyphenAdverb(const Word& w, ParseList* out) const {
  if (w.n < 5 || !w.LowerStartsWith(U"по-")) return;
  const size_t first = out->mutable_parses().size();
  FindAll(dict->words(), w.lower + 3, w.cp + 3, w.n - 3, true,
          [&](const char* found, int size, int stutter, uint32_t node) {
            std::string& text = out->mutable_text();
            const size_t mark = text.size();
            text += "по-";
            cp1251::AppendUtf8(std::string_view(found, static_cast<size_t>(size)), &text);
            const std::string_view word = std::string_view(text).substr(mark);
            for (size_t i = first; i < out->mutable_parses().size(); ++i)
              if (out->StorageText(out->mutable_parses()[i].word_) == word) {
                text.resize(mark);
                return;  // Az.js takes each found word once
              }
            bool added = false;
            ForEachPayload(dict->words(), node, 4, [&](const uint32_t* v) {
              if (added || v[0] >= dict->paradigm_count()) return;
              const Paradigm para = dict->paradigm(v[0]);
              if (v[1] >= para.forms || !closure[para.tag(v[1])].Contains(adjf_sing_datv)) return;
              Parse p;
              p.method = Method::kHyphenAdverb;
              p.tag = tag_advb;
              p.stutter = static_cast<uint8_t>(std::min(stutter, 255));
              p.score = (stutter > 0 ? 0.3 : 1.0) * 0.9;
              p.word_ = {static_cast<uint32_t>(mark), static_cast<uint32_t>(text.size() - mark)};
              out->mutable_parses().push_back(p);
              added = true;
            });
            if (!added) text.resize(mark);
          });
}

void Analyzer::Impl::HyphenWords(const Word& w, ParseList* out) const {
  for (const std::u32string_view prefix : kKnownPrefixes)
    if (prefix.back() == U'-' && w.LowerStartsWith(prefix)) return;
  int hyphens = 0, first_hyphen = -1, last_hyphen = -1;
  for (int i = 0; i < w.n; ++i)
    if (w.lower[i] == U'-') {
      ++hyphens;
      if (first_hyphen < 0) first_hyphen = i;
      last_hyphen = i;
    }
  auto& parses = out->mutable_parses();
  auto set_prefix = [&](Parse& p, int prefix_end) {
    std::string& text = out->mutable_text();
    p.prefix_.begin = static_cast<uint32_t>(text.size());
    w.AppendLower(0, prefix_end, &text);
    text += '-';
    p.prefix_.size = static_cast<uint32_t>(text.size()) - p.prefix_.begin;
  };
  if (hyphens != 1 || first_hyphen == 0 || first_hyphen == w.n - 1) {
    if (hyphens >= 2) {
      const size_t begin = parses.size();
      Lookup(w, last_hyphen + 1, w.n, false, Method::kHyphenFixed, out);
      for (size_t i = begin; i < parses.size(); ++i) {
        parses[i].score *= 0.2;
        set_prefix(parses[i], last_hyphen);
      }
    }
    return;
  }
  const size_t left_begin = parses.size();
  Lookup(w, 0, first_hyphen, false, Method::kHyphenWords, out);
  const size_t right_begin = parses.size();
  Lookup(w, first_hyphen + 1, w.n, false, Method::kHyphenFixed, out);
  const size_t right_end = parses.size();
  for (size_t l = left_begin; l < right_begin; ++l) {
    if ((closure[parses[l].tag] & abbr) != Grammemes()) continue;
    for (size_t r = right_begin; r < right_end; ++r) {
      if (categories[parses[l].tag] != categories[parses[r].tag]) continue;
      Parse combined = parses[r];
      combined.method = Method::kHyphenWords;
      combined.score = parses[l].score * parses[r].score * 0.8;
      combined.stutter = static_cast<uint8_t>(std::min(parses[l].stutter + parses[r].stutter, 255));
      combined.left_paradigm_ = parses[l].paradigm;
      combined.left_form_ = parses[l].form;
      combined.left_word_ = parses[l].word_;
      parses.push_back(combined);
    }
  }
  for (size_t r = right_begin; r < right_end; ++r) {
    Parse fixed = parses[r];
    fixed.score *= 0.3;
    set_prefix(fixed, first_hyphen);
    parses.push_back(fixed);
  }
  parses.erase(parses.begin() + static_cast<std::ptrdiff_t>(left_begin),
               parses.begin() + static_cast<std::ptrdiff_t>(right_end));
}

void Analyzer::Impl::PrefixKnown(const Word& w, ParseList* out) const {
  auto& parses = out->mutable_parses();
  for (const std::u32string_view prefix : kKnownPrefixes) {
    const int plen = static_cast<int>(prefix.size());
    if (w.n - plen < 3 || !w.LowerStartsWith(prefix)) continue;
    const size_t begin = parses.size();
    Lookup(w, plen, w.n, false, Method::kKnownPrefix, out);
    size_t kept = begin;
    for (size_t i = begin; i < parses.size(); ++i) {
      if ((closure[parses[i].tag] & unproductive) != Grammemes()) continue;
      Parse p = parses[i];
      p.score *= 0.7;
      std::string& text = out->mutable_text();
      p.prefix_.begin = static_cast<uint32_t>(text.size());
      for (const char32_t c : prefix) text::AppendUtf8(c, &text);
      p.prefix_.size = static_cast<uint32_t>(text.size()) - p.prefix_.begin;
      parses[kept++] = p;
    }
    parses.resize(kept);
  }
}

void Analyzer::Impl::PrefixUnknown(const Word& w, ParseList* out) const {
  auto& parses = out->mutable_parses();
  for (int len = 1; len <= 5 && w.n - len >= 3; ++len) {
    const size_t begin = parses.size();
    Lookup(w, len, w.n, false, Method::kUnknownPrefix, out);
    size_t kept = begin;
    for (size_t i = begin; i < parses.size(); ++i) {
      if ((closure[parses[i].tag] & unproductive) != Grammemes()) continue;
      Parse p = parses[i];
      p.score *= 0.3;
      std::string& text = out->mutable_text();
      p.prefix_.begin = static_cast<uint32_t>(text.size());
      w.AppendLower(0, len, &text);
      p.prefix_.size = static_cast<uint32_t>(text.size()) - p.prefix_.begin;
      parses[kept++] = p;
    }
    parses.resize(kept);
  }
}

void Analyzer::Impl::SuffixKnown(const Word& w, ParseList* out) const {
  if (w.n < 4) return;
  auto& parses = out->mutable_parses();
  const size_t first = parses.size();
  int min_len = 1;
  for (int i = 0; i < 3; ++i) {
    const std::string_view prefix = dict->prefixes()[static_cast<size_t>(i)];  // CP1251
    const int plen = static_cast<int>(prefix.size());
    bool starts = plen <= w.n;
    for (int k = 0; k < plen && starts; ++k)
      starts = w.cp[k] == static_cast<unsigned char>(prefix[k]);
    if (!starts) continue;
    const int base = w.n - plen;
    for (int len = 5; len >= min_len; --len) {
      if (len >= base) continue;
      const int split = w.n - len;  // left = [plen, split), ending = [split, n)
      const size_t begin = parses.size();
      double max = 1;
      FindAll(
          dict->prediction(i), w.lower + split, w.cp + split, len, false,
          [&](const char* found, int size, int, uint32_t node) {
            ForEachPayload(dict->prediction(i), node, 6, [&](const uint32_t* v) {
              if (v[1] >= dict->paradigm_count()) return;
              const Paradigm para = dict->paradigm(v[1]);
              if (v[2] >= para.forms) return;
              const uint32_t tag = para.tag(v[2]);
              if ((closure[tag] & unproductive) != Grammemes()) return;
              if (!w.capitalized && (closure[tag] & capitalized) != Grammemes()) return;
              // The predicted form: paradigm prefix + the word's stem + the known ending.
              std::string& text = out->mutable_text();
              const size_t mark = text.size();
              cp1251::AppendUtf8(prefix, &text);
              w.AppendLower(plen, split, &text);
              cp1251::AppendUtf8(std::string_view(found, static_cast<size_t>(size)), &text);
              const std::string_view word = std::string_view(text).substr(mark);
              for (size_t j = first; j < parses.size(); ++j)
                if (parses[j].paradigm == static_cast<int32_t>(v[1]) && parses[j].form == v[2] &&
                    out->StorageText(parses[j].word_) == word) {
                  text.resize(mark);
                  return;  // Az.js keeps the first of equal predictions
                }
              Parse p;
              p.method = Method::kSuffix;
              p.paradigm = static_cast<int32_t>(v[1]);
              p.form = static_cast<uint16_t>(v[2]);
              p.tag = tag;
              p.word_ = {static_cast<uint32_t>(mark), static_cast<uint32_t>(text.size() - mark)};
              max = std::max(max, static_cast<double>(v[0]));
              p.score = static_cast<double>(v[0]) * kSuffixWeights[len];
              parses.push_back(p);
            });
          });
      if (parses.size() > begin) {
        for (size_t j = begin; j < parses.size(); ++j) parses[j].score /= max;
        min_len = std::max(len - 1, 1);
      }
    }
  }
}

void Analyzer::Impl::Abbr(const Word& w, ParseList* out) const {
  if (w.n < 2) return;
  for (int i = 0; i < w.n; ++i)
    if (w.orig[i] == U'-') return;
  if (!IsInitial(w.orig[0]) || !IsInitial(w.orig[w.n - 1])) return;
  int caps = 0;
  for (int i = 0; i < w.n; ++i) caps += IsInitial(w.orig[i]);
  if (caps > 5) return;
  for (const uint32_t tag : abbr_tags) AddPlain(w, tag, 0.5, Method::kAbbreviation, out);
}

// ---------------------------------------------------------------------------
// Forms and lemmas.

void Analyzer::Impl::AppendForm(const ParseList& list, const Parse& p, uint32_t form,
                                std::string* out) const {
  const auto& prefixes = dict->prefixes();
  const auto& suffixes = dict->suffixes();
  auto stem = [&](int32_t paradigm, uint32_t current, std::string_view word) {
    const Paradigm para = dict->paradigm(static_cast<size_t>(paradigm));
    const size_t prefix_chars = prefixes[para.prefix(current)].size();
    const size_t cut = suffixes[para.suffix(current)].size();
    // The usual case, the prefix and the suffix within the word: found by
    // stepping over their code points from each end.
    auto continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
    size_t to = word.size(), cut_chars = 0;
    for (; cut_chars < cut && to > 0; ++cut_chars)
      while (to > 0 && continuation(word[--to])) {
      }
    size_t from = 0, prefix_seen = 0;
    for (; prefix_seen < prefix_chars && from < to; ++prefix_seen)
      while (++from < to && continuation(word[from])) {
      }
    if (cut_chars == cut && prefix_seen == prefix_chars) return word.substr(from, to - from);
    // Else JavaScript's substring(a, b): clamped, swapped when a > b.
    const size_t chars = Utf8Chars(word);
    size_t a = std::min(prefix_chars, chars);
    size_t b = cut > chars ? 0 : chars - cut;
    if (a > b) std::swap(a, b);
    const size_t begin = Utf8Offset(word, a), end = Utf8Offset(word, b);
    return word.substr(begin, end - begin);
  };
  auto append_form = [&](int32_t paradigm, uint32_t current, std::string_view word, uint32_t target,
                         std::string_view prefix) {
    const Paradigm para = dict->paradigm(static_cast<size_t>(paradigm));
    out->append(prefixes_utf8[para.prefix(target)]);
    out->append(prefix);
    out->append(stem(paradigm, current, word));
    out->append(suffixes_utf8[para.suffix(target)]);
  };
  if (p.paradigm < 0) {
    out->append(list.Text(p.word_));
    return;
  }
  if (p.method == Method::kHyphenWords) {
    const uint32_t right_tag = dict->paradigm(static_cast<size_t>(p.paradigm)).tag(form);
    const int left = AgreeingForm(p.left_paradigm_, right_tag);
    if (left >= 0) {
      append_form(p.left_paradigm_, p.left_form_, list.Text(p.left_word_),
                  static_cast<uint32_t>(left), "");
    } else {
      out->append(list.Text(p.left_word_));
    }
    out->push_back('-');
    append_form(p.paradigm, p.form, list.Text(p.word_), form, "");
    return;
  }
  append_form(p.paradigm, p.form, list.Text(p.word_), form, list.Text(p.prefix_));
  out->append(list.Text(p.suffix_));
}

int Analyzer::Impl::AgreeingForm(int32_t paradigm, uint32_t tag) const {
  const Paradigm para = dict->paradigm(static_cast<size_t>(paradigm));
  for (uint32_t f = 0; f < para.forms; ++f)
    if (categories[para.tag(f)] == categories[tag]) return static_cast<int>(f);
  return -1;
}

void Analyzer::Impl::AppendLemma(const ParseList& list, const Parse& p, std::string* out) const {
  AppendForm(list, p, 0, out);
}

// ---------------------------------------------------------------------------
// Analyzer.

Analyzer::Analyzer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Analyzer::~Analyzer() = default;

Result<std::shared_ptr<const Analyzer>> Analyzer::Open(const std::string& path, Options options) {
  auto dict = Dictionary::Open(path, options.verify_checksum);
  if (!dict.ok()) return dict.status();
  auto impl = std::make_unique<Impl>();
  impl->dict = std::move(dict).value();
  if (Status s = impl->Init(); !s.ok()) return s;
  return std::shared_ptr<const Analyzer>(new Analyzer(std::move(impl)));
}

void Analyzer::Impl::RunParsers(const Word& w, ParseList* out) const {
  auto& parses = out->mutable_parses();
  // Az.js's parser chain; `true` marks a terminal parser.
  bool matched = false;
  auto ran = [&](size_t before, bool terminal) {
    for (size_t i = before; i < parses.size(); ++i) matched |= parses[i].stutter == 0;
    return matched && terminal;
  };
  size_t b = 0;
  do {
    Lookup(w, 0, w.n, true, Method::kDictionary, out);
    if (ran(b, false)) break;
    b = parses.size();
    Initials(w, out);  // AbbrName
    if (ran(b, false)) break;
    b = parses.size();
    Initials(w, out);  // AbbrPatronymic
    if (ran(b, true)) break;
    bool stop = false;
    for (int which = 0; which < 5 && !stop;
         ++which) {  // IntNumber, RealNumber, Punctuation, RomanNumber?, Latin
      b = parses.size();
      Regexps(w, which, out);
      stop = ran(b, which != 3);
    }
    if (stop) break;
    b = parses.size();
    HyphenParticle(w, out);
    if (ran(b, true)) break;
    b = parses.size();
    HyphenAdverb(w, out);
    if (ran(b, true)) break;
    b = parses.size();
    HyphenWords(w, out);
    if (ran(b, true)) break;
    b = parses.size();
    PrefixKnown(w, out);
    if (ran(b, true)) break;
    b = parses.size();
    PrefixUnknown(w, out);
    if (ran(b, false)) break;
    b = parses.size();
    SuffixKnown(w, out);
    if (ran(b, false)) break;
    Abbr(w, out);
  } while (false);
}

void Analyzer::Impl::ScoreAndSort(std::vector<Parse>* list) {
  std::vector<Parse>& parses = *list;
  // Scores: dictionary parses with P(t|w) normalized by their sum; the
  // other parses normalized among themselves.
  double total = 0;
  for (const Parse& p : parses)
    if (p.method == Method::kDictionary && p.has_probability_) total += p.score;
  if (total > 0)
    for (Parse& p : parses)
      if (p.method == Method::kDictionary) p.score /= total;
  total = 0;
  for (const Parse& p : parses)
    if (p.method != Method::kDictionary) total += p.score;
  if (total > 0)
    for (Parse& p : parses)
      if (p.method != Method::kDictionary) p.score /= total;
  // Stable, best first. Insertion sort for the usual handful of parses (no
  // allocation); std::stable_sort for the long lists of unknown words.
  if (parses.size() <= 32) {
    for (size_t i = 1; i < parses.size(); ++i) {
      if (!(parses[i].score > parses[i - 1].score)) continue;
      const Parse moving = parses[i];
      size_t j = i;
      for (; j > 0 && moving.score > parses[j - 1].score; --j) parses[j] = parses[j - 1];
      parses[j] = moving;
    }
  } else {
    std::stable_sort(parses.begin(), parses.end(),
                     [](const Parse& x, const Parse& y) { return x.score > y.score; });
  }
}

void Analyzer::Analyze(std::string_view word, ParseList* out) const {
  out->Clear();
  Word w;
  if (!Prepare(word, &w)) return;
  const Impl& m = *impl_;
  auto& parses = out->mutable_parses();
  m.RunParsers(w, out);
  Impl::ScoreAndSort(&parses);

  // Lemmas: built in a scratch buffer, as they are made of pieces of the text.
  thread_local std::string lemma;
  std::string& text = out->mutable_text();
  out->Publish();
  for (Parse& p : parses) {
    lemma.clear();
    m.AppendLemma(*out, p, &lemma);
    p.lemma_ = out->AddText(lemma);
    out->Publish();
  }
  (void)text;
}

std::optional<WordForm> Analyzer::Inflect(const ParseList& list, const Parse& p,
                                          Grammemes required) const {
  const Impl& m = *impl_;
  if (p.paradigm < 0) {
    if (!m.dict->tag_grammemes(p.tag).Contains(required)) return std::nullopt;
    return WordForm{std::string(list.Text(p.word_)), p.tag};
  }
  // Keep the parse's grammemes except those of the categories asked for.
  Grammemes same_category;
  for (size_t g = 0; g < m.root.size(); ++g)
    if (required.Has(static_cast<int>(g)))
      for (size_t h = 0; h < m.root.size(); ++h)
        if (m.root[h] == m.root[g]) same_category.Set(static_cast<int>(h));
  const Grammemes wanted = (m.dict->tag_grammemes(p.tag) & ~same_category) | required;
  const Paradigm para = m.dict->paradigm(static_cast<size_t>(p.paradigm));
  int best = -1, best_score = -1;
  for (uint32_t f = 0; f < para.forms; ++f) {
    const Grammemes g = m.dict->tag_grammemes(para.tag(f));
    if (!g.Contains(required)) continue;
    const int score = (g & wanted).count() * 2 - (g & ~wanted).count();
    if (score > best_score) {
      best = static_cast<int>(f);
      best_score = score;
    }
  }
  if (best < 0) return std::nullopt;
  WordForm form;
  m.AppendForm(list, p, static_cast<uint32_t>(best), &form.word);
  form.tag = para.tag(static_cast<uint32_t>(best));
  return form;
}

std::vector<WordForm> Analyzer::Lexeme(const ParseList& list, const Parse& p) const {
  const Impl& m = *impl_;
  std::vector<WordForm> forms;
  if (p.paradigm < 0) {
    forms.push_back({std::string(list.Text(p.word_)), p.tag});
    return forms;
  }
  const Paradigm para = m.dict->paradigm(static_cast<size_t>(p.paradigm));
  for (uint32_t f = 0; f < para.forms; ++f) {
    WordForm form;
    m.AppendForm(list, p, f, &form.word);
    form.tag = para.tag(f);
    forms.push_back(std::move(form));
  }
  return forms;
}

std::string_view Analyzer::TagString(uint32_t tag) const {
  return tag < impl_->dict->tags().size() ? impl_->dict->tags()[tag] : std::string_view();
}
Grammemes Analyzer::TagGrammemes(uint32_t tag) const {
  return tag < impl_->dict->tags().size() ? impl_->dict->tag_grammemes(tag) : Grammemes();
}
size_t Analyzer::TagCount() const {
  return impl_->dict->tags().size();
}
std::optional<int> Analyzer::GrammemeId(std::string_view name) const {
  const int g = impl_->Grammeme(name);
  if (g < 0) return std::nullopt;
  return g;
}
const GrammemeIds& Analyzer::Ids() const {
  return impl_->ids;
}
std::string_view Analyzer::GrammemeName(int id) const {
  return id >= 0 && static_cast<size_t>(id) < impl_->dict->grammemes().size()
             ? impl_->dict->grammemes()[static_cast<size_t>(id)]
             : std::string_view();
}
Result<Grammemes> Analyzer::ParseGrammemes(std::string_view names) const {
  Grammemes out;
  size_t i = 0;
  while (i < names.size()) {
    const size_t end = names.find_first_of(", ", i);
    const std::string_view name = names.substr(i, end == std::string_view::npos ? end : end - i);
    if (!name.empty()) {
      const int g = impl_->Grammeme(name);
      if (g < 0) return Status::InvalidArgument("unknown grammeme «" + std::string(name) + "»");
      out.Set(g);
    }
    if (end == std::string_view::npos) break;
    i = end + 1;
  }
  return out;
}
std::string_view Analyzer::Info() const {
  return impl_->dict->meta();
}

void ParseList::Append(const ParseList& other) {
  if (data_ != parses_.data()) {  // a view: take its parses first
    const ParseList copy = *this;
    *this = copy;
  }
  const auto shift = static_cast<uint32_t>(text_.size());
  text_ += other.view_text_;
  for (size_t i = 0; i < other.size_; ++i) {
    Parse p = other.data_[i];
    for (TextSpan* s : {&p.word_, &p.prefix_, &p.suffix_, &p.lemma_, &p.left_word_})
      s->begin += shift;
    parses_.push_back(p);
  }
  Publish();
}

std::string DictionaryPath(const std::string& explicit_path) {
  if (!explicit_path.empty()) return explicit_path;
  if (const char* env = std::getenv("KTO_MORPH_DICT"); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "data/ru-morph.bin";
  return (exe.parent_path() / "data" / "ru-morph.bin").string();
}

AnalyzerCache::AnalyzerCache(std::shared_ptr<const Analyzer> analyzer, size_t max_words)
    : analyzer_(std::move(analyzer)), max_words_(std::max<size_t>(max_words, 16)) {
  size_t n = 1;
  while (n < 2 * max_words_) n <<= 1;
  table_.assign(n, 0);
  entries_.reserve(max_words_);
  parses_.reserve(8 * max_words_);  // address space only: pages are touched as words come
  text_.reserve(128 * max_words_);
  keys_.reserve(16 * max_words_);
}

void AnalyzerCache::Reset() {
  std::fill(table_.begin(), table_.end(), 0);
  entries_.clear();
  keys_.clear();
  parses_.clear();
  text_.clear();
}

const ParseList& AnalyzerCache::Analyze(std::string_view word) {
  uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a
  for (const char c : word) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  const uint64_t tag = h & 0xFFFFFFFF00000000ull;
  const size_t mask = table_.size() - 1;
  size_t i = static_cast<size_t>(h ^ (h >> 29)) & mask;
  for (; table_[i] != 0; i = (i + 1) & mask) {
    if ((table_[i] & 0xFFFFFFFF00000000ull) != tag) continue;
    const Entry& e = entries_[(table_[i] & 0xFFFFFFFFu) - 1];
    if (std::string_view(keys_).substr(e.key_begin, e.key_size) != word) continue;
    ++hits_;
    result_.SetView(parses_.data() + e.parse_begin, e.parse_count,
                    std::string_view(text_).substr(e.text_begin, e.text_size));
    return result_;
  }
  ++misses_;
  analyzer_->Analyze(word, &result_);
  if (entries_.size() == max_words_ || parses_.size() + result_.size() > 64 * max_words_ ||
      text_.size() + result_.mutable_text().size() > 4096 * max_words_ ||
      keys_.size() + word.size() > UINT32_MAX / 2) {
    Reset();
    i = static_cast<size_t>(h ^ (h >> 29)) & mask;
  }
  entries_.push_back({static_cast<uint32_t>(keys_.size()), static_cast<uint32_t>(word.size()),
                      static_cast<uint32_t>(parses_.size()), static_cast<uint32_t>(result_.size()),
                      static_cast<uint32_t>(text_.size()),
                      static_cast<uint32_t>(result_.mutable_text().size())});
  keys_.append(word);
  parses_.insert(parses_.end(), result_.begin(), result_.end());
  text_.append(result_.mutable_text());
  table_[i] = tag | entries_.size();
  return result_;  // owns its storage until the next call
}

}  // namespace kto::morph
