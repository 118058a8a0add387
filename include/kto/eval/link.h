// kto/eval/link.h — cross-document person linking against gold ids, the score
// `kto eval link` prints. Library kto_eval (training side).
//
// Over the gold PERSON mentions that carry a cross-document id
// (AnnotatedDoc::linked_persons: Wikidata ids in NEREL, per-topic ids in
// BSNLP), each is given the KB person of the predicted mention overlapping it
// most (none: a person of its own); pairwise precision, recall and F1 over
// the pairs of mentions put together. Also the names the panel shows: where
// a matched gold mention's Wikidata label is a name («Игорь Кедров»: words,
// the first and the last capitalized, no comma), whether its KB person's
// display name and the label, both without a patronymic, are the same,
// capitals included.
//
// Thread safety: the functions are independent; ScoreLinking reads the store
// from the calling thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kto/eval/corpus.h"
#include "kto/store/store.h"

namespace kto::eval {

// A person mention the pipeline linked: bytes of the document text and the
// KB person it was linked to.
struct PredictedMention {
  uint32_t begin = 0, end = 0;
  int64_t person = 0;
};

struct LinkScores {
  uint64_t gold_mentions = 0;     // gold PERSON mentions with a cross-document id
  uint64_t matched_mentions = 0;  // of them, overlapped by a predicted mention
  uint64_t gold_entities = 0;     // distinct gold ids
  double precision = 0, recall = 0, f1 = 0;
  double recall_matched = 0;       // recall over the matched mentions: linking apart from NER
  uint64_t labelled_mentions = 0;  // matched mentions whose label is a name
  double name_accuracy = 0;        // of them, shown with the label's name
};

// Where linking went wrong: a gold person split over several KB persons, or
// a KB person holding several gold persons. Each side is listed with its
// matched mentions as written.
struct LinkError {
  bool split = true;  // a gold person split; else a KB person merging gold ones
  std::string name;   // the gold label (a split) or the KB display name (a merge)
  // The other side: KB display names (a split) or gold labels (a merge),
  // each with the mentions put there, as written.
  std::vector<std::pair<std::string, std::vector<std::string>>> parts;
};

// Scores `predicted[d]`, the linked mentions of corpus[d], against the gold.
// `store` gives the linked persons' names. With `errors`, fills it with the
// splits and merges, the largest first. REQUIRES: predicted.size() ==
// corpus.size().
LinkScores ScoreLinking(const std::vector<AnnotatedDoc>& corpus,
                        const std::vector<std::vector<PredictedMention>>& predicted,
                        store::Store& store, std::vector<LinkError>* errors = nullptr);

// How far two linkings of the same documents agree (one process against
// several, issue 17): over the mentions both have (same document, same
// span), pairwise precision, recall and F1 of `b`'s persons against `a`'s.
struct PartitionAgreement {
  uint64_t mentions = 0;  // in both
  uint64_t only_a = 0, only_b = 0;
  double precision = 0, recall = 0, f1 = 0;
};
PartitionAgreement ComparePartitions(const std::vector<std::vector<PredictedMention>>& a,
                                     const std::vector<std::vector<PredictedMention>>& b);

// The linked mentions of each document as a store holds them: the article
// whose external id is the document's name (ingested by `kto eval link`),
// its mentions' code point offsets turned into bytes of the document.
Result<std::vector<std::vector<PredictedMention>>> StoredMentions(
    const std::vector<AnnotatedDoc>& corpus, store::Store& store);

// «Игорь Кедров», «Пак Мин Хён»; not «Ветров, Ганс», «нет данных», one word.
bool IsNameLabel(std::string_view label);

// A label without its patronymic, as «Имя Фамилия»: «Игорь Павлович Кедров»
// and «Ясенев Дмитрий Юрьевич» -> «Игорь Кедров», «Дмитрий Ясенев».
std::string LabelWithoutPatronymic(std::string_view label);

// The person's display name without the patronymic: «Игорь Кедров».
std::string NameWithoutPatronymic(const store::Person& person);

}  // namespace kto::eval
