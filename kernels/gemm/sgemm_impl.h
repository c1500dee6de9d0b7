// The packed SGEMM of sgemm.h, written once for every instruction set (template <class Arch>)
// and instantiated in sgemm_avx512.cc (12 x 32), sgemm_avx2.cc (6 x 16), sgemm_generic.cc
// (SSE2, 6 x 8): MR rows x NR = NV vectors of columns held in MR * NV accumulator registers.
//
// Blocking (BLIS-style): K is cut into blocks of kKc = 256. For each K block, op(A) is packed
// once for the whole call into MR-tall row panels (k-major: MR values per k, zero rows past M)
// and op(B) into NR-wide column panels (NR values per k, zero columns past N), either per task
// or once per weight matrix (SgemmPackB). The output is split into fixed blocks of `nc`
// columns (256, halved down to 2 * NR while there are fewer than 4 tasks) and, only when that
// still gives few tasks, blocks of rows; one ParallelFor task per block. A task walks the K
// blocks in order; per K block it streams A row panels (L1) against its B block (L2). Since
// the blocking depends only on the shape, each C element sees the same arithmetic for every
// thread count.
// C update per tile: the first K block writes alpha * acc + beta * C (C unread when beta == 0),
// later blocks add alpha * acc; the last block adds bias and residual and applies Relu/Clip in
// registers. Other activations run over each finished MR-row stripe of the block. Partial
// tiles (edges) go through a stack tile and scalar code.
#pragma once

#include <algorithm>
#include <cstdint>
#include <xsimd/xsimd.hpp>

#include "kernels/cpu/parallel.h"
#include "kernels/gemm/sgemm_internal.h"

namespace onnxi::kernels::sgemm_detail {
// Everything here has internal linkage: each instruction set's TU is compiled with its own
// flags, and a shared inline function could otherwise be linked from the AVX-512 TU into
// the code path of a CPU without AVX-512.
namespace {

inline constexpr int64_t kKc = 256;
inline constexpr int64_t kNcMax = 256;
inline constexpr int64_t kMinTasks = 4;

inline int64_t RoundUp(int64_t x, int64_t m) { return (x + m - 1) / m * m; }

// What a tile store needs besides the accumulators. Pointers are already offset to the tile.
struct TileArgs {
  float alpha, beta;
  bool first, last;
  const float* bias;  // nullptr, or bias of the tile's first row (per row) / column
  bool bias_per_row;
  const float* res;  // nullptr, or residual at the tile's (0, 0)
  int64_t ldr;
  int act;  // 0: none here, 1: Relu, 2: Clip(lo, hi)
  float lo, hi;
};

inline float StoreScalar(float acc, float c, int i, int j, const TileArgs& t) {
  float v =
      t.first ? (t.beta == 0 ? t.alpha * acc : t.alpha * acc + t.beta * c) : c + t.alpha * acc;
  if (t.last) {
    if (t.bias != nullptr) v += t.bias_per_row ? t.bias[i] : t.bias[j];
    if (t.res != nullptr) v += t.res[i * t.ldr + j];
    if (t.act == 1) v = v < 0 ? 0.0f : v;
    if (t.act == 2) v = v < t.lo ? t.lo : (v > t.hi ? t.hi : v);
  }
  return v;
}

template <class Arch, int MR, int NV, Isa kIsa>
struct SgemmImpl {
  using V = xsimd::batch<float, Arch>;
  static constexpr int kW = static_cast<int>(V::size);
  static constexpr int kNr = NV * kW;

  // C tile (mr x nr, row stride ldc) from kc steps of an A panel and a B panel. Not inlined:
  // inside the block loops GCC ran out of the 16 AVX2 registers and spilled a B vector.
  __attribute__((noinline)) static void Tile(int64_t kc, const float* ap, const float* bp, float* c,
                                             int64_t ldc, int mr, int nr, const TileArgs& t) {
    // C is read at the end (unless first with beta 0): ask for its lines now.
    if (!t.first || t.beta != 0) {
      for (int i = 0; i < mr; ++i) {
        __builtin_prefetch(c + i * ldc);
        __builtin_prefetch(c + i * ldc + nr - 1);
      }
    }
    V acc[MR][NV];
    for (int i = 0; i < MR; ++i)
      for (int j = 0; j < NV; ++j) acc[i][j] = V(0.0f);
    for (int64_t k = 0; k < kc; ++k) {
      V b[NV];
      for (int j = 0; j < NV; ++j) b[j] = V::load_unaligned(bp + j * kW);
      for (int i = 0; i < MR; ++i) {
        const V a(ap[i]);
        for (int j = 0; j < NV; ++j) acc[i][j] = xsimd::fma(a, b[j], acc[i][j]);
      }
      ap += MR;
      bp += kNr;
    }
    if (mr == MR && nr == kNr) {
      StoreFull(acc, c, ldc, t);
      return;
    }
    alignas(64) float tmp[MR][kNr];
    for (int i = 0; i < MR; ++i)
      for (int j = 0; j < NV; ++j) acc[i][j].store_aligned(&tmp[i][j * kW]);
    for (int i = 0; i < mr; ++i)
      for (int j = 0; j < nr; ++j) c[i * ldc + j] = StoreScalar(tmp[i][j], c[i * ldc + j], i, j, t);
  }

