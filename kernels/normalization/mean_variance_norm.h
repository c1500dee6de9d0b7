// Reference MeanVarianceNormalization over the axes described by a ReduceGeometry.
//
//   mean = E[x], var = E[(x - mean)^2] over the reduced axes (population variance)
//   y = (x - mean) / sqrt(var + epsilon)
//
// ONNX defines the op by a function body whose epsilon is 1e-9; the op passes it in.
// y has x's layout (same offsets). Arithmetic in double. x and y may be the same buffer.
#pragma once

#include <cmath>
#include <cstdint>

#include "kernels/reduce/element_cast.h"
#include "kernels/reduce/reduce_geometry.h"

namespace onnxi::kernels {

template <class T>
void MeanVarianceNormRef(const T* x, T* y, const ReduceGeometry& g, double epsilon) {
  const double count = static_cast<double>(g.reduced_count);
  ForEachOffset(g.kept_dims, g.kept_strides, g.num_kept, 0, [&](int64_t base) {
    double s = 0;
    ForEachOffset(g.reduced_dims, g.reduced_strides, g.num_reduced, base,
                  [&](int64_t off) { s += ToDouble(x[off]); });
    const double mean = s / count;
    double q = 0;
    ForEachOffset(g.reduced_dims, g.reduced_strides, g.num_reduced, base, [&](int64_t off) {
      const double d = ToDouble(x[off]) - mean;
      q += d * d;
    });
    const double inv_std = 1.0 / std::sqrt(q / count + epsilon);
    ForEachOffset(g.reduced_dims, g.reduced_strides, g.num_reduced, base, [&](int64_t off) {
      y[off] = FromDouble<T>((ToDouble(x[off]) - mean) * inv_std);
    });
  });
}

}  // namespace onnxi::kernels
