// Reference LpNormalization along one axis of x viewed as (outer, n, inner).
//
//   y[o, j, i] = x[o, j, i] / ||x[o, :, i]||_p,   p = 1 (sum |x|) or 2 (sqrt(sum x^2))
//
// A slice whose norm is 0 (all zeros) gives 0, not 0/0 = NaN, as the ONNX reference does
// (np.where(norm == 0, 0, x / norm)). Arithmetic in double. x and y may be the same buffer.
#pragma once

#include <cmath>
#include <cstdint>

#include "kernels/reduce/element_cast.h"

namespace onnxi::kernels {

struct LpNormParams {
  int64_t outer = 1;
  int64_t n = 1;
  int64_t inner = 1;
  int p = 2;
};

template <class T>
void LpNormRef(const T* x, T* y, const LpNormParams& p) {
  for (int64_t o = 0; o < p.outer; ++o) {
    const int64_t base = o * p.n * p.inner;
    for (int64_t i = 0; i < p.inner; ++i) {
      double norm = 0;
      for (int64_t j = 0; j < p.n; ++j) {
        const double v = ToDouble(x[base + j * p.inner + i]);
        norm += p.p == 1 ? std::fabs(v) : v * v;
      }
      if (p.p == 2) norm = std::sqrt(norm);
      for (int64_t j = 0; j < p.n; ++j) {
        const int64_t off = base + j * p.inner + i;
        y[off] = FromDouble<T>(norm == 0 ? 0.0 : ToDouble(x[off]) / norm);
      }
    }
  }
}

}  // namespace onnxi::kernels
