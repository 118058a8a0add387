// kto/facts/positions.h — which person holds which position.
//
// Given the person mentions and position phrases NER found in a segmented
// Doc, links each position phrase to the person it describes:
//   губернатор Северской области Игорь Кедров        (position right before the name)
//   Кедров, губернатор Северской области,             (apposition after the name)
//   Кедров (глава региона)                            (in brackets after the name)
//   Кедров, занимающий пост губернатора / назначен на должность министра
//   бывший министр Ольховский, экс-глава района Рябинин   (former: marked so)
// A phrase describes at most one person; a person may hold several.
//
// Thread safety: pure function.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kto/facts/quotes.h"  // TokenRange
#include "kto/text/doc.h"

namespace kto::facts {

struct PositionLink {
  uint32_t position = 0;  // index into `positions`
  uint32_t person = 0;    // index into `persons`
  bool former = false;    // «бывший», «экс-», «ранее занимавший»
};

// REQUIRES: doc segmented; `persons` and `positions` each in text order and
// not overlapping among themselves. Links come in position order.
std::vector<PositionLink> AttachPositions(const Doc& doc, std::span<const TokenRange> persons,
                                          std::span<const TokenRange> positions);

}  // namespace kto::facts
