// NER scores: token level (naeval style) and strict span level.
#include "kto/eval/ner_metrics.h"

#include <cstdio>
#include <functional>
#include <set>
#include <tuple>

namespace kto::eval {
namespace {

// Type index (into `types`, +1; 0 = outside) of every token of `doc`: the
// type of the span its first byte falls in.
template <typename SpanT, typename TypeFn>
std::vector<int> TokenTypes(const Doc& doc, const std::vector<SpanT>& spans, TypeFn type_of,
                            std::function<std::pair<uint32_t, uint32_t>(const SpanT&)> range) {
  std::vector<int> out(doc.tokens.size(), 0);
  size_t s = 0;
  for (size_t t = 0; t < doc.tokens.size(); ++t) {
    const uint32_t b = doc.tokens[t].begin;
    while (s < spans.size() && range(spans[s]).second <= b) ++s;
    if (s < spans.size() && range(spans[s]).first <= b) out[t] = type_of(spans[s]);
  }
  return out;
}

void Score(const std::vector<int>& gold, const std::vector<int>& pred, std::vector<Counts>* counts,
           std::vector<std::vector<uint64_t>>* confusion) {
  for (size_t t = 0; t < gold.size(); ++t) {
    const int g = gold[t], p = pred[t];
    if (confusion != nullptr) ++(*confusion)[g][p];
    if (g == p) {
      if (g > 0) ++(*counts)[g - 1].tp;
      continue;
    }
    if (p > 0) ++(*counts)[p - 1].fp;
    if (g > 0) ++(*counts)[g - 1].fn;
  }
}

using Key = std::tuple<uint32_t, uint32_t, int>;

void ScoreSpans(const std::set<Key>& gold, const std::set<Key>& pred, std::vector<Counts>* counts) {
  for (const Key& k : pred) {
    if (gold.count(k))
      ++(*counts)[std::get<2>(k) - 1].tp;
    else
      ++(*counts)[std::get<2>(k) - 1].fp;
  }
  for (const Key& k : gold)
    if (!pred.count(k)) ++(*counts)[std::get<2>(k) - 1].fn;
}

void Sum(const std::vector<Counts>& counts, Counts* all) {
  all->tp = all->fp = all->fn = 0;
  for (const Counts& c : counts) {
    all->tp += c.tp;
    all->fp += c.fp;
    all->fn += c.fn;
  }
}

}  // namespace

Evaluator::Evaluator(std::vector<std::string> types) : types_(std::move(types)) {
  for (const std::string& t : types_) {
    report_.token.push_back({t, 0, 0, 0});
    report_.span.push_back({t, 0, 0, 0});
  }
  report_.token_all.type = report_.span_all.type = "all";
  report_.position_token.type = report_.position_span.type = "POSITION";
  report_.nested_span.type = "nested";
  report_.confusion_labels.push_back("O");
  for (const std::string& t : types_) report_.confusion_labels.push_back(t);
  report_.confusion.assign(types_.size() + 1, std::vector<uint64_t>(types_.size() + 1, 0));
}

void Evaluator::Add(const AnnotatedDoc& gold, const ner::Annotations& predicted) {
  const Doc& doc = gold.doc;
  ++report_.docs;
  report_.tokens += doc.tokens.size();
  auto gold_type = [&](const GoldSpan& s) {
    for (size_t i = 0; i < types_.size(); ++i)
      if (types_[i] == s.type) return static_cast<int>(i) + 1;
    return 0;
  };
  auto gold_range = [](const GoldSpan& s) { return std::make_pair(s.begin, s.end); };
  auto pred_range = [&](const ner::Span& s) {
    return std::make_pair(doc.tokens[s.begin].begin, doc.tokens[s.end - 1].end);
  };
  auto pred_type = [](const ner::Span& s) { return static_cast<int>(s.type) + 1; };
  std::function<std::pair<uint32_t, uint32_t>(const GoldSpan&)> gr = gold_range;
  std::function<std::pair<uint32_t, uint32_t>(const ner::Span&)> pr = pred_range;
  Score(TokenTypes(doc, gold.entities, gold_type, gr),
        TokenTypes(doc, predicted.entities, pred_type, pr), &report_.token, &report_.confusion);
  // Strict span keys (start, end, type index + 1) of gold and predicted spans.
  auto gold_keys = [&](const std::vector<GoldSpan>& spans, auto type_of) {
    std::set<Key> keys;
    for (const GoldSpan& s : spans)
      if (const int t = type_of(s); t > 0) keys.emplace(s.begin, s.end, t);
    return keys;
  };
  auto predicted_keys = [&](const auto& spans, auto type_of) {
    std::set<Key> keys;
    for (const ner::Span& s : spans) {
      const auto [b, e] = pred_range(s);
      keys.emplace(b, e, type_of(s));
    }
    return keys;
  };
  ScoreSpans(gold_keys(gold.entities, gold_type), predicted_keys(predicted.entities, pred_type),
             &report_.span);
  Sum(report_.token, &report_.token_all);
  Sum(report_.span, &report_.span_all);
  if (!gold.has_positions) return;
  ++report_.position_docs;
  auto one = [](const auto&) { return 1; };
  std::vector<Counts> pos_token{report_.position_token}, pos_span{report_.position_span};
  Score(TokenTypes(doc, gold.positions, one, gr), TokenTypes(doc, predicted.positions, one, pr),
        &pos_token, nullptr);
  ScoreSpans(gold_keys(gold.positions, one), predicted_keys(predicted.positions, one), &pos_span);
  report_.position_token = pos_token[0];
  report_.position_span = pos_span[0];
  std::vector<Counts> nested(types_.size());
  ScoreSpans(gold_keys(gold.nested, gold_type), predicted_keys(predicted.nested, pred_type),
             &nested);
  for (const Counts& c : nested) {
    report_.nested_span.tp += c.tp;
    report_.nested_span.fp += c.fp;
    report_.nested_span.fn += c.fn;
  }
}

namespace {
std::string Row(const Counts& c) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "  %-9s %6.4f %6.4f %6.4f  (tp %llu fp %llu fn %llu)\n",
                c.type.c_str(), c.Precision(), c.Recall(), c.F1(),
                static_cast<unsigned long long>(c.tp), static_cast<unsigned long long>(c.fp),
                static_cast<unsigned long long>(c.fn));
  return buf;
}
}  // namespace

