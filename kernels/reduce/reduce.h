// Reference reductions (ONNX ReduceSum, ReduceMean, ReduceMax, ReduceMin, ReduceProd,
// ReduceL1, ReduceL2, ReduceLogSum, ReduceLogSumExp, ReduceSumSquare) over a ReduceGeometry.
//
//   y[k] = finish( combine over the reduced elements x[base(k) + r] )
//
//   Sum        sum x                 Mean      sum x / n         Prod   prod x
//   Max / Min  max x / min x         L1        sum |x|           L2     sqrt(sum x^2)
//   SumSquare  sum x^2               LogSum    log(sum x)        LogSumExp  m + log(sum e^(x-m))
//
// Reductions over the empty set (n == 0) give the identity of the combine step, as the ONNX
// spec asks: Sum/L1/L2/SumSquare 0, Prod 1, Max -inf (lowest for integers, false for bool),
// Min +inf (max, true), LogSum and LogSumExp -inf (saturated to lowest for integers),
// Mean NaN (0 for integers).
//
// Arithmetic: floating types (float16, bfloat16, float, double) accumulate in double.
// Integers accumulate in 64-bit two's complement with wraparound (results are then narrowed
// modulo 2^bits like numpy's int arithmetic); Mean, L2, LogSum, LogSumExp of integers go
// through double and saturate. Max/Min of floats propagate NaN. bool supports Max and Min
// only (any / all).
//
// Shapes: x is dense with the layout described by the geometry; y holds g.kept_count
// elements in row-major order of the kept axes. x and y must not overlap.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "kernels/reduce/element_cast.h"
#include "kernels/reduce/reduce_geometry.h"

