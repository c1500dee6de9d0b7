// Element math for the broadcasting loops in binary.h: one small function object per ONNX
// binary op, templated on the element type.
//
// Rules shared by all of them:
// - float16 and bfloat16 are computed in float and rounded back (round to nearest even).
// - Integer +, -, * wrap modulo 2^bits like numpy's fixed-width integers; they are computed in
//   an unsigned type at least 32 bits wide, so C++ signed overflow and integer promotion of
//   uint16 (65535 * 65535 overflows int) never happen.
// - Integer / and % truncate toward zero (C semantics). The divisor must not be 0: the op
//   checks that first. INT_MIN / -1 wraps to INT_MIN and INT_MIN % -1 is 0 instead of being
//   undefined.
// - Python-style mod (ONNX Mod with fmod=0, integers only): the result has the sign of the
//   divisor. fmod=1 gives the sign of the dividend (C fmod / %).
// - Max/Min propagate NaN like numpy.maximum/minimum.
// - Pow: result type is the base type. Integer base with integer exponent uses exact
//   repeated squaring (wrapping); a negative exponent gives 1 / base^|e| truncated toward
//   zero, so 1 for base 1, +-1 for base -1 and 0 otherwise (including base 0, where numpy
//   raises). Integer base with float exponent computes in double and saturates to the base
//   type's range (NaN -> 0) instead of an undefined out-of-range cast.
// - BitShift: shifting by the bit width or more (or by a negative amount, for the signed types
//   ONNX never passes) gives 0; C++ leaves both undefined.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "onnxi/dtype.h"

