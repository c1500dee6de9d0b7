// Det reference kernel: determinants of a batch of square matrices.
//
// a is (batch, n, n) row-major; out is (batch). Each matrix is copied into `scratch`
// (n * n doubles, caller-owned) and factored by Gaussian elimination with partial pivoting
// (LU): det = (-1)^swaps * prod(diag U). Computed in double, rounded once to T. A zero
// pivot column gives 0; n = 0 gives 1 (the empty product), as numpy does.
#pragma once

#include <cmath>
#include <cstdint>
#include <type_traits>

namespace onnxi::kernels {

template <class T>
void DetRef(const T* a, int64_t batch, int64_t n, double* scratch, T* out) {
  for (int64_t b = 0; b < batch; ++b) {
    const T* m = a + b * n * n;
    for (int64_t i = 0; i < n * n; ++i) {
      if constexpr (std::is_same_v<T, double>) {
        scratch[i] = m[i];
      } else {
        scratch[i] = static_cast<double>(static_cast<float>(m[i]));
      }
    }
    double det = 1.0;
    for (int64_t col = 0; col < n && det != 0.0; ++col) {
      int64_t pivot = col;
      for (int64_t r = col + 1; r < n; ++r) {
        if (std::fabs(scratch[r * n + col]) > std::fabs(scratch[pivot * n + col])) pivot = r;
      }
      const double pv = scratch[pivot * n + col];
      if (pv == 0.0) {
        det = 0.0;
        break;
      }
      if (pivot != col) {
        for (int64_t c = 0; c < n; ++c) {
          const double t = scratch[col * n + c];
          scratch[col * n + c] = scratch[pivot * n + c];
          scratch[pivot * n + c] = t;
        }
        det = -det;
      }
      det *= pv;
      for (int64_t r = col + 1; r < n; ++r) {
        const double f = scratch[r * n + col] / pv;
        if (f == 0.0) continue;
        for (int64_t c = col; c < n; ++c) scratch[r * n + c] -= f * scratch[col * n + c];
      }
    }
    out[b] = T(static_cast<std::conditional_t<std::is_same_v<T, double>, double, float>>(det));
  }
}

}  // namespace onnxi::kernels
