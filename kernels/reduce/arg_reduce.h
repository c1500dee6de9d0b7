// Reference ArgMax / ArgMin along one axis of a dense tensor viewed as (outer, n, inner).
//
//   y[o, i] = index j in [0, n) of the largest (ArgMax) or smallest (ArgMin) x[o, j, i];
//             ties go to the first such j, or the last one when select_last is set.
//
// NaN counts as the extreme value (numpy's argmax/argmin return the first NaN).
// Requires n >= 1 (the op rejects an empty axis). y holds outer * inner int64 values.
#pragma once

#include <cmath>
#include <cstdint>

#include "kernels/reduce/element_cast.h"

namespace onnxi::kernels {

struct ArgReduceParams {
  int64_t outer = 1;
  int64_t n = 1;
  int64_t inner = 1;
  bool is_max = true;
  bool select_last = false;
};

template <class T>
void ArgReduceRef(const T* x, int64_t* y, const ArgReduceParams& p) {
  for (int64_t o = 0; o < p.outer; ++o) {
    const T* xo = x + o * p.n * p.inner;
    for (int64_t i = 0; i < p.inner; ++i) {
      int64_t best = 0;
      double best_v = ToDouble(xo[i]);
      if (!std::isnan(best_v)) {
        for (int64_t j = 1; j < p.n; ++j) {
          double v = ToDouble(xo[j * p.inner + i]);
          if (std::isnan(v)) {
            best = j;
            break;
          }
          bool better = p.is_max ? (v > best_v) : (v < best_v);
          if (better || (p.select_last && v == best_v)) {
            best = j;
            best_v = v;
          }
        }
      }
      y[o * p.inner + i] = best;
    }
  }
}

}  // namespace onnxi::kernels
