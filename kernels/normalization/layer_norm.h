// Reference LayerNormalization (opset 17) and RMSNormalization (opset 23) over x viewed as
// (outer, n): each row of n elements (the axes from `axis` on) is normalized on its own.
//
//   LayerNorm:  mean = sum x / n,  var = sum (x - mean)^2 / n
//               y = (x - mean) / sqrt(var + epsilon) * scale + bias
//   RMSNorm:    rms2 = sum x^2 / n
//               y = x / sqrt(rms2 + epsilon) * scale            (mean is not subtracted)
//
// scale (and bias, nullable) broadcast to the row by trailing dims: element j of a row reads
// scale[j % scale_n] (the op checks that the parameter's shape is a suffix of the row shape
// padded with leading 1s). mean_out / inv_std_out (nullable) receive one value per row.
// Statistics are computed in double and stored as U (the stash type); y is rounded at the
// store. n == 0 writes the statistics as NaN and no y.
#pragma once

#include <cmath>
#include <cstdint>

#include "kernels/reduce/element_cast.h"

namespace onnxi::kernels {

struct LayerNormParams {
  int64_t outer = 1;
  int64_t n = 1;
  int64_t scale_n = 1;
  int64_t bias_n = 1;
  double epsilon = 1e-5;
  bool rms = false;  // RMSNormalization
};

template <class T, class TS, class U>
void LayerNormRef(const T* x, const TS* scale, const TS* bias, T* y, U* mean_out,
                  U* inv_std_out, const LayerNormParams& p) {
  const double count = static_cast<double>(p.n);
  for (int64_t o = 0; o < p.outer; ++o) {
    const T* xr = x + o * p.n;
    T* yr = y + o * p.n;
    double mean = 0;
    if (!p.rms) {
      double s = 0;
      for (int64_t j = 0; j < p.n; ++j) s += ToDouble(xr[j]);
      mean = s / count;
    }
    double q = 0;
    for (int64_t j = 0; j < p.n; ++j) {
      const double d = ToDouble(xr[j]) - mean;
      q += d * d;
    }
    const double inv_std = 1.0 / std::sqrt(q / count + p.epsilon);
    for (int64_t j = 0; j < p.n; ++j) {
      double v = (ToDouble(xr[j]) - mean) * inv_std * ToDouble(scale[j % p.scale_n]);
      if (bias != nullptr) v += ToDouble(bias[j % p.bias_n]);
      yr[j] = FromDouble<T>(v);
    }
    if (mean_out != nullptr) mean_out[o] = FromDouble<U>(p.n == 0 ? NAN : mean);
    if (inv_std_out != nullptr) inv_std_out[o] = FromDouble<U>(p.n == 0 ? NAN : inv_std);
  }
}

}  // namespace onnxi::kernels
