// Element conversions for the signal kernels, which compute in double and store T
// (float, double, float16, bfloat16, or an integer type for the window/mel outputs).
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "onnxi/dtype.h"

namespace onnxi::kernels {

template <class T>
inline double SignalToDouble(T x) {
  if constexpr (std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>) {
    return static_cast<double>(static_cast<float>(x));
  } else {
    return static_cast<double>(x);
  }
}

// Integers: truncation toward zero like a C cast (numpy's astype), NaN -> 0, saturated.
template <class T>
inline T SignalFromDouble(double v) {
  if constexpr (std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>) {
    return T(static_cast<float>(v));
  } else if constexpr (std::is_floating_point_v<T>) {
    return static_cast<T>(v);
  } else {
    if (std::isnan(v)) return T(0);
    if (v <= static_cast<double>(std::numeric_limits<T>::min())) {
      return std::numeric_limits<T>::min();
    }
    if (v >= static_cast<double>(std::numeric_limits<T>::max())) {
      return std::numeric_limits<T>::max();
    }
    return static_cast<T>(v);
  }
}

}  // namespace onnxi::kernels
