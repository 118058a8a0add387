#include "kto/facts/positions.h"

#include <array>
#include <string>
#include <string_view>

#include "kto/text/normalize.h"

namespace kto::facts {
namespace {

// Words (match keys) that mark a position as held in the past when they stand
// right before it.
constexpr std::array<std::string_view, 9> kFormerWords = {
    "бывший", "бывшего", "бывшему", "бывшим", "бывшем", "бывшая", "бывшей", "бывшую", "экс"};
// Phrases that put a position after the person they describe:
// «Кедров, занимающий пост губернатора», «Кедров назначен на должность министра».
constexpr std::array<std::string_view, 6> kHoldingWords = {"пост",  "должность", "должности",
                                                           "посту", "назначен",  "назначена"};

class Linker {
 public:
  Linker(const Doc& doc, std::span<const TokenRange> persons, std::span<const TokenRange> positions)
      : doc_(doc), persons_(persons), positions_(positions), sentence_of_(doc.tokens.size(), 0) {
    for (uint32_t s = 0; s < doc.sentences.size(); ++s)
      for (uint32_t t = doc.sentences[s].begin_token; t < doc.sentences[s].end_token; ++t)
        sentence_of_[t] = s;
  }

  std::vector<PositionLink> Run() const {
    std::vector<PositionLink> links;
    for (uint32_t p = 0; p < positions_.size(); ++p) {
      const int person = PersonFor(positions_[p]);
      if (person >= 0) links.push_back({p, static_cast<uint32_t>(person), IsFormer(positions_[p])});
    }
    return links;
  }

 private:
  std::string Key(uint32_t token) const { return text::MatchKey(doc_.TextOf(doc_.tokens[token])); }
  bool Is(uint32_t token, std::string_view s) const {
    return token < doc_.tokens.size() && doc_.TextOf(doc_.tokens[token]) == s;
  }
  bool SameSentence(uint32_t a, uint32_t b) const { return sentence_of_[a] == sentence_of_[b]; }

  int PersonStartingAt(uint32_t token) const {
    for (size_t i = 0; i < persons_.size(); ++i)
      if (persons_[i].begin == token) return static_cast<int>(i);
    return -1;
  }
  int PersonEndingAt(uint32_t token) const {
    for (size_t i = 0; i < persons_.size(); ++i)
      if (persons_[i].end == token) return static_cast<int>(i);
    return -1;
  }
  // The last person that ends before `token` within its sentence.
  int LastPersonInSentenceBefore(uint32_t token) const {
    int found = -1;
    for (size_t i = 0; i < persons_.size() && persons_[i].end <= token; ++i)
      if (SameSentence(persons_[i].begin, token)) found = static_cast<int>(i);
    return found;
  }

  int PersonFor(const TokenRange& pos) const {
    const uint32_t n = static_cast<uint32_t>(doc_.tokens.size());
    // 1. «губернатор Северской области Игорь Кедров»: the name follows at once.
    if (pos.end < n) {
      if (int p = PersonStartingAt(pos.end); p >= 0) return p;
      // «лидер фракции «Новый Север» Дмитрий Ольховский»: a name in quotes between.
      if (Is(pos.end, "«")) {
        uint32_t close = pos.end + 1;
        while (close < n && close < pos.end + 8 && !Is(close, "»")) ++close;
        if (close + 1 < n && Is(close, "»"))
          if (int p = PersonStartingAt(close + 1); p >= 0) return p;
      }
    }
    // 2. «Кедров, губернатор …» / «Кедров (губернатор …)»: apposition.
    if (pos.begin >= 2 && (Is(pos.begin - 1, ",") || Is(pos.begin - 1, "(") ||
                           Is(pos.begin - 1, "—") || Is(pos.begin - 1, "–"))) {
      if (int p = PersonEndingAt(pos.begin - 1); p >= 0) return p;
    }
    // «бывший министр Ольховский»: the former-word sits between, handled by 1
    // when NER includes it; when it does not, the name still follows at once.
    // 3. «Кедров, занимающий пост губернатора», «Кедров назначен на должность …».
    for (uint32_t back = 1; back <= 3 && back <= pos.begin; ++back) {
      const std::string key = Key(pos.begin - back);
      for (std::string_view w : kHoldingWords) {
        if (key == w) return LastPersonInSentenceBefore(pos.begin);
      }
    }
    return -1;
  }

  bool IsFormer(const TokenRange& pos) const {
    const std::string first = Key(pos.begin);
    if (first.starts_with("экс-") || first.starts_with("бывш")) return true;
    if (pos.begin == 0) return false;
    uint32_t before = pos.begin - 1;
    if (Is(before, "-") && before > 0) --before;  // «экс - министр»
    const std::string key = Key(before);
    for (std::string_view w : kFormerWords)
      if (key == w) return true;
    // «занимавший пост губернатора», «ранее занимавший должность»
    return before >= 1 && Key(before - 1).starts_with("занимавш");
  }

  const Doc& doc_;
  std::span<const TokenRange> persons_;
  std::span<const TokenRange> positions_;
  std::vector<uint32_t> sentence_of_;
};

}  // namespace

std::vector<PositionLink> AttachPositions(const Doc& doc, std::span<const TokenRange> persons,
                                          std::span<const TokenRange> positions) {
  return Linker(doc, persons, positions).Run();
}

}  // namespace kto::facts