  static void StoreFull(V (&acc)[MR][NV], float* c, int64_t ldc, const TileArgs& t) {
    const V alpha(t.alpha), beta(t.beta), zero(0.0f), lo(t.lo), hi(t.hi);
    for (int i = 0; i < MR; ++i) {
      float* row = c + i * ldc;
      for (int j = 0; j < NV; ++j) {
        V v;
        if (t.first) {
          v = t.beta == 0 ? acc[i][j] * alpha
                          : xsimd::fma(acc[i][j], alpha, beta * V::load_unaligned(row + j * kW));
        } else {
          v = xsimd::fma(acc[i][j], alpha, V::load_unaligned(row + j * kW));
        }
        if (t.last) {
          if (t.bias != nullptr) {
            v += t.bias_per_row ? V(t.bias[i]) : V::load_unaligned(t.bias + j * kW);
          }
          if (t.res != nullptr) v += V::load_unaligned(t.res + i * t.ldr + j * kW);
          if (t.act == 1) v = xsimd::select(v < zero, zero, v);
          if (t.act == 2) {
            v = xsimd::select(v < lo, lo, v);
            v = xsimd::select(v > hi, hi, v);
          }
        }
        v.store_unaligned(row + j * kW);
      }
    }
  }

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
    for (int64_t i = 0; i < mr; ++i) {
      const float* src = a + (i0 + i) * p.lda + pc;
      for (int64_t k = 0; k < kc; ++k) out[k * MR + i] = src[k];
    }
    for (int64_t i = mr; i < MR; ++i)
      for (int64_t k = 0; k < kc; ++k) out[k * MR + i] = 0.0f;
  }

