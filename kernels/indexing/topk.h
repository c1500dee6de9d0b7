// TopK kernel: the k largest (or smallest) entries along one axis, with their indices.
//
// x is viewed as (outer, n, inner); values and indices are (outer, k, inner), k <= n.
// Order: by value (descending when largest, ascending otherwise); equal values keep their
// original order (lower index first), as ONNX TopK-11 specifies. NaN orders above every
// number (numpy's sort order), so it comes first when largest and last otherwise.
// `scratch` holds n int64 (the caller's buffer; the kernel never allocates).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "kernels/indexing/arith.h"

namespace onnxi::kernels {

// a < b in numpy's total sort order (NaN last).
template <class T>
inline bool SortLess(T a, T b) {
  if constexpr (kIsFloating<T>) {
    const auto fa = static_cast<WideType<T>>(a), fb = static_cast<WideType<T>>(b);
    if (std::isnan(fa)) return false;
    if (std::isnan(fb)) return true;
    return fa < fb;
  } else {
    return a < b;
  }
}

template <class T>
void TopKRef(const T* x, int64_t outer, int64_t n, int64_t inner, int64_t k, bool largest,
             T* values, int64_t* indices, int64_t* scratch) {
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      const T* row = x + o * n * inner + i;  // element j at row[j * inner]
      for (int64_t j = 0; j < n; ++j) scratch[j] = j;
      auto before = [&](int64_t a, int64_t b) {
        const T va = row[a * inner], vb = row[b * inner];
        if (largest ? SortLess(vb, va) : SortLess(va, vb)) return true;
        if (largest ? SortLess(va, vb) : SortLess(vb, va)) return false;
        return a < b;
      };
      std::partial_sort(scratch, scratch + k, scratch + n, before);
      for (int64_t j = 0; j < k; ++j) {
        const int64_t out = (o * k + j) * inner + i;
        values[out] = row[scratch[j] * inner];
        indices[out] = scratch[j];
      }
    }
  }
}

}  // namespace onnxi::kernels
