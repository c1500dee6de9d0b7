// The depthwise kernels written once over the xsimd architecture; instantiated by
// depthwise_generic.cc, depthwise_avx2.cc and depthwise_avx512.cc (contract in depthwise.h).
// Everything here is a template over Arch so that no inline function compiled with one ISA's
// flags can be picked by the linker for another.
#pragma once

#include <immintrin.h>

#include <cassert>
#include <cstring>
#include <xsimd/xsimd.hpp>

#include "kernels/conv/depthwise.h"
#include "kernels/elementwise/activation_in_registers.h"

namespace onnxi::kernels::depthwise_impl {

// Splits 2V consecutive floats src[0, 2V) into even = src[0], src[2], ... and odd = src[1],
// src[3], ... (V each): two loads and two permutes per ISA instead of a strided scalar loop.
template <class Arch>
void Deinterleave(const float* src, float* even, float* odd) {
  using B = xsimd::batch<float, Arch>;
  const B a = B::load_unaligned(src), b = B::load_unaligned(src + B::size);
  if constexpr (B::size == 16) {
    const __m512i ie = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    const __m512i io = _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
    _mm512_storeu_ps(even, _mm512_permutex2var_ps(a, ie, b));
    _mm512_storeu_ps(odd, _mm512_permutex2var_ps(a, io, b));
  } else if constexpr (B::size == 8) {
    // Per 128-bit lane: (a0 a2 b0 b2 | a4 a6 b4 b6); then 64-bit blocks (0, 2, 1, 3) order it.
    const __m256 e = _mm256_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0));
    const __m256 o = _mm256_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1));
    _mm256_storeu_ps(even, _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(e), 0xD8)));
    _mm256_storeu_ps(odd, _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(o), 0xD8)));
  } else {
    static_assert(B::size == 4, "SSE2 batches have 4 floats");
    _mm_storeu_ps(even, _mm_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0)));
    _mm_storeu_ps(odd, _mm_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1)));
  }
}

// Lane mask "lane < n" for the AVX2 masked loads/stores (0 <= n <= 8).
inline __m256i LanesBelow(int64_t n) {
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(n)),
                            _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

// Deinterleave of a partial block: even[i] = src[2i], odd[i] = src[2i + 1] for i < n < V,
// reading only src[0, 2n) and writing only n floats to each (masked loads and stores on
// AVX-512 and AVX2, which do not fault on masked-off lanes; scalar on SSE2). Short rows (the
// 14- and 28-wide maps) would otherwise split mostly one float at a time.
template <class Arch>
void DeinterleavePart(const float* src, float* even, float* odd, int64_t n) {
  constexpr int64_t V = xsimd::batch<float, Arch>::size;
  if constexpr (V == 16) {
    const __mmask16 ma = static_cast<__mmask16>(2 * n >= 16 ? 0xFFFF : (1u << (2 * n)) - 1);
    const __mmask16 mb = static_cast<__mmask16>(2 * n <= 16 ? 0 : (1u << (2 * n - 16)) - 1);
    const __mmask16 mo = static_cast<__mmask16>((1u << n) - 1);
    const __m512 a = _mm512_maskz_loadu_ps(ma, src), b = _mm512_maskz_loadu_ps(mb, src + 16);
    const __m512i ie = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    const __m512i io = _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
    _mm512_mask_storeu_ps(even, mo, _mm512_permutex2var_ps(a, ie, b));
    _mm512_mask_storeu_ps(odd, mo, _mm512_permutex2var_ps(a, io, b));
  } else if constexpr (V == 8) {
    const __m256 a = _mm256_maskload_ps(src, LanesBelow(2 * n < 8 ? 2 * n : 8));
    const __m256 b = _mm256_maskload_ps(src + 8, LanesBelow(2 * n > 8 ? 2 * n - 8 : 0));
    const __m256 e = _mm256_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0));
    const __m256 o = _mm256_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1));
    const __m256i mo = LanesBelow(n);
    _mm256_maskstore_ps(even, mo,
                        _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(e), 0xD8)));
    _mm256_maskstore_ps(odd, mo,
                        _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(o), 0xD8)));
  } else {
    for (int64_t i = 0; i < n; ++i) {
      even[i] = src[2 * i];
      odd[i] = src[2 * i + 1];
    }
  }
}

