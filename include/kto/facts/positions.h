// kto/facts/positions.h — which person holds which position.
//
// Given the person mentions and position phrases NER found in a segmented
// Doc, links each position phrase to the person it describes:
//   губернатор Северской области Игорь Кедров        (right before the name)
//   Кедров, губернатор Северской области,             (apposition after the name)
//   Кедров (глава региона), Кедров — глава региона
//   Кедров, занимающий пост губернатора / назначен на должность министра
//   Кедров … работал консультантом / стал губернатором  (the clause's person)
//   бывший министр Ольховский, экс-глава района Рябинин   (former: marked so;
//   so too «Кедров был министром», «ранее занимал должность министра»)
// With grammar (cases and number from morphology), a phrase and a name side
// by side must agree in case («губернатора Игоря Кедрова»; not «дочь
// режиссёра Мария»), and a plural phrase («пограничников») describes nobody;
// a phrase linked only by its clause must be a predicate: nominative
// («Кедров — губернатор») or instrumental («стал губернатором»).
// A phrase describes at most one person; a person may hold several.
//
// Given a PositionModel (kto/facts/position_model.h), the rules become
// features of a learned pair scorer instead: every person mention of the
// phrase's sentence, the five before and the two after is a candidate, the
// phrase goes to its best candidate when the model's probability reaches its
// threshold, and a plural phrase to every candidate that reaches it.
//
// Thread safety: pure function.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kto/names/types.h"
#include "kto/text/doc.h"

namespace kto::facts {

class PositionModel;

// What morphology says of a span's head: its possible cases and number.
struct SpanGrammar {
  static constexpr uint32_t kNoHead = UINT32_MAX;
  names::CaseSet cases = names::kAnyCase;
  bool plural = false;
  uint32_t head = kNoHead;  // token index of the head noun, when found
  // A person's: the parsed name's. A phrase's: its singular head noun's
  // when every noun parse has that one gender («танцовщица»; «судья», of
  // either, unknown). A feature of the pair scorer, never a rule: «министр»
  // is said of women, «звезда» of men.
  names::Gender gender = names::Gender::kUnknown;
};

struct PositionLink {
  uint32_t position = 0;  // index into `positions`
  uint32_t person = 0;    // index into `persons`
  bool former = false;  // «бывший», «экс-», «занимавший»; «был(а) …», «ранее занимал …»
};

// REQUIRES: doc segmented; `persons` and `positions` each in text order and
// not overlapping among themselves; the grammar spans empty (unknown) or as
// long as the span lists; `person_cluster` empty (every mention a person of
// its own) or, per mention, the index of its person in the article (-1: a
// group, never a holder). Links come in position order.
std::vector<PositionLink> AttachPositions(const Doc& doc, std::span<const TokenSpan> persons,
                                          std::span<const TokenSpan> positions,
                                          std::span<const SpanGrammar> person_grammar = {},
                                          std::span<const SpanGrammar> position_grammar = {},
                                          std::span<const int32_t> person_cluster = {},
                                          const PositionModel* model = nullptr);

}  // namespace kto::facts
