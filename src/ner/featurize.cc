#include "featurize.h"

#include <algorithm>

#include "kto/base/hash.h"
#include "kto/text/case.h"
#include "kto/text/normalize.h"
#include "kto/text/utf8.h"
#include "model_format.h"

namespace kto::ner::internal {
namespace {

using base::Fnv1a;
using base::FnvByte;
using base::FnvU64;
using base::kFnvOffset;

// Feature templates: the first byte of every feature key. Part of the model
// format; never renumber.
enum Template : uint8_t {
  kBias = 1,
  kWord = 2,
  kLower = 3,
  kShape = 4,
  kShortShape = 5,
  kCapSuffix3 = 6,
  kLength = 7,
  kScript = 8,
  kBoundary = 9,
  kExtra = 10,
  kCluster = 11,  // + level, level = 0..2 (coarse to fine)
  kPrefix = 16,   // + n, n = 1..4
  kSuffix = 24,   // + n, n = 1..4
  kPrevCur = 40,
  kCurNext = 41,
  kShapes3 = 42,
  kSentencePos = 43,
  kQuotes = 44,
  kBrackets = 45,
  kLineBreak = 46,
  kPrevShape = 47,
  kPrev2Prev = 48,
  kClasses3 = 49,
  kNextNext2 = 50,
  kLabel1 = 60,
  kLabel1Prev = 61,
  kLabel1Next = 62,
  kDocType = 63,
  kDocNone = 64,
  kDocCase = 65,
};

uint64_t Key(uint8_t tmpl, int offset) {
  return FnvByte(static_cast<uint8_t>(offset + 128), FnvByte(tmpl, kFnvOffset));
}
uint64_t Key(uint8_t tmpl, int offset, std::string_view value) {
  return Fnv1a(value, Key(tmpl, offset));
}

char ShapeChar(char32_t c) {
  if (c >= '0' && c <= '9') return 'd';
  if (text::IsUpper(c)) return 'X';
  if (text::IsLower(c)) return 'x';
  if (text::IsLetter(c)) return 'l';
  if (c < 0x80) return static_cast<char>(c);
  switch (c) {
    case 0xAB:
    case 0x201E:
      return '<';  // « „
    case 0xBB:
      return '>';  // »
    case 0x201C:
    case 0x201D:
      return '"';  // “ ”
    case 0x2014:
    case 0x2013:
      return '-';  // — –
    default:
      return 'o';
  }
}

uint8_t ClassOf(std::string_view text, char32_t first, const std::string& shape) {
  if (shape.empty()) return kClsOther;
  if (text.size() <= 3 && shape.size() == 1) {
    switch (first) {
      case 0xAB:
      case 0x201E:
        return kClsOpenQuote;
      case 0xBB:
        return kClsCloseQuote;
      case '"':
      case 0x201C:
      case 0x201D:
      case '\'':
        return kClsAmbigQuote;
      case '(':
      case '[':
      case '{':
        return kClsOpenBracket;
      case ')':
      case ']':
      case '}':
        return kClsCloseBracket;
      default:
        break;
    }
  }
  const char c = shape[0];
  if (c == 'd') return kClsNumber;
  if (c == 'x') return kClsLower;
  if (c == 'X') {
    size_t upper = 0, letters = 0;
    for (char s : shape) {
      upper += s == 'X';
      letters += s == 'X' || s == 'x';
    }
    return letters >= 2 && upper == letters ? kClsAllCaps : kClsCapital;
  }
  if (c == 'l') return kClsOther;
  return kClsPunct;
}

}  // namespace

void AnalyzeWord(std::string_view text, const TokenFeatureSource* extra, WordAnalysis* out,
                 const WordTables& tables, morph::AnalyzerCache* morphology) {
  out->text = text;
  out->lower = text::MatchKey(text);
  out->shape.clear();
  out->short_shape.clear();
  out->cp.clear();
  out->extra.clear();
  out->extra_positions_only.clear();
  char32_t first = 0;
  size_t chars = 0;
  bool cyrillic = false, latin = false;
  for (const char* p = text.data(); p < text.data() + text.size();) {
    const char32_t c = text::DecodeValid(p);
    if (chars == 0) first = c;
    ++chars;
    if (c >= 0x400 && c <= 0x52F) cyrillic = true;
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) latin = true;
    const char s = ShapeChar(c);
    if (out->shape.size() < 8) out->shape.push_back(s);
    if (out->short_shape.empty() || out->short_shape.back() != s) {
      if (out->short_shape.size() < 8) out->short_shape.push_back(s);
    }
  }
  if (chars > 8) out->shape.push_back('+');
  for (const char* p = out->lower.data(); p < out->lower.data() + out->lower.size();) {
    out->cp.push_back(static_cast<uint32_t>(p - out->lower.data()));
    text::DecodeValid(p);
  }
  out->cp.push_back(static_cast<uint32_t>(out->lower.size()));
  out->info.lower = Fnv1a(out->lower);
  out->info.shape = Fnv1a(out->short_shape);
  out->info.cls = ClassOf(text, first, out->shape);
  out->info.stem = Fnv1a(
      std::string_view(out->lower).substr(0, out->cp[std::min<size_t>(5, out->cp.size() - 1)]));
  if (extra != nullptr) extra->Features(text, morphology, &out->extra, &out->extra_positions_only);
  out->has_clusters = tables.clusters != nullptr;
  if (tables.clusters != nullptr) tables.clusters->Find(out->info.lower, out->clusters);
  // Gazetteer classes travel with the extra features (offsets -1..1): "z"
  // and the class's letter.
  if (tables.gazetteer != nullptr) {
    const uint16_t classes = tables.gazetteer->Find(out->info.lower);
    for (int c = 0; c < kGazClasses; ++c)
      if ((classes >> c) & 1) out->extra.push_back({'z', static_cast<char>('a' + c)});
  }
  out->script = static_cast<uint8_t>((cyrillic ? 1 : 0) | (latin ? 2 : 0));
}