// Copies n floats (vectors, then a masked tail on AVX-512/AVX2): the rows are short, and a
// libc memcpy call per 7- or 14-float row cost more than the copy.
template <class Arch>
void CopyFloats(const float* src, float* dst, int64_t n) {
  using B = xsimd::batch<float, Arch>;
  constexpr int64_t V = B::size;
  int64_t i = 0;
  for (; i + V <= n; i += V) B::load_unaligned(src + i).store_unaligned(dst + i);
  if (i == n) return;
  if constexpr (V == 16) {
    const __mmask16 m = static_cast<__mmask16>((1u << (n - i)) - 1);
    _mm512_mask_storeu_ps(dst + i, m, _mm512_maskz_loadu_ps(m, src + i));
  } else if constexpr (V == 8) {
    const __m256i m = LanesBelow(n - i);
    _mm256_maskstore_ps(dst + i, m, _mm256_maskload_ps(src + i, m));
  } else {
    for (; i < n; ++i) dst[i] = src[i];
  }
}

// Valid index range [lo, hi) of phase q: index j reads image column j * S + q - pad_left.
inline void PhaseRange(const DepthwiseParams& p, int s, int q, int64_t& lo, int64_t& hi) {
  const int64_t off = q - p.pad_left;
  lo = off >= 0 ? 0 : (-off + s - 1) / s;
  hi = p.in_w - off <= 0 ? 0 : (p.in_w - off + s - 1) / s;
  if (hi > p.phase_len) hi = p.phase_len;
  if (lo > hi) lo = hi;
}

// Writes image row src (in_w floats) into a padded row buffer dst in the phase layout: phase q
// of it holds padded columns q, q + S, q + 2S, ... so that tap kw of output column ow is phase
// kw % S at index ow + kw / S. Only the valid range of each phase is written: the zero edges
// are the same for every row and were cleared once (ZeroRows).
template <class Arch, int S>
void PadRow(const DepthwiseParams& p, const float* src, float* dst) {
  if constexpr (S == 1) {
    int64_t lo, hi;
    PhaseRange(p, 1, 0, lo, hi);
    CopyFloats<Arch>(src + (lo - p.pad_left), dst + lo, hi - lo);
  } else {
    static_assert(S == 2, "strides 1 and 2");
    constexpr int64_t V = xsimd::batch<float, Arch>::size;
    float* ph0 = dst;
    float* ph1 = dst + p.phase_len;
    int64_t lo0, hi0, lo1, hi1;
    PhaseRange(p, 2, 0, lo0, hi0);
    PhaseRange(p, 2, 1, lo1, hi1);
    // Both phases valid for j in [jl, jh): ph0[j] = src[2j - pl], ph1[j] = src[2j + 1 - pl].
    const int64_t jl = lo0 > lo1 ? lo0 : lo1;
    const int64_t jh = hi0 < hi1 ? hi0 : hi1;
    int64_t j = jl;
    for (; j + V <= jh; j += V) Deinterleave<Arch>(src + 2 * j - p.pad_left, ph0 + j, ph1 + j);
    if (j < jh) {
      DeinterleavePart<Arch>(src + 2 * j - p.pad_left, ph0 + j, ph1 + j, jh - j);
      j = jh;
    }
    // The edges (at most a float or two per phase) one by one; [jl, j) is done.
    for (int64_t i = lo0; i < hi0 && i < jl; ++i) ph0[i] = src[2 * i - p.pad_left];
    for (int64_t i = lo0 > j ? lo0 : j; i < hi0; ++i) ph0[i] = src[2 * i - p.pad_left];
    for (int64_t i = lo1; i < hi1 && i < jl; ++i) ph1[i] = src[2 * i + 1 - p.pad_left];
    for (int64_t i = lo1 > j ? lo1 : j; i < hi1; ++i) ph1[i] = src[2 * i + 1 - p.pad_left];
  }
}

// Copies channel plane x (in_h, in_w) into a whole zero-padded plane of padded_rows rows in
// the PadRow layout; padded row r holds image row r - pad_top. Used by the direct kernels
// (kernels/conv/direct_impl.h), which read every row for many output channels.
template <class Arch, int S>
void PadPlane(const DepthwiseParams& p, const float* x, float* plane) {
  const int64_t row_len = S * p.phase_len;
  for (int64_t r = 0; r < p.padded_rows; ++r) {
    float* dst = plane + r * row_len;
    std::memset(dst, 0, sizeof(float) * row_len);
    const int64_t ih = r - p.pad_top;
    if (ih >= 0 && ih < p.in_h) PadRow<Arch, S>(p, x + ih * p.in_w, dst);
  }
}

