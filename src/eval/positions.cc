// (person, position) pairs against WORKS_AS relations, matched one to one.
#include "kto/eval/positions.h"

#include "kto/text/segment.h"

namespace kto::eval {
namespace {

bool Overlap(uint32_t a_begin, uint32_t a_end, uint32_t b_begin, uint32_t b_end) {
  return a_begin < b_end && b_begin < a_end;
}

// Kuhn's augmenting path from predicted pair `p`; the graphs are a few
// dozen pairs per document, so the quadratic search is cheap.
bool Augment(size_t p, const std::vector<std::vector<size_t>>& edges, std::vector<bool>* seen,
             std::vector<int>* gold_to) {
  for (size_t g : edges[p]) {
    if ((*seen)[g]) continue;
    (*seen)[g] = true;
    if ((*gold_to)[g] < 0 || Augment(static_cast<size_t>((*gold_to)[g]), edges, seen, gold_to)) {
      (*gold_to)[g] = static_cast<int>(p);
      return true;
    }
  }
  return false;
}

}  // namespace

bool PairMatches(const BytePair& p, const BytePair& g) {
  return Overlap(p.person_begin, p.person_end, g.person_begin, g.person_end) &&
         Overlap(p.position_begin, p.position_end, g.position_begin, g.position_end);
}

std::vector<BytePair> GoldPairs(const AnnotatedDoc& gold) {
  std::vector<BytePair> pairs;
  for (const GoldRelation& r : gold.relations)
    if (r.type == "WORKS_AS" && r.from.type == "PERSON" && r.to.type == "PROFESSION")
      pairs.push_back({r.from.begin, r.from.end, r.to.begin, r.to.end});
  return pairs;
}

PairMatching MatchPairs(const std::vector<BytePair>& predicted, const std::vector<BytePair>& gold) {
  std::vector<std::vector<size_t>> edges(predicted.size());
  for (size_t p = 0; p < predicted.size(); ++p)
    for (size_t g = 0; g < gold.size(); ++g)
      if (PairMatches(predicted[p], gold[g])) edges[p].push_back(g);
  std::vector<int> gold_to(gold.size(), -1);
  for (size_t p = 0; p < predicted.size(); ++p) {
    std::vector<bool> seen(gold.size(), false);
    Augment(p, edges, &seen, &gold_to);
  }
  PairMatching out;
  out.predicted_matched.assign(predicted.size(), false);
  out.gold_matched.assign(gold.size(), false);
  for (size_t g = 0; g < gold.size(); ++g) {
    if (gold_to[g] < 0) continue;
    out.gold_matched[g] = true;
    out.predicted_matched[static_cast<size_t>(gold_to[g])] = true;
    ++out.matched;
  }
  return out;
}

void ScorePositions(const AnnotatedDoc& gold, const facts::ArticleAnalyzer& analyzer,
                    facts::ArticleAnalyzer::State* state, bool oracle, PairCounts* counts,
                    const std::function<void(const PairError&)>& on_error) {
  auto doc = Doc::FromUtf8(std::string(gold.doc.text())).value();
  auto bytes = [&](const TokenSpan& r) {
    return std::pair{doc.tokens[r.begin].begin, doc.tokens[r.end - 1].end};
  };
  facts::ArticleAnalysis analysis;
  facts::ArticleAnalyzer::PositionInputs inputs;
  if (oracle) {
    text::Segment(&doc);
    const ner::Annotations spans = GoldAnnotations(doc, gold, analyzer);
    inputs = analyzer.PreparePositions(&doc, &spans, state);
    analysis = analyzer.AnalyzeWithSpans(&doc, spans, state);
  } else {
    inputs = analyzer.PreparePositions(&doc, nullptr, state);
    analysis = analyzer.Analyze(&doc, state);
  }
  std::vector<BytePair> predicted;
  for (const facts::PersonFact& person : analysis.persons) {
    for (const facts::PositionFact& position : person.positions) {
      const auto [hb, he] = bytes(position.holder);
      const auto [pb, pe] = bytes(position.tokens);
      predicted.push_back({hb, he, pb, pe});
    }
  }
  const std::vector<BytePair> pairs = GoldPairs(gold);
  const PairMatching matching = MatchPairs(predicted, pairs);
  counts->predicted += predicted.size();
  counts->gold += pairs.size();
  counts->matched += matching.matched;
  const std::string_view text = doc.text();
  auto report = [&](std::string kind, const BytePair& p) {
    if (on_error)
      on_error({std::move(kind),
                std::string(text.substr(p.person_begin, p.person_end - p.person_begin)),
                std::string(text.substr(p.position_begin, p.position_end - p.position_begin))});
  };
  for (size_t p = 0; p < predicted.size(); ++p)
    if (!matching.predicted_matched[p]) report("wrong", predicted[p]);
  for (size_t g = 0; g < pairs.size(); ++g) {
    const BytePair& r = pairs[g];
    bool person_found = false, position_found = false;
    for (const TokenSpan& t : inputs.persons) {
      const auto [b, e] = bytes(t);
      person_found |= Overlap(b, e, r.person_begin, r.person_end);
    }
    for (const TokenSpan& t : inputs.positions) {
      const auto [b, e] = bytes(t);
      position_found |= Overlap(b, e, r.position_begin, r.position_end);
    }
    counts->gold_reachable += person_found && position_found;
    if (!matching.gold_matched[g])
      report(person_found && position_found ? "missed" : "missed-unreachable", r);
  }
}

ner::Annotations GoldAnnotations(const Doc& doc, const AnnotatedDoc& gold,
                                 const facts::ArticleAnalyzer& analyzer) {
  auto tokens_of = [&](const GoldSpan& span) {
    TokenSpan r{0, 0};
    while (r.begin < doc.tokens.size() && doc.tokens[r.begin].end <= span.begin) ++r.begin;
    r.end = r.begin;
    while (r.end < doc.tokens.size() && doc.tokens[r.end].begin < span.end) ++r.end;
    return r;
  };
  ner::Annotations spans;
  for (const GoldSpan& g : gold.entities) {
    const TokenSpan r = tokens_of(g);
    const int type = analyzer.EntityType(g.type);
    if (type >= 0 && r.begin < r.end)
      spans.entities.push_back({{r.begin, r.end}, static_cast<uint8_t>(type)});
  }
  for (const GoldSpan& g : gold.positions) {
    const TokenSpan r = tokens_of(g);
    if (r.begin < r.end) spans.positions.push_back({{r.begin, r.end}, 0});
  }
  return spans;
}

}  // namespace kto::eval
