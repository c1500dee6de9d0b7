// The channels-last depthwise kernels written once over the xsimd architecture; instantiated
// by depthwise_hwc_generic.cc, _avx2.cc and _avx512.cc (contract in depthwise_hwc.h).
#pragma once

#include <immintrin.h>

#include <algorithm>
#include <xsimd/xsimd.hpp>

#include "kernels/conv/depthwise_hwc.h"
#include "kernels/elementwise/activation_in_registers.h"

namespace onnxi::kernels::depthwise_hwc_impl {


// The first n < V floats at src into a vector (other lanes zero) and back, reading and writing
// only those n (masked on AVX-512 and AVX2, which do not fault on masked-off lanes).
template <class Arch>
[[gnu::always_inline]] inline xsimd::batch<float, Arch> LoadFirst(const float* src, int64_t n) {
  using B = xsimd::batch<float, Arch>;
  if constexpr (B::size == 16) {
    return _mm512_maskz_loadu_ps(static_cast<__mmask16>((1u << n) - 1), src);
  } else if constexpr (B::size == 8) {
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm256_maskload_ps(src,
                              _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(n)), lanes));
  } else {
    alignas(16) float tmp[B::size] = {};
    for (int64_t i = 0; i < n; ++i) tmp[i] = src[i];
    return B::load_aligned(tmp);
  }
}

template <class Arch>
[[gnu::always_inline]] inline void StoreFirst(xsimd::batch<float, Arch> v, float* dst, int64_t n) {
  using B = xsimd::batch<float, Arch>;
  if constexpr (B::size == 16) {
    _mm512_mask_storeu_ps(dst, static_cast<__mmask16>((1u << n) - 1), v);
  } else if constexpr (B::size == 8) {
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    _mm256_maskstore_ps(dst, _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(n)), lanes), v);
  } else {
    alignas(16) float tmp[B::size];
    v.store_aligned(tmp);
    for (int64_t i = 0; i < n; ++i) dst[i] = tmp[i];
  }
}

// P output pixels ow .. ow + P - 1 of row oh, channels c0 .. c0 + V (kTail: c0 .. c0 + n,
// n < V, the channels past the last full vector). kChecked: some taps may fall left or right
// of the image (edge pixels, P == 1); otherwise every column is inside. Rows kh in
// [kh_lo, kh_hi) are inside the image. Taps in (kh, kw) order per output.
template <class Arch, int K, int S, int P, bool kChecked, bool kTail>
[[gnu::always_inline]] inline void Pixels(const DepthwiseParams& p, const float* x,
                                          const xsimd::batch<float, Arch>* wv,
                                          xsimd::batch<float, Arch> bv, int64_t ih0, int kh_lo,
                                          int kh_hi, int64_t ow, int64_t c0, int64_t n, float* yr) {
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
      const B v =
          kTail ? LoadFirst<Arch>(row + (iw0 + j) * c, n) : B::load_unaligned(row + (iw0 + j) * c);
#pragma GCC unroll 8
      for (int q = 0; q < P; ++q) {
        const int kw = j - q * S;
        if (kw >= 0 && kw < K) a[q] = xsimd::fma(wv[kh * K + kw], v, a[q]);
      }
    }
  }
#pragma GCC unroll 8
  for (int q = 0; q < P; ++q) {
    if constexpr (kTail) {
      StoreFirst<Arch>(ActivateInRegisters<Arch>(p.act, a[q]), yr + (ow + q) * c + c0, n);
    } else {
      ActivateInRegisters<Arch>(p.act, a[q]).store_unaligned(yr + (ow + q) * c + c0);
    }
  }
}

