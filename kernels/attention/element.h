// Element load/store helpers shared by the attention-family kernels: every value is read
// into double, computed on in double, and rounded once at the store (float16/bfloat16 go
// through float, whose range covers theirs).
#pragma once

#include <type_traits>

#include "onnxi/dtype.h"

namespace onnxi::kernels {

template <class T>
inline double LoadAsDouble(T x) {
  if constexpr (std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>) {
    return static_cast<double>(static_cast<float>(x));
  } else {
    return static_cast<double>(x);
  }
}

template <class T>
inline T StoreFromDouble(double v) {
  if constexpr (std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>) {
    return T(static_cast<float>(v));
  } else {
    return static_cast<T>(v);
  }
}

}  // namespace onnxi::kernels
