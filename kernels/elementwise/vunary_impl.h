// The loops behind vunary.h, written once as `template <class A>` over xsimd batches and
// instantiated by vunary_{generic,avx2,avx512}.cc. Contract: see vunary.h.
#pragma once

#include <xsimd/xsimd.hpp>

#include <cstdint>
#include <cstring>

#include "kernels/elementwise/activation.h"
#include "kernels/elementwise/unary.h"
#include "kernels/elementwise/vmath_impl.h"

namespace onnxi::kernels::vunary {

// y = f(x) batch by batch; the tail goes through a zero-padded buffer (padding lanes are
// computed and dropped).
template <class A, class F>
inline void MapF32(const float* x, float* y, int64_t n, F f) {
  using B = xsimd::batch<float, A>;
  constexpr int64_t kW = B::size;
  int64_t i = 0;
  for (; i + 2 * kW <= n; i += 2 * kW) {
    const B a = B::load_unaligned(x + i);
    const B b = B::load_unaligned(x + i + kW);
    f(a).store_unaligned(y + i);
    f(b).store_unaligned(y + i + kW);
  }
  for (; i < n; i += kW) {
    if (i + kW <= n) {
      f(B::load_unaligned(x + i)).store_unaligned(y + i);
      continue;
    }
    alignas(64) float buf[kW] = {};
    std::memcpy(buf, x + i, sizeof(float) * (n - i));
    f(B::load_aligned(buf)).store_aligned(buf);
    std::memcpy(y + i, buf, sizeof(float) * (n - i));
  }
}

template <class A>
using Bf = xsimd::batch<float, A>;

// x < 0 ? 0 : x, NaN kept.
template <class A>
inline Bf<A> Relu(const Bf<A>& v) {
  return xsimd::select(v < Bf<A>(0.0f), Bf<A>(0.0f), v);
}
// v < lo ? lo : (v > hi ? hi : v): the reference's order, NaN kept.
template <class A>
inline Bf<A> Clamp(const Bf<A>& v, const Bf<A>& lo, const Bf<A>& hi) {
  return xsimd::select(v < lo, lo, xsimd::select(v > hi, hi, v));
}

template <class A, UnaryKind K>
void UnaryLoop(const float* x, float* y, int64_t n, const UnaryParams& p) {
  using B = Bf<A>;
  const B alpha(p.alpha), beta(p.beta), zero(0.0f), one(1.0f);
  MapF32<A>(x, y, n, [&](const B& v) -> B {
    if constexpr (K == UnaryKind::kAbs) return xsimd::abs(v);
    if constexpr (K == UnaryKind::kNeg) return -v;
    if constexpr (K == UnaryKind::kExp) return vmath::Exp<A>(v);
    if constexpr (K == UnaryKind::kLog) return vmath::Log<A>(v);
    if constexpr (K == UnaryKind::kSqrt) return xsimd::sqrt(v);
    if constexpr (K == UnaryKind::kReciprocal) return one / v;
    if constexpr (K == UnaryKind::kRelu) return Relu<A>(v);
    if constexpr (K == UnaryKind::kLeakyRelu) return xsimd::select(v < zero, alpha * v, v);
    if constexpr (K == UnaryKind::kSigmoid) return vmath::Sigmoid<A>(v);
    if constexpr (K == UnaryKind::kHardSigmoid) {
      const B t = alpha * v + beta;
      return xsimd::max(zero, xsimd::min(one, t));
    }
    if constexpr (K == UnaryKind::kHardSwish) {
      return v * xsimd::max(zero, xsimd::min(one, v / B(6.0f) + B(0.5f)));
    }
    if constexpr (K == UnaryKind::kTanh) return vmath::Tanh<A>(v);
    if constexpr (K == UnaryKind::kErf) return vmath::Erf<A>(v);
    if constexpr (K == UnaryKind::kGelu) return vmath::Gelu<A>(v);
    if constexpr (K == UnaryKind::kGeluTanh) {
      const B k(0.797884560802865356f);  // sqrt(2 / pi)
      return B(0.5f) * v * (one + vmath::Tanh<A>(k * (v + B(0.044715f) * v * v * v)));
    }
    return v;
  });
}

template <class A>
VUnaryFn UnaryTable(UnaryKind kind) {
  switch (kind) {
    case UnaryKind::kAbs: return UnaryLoop<A, UnaryKind::kAbs>;
    case UnaryKind::kNeg: return UnaryLoop<A, UnaryKind::kNeg>;
    case UnaryKind::kExp: return UnaryLoop<A, UnaryKind::kExp>;
    case UnaryKind::kLog: return UnaryLoop<A, UnaryKind::kLog>;
    case UnaryKind::kSqrt: return UnaryLoop<A, UnaryKind::kSqrt>;
    case UnaryKind::kReciprocal: return UnaryLoop<A, UnaryKind::kReciprocal>;
    case UnaryKind::kRelu: return UnaryLoop<A, UnaryKind::kRelu>;
    case UnaryKind::kLeakyRelu: return UnaryLoop<A, UnaryKind::kLeakyRelu>;
    case UnaryKind::kSigmoid: return UnaryLoop<A, UnaryKind::kSigmoid>;
    case UnaryKind::kHardSigmoid: return UnaryLoop<A, UnaryKind::kHardSigmoid>;
    case UnaryKind::kHardSwish: return UnaryLoop<A, UnaryKind::kHardSwish>;
    case UnaryKind::kTanh: return UnaryLoop<A, UnaryKind::kTanh>;
    case UnaryKind::kErf: return UnaryLoop<A, UnaryKind::kErf>;
    case UnaryKind::kGelu: return UnaryLoop<A, UnaryKind::kGelu>;
    case UnaryKind::kGeluTanh: return UnaryLoop<A, UnaryKind::kGeluTanh>;
    default: return nullptr;
  }
}

template <class A>
void ClipLoop(const float* x, float* y, int64_t n, float lo, float hi) {
  const Bf<A> l(lo), h(hi);
  // ClipRef's order: max(x, lo) first, then min(., hi), so lo > hi yields hi (numpy.clip).
  MapF32<A>(x, y, n, [&](const Bf<A>& v) {
    const Bf<A> t = xsimd::select(v < l, l, v);
    return xsimd::select(t > h, h, t);
  });
}

// In place, the Activation contract (activation.h).
template <class A>
void ActivationLoop(const Activation& act, float* x, int64_t n) {
  using B = Bf<A>;
  using Kind = Activation::Kind;
  const B a(act.alpha), b(act.beta), zero(0.0f), one(1.0f);
  switch (act.kind) {
    case Kind::kNone: return;
    case Kind::kRelu: return MapF32<A>(x, x, n, [](const B& v) { return Relu<A>(v); });
    case Kind::kLeakyRelu:
      return MapF32<A>(x, x, n, [&](const B& v) { return xsimd::select(v < zero, a * v, v); });
    case Kind::kClip: return MapF32<A>(x, x, n, [&](const B& v) { return Clamp<A>(v, a, b); });
    case Kind::kSigmoid: return MapF32<A>(x, x, n, [](const B& v) { return vmath::Sigmoid<A>(v); });
    case Kind::kHardSigmoid:
      return MapF32<A>(x, x, n, [&](const B& v) { return Clamp<A>(a * v + b, zero, one); });
    case Kind::kTanh: return MapF32<A>(x, x, n, [](const B& v) { return vmath::Tanh<A>(v); });
    case Kind::kSilu: return MapF32<A>(x, x, n, [](const B& v) { return vmath::Silu<A>(v); });
    case Kind::kGelu: return MapF32<A>(x, x, n, [](const B& v) { return vmath::Gelu<A>(v); });
  }
}

}  // namespace onnxi::kernels::vunary