template <class Arch>
[[gnu::always_inline]] inline xsimd::batch<float, Arch> Epilogue(const DepthwiseParams& p,
                                                                 xsimd::batch<float, Arch> acc,
                                                                 const float* res) {
  using B = xsimd::batch<float, Arch>;
  if (res != nullptr) acc = acc + B::load_unaligned(res);
  return ActivateInRegisters<Arch>(p.act, acc);
}

// Stores output vector a of row oh at column ow (residual and activation added). A tail vector
// that stays inside this channel's output runs into later rows, which are stored (and
// overwritten) after it: a plain store; at the channel's end, through a stack buffer so that
// the stores and residual reads stop at out_w.
template <class Arch>
[[gnu::always_inline]] inline void StoreOut(const DepthwiseParams& p, xsimd::batch<float, Arch> a, int64_t oh, int64_t ow,
              const float* res, float* y) {
  constexpr int64_t V = xsimd::batch<float, Arch>::size;
  const int64_t at = oh * p.out_w + ow;
  if (ow + V <= p.out_w || at + V <= p.out_h * p.out_w) {
    Epilogue<Arch>(p, a, res ? res + at : nullptr).store_unaligned(y + at);
    return;
  }
  alignas(64) float tmp[V];
  alignas(64) float rtmp[V] = {};
  const int64_t n = p.out_w - ow;
  if (res != nullptr) std::memcpy(rtmp, res + at, sizeof(float) * n);
  Epilogue<Arch>(p, a, res ? rtmp : nullptr).store_aligned(tmp);
  std::memcpy(y + at, tmp, sizeof(float) * n);
}

// R output rows oh .. oh + R - 1 of a channel, one vector column at a time with R independent
// accumulators (rows[i] is the padded row of image row oh * S - pad_top + i, i < (R-1)*S + K).
// Each loaded input vector serves every output row that reads it. Taps are added in (kh, kw)
// order per output. The tail column goes first: its spill into the next rows'
// first columns is overwritten by the full columns stored after it.
template <class Arch, int K, int S, int R>
void RowBlock(const DepthwiseParams& p, const float* const* rows,
              const xsimd::batch<float, Arch>* wv, xsimd::batch<float, Arch> bv, int64_t oh,
              const float* res, float* y) {
  using B = xsimd::batch<float, Arch>;
  constexpr int64_t V = B::size;
  constexpr int kIn = (R - 1) * S + K;
  const int64_t full = p.out_w / V * V;
  auto column = [&](int64_t ow) {
    // Fully unrolled (constant trip counts), so a[] lives in registers.
    B a[R];
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) a[r] = bv;
#pragma GCC unroll 16
    for (int i = 0; i < kIn; ++i) {
#pragma GCC unroll 8
      for (int kw = 0; kw < K; ++kw) {
        const B v = B::load_unaligned(rows[i] + (kw % S) * p.phase_len + kw / S + ow);
#pragma GCC unroll 8
        for (int r = 0; r < R; ++r) {
          const int kh = i - r * S;
          if (kh >= 0 && kh < K) a[r] = xsimd::fma(wv[kh * K + kw], v, a[r]);
        }
      }
    }
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) StoreOut<Arch>(p, a[r], oh + r, ow, res, y);
  };
  if (full < p.out_w) column(full);
  for (int64_t ow = 0; ow < full; ow += V) column(ow);
}

// N consecutive vectors (columns ow .. ow + N*V) of output row oh: N independent accumulators;
// rows[kh] is the padded row of image row oh * S - pad_top + kh. Taps in (kh, kw) order, as in
// RowBlock.
template <class Arch, int K, int S, int N>
[[gnu::always_inline]] inline void Cols(const DepthwiseParams& p, const float* const* rows,
                                        const xsimd::batch<float, Arch>* wv,
                                        xsimd::batch<float, Arch> bv, int64_t oh, int64_t ow,
                                        const float* res, float* y) {
  using B = xsimd::batch<float, Arch>;
  constexpr int64_t V = B::size;
  B a[N];
#pragma GCC unroll 4
  for (int n = 0; n < N; ++n) a[n] = bv;
#pragma GCC unroll 5
  for (int kh = 0; kh < K; ++kh) {
#pragma GCC unroll 5
    for (int kw = 0; kw < K; ++kw) {
      const float* src = rows[kh] + (kw % S) * p.phase_len + kw / S + ow;
      const B wt = wv[kh * K + kw];
#pragma GCC unroll 4
      for (int n = 0; n < N; ++n) a[n] = xsimd::fma(wt, B::load_unaligned(src + n * V), a[n]);
    }
  }
#pragma GCC unroll 4
  for (int n = 0; n < N; ++n) StoreOut<Arch>(p, a[n], oh, ow + n * V, res, y);
}