namespace onnxi::kernels {

template <class T>
inline constexpr bool kIsHalf = std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>;

// The type arithmetic on T happens in: float for the 16-bit floats, T otherwise.
template <class T>
using CalcType = std::conditional_t<kIsHalf<T>, float, T>;

// For integer T (not bool): an unsigned type of at least 32 bits that holds T's bits.
template <class T, class = void>
struct WrapTypeOf {
  using type = T;
};
template <class T>
struct WrapTypeOf<T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>>> {
  using type = std::conditional_t<(sizeof(T) < 4), uint32_t, std::make_unsigned_t<T>>;
};
template <class T>
using WrapType = typename WrapTypeOf<T>::type;

template <class T>
inline constexpr bool kIsInt = std::is_integral_v<T> && !std::is_same_v<T, bool>;

// Double -> integer T, clamped to T's range; NaN gives 0.
template <class T>
T SaturateCast(double v) {
  if (std::isnan(v)) return T(0);
  constexpr double kMax = static_cast<double>(std::numeric_limits<T>::max());
  constexpr double kMin = static_cast<double>(std::numeric_limits<T>::min());
  if (v >= kMax) return std::numeric_limits<T>::max();
  if (v <= kMin) return std::numeric_limits<T>::min();
  return static_cast<T>(v);
}

struct AddFn {
  template <class T>
  T operator()(T a, T b) const {
    if constexpr (kIsInt<T>) {
      using U = WrapType<T>;
      return static_cast<T>(static_cast<U>(static_cast<U>(a) + static_cast<U>(b)));
    } else {
      using C = CalcType<T>;
      return T(C(a) + C(b));
    }
  }
};

struct SubFn {
  template <class T>
  T operator()(T a, T b) const {
    if constexpr (kIsInt<T>) {
      using U = WrapType<T>;
      return static_cast<T>(static_cast<U>(static_cast<U>(a) - static_cast<U>(b)));
    } else {
      using C = CalcType<T>;
      return T(C(a) - C(b));
    }
  }
};

struct MulFn {
  template <class T>
  T operator()(T a, T b) const {
    if constexpr (kIsInt<T>) {
      using U = WrapType<T>;
      return static_cast<T>(static_cast<U>(static_cast<U>(a) * static_cast<U>(b)));
    } else {
      using C = CalcType<T>;
      return T(C(a) * C(b));
    }
  }
};

// Integers: b != 0 (checked by the caller).
struct DivFn {
  template <class T>
  T operator()(T a, T b) const {
    if constexpr (kIsInt<T>) {
      if constexpr (std::is_signed_v<T>) {
        if (b == T(-1)) return SubFn()(T(0), a);  // wraps for INT_MIN
      }
      return static_cast<T>(a / b);
    } else {
      using C = CalcType<T>;
      return T(C(a) / C(b));
    }
  }
};

// Mod with fmod=1: sign of the dividend. Integers: b != 0 (checked by the caller).
struct FmodFn {
  template <class T>
  T operator()(T a, T b) const {
    if constexpr (kIsInt<T>) {
      if constexpr (std::is_signed_v<T>) {
        if (b == T(-1)) return T(0);
      }
      return static_cast<T>(a % b);
    } else {
      using C = CalcType<T>;
      return T(static_cast<C>(std::fmod(C(a), C(b))));
    }
  }
};

// Mod with fmod=0 on integers: sign of the divisor. b != 0 (checked by the caller).
struct PyModFn {
  template <class T>
  T operator()(T a, T b) const {
    if constexpr (std::is_signed_v<T>) {
      if (b == T(-1)) return T(0);
      T r = static_cast<T>(a % b);
      if (r != 0 && ((r < 0) != (b < 0))) r = static_cast<T>(r + b);
      return r;
    } else {
      return static_cast<T>(a % b);
    }
  }
};

struct MaxFn {
  template <class T>
  T operator()(T a, T b) const {
    if constexpr (kIsInt<T>) {
      return a < b ? b : a;
    } else {
      using C = CalcType<T>;
      const C x = C(a), y = C(b);
      return (x != x || x > y) ? a : b;  // a NaN in a wins; a NaN in b fails x > y
    }
  }
};

struct MinFn {
  template <class T>
  T operator()(T a, T b) const {
    if constexpr (kIsInt<T>) {
      return b < a ? b : a;
    } else {
      using C = CalcType<T>;
      const C x = C(a), y = C(b);
      return (x != x || x < y) ? a : b;
    }
  }
};

struct PowFn {
  template <class TB, class TE>
  TB operator()(TB base, TE e) const {
    if constexpr (kIsInt<TB> && kIsInt<TE>) {
      if constexpr (std::is_signed_v<TE>) {
        if (e < 0) {
          if (base == TB(1)) return TB(1);
          if constexpr (std::is_signed_v<TB>) {
            if (base == TB(-1)) return (e % 2 != 0) ? TB(-1) : TB(1);
          }
          return TB(0);
        }
      }
      using U = WrapType<TB>;
      U result = 1, b = static_cast<U>(base);
      uint64_t n = static_cast<uint64_t>(e);
      while (n != 0) {
        if (n & 1) result = static_cast<U>(result * b);
        b = static_cast<U>(b * b);
        n >>= 1;
      }
      return static_cast<TB>(result);
    } else if constexpr (kIsInt<TB>) {
      const double r = std::pow(static_cast<double>(base),
                                static_cast<double>(static_cast<CalcType<TE>>(e)));
      return SaturateCast<TB>(r);
    } else {
      using C = CalcType<TB>;
      const C x = C(base);
      const C y = static_cast<C>(static_cast<CalcType<TE>>(e));
      return TB(static_cast<C>(std::pow(x, y)));
    }
  }
};

// PRelu: y = x < 0 ? slope * x : x.
struct PReluFn {
  template <class T>
  T operator()(T x, T slope) const {
    if constexpr (kIsInt<T>) {
      return x < T(0) ? MulFn()(x, slope) : x;
    } else {
      using C = CalcType<T>;
      const C v = C(x);
      return v < C(0) ? T(v * C(slope)) : x;
    }
  }
};

struct ShiftLeftFn {
  template <class T>
  T operator()(T a, T b) const {
    using U = WrapType<T>;
    if (static_cast<uint64_t>(b) >= sizeof(T) * 8) return T(0);  // negative b too
    return static_cast<T>(static_cast<U>(a) << b);
  }
};

struct ShiftRightFn {
  template <class T>
  T operator()(T a, T b) const {
    if (static_cast<uint64_t>(b) >= sizeof(T) * 8) return T(0);  // negative b too
    return static_cast<T>(a >> b);
  }
};

struct BitAndFn {
  template <class T>
  T operator()(T a, T b) const {
    return static_cast<T>(a & b);
  }
};
struct BitOrFn {
  template <class T>
  T operator()(T a, T b) const {
    return static_cast<T>(a | b);
  }
};
struct BitXorFn {
  template <class T>
  T operator()(T a, T b) const {
    return static_cast<T>(a ^ b);
  }
};
struct BitNotFn {
  template <class T>
  T operator()(T a) const {
    return static_cast<T>(~a);
  }
};

struct LogicalAndFn {
  bool operator()(bool a, bool b) const { return a && b; }
};
struct LogicalOrFn {
  bool operator()(bool a, bool b) const { return a || b; }
};
struct LogicalXorFn {
  bool operator()(bool a, bool b) const { return a != b; }
};

// Comparisons give bool; 16-bit floats compare as float (so NaN != NaN). Equal also works
// on bool and std::string.
struct EqualFn {
  template <class T>
  bool operator()(const T& a, const T& b) const {
    if constexpr (kIsHalf<T>) {
      return float(a) == float(b);
    } else {
      return a == b;
    }
  }
};
struct LessFn {
  template <class T>
  bool operator()(T a, T b) const {
    return CalcType<T>(a) < CalcType<T>(b);
  }
};
struct LessEqualFn {
  template <class T>
  bool operator()(T a, T b) const {
    return CalcType<T>(a) <= CalcType<T>(b);
  }
};
struct GreaterFn {
  template <class T>
  bool operator()(T a, T b) const {
    return CalcType<T>(a) > CalcType<T>(b);
  }
};
struct GreaterEqualFn {
  template <class T>
  bool operator()(T a, T b) const {
    return CalcType<T>(a) >= CalcType<T>(b);
  }
};

struct WhereFn {
  template <class T>
  const T& operator()(bool c, const T& x, const T& y) const {
    return c ? x : y;
  }
};

// x / n for the float types (Mean's last step).
struct DivideByCountFn {
  int64_t n = 1;
  template <class T>
  T operator()(T x) const {
    using C = CalcType<T>;
    return T(static_cast<C>(C(x) / static_cast<C>(n)));
  }
};

struct IdentityFn {
  template <class T>
  const T& operator()(const T& x) const {
    return x;
  }
};

}  // namespace onnxi::kernels
