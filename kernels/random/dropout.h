// Dropout in training mode: y = x * mask / (1 - ratio), mask[i] = u_i >= ratio, with u_i
// uniform in [0, 1) from the counter-based generator of kernels/random/random.h (element i
// uses counter i), so one key gives the same mask on every run and any thread count.
// T is float, double, Float16 or BFloat16 (computed in double). Requires 0 <= ratio < 1.
// mask may be nullptr. No allocation.
#pragma once

#include <cstdint>

#include "kernels/random/random.h"

namespace onnxi::kernels {

template <class T, class M>
void DropoutTrainRef(uint64_t key, double ratio, const T* x, int64_t n, T* y, M* mask) {
  const double scale = 1.0 / (1.0 - ratio);
  for (int64_t i = 0; i < n; ++i) {
    const bool keep = RandomUnit(key, static_cast<uint64_t>(i)) >= ratio;
    y[i] = static_cast<T>(keep ? static_cast<double>(static_cast<float>(x[i])) * scale : 0.0);
    if (mask) mask[i] = static_cast<M>(keep ? 1 : 0);
  }
}

}  // namespace onnxi::kernels