// R output rows x N vector columns (ow .. ow + N*V) with R*N independent accumulators, for
// wide 3x3 rows: each loaded input vector feeds every output row that reads it (a 3x3 stride-1
// block of 4 rows loads 6 input rows per column instead of 12). rows[] as in RowBlock; taps in
// (kh, kw) order per output, so the bits equal Cols'.
template <class Arch, int K, int S, int R, int N>
[[gnu::always_inline]] inline void Tile(const DepthwiseParams& p, const float* const* rows,
                                        const xsimd::batch<float, Arch>* wv,
                                        xsimd::batch<float, Arch> bv, int64_t oh, int64_t ow,
                                        const float* res, float* y) {
  using B = xsimd::batch<float, Arch>;
  constexpr int64_t V = B::size;
  constexpr int kIn = (R - 1) * S + K;
  B a[R][N];
#pragma GCC unroll 8
  for (int r = 0; r < R; ++r) {
#pragma GCC unroll 4
    for (int n = 0; n < N; ++n) a[r][n] = bv;
  }
#pragma GCC unroll 16
  for (int i = 0; i < kIn; ++i) {
#pragma GCC unroll 8
    for (int kw = 0; kw < K; ++kw) {
      const float* src = rows[i] + (kw % S) * p.phase_len + kw / S + ow;
#pragma GCC unroll 4
      for (int n = 0; n < N; ++n) {
        const B v = B::load_unaligned(src + n * V);
#pragma GCC unroll 8
        for (int r = 0; r < R; ++r) {
          const int kh = i - r * S;
          if (kh >= 0 && kh < K) a[r][n] = xsimd::fma(wv[kh * K + kw], v, a[r][n]);
        }
      }
    }
  }
#pragma GCC unroll 8
  for (int r = 0; r < R; ++r) {
#pragma GCC unroll 4
    for (int n = 0; n < N; ++n) StoreOut<Arch>(p, a[r][n], oh + r, ow + n * V, res, y);
  }
}

// R wide output rows oh .. oh + R - 1: the tail column first (its spill into the next rows is
// overwritten by the full columns stored after it), then the full columns N at a time.
template <class Arch, int K, int S, int R, int N>
void WideRows(const DepthwiseParams& p, const float* const* rows,
              const xsimd::batch<float, Arch>* wv, xsimd::batch<float, Arch> bv, int64_t oh,
              const float* res, float* y) {
  constexpr int64_t V = xsimd::batch<float, Arch>::size;
  const int64_t full = p.out_w / V * V;
  if (full < p.out_w) Tile<Arch, K, S, R, 1>(p, rows, wv, bv, oh, full, res, y);
  int64_t ow = 0;
  for (; ow + N * V <= full; ow += N * V) Tile<Arch, K, S, R, N>(p, rows, wv, bv, oh, ow, res, y);
  for (; ow < full; ow += V) Tile<Arch, K, S, R, 1>(p, rows, wv, bv, oh, ow, res, y);
}

// One output row oh of a channel, for rows of more than two vectors: up to four vector
// columns at a time (the tail vector joins the last group; its spill into the next row is
// overwritten when that row is computed).
template <class Arch, int K, int S>
void Row(const DepthwiseParams& p, const float* const* rows, const xsimd::batch<float, Arch>* wv,
         xsimd::batch<float, Arch> bv, int64_t oh, const float* res, float* y) {
  constexpr int64_t V = xsimd::batch<float, Arch>::size;
  for (int64_t ow = 0; ow < p.out_w; ow += 4 * V) {
    const int64_t left = (p.out_w - ow + V - 1) / V;
    if (left >= 4) {
      Cols<Arch, K, S, 4>(p, rows, wv, bv, oh, ow, res, y);
    } else if (left == 3) {
      Cols<Arch, K, S, 3>(p, rows, wv, bv, oh, ow, res, y);
    } else if (left == 2) {
      Cols<Arch, K, S, 2>(p, rows, wv, bv, oh, ow, res, y);
    } else {
      Cols<Arch, K, S, 1>(p, rows, wv, bv, oh, ow, res, y);
    }
  }
}

