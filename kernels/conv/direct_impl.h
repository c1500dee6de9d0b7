// The direct-conv kernels written once over the xsimd architecture; instantiated by
// direct_generic.cc, direct_avx2.cc and direct_avx512.cc (contract in direct.h).
#pragma once

#include <cstring>
#include <xsimd/xsimd.hpp>

#include "kernels/conv/depthwise_impl.h"
#include "kernels/conv/direct.h"
#include "kernels/elementwise/activation_in_registers.h"

namespace onnxi::kernels::direct_impl {

template <class Arch>
void Pad(const DirectConvParams& p, const float* x, int64_t c0, int64_t c1, float* planes) {
  DepthwiseParams d;  // the same padded phase layout as the depthwise kernels
  d.in_h = p.in_h;
  d.in_w = p.in_w;
  d.pad_top = p.pad_top;
  d.pad_left = p.pad_left;
  d.phase_len = p.phase_len;
  d.padded_rows = p.padded_rows;
  for (int64_t c = c0; c < c1; ++c) {
    const float* xc = x + c * p.in_h * p.in_w;
    float* plane = planes + c * p.plane_size;
    if (p.stride == 1) {
      depthwise_impl::PadPlane<Arch, 1>(d, xc, plane);
    } else {
      depthwise_impl::PadPlane<Arch, 2>(d, xc, plane);
    }
  }
}


// MB output channels from m0 x NV vectors of output columns from ow of output row oh.
// `valid` columns are stored (the rest of the last vector is dropped).
// KT > 0: the kernel size and stride as constants (KT, ST), so the tap loops unroll; KT == 0:
// read from p. Same taps and order either way.
template <class Arch, int MB, int NV, int KT = 0, int ST = 0>
void Block(const DirectConvParams& p, const float* planes, const float* w, const float* bias,
           const float* residual, float* y, int64_t oh, int64_t m0, int64_t ow, int64_t valid) {
  using B = xsimd::batch<float, Arch>;
  constexpr int64_t V = B::size;
  const int K = KT > 0 ? KT : p.kernel, S = KT > 0 ? ST : p.stride;
  const int64_t row_len = S * p.phase_len, taps = p.channels * K * K;
  const int64_t out_size = p.out_h * p.out_w;
  B acc[MB][NV];
  for (int i = 0; i < MB; ++i) {
    const B bv(bias != nullptr ? bias[m0 + i] : 0.0f);
    for (int j = 0; j < NV; ++j) acc[i][j] = bv;
  }
  const float* wm = w + m0 * taps;
  for (int64_t c = 0; c < p.channels; ++c) {
    for (int kh = 0; kh < K; ++kh) {
      const float* row = planes + c * p.plane_size + (oh * S + kh) * row_len + ow;
      const float* wt = wm + (c * K + kh) * K;
      for (int kw = 0; kw < K; ++kw) {
        const float* src = row + (kw % S) * p.phase_len + kw / S;
        B xv[NV];
        for (int j = 0; j < NV; ++j) xv[j] = B::load_unaligned(src + j * V);
        for (int i = 0; i < MB; ++i) {
          const B wv(wt[i * taps + kw]);
          for (int j = 0; j < NV; ++j) acc[i][j] = xsimd::fma(wv, xv[j], acc[i][j]);
        }
      }
    }
  }
  for (int i = 0; i < MB; ++i) {
    const int64_t off = (m0 + i) * out_size + oh * p.out_w + ow;
    for (int j = 0; j < NV; ++j) {
      const int64_t n = valid - j * V;
      if (n <= 0) break;
      B a = acc[i][j];
      if (n >= V) {
        if (residual != nullptr) a = a + B::load_unaligned(residual + off + j * V);
        ActivateInRegisters<Arch>(p.act, a).store_unaligned(y + off + j * V);
      } else {  // the row's tail: loads ran into the plane's padding, stores stop at out_w
        alignas(64) float tmp[V];
        alignas(64) float rtmp[V] = {};
        if (residual != nullptr) std::memcpy(rtmp, residual + off + j * V, sizeof(float) * n);
        a = a + B::load_aligned(rtmp);
        ActivateInRegisters<Arch>(p.act, a).store_aligned(tmp);
        std::memcpy(y + off + j * V, tmp, sizeof(float) * n);
      }
    }
  }
}

template <class Arch, int KT, int ST>
void ComputeK(const DirectConvParams& p, const float* planes, const float* w, const float* bias,
             const float* residual, float* y, int64_t oh0, int64_t oh1) {
  using B = xsimd::batch<float, Arch>;
  constexpr int64_t V = B::size;
  // Registers: MB * NV accumulators + NV inputs + 1 weight (32 zmm on AVX-512, 16 otherwise).
  constexpr int MB = V == 16 ? 8 : 4;
  constexpr int NV = V == 16 ? 3 : 2;
  const bool other_act = !ActivatedInRegisters(p.act);
  const int64_t m_full = p.out_channels / MB * MB;
  for (int64_t oh = oh0; oh < oh1; ++oh) {
    int64_t ow = 0;
    for (; ow + NV * V <= p.out_w; ow += NV * V) {
      for (int64_t m = 0; m < m_full; m += MB) {
        Block<Arch, MB, NV, KT, ST>(p, planes, w, bias, residual, y, oh, m, ow, NV * V);
      }
      for (int64_t m = m_full; m < p.out_channels; ++m) {
        Block<Arch, 1, NV, KT, ST>(p, planes, w, bias, residual, y, oh, m, ow, NV * V);
      }
    }
    for (; ow < p.out_w; ow += V) {
      const int64_t valid = p.out_w - ow < V ? p.out_w - ow : V;
      for (int64_t m = 0; m < m_full; m += MB) {
        Block<Arch, MB, 1, KT, ST>(p, planes, w, bias, residual, y, oh, m, ow, valid);
      }
      for (int64_t m = m_full; m < p.out_channels; ++m) {
        Block<Arch, 1, 1, KT, ST>(p, planes, w, bias, residual, y, oh, m, ow, valid);
      }
    }
    if (other_act) {
      for (int64_t m = 0; m < p.out_channels; ++m) {
        p.act_fn(p.act, y + m * p.out_h * p.out_w + oh * p.out_w, p.out_w);
      }
    }
  }
}

// The stems' geometries (3x3 and 7x7 stride 2) with constant K and S; others read p.
template <class Arch>
void Compute(const DirectConvParams& p, const float* planes, const float* w, const float* bias,
             const float* residual, float* y, int64_t oh0, int64_t oh1) {
  if (p.kernel == 3 && p.stride == 2) {
    return ComputeK<Arch, 3, 2>(p, planes, w, bias, residual, y, oh0, oh1);
  }
  if (p.kernel == 7 && p.stride == 2) {
    return ComputeK<Arch, 7, 2>(p, planes, w, bias, residual, y, oh0, oh1);
  }
  ComputeK<Arch, 0, 0>(p, planes, w, bias, residual, y, oh0, oh1);
}

template <class Arch>
ConvDirectF32Fns Fns() {
  return {&Pad<Arch>, &Compute<Arch>};
}

}  // namespace onnxi::kernels::direct_impl