namespace onnxi::kernels {

enum class ReduceKind {
  kSum,
  kMean,
  kMax,
  kMin,
  kProd,
  kL1,
  kL2,
  kLogSum,
  kLogSumExp,
  kSumSquare,
};

namespace reduce_detail {

template <class T, class F>
inline void ForEachReduced(const T* x, int64_t base, const ReduceGeometry& g, F&& f) {
  ForEachOffset(g.reduced_dims, g.reduced_strides, g.num_reduced, base,
                [&](int64_t off) { f(x[off]); });
}

template <class T>
T ReduceFloat(ReduceKind kind, const T* x, int64_t base, const ReduceGeometry& g) {
  const double n = static_cast<double>(g.reduced_count);
  constexpr double kInf = std::numeric_limits<double>::infinity();
  double acc = 0;
  switch (kind) {
    case ReduceKind::kSum:
    case ReduceKind::kMean:
      ForEachReduced(x, base, g, [&](T v) { acc += ToDouble(v); });
      if (kind == ReduceKind::kMean) acc /= n;  // 0 / 0 = NaN for the empty set
      break;
    case ReduceKind::kMax:
      acc = -kInf;
      ForEachReduced(x, base, g, [&](T v) {
        double d = ToDouble(v);
        if (d > acc || std::isnan(d)) acc = d;  // once NaN, nothing compares greater
      });
      break;
    case ReduceKind::kMin:
      acc = kInf;
      ForEachReduced(x, base, g, [&](T v) {
        double d = ToDouble(v);
        if (d < acc || std::isnan(d)) acc = d;
      });
      break;
    case ReduceKind::kProd:
      acc = 1;
      ForEachReduced(x, base, g, [&](T v) { acc *= ToDouble(v); });
      break;
    case ReduceKind::kL1:
      ForEachReduced(x, base, g, [&](T v) { acc += std::fabs(ToDouble(v)); });
      break;
    case ReduceKind::kL2:
    case ReduceKind::kSumSquare:
      ForEachReduced(x, base, g, [&](T v) {
        double d = ToDouble(v);
        acc += d * d;
      });
      if (kind == ReduceKind::kL2) acc = std::sqrt(acc);
      break;
    case ReduceKind::kLogSum:
      ForEachReduced(x, base, g, [&](T v) { acc += ToDouble(v); });
      acc = std::log(acc);
      break;
    case ReduceKind::kLogSumExp: {
      double m = -kInf;
      ForEachReduced(x, base, g, [&](T v) {
        double d = ToDouble(v);
        if (d > m || std::isnan(d)) m = d;
      });
      if (std::isinf(m)) {
        // Empty set or all -inf: log(0) = -inf; +inf stays +inf.
        acc = g.reduced_count == 0 ? -kInf : m;
        break;
      }
      double s = 0;
      ForEachReduced(x, base, g, [&](T v) { s += std::exp(ToDouble(v) - m); });
      acc = m + std::log(s);
      break;
    }
  }
  return FromDouble<T>(acc);
}

template <class T>
T ReduceInt(ReduceKind kind, const T* x, int64_t base, const ReduceGeometry& g) {
  // Two's complement wraparound arithmetic in uint64 (defined behaviour for any input).
  auto widen = [](T v) -> uint64_t {
    if constexpr (std::is_signed_v<T>) {
      return static_cast<uint64_t>(static_cast<int64_t>(v));
    } else {
      return static_cast<uint64_t>(v);
    }
  };
  // The wrapped 64-bit value read back as a number (signed types: two's complement).
  auto as_double = [](uint64_t u) -> double {
    if constexpr (std::is_signed_v<T>) {
      return static_cast<double>(static_cast<int64_t>(u));
    } else {
      return static_cast<double>(u);
    }
  };
  uint64_t acc = 0;
  switch (kind) {
    case ReduceKind::kSum:
      ForEachReduced(x, base, g, [&](T v) { acc += widen(v); });
      return static_cast<T>(acc);
    case ReduceKind::kMean: {
      ForEachReduced(x, base, g, [&](T v) { acc += widen(v); });
      if (g.reduced_count == 0) return T(0);
      return FromDouble<T>(std::trunc(as_double(acc) / static_cast<double>(g.reduced_count)));
    }
    case ReduceKind::kMax: {
      T m = std::numeric_limits<T>::lowest();
      ForEachReduced(x, base, g, [&](T v) {
        if (v > m) m = v;
      });
      return m;
    }
    case ReduceKind::kMin: {
      T m = std::numeric_limits<T>::max();
      ForEachReduced(x, base, g, [&](T v) {
        if (v < m) m = v;
      });
      return m;
    }
    case ReduceKind::kProd:
      acc = 1;
      ForEachReduced(x, base, g, [&](T v) { acc *= widen(v); });
      return static_cast<T>(acc);
    case ReduceKind::kL1:
      ForEachReduced(x, base, g, [&](T v) {
        uint64_t u = widen(v);
        if constexpr (std::is_signed_v<T>) {
          if (v < 0) u = uint64_t{0} - u;
        }
        acc += u;
      });
      return static_cast<T>(acc);
    case ReduceKind::kSumSquare:
      ForEachReduced(x, base, g, [&](T v) { acc += widen(v) * widen(v); });
      return static_cast<T>(acc);
    case ReduceKind::kL2:
      ForEachReduced(x, base, g, [&](T v) { acc += widen(v) * widen(v); });
      return FromDouble<T>(std::sqrt(static_cast<double>(acc)));
    case ReduceKind::kLogSum:
      ForEachReduced(x, base, g, [&](T v) { acc += widen(v); });
      return FromDouble<T>(std::log(as_double(acc)));
    case ReduceKind::kLogSumExp: {
      if (g.reduced_count == 0) return FromDouble<T>(-std::numeric_limits<double>::infinity());
      double m = -std::numeric_limits<double>::infinity();
      ForEachReduced(x, base, g, [&](T v) { m = std::fmax(m, static_cast<double>(v)); });
      double s = 0;
      ForEachReduced(x, base, g, [&](T v) { s += std::exp(static_cast<double>(v) - m); });
      return FromDouble<T>(m + std::log(s));
    }
  }
  return T(0);
}

template <class T>
T ReduceBool(ReduceKind kind, const T* x, int64_t base, const ReduceGeometry& g) {
  // Max = any, Min = all; other kinds are rejected by the op before reaching here.
  bool any = false, all = true;
  ForEachReduced(x, base, g, [&](T v) {
    any = any || v;
    all = all && v;
  });
  return kind == ReduceKind::kMin ? all : any;
}

}  // namespace reduce_detail

// The identity case (noop_with_empty_axes with empty axes): y is a copy of x.
inline void CopyBytes(const void* x, void* y, size_t bytes) {
  if (bytes > 0 && x != y) std::memcpy(y, x, bytes);
}

template <class T>
void ReduceRef(ReduceKind kind, const T* x, T* y, const ReduceGeometry& g) {
  int64_t k = 0;
  ForEachOffset(g.kept_dims, g.kept_strides, g.num_kept, 0, [&](int64_t base) {
    if constexpr (std::is_same_v<T, bool>) {
      y[k++] = reduce_detail::ReduceBool(kind, x, base, g);
    } else if constexpr (kIsFloatLike<T>) {
      y[k++] = reduce_detail::ReduceFloat(kind, x, base, g);
    } else {
      y[k++] = reduce_detail::ReduceInt(kind, x, base, g);
    }
  });
}

}  // namespace onnxi::kernels
