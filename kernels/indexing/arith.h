// Element arithmetic shared by the indexing, loss and linalg reference kernels.
//
// Halves (Float16, BFloat16) compute in float and round once when stored. Integers add and
// multiply modulo 2^bits (through uint64), so no signed overflow is ever undefined. bool
// treats add as OR and mul as AND, as numpy does for bool arrays. Max/Min use operator<
// after widening (NaN operands: the result is whichever comparison leaves, like std::max).
#pragma once

#include <cstdint>
#include <type_traits>

#include "onnxi/dtype.h"

namespace onnxi::kernels {

template <class T>
inline constexpr bool kIsHalf = std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>;

template <class T>
inline constexpr bool kIsFloating = std::is_floating_point_v<T> || kIsHalf<T>;

// The type arithmetic happens in: float for halves, T otherwise.
template <class T>
using WideType = std::conditional_t<kIsHalf<T>, float, T>;

// Accumulator for sums and products of many floats: double for double, float otherwise.
template <class T>
using FloatAcc = std::conditional_t<std::is_same_v<T, double>, double, float>;

template <class T>
inline T WrapAdd(T a, T b) {
  if constexpr (std::is_same_v<T, bool>) {
    return a || b;
  } else if constexpr (kIsHalf<T>) {
    return T(static_cast<float>(a) + static_cast<float>(b));
  } else if constexpr (std::is_floating_point_v<T>) {
    return a + b;
  } else {
    return static_cast<T>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
  }
}

template <class T>
inline T WrapMul(T a, T b) {
  if constexpr (std::is_same_v<T, bool>) {
    return a && b;
  } else if constexpr (kIsHalf<T>) {
    return T(static_cast<float>(a) * static_cast<float>(b));
  } else if constexpr (std::is_floating_point_v<T>) {
    return a * b;
  } else {
    return static_cast<T>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
  }
}

template <class T>
inline bool Less(T a, T b) {
  if constexpr (kIsHalf<T>) {
    return static_cast<float>(a) < static_cast<float>(b);
  } else {
    return a < b;
  }
}

// How a scatter combines an update u with the value v already in place.
enum class ScatterReduction { kNone, kAdd, kMul, kMax, kMin };

template <class T>
inline T Combine(ScatterReduction r, T v, T u) {
  if constexpr (!std::is_arithmetic_v<T> && !kIsHalf<T>) {
    return u;  // strings and other moved-only types: no arithmetic (ops allow kNone only)
  } else {
    switch (r) {
    case ScatterReduction::kNone: return u;
    case ScatterReduction::kAdd: return WrapAdd(v, u);
    case ScatterReduction::kMul: return WrapMul(v, u);
    case ScatterReduction::kMax: return Less(v, u) ? u : v;
    case ScatterReduction::kMin: return Less(u, v) ? u : v;
    }
    return u;
  }
}

}  // namespace onnxi::kernels
