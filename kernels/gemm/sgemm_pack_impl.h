// Packing for the SGEMM of sgemm_impl.h (per instruction set, template <class Arch>): op(A)
// into MR-tall row panels and op(B) into NR-wide column panels, per K block of kKc = 256.
//
// Layouts (floats; kc = the K block's length, the last block may be shorter):
//   packed A: K block pc at pc * RoundUp(M, MR); in it, row panel ip at ip * MR * kc, holding
//             for each k the MR values op(A)(ip * MR + i, pc + k), zeros past M.
//   packed B: K block pc at pc * RoundUp(N, NR); in it, column panel q at q * NR * kc, holding
//             for each k the NR values op(B)(pc + k, q * NR + j), zeros past N.
// SgemmPackA / SgemmPackB (sgemm.h) write the whole matrices in these layouts (in parallel,
// one item per K block and panel); the SGEMM packs A once per call and B per task block in
// the same layouts when they are not prepacked.
#pragma once

#include <immintrin.h>

#include <algorithm>
#include <cstdint>
#include <xsimd/xsimd.hpp>

#include "kernels/cpu/parallel.h"
#include "kernels/gemm/gemm.h"

namespace onnxi::kernels::sgemm_detail {
// Internal linkage, as in sgemm_impl.h: each instruction set's TU has its own flags.
namespace {

inline constexpr int64_t kKc = 256;

inline int64_t RoundUp(int64_t x, int64_t m) { return (x + m - 1) / m * m; }

// Transposes the W x W block whose rows are src[0], src[ld], ... into dst rows dst[0],
// dst[ld_dst], ... (W = the Arch's vector width: 16, 8 or 4 floats), in registers. Only the
// first `rows` source rows are read; the others count as zeros.
template <int W>
void TransposeBlock(const float* src, int64_t ld, float* dst, int64_t ld_dst, int rows = W) {
  if constexpr (W == 16) {
    __m512 r[16], t[16];
    for (int i = 0; i < 16; ++i) r[i] = i < rows ? _mm512_loadu_ps(src + i * ld) : _mm512_setzero_ps();
    for (int i = 0; i < 16; i += 2) {  // per 128-bit lane: pairs of rows interleaved
      t[i] = _mm512_unpacklo_ps(r[i], r[i + 1]);
      t[i + 1] = _mm512_unpackhi_ps(r[i], r[i + 1]);
    }
    for (int i = 0; i < 16; i += 4) {  // r[i + c], lane L: rows i..i+3 of column 4L + c
      r[i] = _mm512_shuffle_ps(t[i], t[i + 2], 0x44);
      r[i + 1] = _mm512_shuffle_ps(t[i], t[i + 2], 0xEE);
      r[i + 2] = _mm512_shuffle_ps(t[i + 1], t[i + 3], 0x44);
      r[i + 3] = _mm512_shuffle_ps(t[i + 1], t[i + 3], 0xEE);
    }
    for (int c = 0; c < 4; ++c) {  // gather lane L of r[c], r[4 + c], r[8 + c], r[12 + c]
      const __m512 x0 = _mm512_shuffle_f32x4(r[c], r[4 + c], 0x88);
      const __m512 x1 = _mm512_shuffle_f32x4(r[c], r[4 + c], 0xDD);
      const __m512 y0 = _mm512_shuffle_f32x4(r[8 + c], r[12 + c], 0x88);
      const __m512 y1 = _mm512_shuffle_f32x4(r[8 + c], r[12 + c], 0xDD);
      _mm512_storeu_ps(dst + c * ld_dst, _mm512_shuffle_f32x4(x0, y0, 0x88));
      _mm512_storeu_ps(dst + (4 + c) * ld_dst, _mm512_shuffle_f32x4(x1, y1, 0x88));
      _mm512_storeu_ps(dst + (8 + c) * ld_dst, _mm512_shuffle_f32x4(x0, y0, 0xDD));
      _mm512_storeu_ps(dst + (12 + c) * ld_dst, _mm512_shuffle_f32x4(x1, y1, 0xDD));
    }
  } else if constexpr (W == 8) {
    __m256 r[8], t[8];
    for (int i = 0; i < 8; ++i) r[i] = i < rows ? _mm256_loadu_ps(src + i * ld) : _mm256_setzero_ps();
    for (int i = 0; i < 8; i += 2) {
      t[i] = _mm256_unpacklo_ps(r[i], r[i + 1]);
      t[i + 1] = _mm256_unpackhi_ps(r[i], r[i + 1]);
    }
    for (int i = 0; i < 8; i += 4) {
      r[i] = _mm256_shuffle_ps(t[i], t[i + 2], 0x44);
      r[i + 1] = _mm256_shuffle_ps(t[i], t[i + 2], 0xEE);
      r[i + 2] = _mm256_shuffle_ps(t[i + 1], t[i + 3], 0x44);
      r[i + 3] = _mm256_shuffle_ps(t[i + 1], t[i + 3], 0xEE);
    }
    for (int c = 0; c < 4; ++c) {
      _mm256_storeu_ps(dst + c * ld_dst, _mm256_permute2f128_ps(r[c], r[4 + c], 0x20));
      _mm256_storeu_ps(dst + (4 + c) * ld_dst, _mm256_permute2f128_ps(r[c], r[4 + c], 0x31));
    }
  } else {
    static_assert(W == 4, "vector widths 16, 8, 4");
    const __m128 zero = _mm_setzero_ps();
    __m128 r0 = rows > 0 ? _mm_loadu_ps(src) : zero, r1 = rows > 1 ? _mm_loadu_ps(src + ld) : zero;
    __m128 r2 = rows > 2 ? _mm_loadu_ps(src + 2 * ld) : zero;
    __m128 r3 = rows > 3 ? _mm_loadu_ps(src + 3 * ld) : zero;
    _MM_TRANSPOSE4_PS(r0, r1, r2, r3);
    _mm_storeu_ps(dst, r0);
    _mm_storeu_ps(dst + ld_dst, r1);
    _mm_storeu_ps(dst + 2 * ld_dst, r2);
    _mm_storeu_ps(dst + 3 * ld_dst, r3);
  }
}

template <class Arch, int MR, int NV>
struct SgemmPanels {
  using V = xsimd::batch<float, Arch>;
  static constexpr int kW = static_cast<int>(V::size);
  static constexpr int kNr = NV * kW;

