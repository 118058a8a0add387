// Internal: constrained Viterbi decoding over BIO labels. Invalid sequences
// (I-t not after B-t or I-t, I-t first) are never considered, so the result
// is always a valid sequence whatever the scores.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "model_format.h"

namespace kto::ner::internal {

namespace viterbi_internal {

// The recursion with L fixed at compile time when kFixedL > 0 (the loops of
// the shipped label counts unroll), else read from `L`. `allowed_trans`:
// trans with -inf where Allowed() forbids the pair, so that the inner loop
// has no branch but the comparison: a forbidden or unreachable predecessor
// gives -inf, which never beats `best`, exactly as if it were skipped.
template <int kFixedL>
void Recurse(const float* emissions, size_t n, int runtime_L, const float* allowed_trans, float* s,
             uint8_t* back) {
  constexpr float kNone = -std::numeric_limits<float>::infinity();
  const int L = kFixedL > 0 ? kFixedL : runtime_L;
  for (size_t i = 1; i < n; ++i) {
    const float* prev = s + (i - 1) * L;
    float* cur = s + i * L;
    const float* e = emissions + i * L;
    for (int y = 0; y < L; ++y) {
      float best = kNone;
      int arg = 0;
      for (int p = 0; p < L; ++p) {
        const float v = prev[p] + allowed_trans[p * L + y];
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      // A label that can start anywhere (O, B-t) always has a predecessor.
      cur[y] = best == kNone ? kNone : best + e[y];
      back[i * L + y] = static_cast<uint8_t>(arg);
    }
  }
}

}  // namespace viterbi_internal

// emissions: n * L scores; trans/start/end as in LayerView. Writes n labels.
// `score` and `back` are scratch buffers. REQUIRES: L <= kMaxLabels.
inline void Viterbi(const float* emissions, size_t n, int L, const float* trans, const float* start,
                    const float* end, std::vector<float>* score, std::vector<uint8_t>* back,
                    uint8_t* out) {
  if (n == 0) return;
  constexpr float kNone = -std::numeric_limits<float>::infinity();
  score->assign(n * L, kNone);
  back->assign(n * L, 0);
  float* s = score->data();
  for (int y = 0; y < L; ++y)
    if (Allowed(-1, y)) s[y] = start[y] + emissions[y];
  float allowed_trans[kMaxLabels * kMaxLabels];
  for (int p = 0; p < L; ++p)
    for (int y = 0; y < L; ++y) allowed_trans[p * L + y] = Allowed(p, y) ? trans[p * L + y] : kNone;
  switch (L) {
    case 3:
      viterbi_internal::Recurse<3>(emissions, n, L, allowed_trans, s, back->data());
      break;
    case 7:
      viterbi_internal::Recurse<7>(emissions, n, L, allowed_trans, s, back->data());
      break;
    default:
      viterbi_internal::Recurse<0>(emissions, n, L, allowed_trans, s, back->data());
  }
  const float* last = s + (n - 1) * L;
  int y = 0;
  float best = kNone;
  for (int t = 0; t < L; ++t) {
    if (last[t] == kNone) continue;
    const float v = last[t] + end[t];
    if (best == kNone || v > best) {
      best = v;
      y = t;
    }
  }
  for (size_t i = n; i-- > 0;) {
    out[i] = static_cast<uint8_t>(y);
    y = (*back)[i * L + y];
  }
}

}  // namespace kto::ner::internal
