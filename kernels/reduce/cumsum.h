// Reference CumSum along one axis of a dense tensor viewed as (outer, n, inner).
//
//   inclusive, forward:  y[o, j, i] = sum_{k <= j} x[o, k, i]
//   exclusive:           the sum stops at k < j (k > j when reversed); y starts at 0
//   reverse:             sums run from the end of the axis (k >= j)
//
// Floats accumulate in their compute type in order (float for float16/bfloat16, like a
// running sum in float32); integers wrap around modulo 2^bits. x and y may be the same
// buffer (each element is read before it is written).
#pragma once

#include <cstdint>
#include <type_traits>

#include "kernels/reduce/element_cast.h"

namespace onnxi::kernels {

struct CumSumParams {
  int64_t outer = 1;
  int64_t n = 1;
  int64_t inner = 1;
  bool exclusive = false;
  bool reverse = false;
};

template <class T>
void CumSumRef(const T* x, T* y, const CumSumParams& p) {
  // Accumulator: double for double, float for the other floats, uint64 (wrapping) for ints.
  using Acc = std::conditional_t<std::is_same_v<T, double>, double,
                                 std::conditional_t<kIsFloatLike<T>, float, uint64_t>>;
  for (int64_t o = 0; o < p.outer; ++o) {
    for (int64_t i = 0; i < p.inner; ++i) {
      Acc acc = 0;
      for (int64_t step = 0; step < p.n; ++step) {
        int64_t j = p.reverse ? p.n - 1 - step : step;
        int64_t off = (o * p.n + j) * p.inner + i;
        Acc v;
        if constexpr (std::is_same_v<Acc, uint64_t>) {
          v = static_cast<uint64_t>(static_cast<std::conditional_t<std::is_signed_v<T>, int64_t,
                                                                   uint64_t>>(x[off]));
        } else {
          v = static_cast<Acc>(x[off]);
        }
        if (p.exclusive) {
          y[off] = static_cast<T>(acc);
          acc += v;
        } else {
          acc += v;
          y[off] = static_cast<T>(acc);
        }
      }
    }
  }
}

}  // namespace onnxi::kernels
