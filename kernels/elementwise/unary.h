// Reference kernels for elementwise unary math and activations: y[i] = f(x[i]).
//
//   x, y: n contiguous elements of the same type T; y may alias x exactly (in place).
//   float16/bfloat16 are computed in float, everything else in its own type; floating results
//   stored into an integer T are truncated toward zero and saturated (NaN -> 0), so no kind can
//   reach undefined behaviour even with odd parameters (Shrink on uint8 with a large bias).
//
// Formulas (ONNX operator docs; alpha/beta/gamma/lambd/bias come from UnaryParams):
//   Relu max(0,x)      LeakyRelu x<0 ? alpha*x : x     Elu x<0 ? alpha*(e^x-1) : x
//   Selu gamma*(x>0 ? x : alpha*(e^x-1))               Celu max(0,x)+min(0,alpha*(e^(x/alpha)-1))
//   Sigmoid 1/(1+e^-x) HardSigmoid clamp(alpha*x+beta, 0, 1)   HardSwish x*clamp(x/6+1/2, 0, 1)
//   Softplus ln(1+e^x) (stable form)   Softsign x/(1+|x|)   Mish x*tanh(softplus(x))
//   ThresholdedRelu x>alpha ? x : 0    Shrink x<-lambd ? x+bias : x>lambd ? x-bias : 0
//   Gelu x/2*(1+erf(x/sqrt2)); GeluTanh x/2*(1+tanh(sqrt(2/pi)*(x+0.044715x^3)))
//   Round: half to even (nearbyint in the default rounding mode). Sign: -1/0/1, NaN stays NaN.
//   Abs/Neg on signed integers wrap like two's complement (abs(INT_MIN) == INT_MIN).
//
// Accuracy: the C library's functions in the compute type; no approximations.
// Which kinds are valid for which T is the op's business (ops/elementwise); integer T is
// only meaningful for Abs, Neg, Sign, Relu, Shrink, Erf.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "onnxi/dtype.h"

