// Pairwise linking scores and the names the panel shows.
#include "kto/eval/link.h"

#include <algorithm>
#include <map>

#include "kto/text/normalize.h"

namespace kto::eval {
namespace {

uint64_t Pairs(uint64_t n) {
  return n * (n - 1) / 2;
}

// The KB person of the predicted mention overlapping `gold` most; 0 when none.
int64_t BestOverlap(const GoldSpan& gold, const std::vector<PredictedMention>& predicted) {
  int64_t person = 0;
  uint32_t best = 0;
  for (const PredictedMention& p : predicted) {
    const uint32_t lo = std::max(p.begin, gold.begin), hi = std::min(p.end, gold.end);
    if (hi > lo && hi - lo > best) {
      best = hi - lo;
      person = p.person;
    }
  }
  return person;
}

// The splits and merges of the matched mentions `written` (by gold id and
// KB person), the largest (most mentions) first.
std::vector<LinkError> LinkErrors(
    const std::map<std::pair<std::string, int64_t>, std::vector<std::string>>& written,
    const std::map<std::string, std::string>& labels, store::Store& store) {
  auto display = [&](int64_t id) {
    auto p = store.GetPerson(id);
    return p.ok() && p->has_value() ? (*p)->display_name : "#" + std::to_string(id);
  };
  std::map<std::string, LinkError> splits;  // by gold id
  std::map<int64_t, LinkError> merges;      // by KB person
  for (const auto& [key, mentions] : written) {
    const auto& [link, person] = key;
    LinkError& split = splits[link];
    split.name = labels.at(link);
    split.parts.emplace_back(display(person), mentions);
    LinkError& merge = merges[person];
    merge.split = false;
    merge.name = display(person);
    merge.parts.emplace_back(labels.at(link), mentions);
  }
  std::vector<LinkError> errors;
  for (auto& [link, e] : splits)
    if (e.parts.size() > 1) errors.push_back(std::move(e));
  for (auto& [person, e] : merges)
    if (e.parts.size() > 1) errors.push_back(std::move(e));
  auto size = [](const LinkError& e) {
    size_t n = 0;
    for (const auto& part : e.parts) n += part.second.size();
    return n;
  };
  std::stable_sort(errors.begin(), errors.end(),
                   [&](const LinkError& x, const LinkError& y) { return size(x) > size(y); });
  return errors;
}

}  // namespace

LinkScores ScoreLinking(const std::vector<AnnotatedDoc>& corpus,
                        const std::vector<std::vector<PredictedMention>>& predicted,
                        store::Store& store, std::vector<LinkError>* errors) {
  LinkScores out;
  // Gold mentions -> (gold id, predicted person).
  std::map<std::string, uint64_t> gold_sizes;
  std::map<int64_t, uint64_t> predicted_sizes;
  std::map<std::pair<std::string, int64_t>, uint64_t> cells;
  uint64_t named_right = 0;              // labelled mentions shown as their label
  std::map<int64_t, std::string> shown;  // KB person -> its name without the patronymic
  int64_t singleton = 0;
  // The matched mentions as written, by (gold id, KB person); gold labels.
  std::map<std::pair<std::string, int64_t>, std::vector<std::string>> written;
  std::map<std::string, std::string> labels;
  for (size_t d = 0; d < corpus.size(); ++d) {
    for (const GoldSpan& g : corpus[d].linked_persons) {
      ++out.gold_mentions;
      int64_t person = BestOverlap(g, predicted[d]);
      if (person == 0) {
        person = --singleton;  // not found: a person of its own
      } else {
        ++out.matched_mentions;
        if (errors) {
          written[{g.link, person}].emplace_back(
              corpus[d].doc.text().substr(g.begin, g.end - g.begin));
          labels[g.link] = g.label.empty() ? g.link : g.label;
        }
        if (IsNameLabel(g.label)) {
          if (!shown.contains(person)) {
            auto p = store.GetPerson(person);
            shown[person] = p.ok() && p->has_value() ? NameWithoutPatronymic(**p) : "";
          }
          ++out.labelled_mentions;
          named_right += shown[person] == LabelWithoutPatronymic(g.label);
        }
      }
      ++gold_sizes[g.link];
      ++predicted_sizes[person];
      ++cells[{g.link, person}];
    }
  }
  out.gold_entities = gold_sizes.size();
  uint64_t tp = 0, gold_pairs = 0, predicted_pairs = 0;
  for (const auto& [key, n] : cells) tp += Pairs(n);
  for (const auto& [key, n] : gold_sizes) gold_pairs += Pairs(n);
  for (const auto& [key, n] : predicted_sizes) predicted_pairs += Pairs(n);
  out.precision = predicted_pairs ? double(tp) / double(predicted_pairs) : 0;
  out.recall = gold_pairs ? double(tp) / double(gold_pairs) : 0;
  out.f1 = out.precision + out.recall > 0
               ? 2 * out.precision * out.recall / (out.precision + out.recall)
               : 0;
  // The same over the matched mentions only (singletons never form pairs, so
  // the true pairs stay `tp`).
  std::map<std::string, uint64_t> matched_sizes;
  for (const auto& [key, n] : cells)
    if (key.second > 0) matched_sizes[key.first] += n;
  uint64_t gold_matched_pairs = 0;
  for (const auto& [key, n] : matched_sizes) gold_matched_pairs += Pairs(n);
  out.recall_matched = gold_matched_pairs ? double(tp) / double(gold_matched_pairs) : 0;
  out.name_accuracy =
      out.labelled_mentions ? double(named_right) / double(out.labelled_mentions) : 0;
  if (errors) *errors = LinkErrors(written, labels, store);
  return out;
}

bool IsNameLabel(std::string_view label) {
  if (label.find(',') != std::string_view::npos) return false;
  const size_t space = label.find(' '), last = label.rfind(' ');
  if (space == std::string_view::npos) return false;
  auto capital = [](std::string_view word) {  // has a capital letter
    return text::MatchKey(word, {.lowercase = true}) != text::MatchKey(word, {.lowercase = false});
  };
  return capital(label.substr(0, space)) && capital(label.substr(last + 1));
}

std::string LabelWithoutPatronymic(std::string_view label) {
  std::vector<std::string_view> words;
  for (size_t start = 0; start <= label.size();) {
    const size_t end = std::min(label.find(' ', start), label.size());
    words.emplace_back(label.substr(start, end - start));
    start = end + 1;
  }
  auto patronymic = [](std::string_view w) {
    for (std::string_view e : {"вич", "вна", "чна", "ична"})
      if (w.ends_with(e)) return true;
    return false;
  };
  if (words.size() == 3 && patronymic(words[1]))
    return std::string(words[0]) + " " + std::string(words[2]);
  if (words.size() == 3 && patronymic(words[2]))
    return std::string(words[1]) + " " + std::string(words[0]);
  return std::string(label);
}

std::string NameWithoutPatronymic(const store::Person& p) {
  std::string name = p.display_name;
  if (const size_t at = p.patronymic.empty() ? std::string::npos : name.find(" " + p.patronymic);
      at != std::string::npos)
    name.erase(at, p.patronymic.size() + 1);
  return name;
}

PartitionAgreement ComparePartitions(const std::vector<std::vector<PredictedMention>>& a,
                                     const std::vector<std::vector<PredictedMention>>& b) {
  PartitionAgreement out;
  // Pairs within each side's clusters and within their intersections
  // (a contingency table; persons are numbered per store, so by side).
  std::map<int64_t, uint64_t> a_sizes, b_sizes;
  std::map<std::pair<int64_t, int64_t>, uint64_t> cells;
  for (size_t d = 0; d < std::min(a.size(), b.size()); ++d) {
    std::map<std::pair<uint32_t, uint32_t>, int64_t> in_b;
    for (const PredictedMention& m : b[d]) in_b[{m.begin, m.end}] = m.person;
    size_t found = 0;
    for (const PredictedMention& m : a[d]) {
      auto it = in_b.find({m.begin, m.end});
      if (it == in_b.end()) {
        ++out.only_a;
        continue;
      }
      ++found;
      ++out.mentions;
      ++a_sizes[m.person];
      ++b_sizes[it->second];
      ++cells[{m.person, it->second}];
    }
    out.only_b += b[d].size() - found;
  }
  auto pairs = [](uint64_t n) { return static_cast<double>(n) * static_cast<double>(n - 1) / 2; };
  double together = 0, a_pairs = 0, b_pairs = 0;
  for (const auto& [key, n] : cells) together += pairs(n);
  for (const auto& [key, n] : a_sizes) a_pairs += pairs(n);
  for (const auto& [key, n] : b_sizes) b_pairs += pairs(n);
  out.precision = b_pairs > 0 ? together / b_pairs : 1;
  out.recall = a_pairs > 0 ? together / a_pairs : 1;
  out.f1 = out.precision + out.recall > 0
               ? 2 * out.precision * out.recall / (out.precision + out.recall)
               : 0;
  return out;
}

Result<std::vector<std::vector<PredictedMention>>> StoredMentions(
    const std::vector<AnnotatedDoc>& corpus, store::Store& store) {
  std::vector<std::vector<PredictedMention>> out(corpus.size());
  for (size_t d = 0; d < corpus.size(); ++d) {
    auto article = store.FindArticleByExternalId(corpus[d].name);
    if (!article.ok()) return article.status();
    if (!*article) continue;  // not ingested: no mentions
    auto mentions = store.ArticleMentions((*article)->id);
    if (!mentions.ok()) return mentions.status();
    // The byte where each code point starts, and the end.
    const std::string_view text = corpus[d].doc.text();
    std::vector<uint32_t> bytes;
    for (uint32_t i = 0; i < text.size(); ++i)
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) bytes.push_back(i);
    bytes.push_back(static_cast<uint32_t>(text.size()));
    for (const store::Mention& m : *mentions) {
      if (m.in_title || m.end > static_cast<int64_t>(bytes.size()) - 1) continue;
      out[d].push_back(PredictedMention{bytes[static_cast<size_t>(m.start)],
                                        bytes[static_cast<size_t>(m.end)], m.person_id});
    }
  }
  return out;
}

}  // namespace kto::eval
