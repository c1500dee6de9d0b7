// Reference InstanceNormalization over x viewed as (N, C, S), S = product of spatial dims.
//
//   mean[n, c] = sum_s x / S,  var[n, c] = sum_s (x - mean)^2 / S
//   y[n, c, s] = scale[c] * (x - mean) / sqrt(var + epsilon) + bias[c]
//
// Arithmetic in double; y is rounded once at the store. x and y may be the same buffer.
#pragma once

#include <cmath>
#include <cstdint>

#include "kernels/reduce/element_cast.h"

namespace onnxi::kernels {

template <class T>
void InstanceNormRef(const T* x, const T* scale, const T* bias, T* y, int64_t n,
                     int64_t channels, int64_t spatial, double epsilon) {
  if (spatial == 0) return;
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t c = 0; c < channels; ++c) {
      const int64_t off = (i * channels + c) * spatial;
      double s = 0;
      for (int64_t k = 0; k < spatial; ++k) s += ToDouble(x[off + k]);
      const double mean = s / static_cast<double>(spatial);
      double q = 0;
      for (int64_t k = 0; k < spatial; ++k) {
        const double d = ToDouble(x[off + k]) - mean;
        q += d * d;
      }
      const double var = q / static_cast<double>(spatial);
      const double a = ToDouble(scale[c]) / std::sqrt(var + epsilon);
      const double b = ToDouble(bias[c]) - mean * a;
      for (int64_t k = 0; k < spatial; ++k) {
        y[off + k] = FromDouble<T>(a * ToDouble(x[off + k]) + b);
      }
    }
  }
}

}  // namespace onnxi::kernels
