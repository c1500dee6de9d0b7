// The depthwise kernels written once over the xsimd architecture; instantiated by
// depthwise_generic.cc, depthwise_avx2.cc and depthwise_avx512.cc (contract in depthwise.h).
// Everything here is a template over Arch so that no inline function compiled with one ISA's
// flags can be picked by the linker for another.
#pragma once

#include <cassert>
#include <cstring>
#include <xsimd/xsimd.hpp>

#include "kernels/conv/depthwise.h"

namespace onnxi::kernels::depthwise_impl {

// Copies channel plane x (in_h, in_w) into the zero-padded phase layout: padded row r holds
// image row r - pad_top; phase q of it holds padded columns q, q + S, q + 2S, ... so that
// tap kw of output column ow is phase kw % S at index ow + kw / S.
template <class Arch, int S>
void PadPlane(const DepthwiseParams& p, const float* x, float* plane) {
  const int64_t row_len = S * p.phase_len;
  for (int64_t r = 0; r < p.padded_rows; ++r) {
    float* dst = plane + r * row_len;
    const int64_t ih = r - p.pad_top;
    if (ih < 0 || ih >= p.in_h) {
      std::memset(dst, 0, sizeof(float) * row_len);
      continue;
    }
    const float* src = x + ih * p.in_w;
    if (S == 1) {
      // dst[j] = src[j - pad_left] for j - pad_left in [0, in_w).
      int64_t j0 = p.pad_left < 0 ? 0 : p.pad_left;
      int64_t j1 = p.pad_left + p.in_w;
      if (j1 > row_len) j1 = row_len;
      if (j0 > j1) j0 = j1;
      std::memset(dst, 0, sizeof(float) * j0);
      std::memcpy(dst + j0, src + (j0 - p.pad_left), sizeof(float) * (j1 - j0));
      std::memset(dst + j1, 0, sizeof(float) * (row_len - j1));
    } else {
      // Phase q, index j reads src[j * S + q - pad_left]: valid for j in [lo, hi).
      for (int q = 0; q < S; ++q) {
        float* ph = dst + q * p.phase_len;
        const int64_t off = q - p.pad_left;
        int64_t lo = off >= 0 ? 0 : (-off + S - 1) / S;
        int64_t hi = p.in_w - off <= 0 ? 0 : (p.in_w - off + S - 1) / S;
        if (hi > p.phase_len) hi = p.phase_len;
        if (lo > hi) lo = hi;
        std::memset(ph, 0, sizeof(float) * lo);
        const float* s = src + lo * S + off;
        for (int64_t j = 0; j < hi - lo; ++j) ph[lo + j] = s[j * S];
        std::memset(ph + hi, 0, sizeof(float) * (p.phase_len - hi));
      }
    }
  }
}

template <class Arch>
xsimd::batch<float, Arch> Epilogue(const DepthwiseParams& p, xsimd::batch<float, Arch> acc,
                                   const float* res) {
  using B = xsimd::batch<float, Arch>;
  using Kind = Activation::Kind;
  if (res != nullptr) acc = acc + B::load_unaligned(res);
  switch (p.act.kind) {
    case Kind::kRelu:  // max(0, acc) keeps a NaN acc, as the reference does
      return xsimd::max(B(0.0f), acc);
    case Kind::kClip:
      return xsimd::min(B(p.act.beta), xsimd::max(B(p.act.alpha), acc));
    case Kind::kLeakyRelu:
      return xsimd::select(acc < B(0.0f), acc * B(p.act.alpha), acc);
    default:
      return acc;
  }
}

template <class Arch, int K, int S>
void Channel(const DepthwiseParams& p, const float* plane, const float* wc, float bias,
             const float* res, float* y) {
  using B = xsimd::batch<float, Arch>;
  constexpr int64_t V = B::size;
  const int64_t row_len = S * p.phase_len;
  const bool other_act =
      p.act.kind != Activation::Kind::kNone && p.act.kind != Activation::Kind::kRelu &&
      p.act.kind != Activation::Kind::kClip && p.act.kind != Activation::Kind::kLeakyRelu;
  B wv[K * K];
  for (int t = 0; t < K * K; ++t) wv[t] = B(wc[t]);
  const B bv(bias);
  for (int64_t oh = 0; oh < p.out_h; ++oh) {
    const float* rows = plane + oh * S * row_len;
    float* yr = y + oh * p.out_w;
    const float* rr = res != nullptr ? res + oh * p.out_w : nullptr;
    int64_t ow = 0;
    // Four independent accumulators hide the FMA latency.
    for (; ow + 4 * V <= p.out_w; ow += 4 * V) {
      B a0 = bv, a1 = bv, a2 = bv, a3 = bv;
      for (int kh = 0; kh < K; ++kh) {
        for (int kw = 0; kw < K; ++kw) {
          const float* src = rows + kh * row_len + (kw % S) * p.phase_len + kw / S + ow;
          const B wt = wv[kh * K + kw];
          a0 = xsimd::fma(wt, B::load_unaligned(src), a0);
          a1 = xsimd::fma(wt, B::load_unaligned(src + V), a1);
          a2 = xsimd::fma(wt, B::load_unaligned(src + 2 * V), a2);
          a3 = xsimd::fma(wt, B::load_unaligned(src + 3 * V), a3);
        }
      }
      Epilogue<Arch>(p, a0, rr ? rr + ow : nullptr).store_unaligned(yr + ow);
      Epilogue<Arch>(p, a1, rr ? rr + ow + V : nullptr).store_unaligned(yr + ow + V);
      Epilogue<Arch>(p, a2, rr ? rr + ow + 2 * V : nullptr).store_unaligned(yr + ow + 2 * V);
      Epilogue<Arch>(p, a3, rr ? rr + ow + 3 * V : nullptr).store_unaligned(yr + ow + 3 * V);
    }
    for (; ow < p.out_w; ow += V) {
      B a = bv;
      for (int kh = 0; kh < K; ++kh) {
        for (int kw = 0; kw < K; ++kw) {
          const float* src = rows + kh * row_len + (kw % S) * p.phase_len + kw / S + ow;
          a = xsimd::fma(wv[kh * K + kw], B::load_unaligned(src), a);
        }
      }
      if (ow + V <= p.out_w || (oh * p.out_w + ow + V <= p.out_h * p.out_w)) {
        // A tail vector that stays inside this channel's plane runs into later rows, which are
        // computed (and overwritten) after it: a plain store, no copy through the stack.
        Epilogue<Arch>(p, a, rr ? rr + ow : nullptr).store_unaligned(yr + ow);
      } else {
        // A tail at the plane's end: the padded plane let the loads run past it; only the
        // stores and the residual reads must stop at out_w.
        alignas(64) float tmp[V];
        alignas(64) float rtmp[V] = {};
        const int64_t n = p.out_w - ow;
        if (rr != nullptr) std::memcpy(rtmp, rr + ow, sizeof(float) * n);
        Epilogue<Arch>(p, a, rr ? rtmp : nullptr).store_aligned(tmp);
        std::memcpy(yr + ow, tmp, sizeof(float) * n);
      }
    }
    if (other_act) p.act_fn(p.act, yr, p.out_w);
  }
}

template <class Arch, int K, int S>
void Run(const DepthwiseParams& p, const float* x, const float* w, const float* bias,
         const float* residual, float* y, float* scratch) {
  const int64_t in_size = p.in_h * p.in_w, out_size = p.out_h * p.out_w;
  if (out_size == 0) return;
  for (int64_t c = 0; c < p.channels; ++c) {
    PadPlane<Arch, S>(p, x + c * in_size, scratch);
    Channel<Arch, K, S>(p, scratch, w + c * K * K, bias != nullptr ? bias[c] : 0.0f,
                        residual != nullptr ? residual + c * out_size : nullptr, y + c * out_size);
  }
}

template <class Arch>
void ConvDepthwiseF32(const DepthwiseParams& p, const float* x, const float* w, const float* bias,
                      const float* residual, float* y, float* scratch) {
  assert(DepthwiseSupported(p.kernel, p.stride));
  if (p.kernel == 3) {
    if (p.stride == 1) return Run<Arch, 3, 1>(p, x, w, bias, residual, y, scratch);
    return Run<Arch, 3, 2>(p, x, w, bias, residual, y, scratch);
  }
  if (p.stride == 1) return Run<Arch, 5, 1>(p, x, w, bias, residual, y, scratch);
  return Run<Arch, 5, 2>(p, x, w, bias, residual, y, scratch);
}

}  // namespace onnxi::kernels::depthwise_impl
