// Vector float math on xsimd batches, written once as `template <class A>` and instantiated per
// instruction set in vunary_{generic,avx2,avx512}.cc. Element-by-element, no state.
//
//   Exp(x)      e^x             Log(x)      ln x              Tanh(x)
//   Sigmoid(x)  1 / (1 + e^-x)  Silu(x)     x * sigmoid(x)
//   Erf(x)      erf x           Gelu(x)     x / 2 * (1 + erf(x / sqrt 2))
//
// Accuracy (max error vs a double-precision reference, measured by vmath_test.cc over a sweep
// of float bit patterns plus the special values, every instruction set):
//   Exp 1 ulp   Log 1 ulp   Tanh 2 ulp   Sigmoid 3 ulp   Silu 3 ulp   Erf 3 ulp   Gelu 5 ulp
// (measured: 0.93, 0.80, 1.01, 2.23, 2.78, 2.35, 4.50; Gelu's worst is near x = -1.4).
// The bound holds over the whole float range, subnormal results included (counted in units of
// the smallest subnormal); the test asserts each one. Tiny results are relative-accurate:
// tanh/erf near 0 use odd polynomials x * P(x^2), and the left tail of Gelu is computed as
// erfc (no cancellation in 1 + erf), with x^2 / 2 split into an exact hi + lo pair.
// Specials: NaN in -> NaN out; Exp(+inf) = inf, Exp(-inf) = 0; Log(0) = -inf, Log(x < 0) = NaN,
// Log(inf) = inf; Tanh/Erf saturate to +-1, Sigmoid to 0/1; -0 keeps its sign where f(-0) = -0.
//
// Method: Exp reduces x = n ln2 + r (|r| <= ln2 / 2, Cody-Waite split of ln2 so that it is
// exact without FMA), e^r = 1 + r + r^2 Q(r), and scales by 2^n in two steps so that results
// down to the subnormals and up to the overflow edge come out right. Log splits x = 2^e m with
// m in [sqrt(1/2), sqrt 2) and ln(m) = f - f^2/2 + f^3 L(f), f = m - 1. Tanh: x + x^3 T(x^2)
// below 0.75, else 1 - 2 / (e^2|x| + 1). Erf: x P(x^2) below 1, else 1 - erfc(|x|) with
// erfc(z) = e^(-z^2 + S(1/z)) / z; Gelu uses the same erfc for x < -sqrt 2 and an erfc
// polynomial in x on [-sqrt 2, -1/sqrt 2]. Polynomial coefficients are Chebyshev interpolants computed
// for onnxi in long double and rounded to float.
#pragma once

#include <xsimd/xsimd.hpp>

#include <cstdint>
#include <type_traits>

