// The 2-D pooling kernels written once over the xsimd architecture; instantiated by
// pool2d_generic.cc, pool2d_avx2.cc and pool2d_avx512.cc (contract in pool2d_f32.h).
// Everything is a template over Arch so that no inline function compiled with one ISA's
// flags can be picked by the linker for another.
#pragma once

#include <limits>
#include <xsimd/xsimd.hpp>

#include "kernels/pool/pool2d_f32.h"

namespace onnxi::kernels::pool2d_impl {

// |[start, start + k) ∩ [lo, hi)|
template <class Arch>
int64_t Overlap(int64_t start, int64_t k, int64_t lo, int64_t hi) {
  const int64_t a = start > lo ? start : lo;
  const int64_t b = start + k < hi ? start + k : hi;
  return b > a ? b - a : 0;
}

template <class Arch, bool kMax>
void Pool2d(const Pool2dParams& p, const float* x, float* y, float* buf) {
  using B = xsimd::batch<float, Arch>;
  constexpr int64_t V = B::size;
  const float fill = kMax ? -std::numeric_limits<float>::infinity() : 0.0f;
  const int64_t width = (p.out_w - 1) * p.sw + p.kw;  // padded columns the windows read
  int64_t n = width - p.pad_left;                     // input columns the windows read
  if (n > p.in_w) n = p.in_w;
  if (n < 0) n = 0;
  const int64_t lo_h = p.count_include_pad ? -p.pad_top : 0;
  const int64_t hi_h = p.count_include_pad ? p.in_h + p.pad_bottom : p.in_h;
  const int64_t lo_w = p.count_include_pad ? -p.pad_left : 0;
  const int64_t hi_w = p.count_include_pad ? p.in_w + p.pad_right : p.in_w;
  for (int64_t j = 0; j < p.pad_left && j < width; ++j) buf[j] = fill;
  for (int64_t j = p.pad_left + n; j < width; ++j) buf[j] = fill;
  float* row = buf + p.pad_left;  // row[iw] for input column iw
  for (int64_t c = 0; c < p.channels; ++c) {
    const float* xc = x + c * p.in_h * p.in_w;
    float* yc = y + c * p.out_h * p.out_w;
    for (int64_t oh = 0; oh < p.out_h; ++oh) {
      const int64_t ih0 = oh * p.sh - p.pad_top;
      const int64_t r0 = ih0 > 0 ? ih0 : 0;
      const int64_t r1 = ih0 + p.kh < p.in_h ? ih0 + p.kh : p.in_h;
      // Vertical reduction of rows [r0, r1) into row[0, n).
      int64_t iw = 0;
      for (; iw + V <= n; iw += V) {
        B acc = B::load_unaligned(xc + r0 * p.in_w + iw);
        for (int64_t r = r0 + 1; r < r1; ++r) {
          const B v = B::load_unaligned(xc + r * p.in_w + iw);
          acc = kMax ? xsimd::max(acc, v) : acc + v;
        }
        acc.store_unaligned(row + iw);
      }
      for (; iw < n; ++iw) {
        float acc = xc[r0 * p.in_w + iw];
        for (int64_t r = r0 + 1; r < r1; ++r) {
          const float v = xc[r * p.in_w + iw];
          acc = kMax ? (v > acc ? v : acc) : acc + v;
        }
        row[iw] = acc;
      }
      // Horizontal reduction of kw neighbours.
      float* yr = yc + oh * p.out_w;
      int64_t ow = 0;
      if (p.sw == 1 && kMax) {
        for (; ow + V <= p.out_w; ow += V) {
          B acc = B::load_unaligned(buf + ow);
          for (int64_t t = 1; t < p.kw; ++t) acc = xsimd::max(acc, B::load_unaligned(buf + ow + t));
          acc.store_unaligned(yr + ow);
        }
      }
      for (; ow < p.out_w; ++ow) {
        const float* b = buf + ow * p.sw;
        float acc = b[0];
        for (int64_t t = 1; t < p.kw; ++t) acc = kMax ? (b[t] > acc ? b[t] : acc) : acc + b[t];
        yr[ow] = acc;
      }
      if (!kMax) {
        const int64_t ch = Overlap<Arch>(ih0, p.kh, lo_h, hi_h);
        for (int64_t o = 0; o < p.out_w; ++o) {
          const int64_t cw = Overlap<Arch>(o * p.sw - p.pad_left, p.kw, lo_w, hi_w);
          yr[o] = yr[o] / static_cast<float>(ch * cw);
        }
      }
    }
  }
}

template <class Arch>
void GlobalAverage(const float* x, int64_t channels, int64_t inner, float* y) {
  using B = xsimd::batch<float, Arch>;
  constexpr int64_t V = B::size;
  for (int64_t c = 0; c < channels; ++c) {
    const float* xc = x + c * inner;
    B acc(0.0f);
    int64_t i = 0;
    for (; i + V <= inner; i += V) acc = acc + B::load_unaligned(xc + i);
    float s = xsimd::hadd(acc);
    for (; i < inner; ++i) s += xc[i];
    y[c] = s / static_cast<float>(inner);
  }
}

}  // namespace onnxi::kernels::pool2d_impl
