// Kernels that produce values rather than move them: Range, EyeLike, Trilu, OneHot.
//
// T is the element type (real C++ type for arithmetic kernels; storage type where only
// copying happens). No allocation; callers validate sizes and counts.
#pragma once

#include <cstdint>
#include <type_traits>

namespace onnxi::kernels {

// Range: dst[i] = start + i * delta for i in [0, n), computed in C (float for 16-bit floats,
// int64 for integers so that the products do not wrap in a narrow type).
template <class T, class C>
void RangeRef(C start, C delta, int64_t n, T* dst) {
  for (int64_t i = 0; i < n; ++i) dst[i] = static_cast<T>(start + static_cast<C>(i) * delta);
}

// EyeLike: dst is (rows, cols); dst[i, j] = (j - i == k) ? one : zero.
template <class T>
void EyeRef(int64_t rows, int64_t cols, int64_t k, const T& zero, const T& one, T* dst) {
  for (int64_t i = 0; i < rows; ++i) {
    for (int64_t j = 0; j < cols; ++j) dst[i * cols + j] = (j - i == k) ? one : zero;
  }
}

// Trilu: src and dst are (batch, rows, cols). Upper keeps elements with j - i >= k, lower
// keeps j - i <= k; the rest become `zero`.
template <class T>
void TriluRef(const T* src, int64_t batch, int64_t rows, int64_t cols, int64_t k, bool upper,
              const T& zero, T* dst) {
  for (int64_t b = 0; b < batch; ++b) {
    for (int64_t i = 0; i < rows; ++i) {
      const int64_t row = (b * rows + i) * cols;
      for (int64_t j = 0; j < cols; ++j) {
        bool keep = upper ? (j - i >= k) : (j - i <= k);
        dst[row + j] = keep ? src[row + j] : zero;
      }
    }
  }
}

// OneHot: indices are (outer, inner); dst is (outer, depth, inner):
//   dst[o, d, i] = (idx(o, i) == d) ? on : off,
// idx = int64(indices[o, i]) (+ depth when negative). Indices outside [-depth, depth) give
// a row of `off`.
template <class T, class I>
void OneHotRef(const I* indices, int64_t outer, int64_t inner, int64_t depth, const T& off,
               const T& on, T* dst) {
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t d = 0; d < depth; ++d) {
      T* row = dst + (o * depth + d) * inner;
      for (int64_t i = 0; i < inner; ++i) row[i] = off;
    }
    for (int64_t i = 0; i < inner; ++i) {
      int64_t k;
      if constexpr (std::is_integral_v<I>) {
        k = static_cast<int64_t>(indices[o * inner + i]);
      } else {
        // Floating indices are truncated; NaN and huge values must not reach the cast.
        double v = static_cast<double>(static_cast<float>(indices[o * inner + i]));
        if (!(v > -static_cast<double>(depth) - 1 && v < static_cast<double>(depth) + 1)) continue;
        k = static_cast<int64_t>(v);
      }
      if (k < 0) k += depth;
      if (k >= 0 && k < depth) dst[(o * depth + k) * inner + i] = on;
    }
  }
}

}  // namespace onnxi::kernels