void WordFeatures(const WordAnalysis& w, int offset, std::vector<uint64_t>* out) {
  if (w.has_clusters) {  // a word without a cluster has kNoCluster: a feature too
    for (int level = 0; level < kClusterLevels; ++level) {
      const uint16_t id = w.clusters[level];
      out->push_back(FnvByte(
          static_cast<uint8_t>(id >> 8),
          FnvByte(static_cast<uint8_t>(id), Key(static_cast<uint8_t>(kCluster + level), offset))));
    }
  }
  const std::string_view lower = w.lower;
  const size_t n = w.cp.size() - 1;  // code points
  auto prefix = [&](size_t k) { return lower.substr(0, w.cp[k]); };
  auto suffix = [&](size_t k) { return lower.substr(w.cp[n - k]); };
  if (offset == 0) {
    out->push_back(Key(kBias, 0));
    out->push_back(Key(kWord, 0, w.text));
    out->push_back(Key(kLower, 0, lower));
    for (size_t k = 1; k <= 5 && k < n; ++k) {
      out->push_back(Key(static_cast<uint8_t>(kPrefix + k), 0, prefix(k)));
      out->push_back(Key(static_cast<uint8_t>(kSuffix + k), 0, suffix(k)));
    }
    out->push_back(Key(kShape, 0, w.shape));
    out->push_back(Key(kShortShape, 0, w.short_shape));
    if (n > 3) {
      out->push_back(Fnv1a(suffix(3), FnvByte(w.info.cls, Key(kCapSuffix3, 0))));
    }
    out->push_back(FnvByte(static_cast<uint8_t>(std::min<size_t>(n, 12)), Key(kLength, 0)));
    out->push_back(FnvByte(w.script, Key(kScript, 0)));
    for (const std::string& e : w.extra) out->push_back(Key(kExtra, 0, e));
    return;
  }
  out->push_back(Key(kLower, offset, lower));
  out->push_back(Key(kShortShape, offset, w.short_shape));
  if (offset == -1 || offset == 1) {
    out->push_back(Key(kWord, offset, w.text));
    if (n > 3) out->push_back(Fnv1a(suffix(3), FnvByte(w.info.cls, Key(kCapSuffix3, offset))));
    for (size_t k = 1; k <= 3 && k < n; ++k)
      out->push_back(Key(static_cast<uint8_t>(kSuffix + k), offset, suffix(k)));
    for (const std::string& e : w.extra) out->push_back(Key(kExtra, offset, e));
  }
}

void PositionWordFeatures(const WordAnalysis& w, int offset, std::vector<uint64_t>* out) {
  if (offset < -1 || offset > 1) return;
  for (const std::string& e : w.extra_positions_only) out->push_back(Key(kExtra, offset, e));
}

void BoundaryFeatures(int offset, std::vector<uint64_t>* out) {
  out->push_back(Key(kBoundary, offset));
}

const WordInfo& BoundaryInfo() {
  // Positions outside the sentence have the word class Other: the class is
  // part of the features, so it stays what format 1 models were trained with.
  static const WordInfo info{
      .lower = Fnv1a("<s>"), .shape = Fnv1a("<s>"), .stem = 0, .cls = kClsOther};
  return info;
}

void ContextFlags(const WordInfo* const* infos, const Token* tokens, size_t n, uint8_t* flags) {
  int quotes = 0, brackets = 0;
  bool ambiguous = false;
  for (size_t i = 0; i < n; ++i) {
    uint8_t f = 0;
    if (quotes > 0 || ambiguous) f |= ctx_flags::kInQuotes;
    if (brackets > 0) f |= ctx_flags::kInBrackets;
    if (tokens[i].Has(token_flags::kLineBreakBefore)) f |= ctx_flags::kLineBreakBefore;
    if (tokens[i].Has(token_flags::kParagraphBefore)) f |= ctx_flags::kParagraphBefore;
    flags[i] = f;
    switch (infos[i]->cls) {
      case kClsOpenQuote:
        ++quotes;
        break;
      case kClsCloseQuote:
        quotes = std::max(0, quotes - 1);
        break;
      case kClsAmbigQuote:
        ambiguous = !ambiguous;
        break;
      case kClsOpenBracket:
        ++brackets;
        break;
      case kClsCloseBracket:
        brackets = std::max(0, brackets - 1);
        break;
      default:
        break;
    }
  }
}