namespace onnxi::kernels::vmath {

// Fused multiply-add x * y + z. xsimd 8.1 fuses on fma3<avx2> but not on avx512f, so the
// avx512 translation unit specializes this with the intrinsic; kFused says whether the result
// is rounded once (the exact-product trick in SquareHiLo needs it, otherwise it splits).
template <class A>
struct Fma {
  using B = xsimd::batch<float, A>;
  static constexpr bool kFused = !std::is_same_v<A, xsimd::sse2>;
  static B Do(const B& x, const B& y, const B& z) { return xsimd::fma(x, y, z); }
};

// Horner evaluation c0 + x (c1 + x (c2 + ...)), coefficients lowest first.
template <class A, class B>
B Horner(const B&, float c0) {
  return B(c0);
}
template <class A, class B, class... R>
B Horner(const B& x, float c0, R... rest) {
  return Fma<A>::Do(Horner<A>(x, rest...), x, B(c0));
}

// hi + lo == x * x exactly (hi = fl(x * x)). |x| < 2^60.
template <class A>
void SquareHiLo(const xsimd::batch<float, A>& x, xsimd::batch<float, A>& hi,
                xsimd::batch<float, A>& lo) {
  using B = xsimd::batch<float, A>;
  hi = x * x;
  if constexpr (Fma<A>::kFused) {
    lo = Fma<A>::Do(x, x, -hi);
  } else {
    // Veltkamp split x = xh + xl with 12-bit halves, then Dekker's exact product.
    const B c = x * B(4097.0f);
    const B xh = c - (c - x);
    const B xl = x - xh;
    lo = ((xh * xh - hi) + B(2.0f) * xh * xl) + xl * xl;
  }
}

// e^(x + lo) * 2^k for a correction |lo| < 8 kept apart from x (x + lo would round) and
// 0 <= k <= 64, rounded
// once at the end (k lets a caller keep a result that would be subnormal at full precision).
// NaN handling: see Exp.
template <class A>
xsimd::batch<float, A> ExpCore(xsimd::batch<float, A> x, const xsimd::batch<float, A>& lo,
                               int k = 0) {
  using B = xsimd::batch<float, A>;
  using I = xsimd::batch<int32_t, A>;
  // Beyond these e^x 2^k is inf or rounds to 0; clamping keeps 2^n representable in two steps.
  x = xsimd::min(xsimd::max(x, B(-104.0f - 0.693147181f * static_cast<float>(k))), B(89.0f));
  const B n = xsimd::nearbyint((x + lo) * B(1.44269504088896341f));
  // ln2 = 0.693359375 - 2.12194440e-4: the high part has 9 bits, so n * hi is exact, and
  // x - n * hi is exact too (x is within a few ln2 of n * hi).
  B r = x - n * B(0.693359375f);
  r = r - n * B(-2.12194440e-4f);
  r = r + lo;
  const B q = Horner<A>(r, 0.5f, 0.166666672f, 0.0416664667f, 0.00833331048f, 0.00139336416f,
                        0.000198909809f);
  const B p = Fma<A>::Do(r * r, q, r) + B(1.0f);
  // 2^n = 2^n1 * 2^n2 with n1 = floor(n / 2): both factors are normal floats for n in
  // [-214, 129] (n1 >= -107, n2 <= 129 with k), and only the last multiplication rounds (into the subnormals if it must).
  const I ni = xsimd::to_int(n);
  const I n1 = ni >> 1;
  const I n2 = ni - n1 + I(k);
  const B s1 = xsimd::bitwise_cast<B>((n1 + I(127)) << 23);
  const B s2 = xsimd::bitwise_cast<B>((n2 + I(127)) << 23);
  return p * s1 * s2;
}

template <class A>
xsimd::batch<float, A> Exp(const xsimd::batch<float, A>& x) {
  using B = xsimd::batch<float, A>;
  return xsimd::select(xsimd::isnan(x), x, ExpCore<A>(x, B(0.0f)));
}

template <class A>
xsimd::batch<float, A> Log(const xsimd::batch<float, A>& x) {
  using B = xsimd::batch<float, A>;
  using I = xsimd::batch<int32_t, A>;
  // Subnormals: scale by 2^23 into the normal range first.
  const auto tiny = x < B(1.17549435e-38f);
  const B xs = xsimd::select(tiny, x * B(8388608.0f), x);
  const I bits = xsimd::bitwise_cast<I>(xs);
  I e = (bits >> 23) - I(127);
  B m = xsimd::bitwise_cast<B>((bits & I(0x007fffff)) | I(0x3f800000));  // [1, 2)
  const auto big = m > B(1.41421356f);
  m = xsimd::select(big, m * B(0.5f), m);
  const B ef = xsimd::to_float(e) + xsimd::select(big, B(1.0f), B(0.0f)) -
               xsimd::select(tiny, B(23.0f), B(0.0f));
  const B f = m - B(1.0f);  // exact, in [-0.293, 0.415)
  const B f2 = f * f;
  const B l = Horner<A>(f, 0.333333313f, -0.24999997f, 0.200007156f, -0.166678026f, 0.142490581f,
                        -0.124256872f, 0.116854198f, -0.114797339f, 0.0697161183f);
  const B t = Fma<A>::Do(f2 * f, l, B(-0.5f) * f2);  // ln(1 + f) - f
  // ln x = e * ln2 + f + t with ln2 = 0.693359375 - 2.12194440e-4 (e * hi exact).
  B y = Fma<A>::Do(ef, B(0.693359375f), f + Fma<A>::Do(ef, B(-2.12194440e-4f), t));
  const B inf(INFINITY);
  y = xsimd::select(x == B(0.0f), -inf, y);
  y = xsimd::select(x < B(0.0f), B(NAN), y);
  y = xsimd::select(x == inf, inf, y);
  return xsimd::select(xsimd::isnan(x), x, y);
}

template <class A>
xsimd::batch<float, A> Tanh(const xsimd::batch<float, A>& x) {
  using B = xsimd::batch<float, A>;
  const B a = xsimd::abs(x);
  const B u = x * x;
  // copysign keeps tanh(-0) = -0 (x + x u T(u) would give +0).
  const B small = xsimd::copysign(
      Fma<A>::Do(x * u,
                 Horner<A>(u, -0.333333313f, 0.133331791f, -0.0539358519f, 0.021615319f,
                           -0.00793380756f, 0.00190950243f),
                 x),
      x);
  const B e = ExpCore<A>(a + a, B(0.0f));
  const B large = xsimd::copysign(B(1.0f) - B(2.0f) / (e + B(1.0f)), x);
  return xsimd::select(a < B(0.75f), small, xsimd::select(xsimd::isnan(x), x, large));
}

// x / (1 + e^-x) for x >= 0 and x e^x / (1 + e^x) below, so nothing overflows. With
// kTimesX false the x factor is dropped (Sigmoid). For Silu the numerator x e^x is formed
// at 2^64 times its size and scaled back last: e^x may be subnormal (x < -87) and would lose
// its low bits before the multiplication by x.
template <class A, bool kTimesX>
xsimd::batch<float, A> SigmoidLike(const xsimd::batch<float, A>& x) {
  using B = xsimd::batch<float, A>;
  const B e = ExpCore<A>(-xsimd::abs(x), B(0.0f));
  const auto neg = x < B(0.0f);
  B y;
  if constexpr (kTimesX) {
    // x is clamped as a factor: e^x * 2^64 is 0 below -148, and -inf * 0 would be NaN.
    const B e64 = ExpCore<A>(-xsimd::abs(x), B(0.0f), 64);
    const B q = xsimd::select(neg, xsimd::max(x, B(-200.0f)) * e64, x) / (B(1.0f) + e);
    y = xsimd::select(neg, q * B(5.42101086242752217e-20f), q);  // 2^-64
  } else {
    y = xsimd::select(neg, e, B(1.0f)) / (B(1.0f) + e);
  }
  return xsimd::select(xsimd::isnan(x), x, y);
}

template <class A>
xsimd::batch<float, A> Sigmoid(const xsimd::batch<float, A>& x) {
  return SigmoidLike<A, false>(x);
}
template <class A>
xsimd::batch<float, A> Silu(const xsimd::batch<float, A>& x) {
  return SigmoidLike<A, true>(x);
}

// erf(x) / x for x^2 = u in [0, 1].
template <class A, class B>
B ErfSmallOverX(const B& u) {
  return Horner<A>(u, 1.12837911f, -0.376123428f, 0.112803169f, -0.0267150551f, 0.00492176181f,
                   -0.000564805989f);
}

// e^(-(hi + lo)) * z * erfc(z) / e^(-z^2) evaluated as e^(-(hi + lo) + S(1/z)), for z >= 1
// with hi + lo = z^2 (exact). z is clamped to 10 (beyond it erfc < 2e-45).
template <class A, class B>
B ZErfcTimes(const B& t, const B& hi, const B& lo) {
  const B s = Horner<A>(t - B(0.55f), -0.68845135f, -0.338477045f, -0.0978228897f, 0.16914399f,
                        -0.135450676f, 0.0613414124f, 0.0167765692f, -0.0815232471f,
                        0.143396333f, -0.132776827f, -0.0596666373f, 0.155396894f);
  return ExpCore<A>(-hi, s - lo);
}

template <class A>
xsimd::batch<float, A> Erf(const xsimd::batch<float, A>& x) {
  using B = xsimd::batch<float, A>;
  const B u = x * x;
  const B small = x * ErfSmallOverX<A>(u);
  const B z = xsimd::min(xsimd::max(xsimd::abs(x), B(1.0f)), B(10.0f));
  B hi, lo;
  SquareHiLo<A>(z, hi, lo);
  const B erfc = ZErfcTimes<A>(B(1.0f) / z, hi, lo) / z;
  const B large = xsimd::copysign(B(1.0f) - erfc, x);
  return xsimd::select(u < B(1.0f), small, xsimd::select(xsimd::isnan(x), x, large));
}

template <class A>
xsimd::batch<float, A> Gelu(const xsimd::batch<float, A>& x) {
  using B = xsimd::batch<float, A>;
  const B kRsqrt2(0.707106781186547524f);
  // |x| < sqrt 2, x >= -1/sqrt 2: x / 2 * (1 + erf(z)), z = x / sqrt 2, erf by its small-z
  // polynomial (1 + erf >= 0.48, no cancellation).
  const B z = x * kRsqrt2;
  const B right = B(0.5f) * x * (B(1.0f) + z * ErfSmallOverX<A>(z * z));
  // -sqrt 2 <= x < -1/sqrt 2: x / 2 * erfc(-x / sqrt 2), erfc by its own polynomial in
  // x + 1.0606602 (exact by Sterbenz; going through z would round x / sqrt 2 first).
  const B mid = B(0.5f) * x *
                Horner<A>(x + B(1.06066017f), 0.288844377f, 0.454621285f, 0.241099119f,
                          0.0094494652f, -0.037669763f, -0.00906155817f, 0.00332740298f);
  // |x| >= sqrt 2, both tails from one erfc: with t = |x| / sqrt 2 and T = t erfc(t) / sqrt 2,
  // Gelu is -T for x < 0 and x - T for x > 0. x^2 / 2 is split exactly from x itself
  // (rounding t first would cost 2 t^2 ulp of relative error). |x| is clamped to 14.5:
  // beyond it the left tail is below half the smallest subnormal and T vanishes beside x.
  const B xa = xsimd::min(xsimd::max(xsimd::abs(x), B(1.41421356f)), B(14.5f));
  B xhi, xlo;
  SquareHiLo<A>(xa, xhi, xlo);
  const B tail = ZErfcTimes<A>(B(1.0f) / (xa * kRsqrt2), B(0.5f) * xhi, B(0.5f) * xlo) * kRsqrt2;
  const B left = xsimd::select(x < B(-14.5f), B(-0.0f), -tail);
  const B far_right = x - tail;
  return xsimd::select(
      x < B(-1.41421356f), left,
      xsimd::select(x < B(-0.707106781f), mid,
                    xsimd::select(x < B(1.41421356f), right,
                                  xsimd::select(xsimd::isnan(x), x, far_right))));
}

}  // namespace onnxi::kernels::vmath