  // Packs rows [i0, i0 + MR) x K block [pc, pc + kc) of op(A) into one MR-tall panel.
  static void PackAPanel(const GemmParams& p, const float* a, int64_t i0, int64_t pc, int64_t kc,
                         float* out) {
    const int64_t mr = std::min<int64_t>(MR, p.m - i0);
    if (p.trans_a) {  // A stored (K, M): op(A)(i, k) = a[k * lda + i]
      for (int64_t k = 0; k < kc; ++k) {
        const float* src = a + (pc + k) * p.lda + i0;
        float* dst = out + k * MR;
        for (int64_t i = 0; i < mr; ++i) dst[i] = src[i];
        for (int64_t i = mr; i < MR; ++i) dst[i] = 0.0f;
      }
      return;
    }
    // A stored (M, K): W x W blocks of (rows, k) transposed in registers into (k, rows), the
    // first MR of each row kept (the rows past mr are zeros); the last kc % W k scalar.
    int64_t k0 = 0;
    if constexpr (MR <= kW) {
      alignas(64) float t[kW * kW];
      for (; k0 + kW <= kc; k0 += kW) {
        TransposeBlock<kW>(a + i0 * p.lda + pc + k0, p.lda, t, kW, static_cast<int>(mr));
        for (int k = 0; k < kW; ++k) std::copy(t + k * kW, t + k * kW + MR, out + (k0 + k) * MR);
      }
    }
    for (int64_t k = k0; k < kc; ++k) {
      for (int64_t i = 0; i < MR; ++i) out[k * MR + i] = i < mr ? a[(i0 + i) * p.lda + pc + k] : 0.0f;
    }
  }

