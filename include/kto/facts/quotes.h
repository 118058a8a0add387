// kto/facts/quotes.h — direct speech and who said it.
//
// Finds quoted speech in a segmented Doc and attributes it to one of the
// person mentions the caller passes (from NER):
//   «Мост ждали тридцать лет», — сказал губернатор Игорь Кедров.
//   Кедров заявил: «Мост откроют в срок».
//   — Дети смогут проводить опыты, — отметила Ветрова.
//   По словам Кедрова, «мост окупится».
//   «Мы будем добиваться поправок», — сказал он.   (he: the last person before)
//   «Это только начало», — добавил министр.        (a post: the caller finds who holds it)
// Quoted names and titles («Северное сияние») are not speech: a quote counts
// only with a speech verb next to it or with its own sentence punctuation.
//
// Thread safety: pure function.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kto/text/doc.h"

namespace kto::facts {

struct Quote {
  TokenSpan speech;         // the quoted words, without quote marks or dialogue dashes
  int32_t speaker = -1;     // index into `persons`, or -1 when nobody is named
  bool by_pronoun = false;  // attributed through «он»/«она» to the last person before
  // Index into `posts` when the speaker is named by a post and no name
  // («— добавил министр»); -1 otherwise.
  int32_t speaker_post = -1;
};

// REQUIRES: doc segmented (text::Segment); `persons` and `posts` (position
// phrases) each in text order, not overlapping. Quotes come in text order.
std::vector<Quote> FindQuotes(const Doc& doc, std::span<const TokenSpan> persons,
                              std::span<const TokenSpan> posts = {});

}  // namespace kto::facts
