// Reference GroupNormalization over x viewed as (N, G, C/G, S), S = product of spatial dims.
//
//   mean[n, g] = sum over the C/G channels and S positions of group g / (C/G * S)
//   var[n, g]  = population variance over the same elements
//   y[n, c, s] = scale[c'] * (x - mean[n, g]) / sqrt(var[n, g] + epsilon) + bias[c']
//   with g = c / (C/G) and c' = g when per_group_params (opset 18: scale, bias of shape (G)),
//   else c' = c (opset 21: shape (C)).
//
// Layout: x and y contiguous (N, C, S); C divisible by G (the op checks). Arithmetic in
// double whatever stash_type says; y is rounded once at the store. x and y may be the same
// buffer (each group is read twice before any of it is written).
#pragma once

#include <cassert>
#include <cmath>
#include <cstdint>

#include "kernels/reduce/element_cast.h"

namespace onnxi::kernels {

struct GroupNormParams {
  int64_t n = 1;
  int64_t channels = 1;
  int64_t groups = 1;
  int64_t spatial = 1;
  double epsilon = 1e-5;
  bool per_group_params = false;
};

template <class T>
void GroupNormRef(const T* x, const T* scale, const T* bias, T* y, const GroupNormParams& p) {
  assert(p.groups > 0 && p.channels % p.groups == 0);
  const int64_t per_group = p.channels / p.groups;  // channels in one group
  const int64_t block = per_group * p.spatial;      // contiguous elements of one (n, g)
  if (block == 0) return;
  for (int64_t i = 0; i < p.n; ++i) {
    for (int64_t g = 0; g < p.groups; ++g) {
      const int64_t off = (i * p.groups + g) * block;
      double s = 0;
      for (int64_t k = 0; k < block; ++k) s += ToDouble(x[off + k]);
      const double mean = s / static_cast<double>(block);
      double q = 0;
      for (int64_t k = 0; k < block; ++k) {
        const double d = ToDouble(x[off + k]) - mean;
        q += d * d;
      }
      const double inv_std = 1.0 / std::sqrt(q / static_cast<double>(block) + p.epsilon);
      for (int64_t c = 0; c < per_group; ++c) {
        const int64_t param = p.per_group_params ? g : g * per_group + c;
        const double a = ToDouble(scale[param]) * inv_std;
        const double b = ToDouble(bias[param]) - mean * a;
        const int64_t row = off + c * p.spatial;  // (i, g * per_group + c, 0)
        for (int64_t k = 0; k < p.spatial; ++k) {
          y[row + k] = FromDouble<T>(a * ToDouble(x[row + k]) + b);
        }
      }
    }
  }
}

}  // namespace onnxi::kernels
