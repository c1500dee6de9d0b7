// Reference Softmax, LogSoftmax and Hardmax along one axis of a dense tensor viewed as
// (outer, n, inner) (the op folds the opset < 13 "coerce to 2-D" rule into this view).
//
//   m = max_j x[o, j, i]
//   Softmax     y = exp(x - m) / sum_j exp(x_j - m)
//   LogSoftmax  y = (x - m) - log(sum_j exp(x_j - m))
//   Hardmax     y = 1 at the first j holding the maximum, 0 elsewhere
//
// Subtracting the max keeps exp() from overflowing. Arithmetic is in double (reference
// accuracy); float16/bfloat16/float results are rounded once at the store. n == 0 writes
// nothing. x and y must not overlap partially (identical buffers are fine).
#pragma once

#include <cmath>
#include <cstdint>

#include "kernels/reduce/element_cast.h"

namespace onnxi::kernels {

enum class SoftmaxKind { kSoftmax, kLogSoftmax, kHardmax };

struct SoftmaxParams {
  int64_t outer = 1;
  int64_t n = 1;
  int64_t inner = 1;
  SoftmaxKind kind = SoftmaxKind::kSoftmax;
};

template <class T>
void SoftmaxRef(const T* x, T* y, const SoftmaxParams& p) {
  if (p.n == 0) return;
  for (int64_t o = 0; o < p.outer; ++o) {
    const T* xo = x + o * p.n * p.inner;
    T* yo = y + o * p.n * p.inner;
    for (int64_t i = 0; i < p.inner; ++i) {
      double m = ToDouble(xo[i]);
      int64_t arg = 0;
      for (int64_t j = 1; j < p.n; ++j) {
        double v = ToDouble(xo[j * p.inner + i]);
        if (v > m) {
          m = v;
          arg = j;
        }
      }
      if (p.kind == SoftmaxKind::kHardmax) {
        for (int64_t j = 0; j < p.n; ++j) yo[j * p.inner + i] = FromDouble<T>(j == arg ? 1 : 0);
        continue;
      }
      double s = 0;
      for (int64_t j = 0; j < p.n; ++j) s += std::exp(ToDouble(xo[j * p.inner + i]) - m);
      if (p.kind == SoftmaxKind::kSoftmax) {
        for (int64_t j = 0; j < p.n; ++j) {
          double v = ToDouble(xo[j * p.inner + i]);
          yo[j * p.inner + i] = FromDouble<T>(std::exp(v - m) / s);
        }
      } else {
        double log_s = std::log(s);
        for (int64_t j = 0; j < p.n; ++j) {
          double v = ToDouble(xo[j * p.inner + i]);
          yo[j * p.inner + i] = FromDouble<T>(v - m - log_s);
        }
      }
    }
  }
}

}  // namespace onnxi::kernels
