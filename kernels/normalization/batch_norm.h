// Reference BatchNormalization pieces over x viewed as (N, C, S), S = product of spatial dims.
//
// Inference:  y[n, c, s] = a[c] * x[n, c, s] + b[c]
//             a[c] = scale[c] / sqrt(var[c] + epsilon),  b[c] = bias[c] - mean[c] * a[c]
// Training:   mean/var are the batch statistics over (N, S) (population variance, divisor
//             N*S), and the running statistics are updated as
//             running = input_running * momentum + batch * (1 - momentum).
//
// The per-channel coefficients and statistics are double arrays of C values owned by the
// caller; arithmetic is in double and y is rounded once at the store.
#pragma once

#include <cmath>
#include <cstdint>

#include "kernels/reduce/element_cast.h"

namespace onnxi::kernels {

// a[c], b[c] from the four parameter vectors (each may have its own element type).
template <class TS, class TM>
void BatchNormCoefficients(const TS* scale, const TS* bias, const TM* mean, const TM* var,
                           int64_t channels, double epsilon, double* a, double* b) {
  for (int64_t c = 0; c < channels; ++c) {
    a[c] = ToDouble(scale[c]) / std::sqrt(ToDouble(var[c]) + epsilon);
    b[c] = ToDouble(bias[c]) - ToDouble(mean[c]) * a[c];
  }
}

// y = a[c] * x + b[c] over (N, C, S). x and y may be the same buffer.
template <class T>
void ChannelAffine(const T* x, T* y, const double* a, const double* b, int64_t n,
                   int64_t channels, int64_t spatial) {
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t c = 0; c < channels; ++c) {
      const int64_t off = (i * channels + c) * spatial;
      for (int64_t s = 0; s < spatial; ++s) {
        y[off + s] = FromDouble<T>(a[c] * ToDouble(x[off + s]) + b[c]);
      }
    }
  }
}

// Batch mean and population variance of each channel over (N, S). An empty batch gives NaN.
template <class T>
void ChannelMeanVar(const T* x, int64_t n, int64_t channels, int64_t spatial, double* mean,
                    double* var) {
  const double count = static_cast<double>(n * spatial);
  for (int64_t c = 0; c < channels; ++c) {
    double s = 0;
    for (int64_t i = 0; i < n; ++i) {
      const T* xc = x + (i * channels + c) * spatial;
      for (int64_t k = 0; k < spatial; ++k) s += ToDouble(xc[k]);
    }
    const double m = s / count;
    double q = 0;
    for (int64_t i = 0; i < n; ++i) {
      const T* xc = x + (i * channels + c) * spatial;
      for (int64_t k = 0; k < spatial; ++k) {
        const double d = ToDouble(xc[k]) - m;
        q += d * d;
      }
    }
    mean[c] = m;
    var[c] = q / count;
  }
}

// out = in * momentum + batch * (1 - momentum), elementwise over C channels.
template <class TM>
void BatchNormRunningStat(const TM* in, const double* batch, double momentum, int64_t channels,
                          TM* out) {
  for (int64_t c = 0; c < channels; ++c) {
    out[c] = FromDouble<TM>(ToDouble(in[c]) * momentum + batch[c] * (1.0 - momentum));
  }
}

}  // namespace onnxi::kernels