// Row oh, channels c0 .. c0 + V (kTail: c0 .. c0 + n): edge pixels one at a time with column
// checks, interior pixels P at a time.
template <class Arch, int K, int S, int P, bool kTail>
void RowChannels(const DepthwiseParams& p, const float* x, const float* taps, const float* bias,
                 int64_t ih0, int kh_lo, int kh_hi, int64_t ow_lo, int64_t ow_hi, int64_t c0,
                 int64_t n, float* yr) {
  using B = xsimd::batch<float, Arch>;
  const int64_t c = p.channels;
  B wv[K * K];
  for (int t = 0; t < K * K; ++t) {
    wv[t] = kTail ? LoadFirst<Arch>(taps + t * c + c0, n) : B::load_unaligned(taps + t * c + c0);
  }
  const B bv = bias == nullptr ? B(0.0f)
               : kTail         ? LoadFirst<Arch>(bias + c0, n)
                               : B::load_unaligned(bias + c0);
  for (int64_t ow = 0; ow < ow_lo; ++ow) {
    Pixels<Arch, K, S, 1, true, kTail>(p, x, wv, bv, ih0, kh_lo, kh_hi, ow, c0, n, yr);
  }
  int64_t ow = ow_lo;
  for (; ow + P <= ow_hi; ow += P) {
    Pixels<Arch, K, S, P, false, kTail>(p, x, wv, bv, ih0, kh_lo, kh_hi, ow, c0, n, yr);
  }
  for (; ow < ow_hi; ++ow) {
    Pixels<Arch, K, S, 1, false, kTail>(p, x, wv, bv, ih0, kh_lo, kh_hi, ow, c0, n, yr);
  }
  for (ow = ow_hi; ow < p.out_w; ++ow) {
    Pixels<Arch, K, S, 1, true, kTail>(p, x, wv, bv, ih0, kh_lo, kh_hi, ow, c0, n, yr);
  }
}

template <class Arch, int K, int S>
void Run(const DepthwiseParams& p, const float* x, const float* taps, const float* bias, float* y,
         int64_t oh0, int64_t oh1) {
  using B = xsimd::batch<float, Arch>;
  constexpr int64_t V = B::size;
  // 9 weight vectors + P accumulators + a load fit AVX-512's 32 registers with P = 8 and
  // AVX2's / SSE2's 16 with P = 4 (5x5 weights spill to the stack either way).
  constexpr int P = V == 16 && K == 3 ? 8 : 4;
  const int64_t c = p.channels, c_vec = c / V * V;
  // Interior columns [ow_lo, ow_hi): every tap column inside the image.
  const int64_t ow_lo = std::min<int64_t>(p.out_w, (p.pad_left + S - 1) / S);
  const int64_t last_ok = p.in_w - K + p.pad_left;  // largest ow * S with all columns inside
  const int64_t ow_hi = std::clamp<int64_t>(last_ok < 0 ? 0 : last_ok / S + 1, ow_lo, p.out_w);
  const bool other_act = !ActivatedInRegisters(p.act);
  for (int64_t oh = oh0; oh < oh1; ++oh) {
    const int64_t ih0 = oh * S - p.pad_top;
    const int kh_lo = static_cast<int>(std::clamp<int64_t>(-ih0, 0, K));
    const int kh_hi = static_cast<int>(std::clamp<int64_t>(p.in_h - ih0, kh_lo, K));
    float* yr = y + oh * p.out_w * c;
    for (int64_t c0 = 0; c0 < c_vec; c0 += V) {
      RowChannels<Arch, K, S, P, false>(p, x, taps, bias, ih0, kh_lo, kh_hi, ow_lo, ow_hi, c0, V,
                                        yr);
    }
    if (c_vec < c) {
      RowChannels<Arch, K, S, P, true>(p, x, taps, bias, ih0, kh_lo, kh_hi, ow_lo, ow_hi, c_vec,
                                       c - c_vec, yr);
    }
    if (other_act) p.act_fn(p.act, yr, p.out_w * c);
  }
}

template <class Arch>
void DepthwiseHwcF32(const DepthwiseParams& p, const float* x, const float* taps, const float* bias,
                     float* y, int64_t oh0, int64_t oh1) {
  if (p.kernel == 3) {
    if (p.stride == 1) return Run<Arch, 3, 1>(p, x, taps, bias, y, oh0, oh1);
    return Run<Arch, 3, 2>(p, x, taps, bias, y, oh0, oh1);
  }
  if (p.stride == 1) return Run<Arch, 5, 1>(p, x, taps, bias, y, oh0, oh1);
  return Run<Arch, 5, 2>(p, x, taps, bias, y, oh0, oh1);
}

}  // namespace onnxi::kernels::depthwise_hwc_impl
