// Conversions between stored element types and the double-precision arithmetic that the
// reference reduction and normalization kernels use.
//
// FromDouble<T> for integer T saturates and maps NaN to 0, so a reduction result such as
// log(0) = -inf never reaches an undefined float-to-int conversion.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "onnxi/dtype.h"

namespace onnxi::kernels {

template <class T>
inline constexpr bool kIsFloatLike = std::is_floating_point_v<T> ||
                                     std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>;

template <class T>
inline double ToDouble(T x) {
  if constexpr (std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>) {
    return static_cast<double>(static_cast<float>(x));
  } else {
    return static_cast<double>(x);
  }
}

template <class T>
inline T FromDouble(double v) {
  if constexpr (std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>) {
    return T(static_cast<float>(v));
  } else if constexpr (std::is_floating_point_v<T>) {
    return static_cast<T>(v);
  } else if constexpr (std::is_same_v<T, bool>) {
    return v != 0;
  } else {
    if (std::isnan(v)) return T(0);
    // double(max) may round up past max (int64: 2^63); compare with >= so it saturates.
    if (v >= static_cast<double>(std::numeric_limits<T>::max())) {
      return std::numeric_limits<T>::max();
    }
    if (v <= static_cast<double>(std::numeric_limits<T>::lowest())) {
      return std::numeric_limits<T>::lowest();
    }
    return static_cast<T>(v);
  }
}

}  // namespace onnxi::kernels
