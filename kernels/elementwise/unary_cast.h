// Reference kernels for Cast: y[i] = (Dst) x[i] over n contiguous elements.
//
// Conversion rules (ONNX Cast, numpy astype where the spec is silent):
//   float16/bfloat16 go through float; float/double -> float16/bfloat16 round to nearest even
//   (double is first rounded to float). To bool: x != 0 (NaN -> true). From bool: 0/1.
//   Floating -> integer truncates toward zero and saturates, NaN -> 0 (the spec leaves it
//   undefined; this keeps it defined). Integer -> integer wraps modulo 2^bits (two's
//   complement), as C++20 defines static_cast.
// Strings (std::string elements; these kernels assign strings and so may allocate, which is
//   inherent to a string output):
//   to string: shortest text that reads back to the same value ("0.9767611"), "NaN", "INF",
//     "-INF"; float16/bfloat16 use the shortest text that reads back to the same 16-bit value;
//     integers in decimal; bool "1"/"0".
//   from string: decimal or scientific text ("1.5", "1e-5", "1E8"), and "INF", "+INF", "-INF",
//     "NaN" in any case; integers also take "100.5" (truncated, saturated); bool takes a number
//     (nonzero -> true) or "true"/"false". Leading/trailing spaces are ignored. A string that
//     is none of these makes the kernel return its index (the op reports it); y is then
//     partially written.
// Not supported here: float8, float4, int4/uint4 (the op rejects them).
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

#include "kernels/elementwise/unary.h"
#include "onnxi/dtype.h"

namespace onnxi::kernels {

template <class T>
inline constexpr bool kIsHalf = std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>;

template <class Dst, class Src>
inline Dst CastValue(Src v) {
  if constexpr (kIsHalf<Src>) {
    return CastValue<Dst>(static_cast<float>(v));
  } else if constexpr (kIsHalf<Dst>) {
    return Dst(static_cast<float>(v));
  } else if constexpr (std::is_same_v<Dst, bool>) {
    return v != Src(0);
  } else {
    return StoreAs<Dst>(v);  // saturating for floating -> integer, static_cast otherwise
  }
}

template <class Src, class Dst>
void CastRef(const Src* x, Dst* y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) y[i] = CastValue<Dst>(x[i]);
}

// Formatting and parsing of one value (unary_cast.cc).
std::string FormatFloat(float v);
std::string FormatDouble(double v);
std::string FormatFloat16(Float16 v);
std::string FormatBFloat16(BFloat16 v);
// Each returns false when s is not a number of the accepted forms.
bool ParseFloat(const std::string& s, float* out);
bool ParseDouble(const std::string& s, double* out);
bool ParseInt64(const std::string& s, int64_t* out);    // saturating; "100.5" -> 100
bool ParseUint64(const std::string& s, uint64_t* out);  // saturating; negatives -> 0
bool ParseBool(const std::string& s, bool* out);

template <class T>
std::string FormatValue(T v) {
  if constexpr (std::is_same_v<T, float>) {
    return FormatFloat(v);
  } else if constexpr (std::is_same_v<T, double>) {
    return FormatDouble(v);
  } else if constexpr (std::is_same_v<T, Float16>) {
    return FormatFloat16(v);
  } else if constexpr (std::is_same_v<T, BFloat16>) {
    return FormatBFloat16(v);
  } else if constexpr (std::is_same_v<T, bool>) {
    return v ? "1" : "0";
  } else {
    return std::to_string(v);
  }
}

template <class T>
bool ParseValue(const std::string& s, T* out) {
  if constexpr (std::is_same_v<T, float>) {
    return ParseFloat(s, out);
  } else if constexpr (std::is_same_v<T, double>) {
    return ParseDouble(s, out);
  } else if constexpr (kIsHalf<T>) {
    float f;
    if (!ParseFloat(s, &f)) return false;
    *out = T(f);
    return true;
  } else if constexpr (std::is_same_v<T, bool>) {
    return ParseBool(s, out);
  } else if constexpr (std::is_signed_v<T>) {
    int64_t v;
    if (!ParseInt64(s, &v)) return false;
    if (v < std::numeric_limits<T>::lowest()) v = std::numeric_limits<T>::lowest();
    if (v > std::numeric_limits<T>::max()) v = std::numeric_limits<T>::max();
    *out = static_cast<T>(v);
    return true;
  } else {
    uint64_t v;
    if (!ParseUint64(s, &v)) return false;
    if (v > std::numeric_limits<T>::max()) v = std::numeric_limits<T>::max();
    *out = static_cast<T>(v);
    return true;
  }
}

template <class T>
void CastToStringRef(const T* x, std::string* y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) y[i] = FormatValue(x[i]);
}

// Returns -1, or the index of the first string that is not a number.
template <class T>
int64_t CastFromStringRef(const std::string* x, T* y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    if (!ParseValue(x[i], &y[i])) return i;
  }
  return -1;
}

}  // namespace onnxi::kernels
