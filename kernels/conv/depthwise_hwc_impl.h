// The channels-last depthwise kernels written once over the xsimd architecture; instantiated
// by depthwise_hwc_generic.cc, _avx2.cc and _avx512.cc (contract in depthwise_hwc.h).
#pragma once

#include <algorithm>
#include <xsimd/xsimd.hpp>

#include "kernels/conv/depthwise_hwc.h"

namespace onnxi::kernels::depthwise_hwc_impl {

template <class Arch>
[[gnu::always_inline]] inline xsimd::batch<float, Arch> Act(const Activation& act,
                                                            xsimd::batch<float, Arch> v) {
  using B = xsimd::batch<float, Arch>;
  using Kind = Activation::Kind;
  switch (act.kind) {
    case Kind::kRelu:  // max(0, v) keeps a NaN, as the reference does
      return xsimd::max(B(0.0f), v);
    case Kind::kClip:
      return xsimd::min(B(act.beta), xsimd::max(B(act.alpha), v));
    case Kind::kLeakyRelu:
      return xsimd::select(v < B(0.0f), v * B(act.alpha), v);
    default:  // applied per row afterwards (act_fn)
      return v;
  }
}

// P output pixels ow .. ow + P - 1 of row oh, channels c0 .. c0 + V. kChecked: some taps may
// fall left or right of the image (edge pixels, P == 1); otherwise every column is inside.
// Rows kh in [kh_lo, kh_hi) are inside the image. Taps in (kh, kw) order per output.
template <class Arch, int K, int S, int P, bool kChecked>
[[gnu::always_inline]] inline void Pixels(const DepthwiseHwcParams& p, const float* x,
                                          const xsimd::batch<float, Arch>* wv,
                                          xsimd::batch<float, Arch> bv, int64_t ih0, int kh_lo,
                                          int kh_hi, int64_t ow, int64_t c0, float* yr) {
  using B = xsimd::batch<float, Arch>;
  constexpr int kIn = (P - 1) * S + K;  // input columns the P pixels read
  const int64_t c = p.channels;
  B a[P];
#pragma GCC unroll 8
  for (int q = 0; q < P; ++q) a[q] = bv;
  const int64_t iw0 = ow * S - p.pad_left;
#pragma GCC unroll 5
  for (int kh = 0; kh < K; ++kh) {  // unrolled, so that wv[] stays in registers
    if (kh < kh_lo || kh >= kh_hi) continue;
    const float* row = x + (ih0 + kh) * p.in_w * c + c0;
#pragma GCC unroll 24
    for (int j = 0; j < kIn; ++j) {
      if (kChecked && (iw0 + j < 0 || iw0 + j >= p.in_w)) continue;
      const B v = B::load_unaligned(row + (iw0 + j) * c);
#pragma GCC unroll 8
      for (int q = 0; q < P; ++q) {
        const int kw = j - q * S;
        if (kw >= 0 && kw < K) a[q] = xsimd::fma(wv[kh * K + kw], v, a[q]);
      }
    }
  }
#pragma GCC unroll 8
  for (int q = 0; q < P; ++q) Act<Arch>(p.act, a[q]).store_unaligned(yr + (ow + q) * c + c0);
}

template <class Arch, int K, int S>
void Run(const DepthwiseHwcParams& p, const float* x, const float* taps, const float* bias,
         float* y, int64_t oh0, int64_t oh1) {
  using B = xsimd::batch<float, Arch>;
  constexpr int64_t V = B::size;
  // 9 weight vectors + P accumulators + a load fit AVX-512's 32 registers with P = 8 and
  // AVX2's / SSE2's 16 with P = 4 (5x5 weights spill to the stack either way).
  constexpr int P = V == 16 && K == 3 ? 8 : 4;
  using Kind = Activation::Kind;
  const int64_t c = p.channels, c_vec = c / V * V;
  // Interior columns [ow_lo, ow_hi): every tap column inside the image.
  const int64_t ow_lo = std::min<int64_t>(p.out_w, (p.pad_left + S - 1) / S);
  const int64_t last_ok = p.in_w - K + p.pad_left;  // largest ow * S with all columns inside
  const int64_t ow_hi = std::clamp<int64_t>(last_ok < 0 ? 0 : last_ok / S + 1, ow_lo, p.out_w);
  const bool other_act = p.act.kind != Kind::kNone && p.act.kind != Kind::kRelu &&
                         p.act.kind != Kind::kClip && p.act.kind != Kind::kLeakyRelu;
  for (int64_t oh = oh0; oh < oh1; ++oh) {
    const int64_t ih0 = oh * S - p.pad_top;
    const int kh_lo = static_cast<int>(std::clamp<int64_t>(-ih0, 0, K));
    const int kh_hi = static_cast<int>(std::clamp<int64_t>(p.in_h - ih0, kh_lo, K));
    float* yr = y + oh * p.out_w * c;
    for (int64_t c0 = 0; c0 < c_vec; c0 += V) {
      B wv[K * K];
      for (int t = 0; t < K * K; ++t) wv[t] = B::load_unaligned(taps + t * c + c0);
      const B bv = bias != nullptr ? B::load_unaligned(bias + c0) : B(0.0f);
      for (int64_t ow = 0; ow < ow_lo; ++ow) {
        Pixels<Arch, K, S, 1, true>(p, x, wv, bv, ih0, kh_lo, kh_hi, ow, c0, yr);
      }
      int64_t ow = ow_lo;
      for (; ow + P <= ow_hi; ow += P) {
        Pixels<Arch, K, S, P, false>(p, x, wv, bv, ih0, kh_lo, kh_hi, ow, c0, yr);
      }
      for (; ow < ow_hi; ++ow) {
        Pixels<Arch, K, S, 1, false>(p, x, wv, bv, ih0, kh_lo, kh_hi, ow, c0, yr);
      }
      for (ow = ow_hi; ow < p.out_w; ++ow) {
        Pixels<Arch, K, S, 1, true>(p, x, wv, bv, ih0, kh_lo, kh_hi, ow, c0, yr);
      }
    }
    if (c_vec < c) {  // channels past the last full vector: the reference's loop
      for (int64_t ow = 0; ow < p.out_w; ++ow) {
        for (int64_t ch = c_vec; ch < c; ++ch) {
          float acc = bias != nullptr ? bias[ch] : 0.0f;
          for (int kh = kh_lo; kh < kh_hi; ++kh) {
            for (int kw = 0; kw < K; ++kw) {
              const int64_t iw = ow * S - p.pad_left + kw;
              if (iw < 0 || iw >= p.in_w) continue;
              acc += taps[(kh * K + kw) * c + ch] * x[((ih0 + kh) * p.in_w + iw) * c + ch];
            }
          }
          yr[ow * c + ch] = acc;
        }
        if (!other_act) ActivationRef(p.act, yr + ow * c + c_vec, c - c_vec);
      }
    }
    if (other_act) p.act_fn(p.act, yr, p.out_w * c);
  }
}

template <class Arch>
void DepthwiseHwcF32(const DepthwiseHwcParams& p, const float* x, const float* taps,
                     const float* bias, float* y, int64_t oh0, int64_t oh1) {
  if (p.kernel == 3) {
    if (p.stride == 1) return Run<Arch, 3, 1>(p, x, taps, bias, y, oh0, oh1);
    return Run<Arch, 3, 2>(p, x, taps, bias, y, oh0, oh1);
  }
  if (p.stride == 1) return Run<Arch, 5, 1>(p, x, taps, bias, y, oh0, oh1);
  return Run<Arch, 5, 2>(p, x, taps, bias, y, oh0, oh1);
}

}  // namespace onnxi::kernels::depthwise_hwc_impl
