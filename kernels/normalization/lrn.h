// Reference LRN (local response normalization across channels) over x viewed as (N, C, S).
//
//   square_sum[n, c, s] = sum of x[n, k, s]^2 for k in [c - floor((size-1)/2),
//                                                        c + ceil((size-1)/2)] within [0, C)
//   y = x / (bias + alpha / size * square_sum)^beta
//
// Arithmetic in double. x and y must not overlap.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "kernels/reduce/element_cast.h"

namespace onnxi::kernels {

struct LrnParams {
  int64_t n = 1;
  int64_t channels = 1;
  int64_t spatial = 1;
  int64_t size = 1;
  double alpha = 1e-4;
  double beta = 0.75;
  double bias = 1.0;
};

template <class T>
void LrnRef(const T* x, T* y, const LrnParams& p) {
  const int64_t before = (p.size - 1) / 2;
  const int64_t after = p.size - 1 - before;  // ceil((size-1)/2)
  for (int64_t i = 0; i < p.n; ++i) {
    const T* xi = x + i * p.channels * p.spatial;
    T* yi = y + i * p.channels * p.spatial;
    for (int64_t c = 0; c < p.channels; ++c) {
      const int64_t lo = std::max<int64_t>(0, c - before);
      const int64_t hi = std::min<int64_t>(p.channels - 1, c + after);
      for (int64_t s = 0; s < p.spatial; ++s) {
        double sq = 0;
        for (int64_t k = lo; k <= hi; ++k) {
          const double v = ToDouble(xi[k * p.spatial + s]);
          sq += v * v;
        }
        const double denom =
            std::pow(p.bias + p.alpha / static_cast<double>(p.size) * sq, p.beta);
        yi[c * p.spatial + s] = FromDouble<T>(ToDouble(xi[c * p.spatial + s]) / denom);
      }
    }
  }
}

}  // namespace onnxi::kernels