namespace onnxi::kernels {

enum class UnaryKind {
  kAbs, kNeg, kExp, kLog, kSqrt, kReciprocal, kFloor, kCeil, kRound, kSign,
  kRelu, kLeakyRelu, kElu, kSelu, kCelu, kSigmoid, kHardSigmoid, kHardSwish, kTanh,
  kSoftplus, kSoftsign, kErf, kSin, kCos, kTan, kAsin, kAcos, kAtan, kSinh, kCosh,
  kAsinh, kAcosh, kAtanh, kThresholdedRelu, kShrink, kMish, kGelu, kGeluTanh,
};

struct UnaryParams {
  float alpha = 0;
  float beta = 0;
  float gamma = 0;
  float lambd = 0;
  float bias = 0;
};

// The type arithmetic happens in: float for the 16-bit floats, T otherwise.
template <class T>
struct UnaryComputeType {
  using type = T;
};
template <>
struct UnaryComputeType<Float16> {
  using type = float;
};
template <>
struct UnaryComputeType<BFloat16> {
  using type = float;
};

// Stores a computed value into T: plain conversion, except floating -> integer, which
// truncates and saturates (NaN -> 0) instead of being undefined out of range.
template <class T, class C>
inline T StoreAs(C v) {
  if constexpr (std::is_integral_v<T> && std::is_floating_point_v<C>) {
    if constexpr (std::is_same_v<T, bool>) {
      return v != 0;
    } else {
      if (std::isnan(v)) return T(0);
      if (v <= static_cast<C>(std::numeric_limits<T>::lowest())) {
        return std::numeric_limits<T>::lowest();
      }
      // max() may not be representable in C (int64 in float rounds up), so compare with >=.
      if (v >= static_cast<C>(std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
      return static_cast<T>(v);
    }
  } else {
    return static_cast<T>(v);
  }
}

// Applies f (compute type -> compute type, or anything convertible) to every element.
template <class T, class F>
inline void UnaryMap(const T* x, T* y, int64_t n, F f) {
  using C = typename UnaryComputeType<T>::type;
  for (int64_t i = 0; i < n; ++i) y[i] = StoreAs<T>(f(static_cast<C>(x[i])));
}

template <class T>
void UnaryRef(UnaryKind kind, const UnaryParams& p, const T* x, T* y, int64_t n) {
  using C = typename UnaryComputeType<T>::type;
  // Floating kinds on integer T compute in double (only Erf and Shrink get here).
  using F = std::conditional_t<std::is_floating_point_v<C>, C, double>;
  const F alpha = static_cast<F>(p.alpha);
  const F beta = static_cast<F>(p.beta);
  const F gamma = static_cast<F>(p.gamma);
  switch (kind) {
    case UnaryKind::kAbs:
      if constexpr (std::is_signed_v<C> && std::is_integral_v<C>) {
        using U = std::make_unsigned_t<C>;
        UnaryMap(x, y, n, [](C v) { return v < 0 ? static_cast<C>(U(0) - static_cast<U>(v)) : v; });
      } else if constexpr (std::is_floating_point_v<C>) {
        UnaryMap(x, y, n, [](C v) { return std::fabs(v); });
      } else {
        UnaryMap(x, y, n, [](C v) { return v; });
      }
      break;
    case UnaryKind::kNeg:
      if constexpr (std::is_integral_v<C>) {
        using U = std::make_unsigned_t<C>;
        UnaryMap(x, y, n, [](C v) { return static_cast<C>(U(0) - static_cast<U>(v)); });
      } else {
        UnaryMap(x, y, n, [](C v) { return -v; });
      }
      break;
    case UnaryKind::kSign:
      UnaryMap(x, y, n, [](C v) { return v > C(0) ? C(1) : (v < C(0) ? static_cast<C>(-1) : v); });
      break;
    case UnaryKind::kRelu:
      UnaryMap(x, y, n, [](C v) { return v < C(0) ? C(0) : v; });
      break;
    case UnaryKind::kExp: UnaryMap(x, y, n, [](F v) { return std::exp(v); }); break;
    case UnaryKind::kLog: UnaryMap(x, y, n, [](F v) { return std::log(v); }); break;
    case UnaryKind::kSqrt: UnaryMap(x, y, n, [](F v) { return std::sqrt(v); }); break;
    case UnaryKind::kReciprocal: UnaryMap(x, y, n, [](F v) { return F(1) / v; }); break;
    case UnaryKind::kFloor: UnaryMap(x, y, n, [](F v) { return std::floor(v); }); break;
    case UnaryKind::kCeil: UnaryMap(x, y, n, [](F v) { return std::ceil(v); }); break;
    case UnaryKind::kRound: UnaryMap(x, y, n, [](F v) { return std::nearbyint(v); }); break;
    case UnaryKind::kLeakyRelu:
      UnaryMap(x, y, n, [alpha](F v) { return v < F(0) ? alpha * v : v; });
      break;
    case UnaryKind::kElu:
      UnaryMap(x, y, n, [alpha](F v) { return v < F(0) ? alpha * std::expm1(v) : v; });
      break;
    case UnaryKind::kSelu:
      UnaryMap(x, y, n, [alpha, gamma](F v) {
        return v > F(0) ? gamma * v : gamma * (alpha * std::exp(v) - alpha);
      });
      break;
    case UnaryKind::kCelu:
      UnaryMap(x, y, n, [alpha](F v) {
        return std::max(F(0), v) + std::min(F(0), alpha * std::expm1(v / alpha));
      });
      break;
    case UnaryKind::kSigmoid:
      // For v < 0 use e^v/(1+e^v) so that e^-v cannot overflow.
      UnaryMap(x, y, n, [](F v) {
        if (v >= F(0)) return F(1) / (F(1) + std::exp(-v));
        F e = std::exp(v);
        return e / (F(1) + e);
      });
      break;
    case UnaryKind::kHardSigmoid:
      UnaryMap(x, y, n, [alpha, beta](F v) {
        return std::max(F(0), std::min(F(1), alpha * v + beta));
      });
      break;
    case UnaryKind::kHardSwish:
      UnaryMap(x, y, n, [](F v) {
        return v * std::max(F(0), std::min(F(1), v / F(6) + F(0.5)));
      });
      break;
    case UnaryKind::kTanh: UnaryMap(x, y, n, [](F v) { return std::tanh(v); }); break;
    case UnaryKind::kSoftplus:
      // ln(1+e^v) = max(v,0) + ln(1+e^-|v|): no overflow for large v.
      UnaryMap(x, y, n, [](F v) { return std::max(v, F(0)) + std::log1p(std::exp(-std::fabs(v))); });
      break;
    case UnaryKind::kSoftsign:
      UnaryMap(x, y, n, [](F v) { return v / (F(1) + std::fabs(v)); });
      break;
    case UnaryKind::kErf: UnaryMap(x, y, n, [](F v) { return std::erf(v); }); break;
    case UnaryKind::kSin: UnaryMap(x, y, n, [](F v) { return std::sin(v); }); break;
    case UnaryKind::kCos: UnaryMap(x, y, n, [](F v) { return std::cos(v); }); break;
    case UnaryKind::kTan: UnaryMap(x, y, n, [](F v) { return std::tan(v); }); break;
    case UnaryKind::kAsin: UnaryMap(x, y, n, [](F v) { return std::asin(v); }); break;
    case UnaryKind::kAcos: UnaryMap(x, y, n, [](F v) { return std::acos(v); }); break;
    case UnaryKind::kAtan: UnaryMap(x, y, n, [](F v) { return std::atan(v); }); break;
    case UnaryKind::kSinh: UnaryMap(x, y, n, [](F v) { return std::sinh(v); }); break;
    case UnaryKind::kCosh: UnaryMap(x, y, n, [](F v) { return std::cosh(v); }); break;
    case UnaryKind::kAsinh: UnaryMap(x, y, n, [](F v) { return std::asinh(v); }); break;
    case UnaryKind::kAcosh: UnaryMap(x, y, n, [](F v) { return std::acosh(v); }); break;
    case UnaryKind::kAtanh: UnaryMap(x, y, n, [](F v) { return std::atanh(v); }); break;
    case UnaryKind::kThresholdedRelu:
      UnaryMap(x, y, n, [alpha](F v) { return v > alpha ? v : F(0); });
      break;
    case UnaryKind::kShrink: {
      const F lambd = static_cast<F>(p.lambd);
      const F bias = static_cast<F>(p.bias);
      UnaryMap(x, y, n, [lambd, bias](F v) {
        return v < -lambd ? v + bias : (v > lambd ? v - bias : F(0));
      });
      break;
    }
    case UnaryKind::kMish:
      UnaryMap(x, y, n, [](F v) {
        F sp = std::max(v, F(0)) + std::log1p(std::exp(-std::fabs(v)));
        return v * std::tanh(sp);
      });
      break;
    case UnaryKind::kGelu:
      UnaryMap(x, y, n, [](F v) {
        return F(0.5) * v * (F(1) + std::erf(v * static_cast<F>(0.70710678118654752440)));
      });
      break;
    case UnaryKind::kGeluTanh:
      UnaryMap(x, y, n, [](F v) {
        const F k = static_cast<F>(0.79788456080286535588);  // sqrt(2/pi)
        return F(0.5) * v * (F(1) + std::tanh(k * (v + F(0.044715) * v * v * v)));
      });
      break;
  }
}

// Clip: y = min(max(x, lo), hi) elementwise; lo > hi yields hi everywhere (numpy.clip), NaN
// stays NaN. Compared in the compute type.
template <class T>
void ClipRef(const T* x, T* y, int64_t n, T lo, T hi) {
  using C = typename UnaryComputeType<T>::type;
  const C l = static_cast<C>(lo);
  const C h = static_cast<C>(hi);
  for (int64_t i = 0; i < n; ++i) {
    C v = static_cast<C>(x[i]);
    if (v < l) v = l;
    if (v > h) v = h;
    y[i] = static_cast<T>(v);
  }
}

// Not: y = !x over n bools.
inline void NotRef(const bool* x, bool* y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) y[i] = !x[i];
}

// IsNaN: y = isnan(x).
template <class T>
void IsNanRef(const T* x, bool* y, int64_t n) {
  using C = typename UnaryComputeType<T>::type;
  for (int64_t i = 0; i < n; ++i) y[i] = std::isnan(static_cast<C>(x[i]));
}

// IsInf: y = x == +inf (if detect_positive) || x == -inf (if detect_negative).
template <class T>
void IsInfRef(const T* x, bool* y, int64_t n, bool detect_positive, bool detect_negative) {
  using C = typename UnaryComputeType<T>::type;
  for (int64_t i = 0; i < n; ++i) {
    C v = static_cast<C>(x[i]);
    y[i] = std::isinf(v) && ((v > 0 && detect_positive) || (v < 0 && detect_negative));
  }
}

}  // namespace onnxi::kernels