  // Packs columns [j0, j0 + ncols) x K block [pc, pc + kc) of op(B) into NR-wide panels, one
  // after the other (panel q at out + q * NR * kc).
  static void PackBBlock(bool trans_b, const float* b, int64_t ldb, int64_t pc, int64_t kc,
                         int64_t j0, int64_t ncols, float* out) {
    for (int64_t q = 0; q * kNr < ncols; ++q) {
      const int64_t js = j0 + q * kNr;
      const int64_t w = std::min<int64_t>(kNr, j0 + ncols - js);
      float* dst = out + q * kNr * kc;
      if (trans_b) {  // B stored (N, K): op(B)(k, j) = b[j * ldb + k]
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

  // Whole op(B), K block after K block: block pc starts at pc * RoundUp(N, NR).
  static void PackB(bool trans_b, const float* b, int64_t ldb, int64_t k, int64_t n, float* out) {
    const int64_t n_pad = RoundUp(n, kNr);
    for (int64_t pc = 0; pc < k; pc += kKc) {
      PackBBlock(trans_b, b, ldb, pc, std::min(kKc, k - pc), 0, n, out + pc * n_pad);
    }
  }

  static void Sgemm(const GemmParams& p, const float* a, const float* b, float* c,
                    const SgemmEpilogue& ep) {
    Run(p, a, b, nullptr, c, ep);
  }
  static void SgemmPacked(const GemmParams& p, const float* a, const float* packed_b, float* c,
                          const SgemmEpilogue& ep) {
    Run(p, a, nullptr, packed_b, c, ep);
  }

  static void Run(const GemmParams& p, const float* a, const float* b, const float* packed_b,
                  float* c, const SgemmEpilogue& ep);
  static void RunTask(const GemmParams& p, const float* packed_a, const float* b,
                      const float* packed_b, float* c, const SgemmEpilogue& ep, int64_t i0,
                      int64_t i1, int64_t j0, int64_t j1, float* b_buf, ActivationFn act_fn);
};

template <class Arch, int MR, int NV, Isa kIsa>
void SgemmImpl<Arch, MR, NV, kIsa>::Run(const GemmParams& p, const float* a, const float* b,
                                        const float* packed_b, float* c, const SgemmEpilogue& ep) {
  if (p.m <= 0 || p.n <= 0) return;
  if (p.k <= 0) {  // C = beta * C and the epilogue; nothing to pack
    SgemmRef(p, a, b, c, ep);
    return;
  }
  const int64_t m_pad = RoundUp(p.m, MR);
  const int64_t panels = m_pad / MR, kblocks = (p.k + kKc - 1) / kKc;
  ScratchLease a_lease(static_cast<size_t>(m_pad * p.k));
  float* packed_a = a_lease.data();
  // Packing A: one item per (K block, row panel); block pc starts at pc * m_pad.
  ParallelFor(kblocks * panels, GrainFor(MR * kKc), [&](int64_t begin, int64_t end) {
    for (int64_t t = begin; t < end; ++t) {
      const int64_t pc = t / panels * kKc, ip = t % panels;
      const int64_t kc = std::min(kKc, p.k - pc);
      PackAPanel(p, a, ip * MR, pc, kc, packed_a + pc * m_pad + ip * MR * kc);
    }
  });
  // Output blocks: columns first, rows only when columns alone give too few tasks.
  int64_t nc = kNcMax;
  while (nc > 2 * kNr && (p.n + nc - 1) / nc < kMinTasks) nc /= 2;
  const int64_t nblocks = (p.n + nc - 1) / nc;
  int64_t mblocks = 1;
  if (nblocks < kMinTasks && p.m >= 8 * MR) {
    mblocks = std::min<int64_t>((kMinTasks + nblocks - 1) / nblocks, p.m / (4 * MR));
  }
  const int64_t mc = RoundUp((p.m + mblocks - 1) / mblocks, MR);
  mblocks = (p.m + mc - 1) / mc;
  const ActivationFn act_fn = GetActivation(kIsa);
  ParallelFor(mblocks * nblocks, 1, [&](int64_t begin, int64_t end) {
    ScratchLease b_lease(packed_b != nullptr ? 0 : static_cast<size_t>(kKc * nc));
    for (int64_t t = begin; t < end; ++t) {
      const int64_t ib = t / nblocks, jb = t % nblocks;
      RunTask(p, packed_a, b, packed_b, c, ep, ib * mc, std::min(p.m, (ib + 1) * mc), jb * nc,
              std::min(p.n, (jb + 1) * nc), b_lease.data(), act_fn);
    }
  });
}

template <class Arch, int MR, int NV, Isa kIsa>
void SgemmImpl<Arch, MR, NV, kIsa>::RunTask(const GemmParams& p, const float* packed_a,
                                            const float* b, const float* packed_b, float* c,
                                            const SgemmEpilogue& ep, int64_t i0, int64_t i1,
                                            int64_t j0, int64_t j1, float* b_buf,
                                            ActivationFn act_fn) {
  using Kind = Activation::Kind;
  const int64_t m_pad = RoundUp(p.m, MR), n_pad = RoundUp(p.n, kNr);
  TileArgs t{};
  t.alpha = static_cast<float>(p.alpha);
  t.beta = static_cast<float>(p.beta);
  t.bias_per_row = ep.bias_per_row;
  t.ldr = ep.ldr;
  t.act = ep.act.kind == Kind::kRelu ? 1 : (ep.act.kind == Kind::kClip ? 2 : 0);
  t.lo = ep.act.alpha;
  t.hi = ep.act.beta;
  const bool deferred_act = ep.act.kind != Kind::kNone && t.act == 0;
  for (int64_t pc = 0; pc < p.k; pc += kKc) {
    const int64_t kc = std::min(kKc, p.k - pc);
    const float* bblock;  // panels of columns [j0, j1), panel stride NR * kc
    if (packed_b != nullptr) {
      bblock = packed_b + pc * n_pad + j0 * kc;
    } else {
      PackBBlock(p.trans_b, b, p.ldb, pc, kc, j0, j1 - j0, b_buf);
      bblock = b_buf;
    }
    const float* ablock = packed_a + pc * m_pad;
    t.first = pc == 0;
    t.last = pc + kc >= p.k;
    for (int64_t i = i0; i < i1; i += MR) {
      const int mr = static_cast<int>(std::min<int64_t>(MR, i1 - i));
      for (int64_t j = j0; j < j1; j += kNr) {
        const int nr = static_cast<int>(std::min<int64_t>(kNr, j1 - j));
        t.bias = ep.bias == nullptr ? nullptr : ep.bias + (ep.bias_per_row ? i : j);
        t.res = ep.residual == nullptr ? nullptr : ep.residual + i * ep.ldr + j;
        Tile(kc, ablock + i * kc, bblock + (j - j0) * kc, c + i * p.ldc + j, p.ldc, mr, nr, t);
      }
      if (t.last && deferred_act) {
        for (int r = 0; r < mr; ++r) act_fn(ep.act, c + (i + r) * p.ldc + j0, j1 - j0);
      }
    }
  }
}

// The table an instruction set's translation unit exports.
template <class Impl>
const SgemmTable& MakeSgemmTable() {
  static const SgemmTable table{Impl::Sgemm, Impl::SgemmPacked, Impl::PackedBSize, Impl::PackB};
  return table;
}

}  // namespace
}  // namespace onnxi::kernels::sgemm_detail