void ContextFeatures(const WordInfo* const* infos, const uint8_t* flags, size_t n, size_t i,
                     std::vector<uint64_t>* out) {
  const WordInfo& boundary = BoundaryInfo();
  auto at = [&](long j) -> const WordInfo& {
    return j < 0 || j >= static_cast<long>(n) ? boundary : *infos[j];
  };
  const long k = static_cast<long>(i);
  const WordInfo& prev2 = at(k - 2);
  const WordInfo& prev = at(k - 1);
  const WordInfo& cur = at(k);
  const WordInfo& next = at(k + 1);
  const uint64_t base = kFnvOffset;
  out->push_back(FnvU64(cur.lower, FnvU64(prev.lower, FnvByte(kPrevCur, base))));
  out->push_back(FnvU64(next.lower, FnvU64(cur.lower, FnvByte(kCurNext, base))));
  out->push_back(
      FnvU64(next.shape, FnvU64(cur.shape, FnvU64(prev.shape, FnvByte(kShapes3, base)))));
  out->push_back(FnvU64(cur.shape, FnvU64(prev.lower, FnvByte(kPrevShape, base))));
  out->push_back(FnvU64(prev.lower, FnvU64(prev2.lower, FnvByte(kPrev2Prev, base))));
  const WordInfo& next2 = at(k + 2);
  out->push_back(FnvByte(next.cls, FnvByte(cur.cls, FnvByte(prev.cls, FnvByte(kClasses3, base)))));
  out->push_back(FnvU64(next2.lower, FnvU64(next.lower, FnvByte(kNextNext2, base))));
  const uint8_t pos = static_cast<uint8_t>(std::min<size_t>(i, 3));
  out->push_back(FnvByte(cur.cls, FnvByte(pos, FnvByte(kSentencePos, base))));
  const uint8_t f = flags[i];
  out->push_back(FnvByte(cur.cls, FnvByte(f & ctx_flags::kInQuotes, FnvByte(kQuotes, base))));
  out->push_back(FnvByte(cur.cls, FnvByte(f & ctx_flags::kInBrackets, FnvByte(kBrackets, base))));
  out->push_back(
      FnvByte(cur.cls, FnvByte(f & (ctx_flags::kLineBreakBefore | ctx_flags::kParagraphBefore),
                               FnvByte(kLineBreak, base))));
}

void CountStem(const WordInfo& info, size_t i, uint8_t label1, StemCounts* c) {
  ++c->total;
  if (label1 != 0 && TypeOf(label1) < kMaxTypes) ++c->type[TypeOf(label1)];
  if (info.cls == kClsLower) ++c->lower;
  if ((info.cls == kClsCapital || info.cls == kClsAllCaps) && i > 0) ++c->capital_inside;
}

void PassOneFeatures(const WordInfo& cur, const uint8_t* labels1, size_t n, size_t i,
                     const StemCounts& counts, int num_types, std::vector<uint64_t>* out) {
  const uint64_t base = kFnvOffset;
  const uint8_t none = 255;
  const uint8_t prev = i > 0 ? labels1[i - 1] : none;
  const uint8_t own = labels1[i];
  const uint8_t next = i + 1 < n ? labels1[i + 1] : none;
  out->push_back(FnvByte(own, FnvByte(kLabel1, base)));
  out->push_back(FnvByte(own, FnvByte(prev, FnvByte(kLabel1Prev, base))));
  out->push_back(FnvByte(next, FnvByte(own, FnvByte(kLabel1Next, base))));
  const int own_type = own == 0 ? -1 : TypeOf(own);
  const uint32_t others = counts.total > 0 ? counts.total - 1 : 0;
  // Case of the other occurrences (the token's own occurrence subtracted).
  const uint32_t lower = counts.lower - (cur.cls == kClsLower ? 1 : 0);
  const uint32_t capital =
      counts.capital_inside - ((cur.cls == kClsCapital || cur.cls == kClsAllCaps) && i > 0 ? 1 : 0);
  const uint8_t doc_case = static_cast<uint8_t>((lower > 0 ? 1 : 0) | (capital > 0 ? 2 : 0));
  out->push_back(FnvByte(cur.cls, FnvByte(doc_case, FnvByte(i == 0, FnvByte(kDocCase, base)))));
  if (others == 0) return;
  bool any = false;
  for (int t = 0; t < num_types && t < kMaxTypes; ++t) {
    const uint32_t c = counts.type[t] - (own_type == t ? 1 : 0);
    if (c == 0) continue;
    any = true;
    const uint8_t share = c * 2 >= others ? 2 : 1;
    out->push_back(FnvByte(
        cur.cls, FnvByte(share, FnvByte(static_cast<uint8_t>(t), FnvByte(kDocType, base)))));
  }
  if (!any) out->push_back(FnvByte(cur.cls, FnvByte(kDocNone, base)));
}

}  // namespace kto::ner::internal