std::string FormatReport(const EvalReport& r) {
  std::string out =
      std::to_string(r.docs) + " documents, " + std::to_string(r.tokens) + " tokens\n";
  out += "token level      P      R      F1\n";
  for (const Counts& c : r.token) out += Row(c);
  out += Row(r.token_all);
  out += "strict spans     P      R      F1\n";
  for (const Counts& c : r.span) out += Row(c);
  out += Row(r.span_all);
  if (r.position_docs == 0) {
    out += "positions        none in the corpus\n";
  } else {
    out += "positions        P      R      F1\n";
    Counts pt = r.position_token, ps = r.position_span;
    pt.type = "tokens";
    ps.type = "spans";
    out += Row(pt) + Row(ps);
    out += "nested entities  P      R      F1\n";
    Counts nested = r.nested_span;
    nested.type = "spans";
    out += Row(nested);
  }
  out += "confusion (tokens; rows gold, columns predicted)\n  gold\\pred";
  char buf[64];
  for (const std::string& l : r.confusion_labels) {
    std::snprintf(buf, sizeof buf, " %8s", l.c_str());
    out += buf;
  }
  out += "\n";
  for (size_t g = 0; g < r.confusion.size(); ++g) {
    std::snprintf(buf, sizeof buf, "  %-9s", r.confusion_labels[g].c_str());
    out += buf;
    for (uint64_t v : r.confusion[g]) {
      std::snprintf(buf, sizeof buf, " %8llu", static_cast<unsigned long long>(v));
      out += buf;
    }
    out += "\n";
  }
  return out;
}

std::string FormatSummary(const EvalReport& r) {
  std::string out = "token F1";
  char buf[128];
  for (const Counts& c : r.token) {
    std::snprintf(buf, sizeof buf, " %s %.4f", c.type.c_str(), c.F1());
    out += buf;
  }
  std::snprintf(buf, sizeof buf, " | span F1 %.4f | positions span F1 %.4f | nested span F1 %.4f",
                r.span_all.F1(), r.position_span.F1(), r.nested_span.F1());
  return out + buf;
}

EvalReport Evaluate(const ner::Model& model, const std::vector<AnnotatedDoc>& docs) {
  Evaluator evaluator(model.EntityTypes());
  ner::State state;
  ner::Annotations found;
  for (const AnnotatedDoc& d : docs) {
    ner::Tag(model, d.doc, &state, &found);
    evaluator.Add(d, found);
  }
  return evaluator.report();
}

}  // namespace kto::eval