  // Packs columns [j0, j0 + ncols) x K block [pc, pc + kc) of op(B) into NR-wide panels, one
  // after the other (panel q at out + q * NR * kc).
  static void PackBBlock(bool trans_b, const float* b, int64_t ldb, int64_t pc, int64_t kc,
                         int64_t j0, int64_t ncols, float* out) {
    for (int64_t q = 0; q * kNr < ncols; ++q) {
      const int64_t js = j0 + q * kNr;
      const int64_t w = std::min<int64_t>(kNr, j0 + ncols - js);
      float* dst = out + q * kNr * kc;
      if (trans_b && w == kNr) {  // B stored (N, K): op(B)(k, j) = b[j * ldb + k]
        // W x W blocks transposed in registers, then the K block's last kc % W rows.
        int64_t k = 0;
        for (; k + kW <= kc; k += kW) {
          for (int v = 0; v < NV; ++v) {
            TransposeBlock<kW>(b + (js + v * kW) * ldb + pc + k, ldb, dst + k * kNr + v * kW, kNr);
          }
        }
        for (; k < kc; ++k) {
          for (int64_t j = 0; j < kNr; ++j) dst[k * kNr + j] = b[(js + j) * ldb + pc + k];
        }
      } else if (trans_b) {
        for (int64_t j = 0; j < w; ++j) {
          const float* src = b + (js + j) * ldb + pc;
          for (int64_t k = 0; k < kc; ++k) dst[k * kNr + j] = src[k];
        }
        for (int64_t j = w; j < kNr; ++j)
          for (int64_t k = 0; k < kc; ++k) dst[k * kNr + j] = 0.0f;
      } else if (w == kNr) {
        for (int64_t k = 0; k < kc; ++k) {
          const float* src = b + (pc + k) * ldb + js;
          for (int j = 0; j < NV; ++j)
            V::load_unaligned(src + j * kW).store_unaligned(dst + j * kW);
          dst += kNr;
        }
      } else {
        for (int64_t k = 0; k < kc; ++k) {
          const float* src = b + (pc + k) * ldb + js;
          for (int64_t j = 0; j < w; ++j) dst[k * kNr + j] = src[j];
          for (int64_t j = w; j < kNr; ++j) dst[k * kNr + j] = 0.0f;
        }
      }
    }
  }

  static int64_t PackedBSize(int64_t k, int64_t n) { return k * RoundUp(n, kNr); }
  static int64_t PackedASize(int64_t m, int64_t k) { return RoundUp(m, MR) * k; }

  // Whole op(B), K block after K block: block pc starts at pc * RoundUp(N, NR), its panel q
  // at + q * NR * kc. One item per (K block, panel), in parallel.
  static void PackB(bool trans_b, const float* b, int64_t ldb, int64_t k, int64_t n, float* out) {
    const int64_t n_pad = RoundUp(n, kNr), panels = n_pad / kNr;
    ParallelFor((k + kKc - 1) / kKc * panels, GrainFor(kNr * kKc), [&](int64_t begin, int64_t end) {
      for (int64_t t = begin; t < end; ++t) {
        const int64_t pc = t / panels * kKc, q = t % panels, kc = std::min(kKc, k - pc);
        PackBBlock(trans_b, b, ldb, pc, kc, q * kNr, std::min<int64_t>(kNr, n - q * kNr),
                   out + pc * n_pad + q * kNr * kc);
      }
    });
  }

  // Whole op(A): K block pc starts at pc * RoundUp(M, MR), its row panel ip at + ip * MR * kc.
  static void PackA(bool trans_a, const float* a, int64_t lda, int64_t m, int64_t k, float* out) {
    const int64_t m_pad = RoundUp(m, MR), panels = m_pad / MR;
    GemmParams p;
    p.m = m;
    p.k = k;
    p.trans_a = trans_a;
    p.lda = lda;
    ParallelFor((k + kKc - 1) / kKc * panels, GrainFor(MR * kKc), [&](int64_t begin, int64_t end) {
      for (int64_t t = begin; t < end; ++t) {
        const int64_t pc = t / panels * kKc, ip = t % panels, kc = std::min(kKc, k - pc);
        PackAPanel(p, a, ip * MR, pc, kc, out + pc * m_pad + ip * MR * kc);
      }
    });
  }
};

}  // namespace
}  // namespace onnxi::kernels::sgemm_detail
