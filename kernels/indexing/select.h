// Selection kernels: Compress, NonZero, ReverseSequence, CumProd.
//
// T is the element type (any trivially assignable type, or std::string for the moving-only
// kernels). Shapes are dense row-major; every kernel reads only inside its inputs and
// writes only inside its outputs.
#pragma once

#include <cstdint>

#include "kernels/indexing/arith.h"

namespace onnxi::kernels {

// Compress: src viewed as (outer, dim, inner); cond has cond_len <= dim entries.
// dst is (outer, selected, inner) with the rows j < cond_len where cond[j] is true, in order.
template <class T>
void CompressRef(const T* src, int64_t outer, int64_t dim, int64_t inner, const bool* cond,
                 int64_t cond_len, T* dst) {
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t j = 0; j < cond_len && j < dim; ++j) {
      if (!cond[j]) continue;
      const T* row = src + (o * dim + j) * inner;
      for (int64_t i = 0; i < inner; ++i) *dst++ = row[i];
    }
  }
}

template <class T>
inline bool IsNonZero(T v) {
  if constexpr (kIsHalf<T>) {
    return static_cast<float>(v) != 0.0f;
  } else {
    return v != T(0);
  }
}

template <class T>
int64_t CountNonZero(const T* x, int64_t n) {
  int64_t count = 0;
  for (int64_t i = 0; i < n; ++i) count += IsNonZero(x[i]) ? 1 : 0;
  return count;
}

// NonZero: x has `shape` (rank dims). out is (rank, nnz) int64, nnz = CountNonZero(x):
// column k holds the coordinates of the k-th nonzero in row-major order. A rank-0 x has
// out of shape (0, nnz) and writes nothing.
template <class T>
void NonZeroRef(const T* x, const int64_t* shape, int rank, int64_t nnz, int64_t* out) {
  int64_t total = 1;
  for (int d = 0; d < rank; ++d) total *= shape[d];
  constexpr int kMaxRank = 64;
  int64_t pos[kMaxRank] = {};
  int64_t k = 0;
  for (int64_t e = 0; e < total; ++e) {
    if (IsNonZero(x[e])) {
      for (int d = 0; d < rank; ++d) out[d * nnz + k] = pos[d];
      ++k;
    }
    for (int d = rank - 1; d >= 0; --d) {
      if (++pos[d] < shape[d]) break;
      pos[d] = 0;
    }
  }
}

// ReverseSequence. src/dst are (d0, d1, inner) with time on axis time_axis (0 or 1) and
// batch on the other one. For batch b, the first lens[b] time steps are reversed and the
// rest copied: dst[t, b] = src[lens[b] - 1 - t, b] for t < lens[b], else src[t, b].
// The caller checked 0 <= lens[b] <= time dim (FindBadLength).
template <class T>
void ReverseSequenceRef(const T* src, int64_t d0, int64_t d1, int64_t inner, int time_axis,
                        const int64_t* lens, T* dst) {
  const int64_t n_time = time_axis == 0 ? d0 : d1;
  const int64_t n_batch = time_axis == 0 ? d1 : d0;
  const int64_t time_stride = time_axis == 0 ? d1 * inner : inner;
  const int64_t batch_stride = time_axis == 0 ? inner : d1 * inner;
  for (int64_t b = 0; b < n_batch; ++b) {
    for (int64_t t = 0; t < n_time; ++t) {
      const int64_t from = t < lens[b] ? lens[b] - 1 - t : t;
      const T* s = src + b * batch_stride + from * time_stride;
      T* d = dst + b * batch_stride + t * time_stride;
      for (int64_t i = 0; i < inner; ++i) d[i] = s[i];
    }
  }
}

// Position of the first length outside [0, max_len], or -1.
template <class I>
int64_t FindBadLength(const I* lens, int64_t n, int64_t max_len) {
  for (int64_t i = 0; i < n; ++i) {
    const int64_t v = static_cast<int64_t>(lens[i]);
    if (v < 0 || v > max_len) return i;
  }
  return -1;
}

// CumProd along the middle axis of (outer, n, inner):
//   y[o, j, i] = prod_{k <= j} x[o, k, i]   (k < j when exclusive, where y starts at 1;
//                                            k >= j / k > j when reverse)
// Floats multiply in order in float (double for double); integers wrap modulo 2^bits.
template <class T>
void CumProdRef(const T* x, T* y, int64_t outer, int64_t n, int64_t inner, bool exclusive,
                bool reverse) {
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      WideType<T> acc = WideType<T>(1);
      for (int64_t step = 0; step < n; ++step) {
        const int64_t j = reverse ? n - 1 - step : step;
        const int64_t off = (o * n + j) * inner + i;
        const WideType<T> v = static_cast<WideType<T>>(x[off]);
        if (exclusive) {
          y[off] = T(acc);
          acc = WrapMul(acc, v);
        } else {
          acc = WrapMul(acc, v);
          y[off] = T(acc);
        }
      }
    }
  }
}

}  // namespace onnxi::kernels