// Scratch: NR = K + 3S padded row buffers used as a ring (image row ih lives in slot ih % NR)
// and one zero row for the rows above and below the image. Each image row is padded once per
// channel, just before the first output rows that need it, so the working set is NR + 1 short
// rows. Output rows go four at a time (RowBlock), the last out_h % 4 together.
template <class Arch, int K, int S>
void Run(const DepthwiseParams& p, const float* x, const float* w, const float* bias,
         const float* residual, float* y, float* scratch) {
  using B = xsimd::batch<float, Arch>;
  constexpr int kBlock = 4;
  constexpr int kRing = K + (kBlock - 1) * S;
  // Wide 3x3 tiles: 9 weight registers + kTileRows * kTileCols accumulators fit 32 registers
  // (AVX-512) or 16 (AVX2, SSE2).
  constexpr int kTileRows = B::size == 16 ? 4 : 2;
  constexpr int kTileCols = 2;
  static_assert(kTileRows <= kBlock, "the ring holds kBlock output rows' inputs");
  const int64_t in_size = p.in_h * p.in_w, out_size = p.out_h * p.out_w;
  if (out_size == 0 || p.channels == 0) return;
  const int64_t row_len = S * p.phase_len;
  // The zero edges of every slot stay zero: PadRow writes only the valid columns.
  std::memset(scratch, 0, sizeof(float) * (kRing + 1) * row_len);
  const float* zero_row = scratch + kRing * row_len;
  const bool wide = p.out_w > 2 * static_cast<int64_t>(B::size);
  const bool other_act = !ActivatedInRegisters(p.act);
  for (int64_t c = 0; c < p.channels; ++c) {
    const float* xc = x + c * in_size;
    const float* wc = w + c * K * K;
    float* yc = y + c * out_size;
    const float* rc = residual != nullptr ? residual + c * out_size : nullptr;
    B wv[K * K];
    for (int t = 0; t < K * K; ++t) wv[t] = B(wc[t]);
    const B bv(bias != nullptr ? bias[c] : 0.0f);
    int64_t next = 0;  // image rows [0, next) have been padded into the ring
    for (int64_t oh = 0; oh < p.out_h;) {
      // Wide rows: one row at a time has enough independent vector columns (Row).
      // Wide 3x3 rows: kTileRows rows at a time (WideRows); other wide rows one at a time.
      const int block = !wide ? kBlock : K == 3 ? kTileRows : 1;
      const int n = p.out_h - oh >= block ? block : static_cast<int>(p.out_h - oh);
      const int in_rows = (n - 1) * S + K;
      const int64_t ih0 = oh * S - p.pad_top;
      if (next < ih0) next = ih0 < p.in_h ? ih0 : p.in_h;  // rows no output row reads
      for (; next < ih0 + in_rows && next < p.in_h; ++next) {
        PadRow<Arch, S>(p, xc + next * p.in_w, scratch + (next % kRing) * row_len);
      }
      const float* rows[kRing];
      for (int i = 0; i < in_rows; ++i) {
        const int64_t ih = ih0 + i;
        rows[i] = ih < 0 || ih >= p.in_h ? zero_row : scratch + (ih % kRing) * row_len;
      }
      if (wide && K == 3) {
        if (n == kTileRows) {
          WideRows<Arch, K, S, kTileRows, kTileCols>(p, rows, wv, bv, oh, rc, yc);
        } else {
          for (int r = 0; r < n; ++r) Row<Arch, K, S>(p, rows + r * S, wv, bv, oh + r, rc, yc);
        }
      } else if (wide) {
        Row<Arch, K, S>(p, rows, wv, bv, oh, rc, yc);
      } else {
        switch (n) {
        case 1:
          RowBlock<Arch, K, S, 1>(p, rows, wv, bv, oh, rc, yc);
          break;
        case 2:
          RowBlock<Arch, K, S, 2>(p, rows, wv, bv, oh, rc, yc);
          break;
        case 3:
          RowBlock<Arch, K, S, 3>(p, rows, wv, bv, oh, rc, yc);
          break;
          default:
            RowBlock<Arch, K, S, kBlock>(p, rows, wv, bv, oh, rc, yc);
        }
      }
      if (other_act) p.act_fn(p.act, yc + oh * p.out_w, n * p.out_w);
      oh += n;
    }
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
