// The packed SGEMM of sgemm.h, written once for every instruction set (template <class Arch>)
// and instantiated in sgemm_avx512.cc (12 x 32), sgemm_avx2.cc (6 x 16), sgemm_generic.cc
// (SSE2, 6 x 8): MR rows x NR = NV vectors of columns held in MR * NV accumulator registers.
//
// Blocking (BLIS-style): K is cut into blocks of kKc = 256 (layouts in sgemm_pack_impl.h).
// op(A) is packed into MR-tall row panels once per call, or once per weight (SgemmPackA);
// op(B) into NR-wide column panels per task, once per call when several row blocks share
// them, or once per weight (SgemmPackB); with a prepacked A and a small K and M, B is read
// in place (kDirectBMaxK) but for N's partial last panel. The output is split into a grid of
// blocks of whole panels (Run: up to kMaxTasks blocks of at least kTaskWork flops, the larger
// side split first), one ParallelFor task per block. A task walks the K blocks in order; per K block it
// streams A row panels (L1) against its B block (L2), and with a prepacked B its first row
// panel prefetches the next K block's B panels. The grid depends only on the shape, so each
// C element sees the same arithmetic for every thread count.
// Row panels: the last one of M may have R < MR rows; Tile<R> then computes R rows only
// (M = 1 is a GEMV that streams B). Column panels: a partial last panel stores its whole
// vectors as the full tile does and the rest (< one vector) with scalar code.
// C update per tile: the first K block writes alpha * acc + beta * C (C unread when beta == 0),
// later blocks add alpha * acc; the last block adds bias and residual and applies Relu/Clip in
// registers. Other activations run over each finished MR-row stripe of the block.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>
#include <xsimd/xsimd.hpp>

#include "kernels/cpu/parallel.h"
#include "kernels/gemm/sgemm_internal.h"
#include "kernels/gemm/sgemm_pack_impl.h"

namespace onnxi::kernels::sgemm_detail {
// Everything here has internal linkage: each instruction set's TU is compiled with its own
// flags, and a shared inline function could otherwise be linked from the AVX-512 TU into
// the code path of a CPU without AVX-512.
namespace {

inline constexpr int64_t kNcPanels = 8;      // column panels per block before splitting more
inline constexpr int64_t kMaxTasks = 16;     // enough blocks to balance 2..4 threads
inline constexpr int64_t kPrefetchB = 2048;  // floats ahead in B when streaming it (R <= 2)
inline constexpr double kTaskWork = 2.0e6;   // flops (~15 us) a task is worth at least
// With a prepacked A, K <= kDirectBMaxK, M <= kDirectBMaxM and B not transposed, B is read in
// place instead of packed (packing is a whole extra read and write of B, for little reuse
// when few row panels share it). Measured, 1 thread, min of 300 (AVX-512 / AVX2): 16 x 12544
// x 32 0.146 -> 0.127-0.139 / 0.216 -> 0.190 ms, 32 x 12544 x 16 0.142 -> 0.120-0.133 /
// 0.248 -> 0.230, 64 x 3136 x 64 0.175 -> 0.163 / 0.320 -> 0.305. With more rows it loses
// (96 x 12544 x 16 0.464 -> 0.492, 144 x 3136 x 24 0.164 -> 0.178: C's stores evict the strided
// B rows from L1; visiting column panel outer was worse still, 0.63), as does a larger K
// (64 x 3136 x 576, strided B rows re-read from L2).
inline constexpr int64_t kDirectBMaxK = 64;
inline constexpr int64_t kDirectBMaxM = 64;

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
struct SgemmImpl : SgemmPanels<Arch, MR, NV> {
  using Panels = SgemmPanels<Arch, MR, NV>;
  using typename Panels::V;
  using Panels::kNr;
  using Panels::kW;
  using Panels::PackA;
  using Panels::PackB;
  using Panels::PackBBlock;
  using Panels::PackedASize;
  using Panels::PackedBSize;

  // With 32 vector registers (AVX-512), M's last 1..kExtra rows join the panel before them in
  // a tile of MR + r rows (M = 49: 4 tiles of 12 + 13 rows rather than a 1-row tile, which
  // streams as much B as a full one for 1/12 of the work).
  static constexpr int kExtra = sizeof(V) == 64 && (MR + 2) * NV + NV + 1 <= 32 ? 2 : 0;

  // C tile (R x nr, row stride ldc) from kc steps of an A panel (MR values per k, of which
  // the first R are used; rows R > MR from the next panel, MR * kc floats on) and a B panel
  // whose rows of NR values are bs floats apart (NR when packed, ldb when read in place).
  // R < MR serves the last row panel of M (M = 1: a GEMV streaming B) without computing its
  // zero rows. Not inlined: inside the block loops GCC ran out of the 16 AVX2 registers and
  // spilled a B vector.
  template <int R>
  __attribute__((noinline)) static void Tile(int64_t kc, const float* ap, const float* bp,
                                             int64_t bs, float* c, int64_t ldc, int nr,
                                             const TileArgs& t, const float* pf) {
    // C is read at the end (unless first with beta 0): ask for its lines now.
    if (!t.first || t.beta != 0) {
      for (int i = 0; i < R; ++i) {
        __builtin_prefetch(c + i * ldc);
        __builtin_prefetch(c + i * ldc + nr - 1);
      }
    }
    // Fewer than 8 accumulators (R < 4) would leave the FMA pipes waiting on latency: kSets
    // interleaved sets over k, summed at the end.
    constexpr int kSets = R * NV >= 8 ? 1 : (8 + R * NV - 1) / (R * NV);
    V acc[kSets][R][NV];
    for (int u = 0; u < kSets; ++u)
      for (int i = 0; i < R; ++i)
        for (int j = 0; j < NV; ++j) acc[u][i][j] = V(0.0f);
    if constexpr (kSets == 1) {
      for (int64_t k = 0; k < kc; ++k) {
        Step<R>(acc[0], ap, MR * kc, bp, pf == nullptr ? nullptr : pf + k * bs);
        ap += MR;
        bp += bs;
      }
    } else {
      int64_t k = 0;
      for (; k + kSets <= kc; k += kSets) {
        for (int u = 0; u < kSets; ++u) {
          Step<R>(acc[u], ap, 0, bp, pf == nullptr ? nullptr : pf + (k + u) * bs);
          ap += MR;
          bp += bs;
        }
      }
      for (; k < kc; ++k) {
        Step<R>(acc[0], ap, 0, bp, pf == nullptr ? nullptr : pf + k * bs);
        ap += MR;
        bp += bs;
      }
    }
    for (int u = 1; u < kSets; ++u)
      for (int i = 0; i < R; ++i)
        for (int j = 0; j < NV; ++j) acc[0][i][j] += acc[u][i][j];
    if (nr == kNr) {
      StoreVectors<R>(acc[0], c, ldc, NV, t);
      return;
    }
    // A partial panel (N's last): whole vectors as above, the rest (< one vector) scalar.
    const int nv = nr / kW;
    StoreVectors<R>(acc[0], c, ldc, nv, t);
    alignas(64) float tmp[R][kW];
    for (int i = 0; i < R; ++i) {
      acc[0][i][nv].store_aligned(tmp[i]);
      for (int j = nv * kW; j < nr; ++j) {
        c[i * ldc + j] = StoreScalar(tmp[i][j - nv * kW], c[i * ldc + j], i, j, t);
      }
    }
  }

  // One k step of a tile: acc += A column (R values; rows past MR at ap + next) x B row (NR
  // values). pfk: nullptr, or NR floats of the next K block's B to prefetch into L2.
  template <int R>
  __attribute__((always_inline)) static inline void Step(V (&acc)[R][NV], const float* ap,
                                                         int64_t next, const float* bp,
                                                         const float* pfk) {
    if constexpr (R <= 2) {
      // Few rows: memory-bound streaming of B (a GEMV); keep more lines in flight.
      for (int j = 0; j < kNr; j += 16) __builtin_prefetch(bp + kPrefetchB + j);
    } else {
      if (pfk != nullptr) {
        for (int j = 0; j < kNr; j += 16) __builtin_prefetch(pfk + j, 0, 2);
      }
    }
    V b[NV];
    for (int j = 0; j < NV; ++j) b[j] = V::load_unaligned(bp + j * kW);
    for (int i = 0; i < R; ++i) {
      const V a(i < MR ? ap[i] : ap[next + i - MR]);
      for (int j = 0; j < NV; ++j) acc[i][j] = xsimd::fma(a, b[j], acc[i][j]);
    }
  }

  // pf: nullptr, or kc * NR floats to prefetch into L2 while the tile runs.
  using TileFn = void (*)(int64_t kc, const float* ap, const float* bp, int64_t bs, float* c,
                          int64_t ldc, int nr, const TileArgs& t, const float* pf);
  // kTiles[r - 1] = Tile<r>, r = 1 .. MR + kExtra.
  template <size_t... I>
  static constexpr std::array<TileFn, MR + kExtra> MakeTiles(std::index_sequence<I...>) {
    return {&Tile<static_cast<int>(I) + 1>...};
  }
  static constexpr std::array<TileFn, MR + kExtra> kTiles =
      MakeTiles(std::make_index_sequence<MR + kExtra>());

  // Columns [0, nv * W) of the tile.
  template <int R>
  static void StoreVectors(V (&acc)[R][NV], float* c, int64_t ldc, int nv, const TileArgs& t) {
    const V alpha(t.alpha), beta(t.beta), zero(0.0f), lo(t.lo), hi(t.hi);
    for (int i = 0; i < R; ++i) {
      float* row = c + i * ldc;
      for (int j = 0; j < nv; ++j) {
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

  static void Sgemm(const GemmParams& p, const float* a, const float* b, float* c,
                    const SgemmEpilogue& ep) {
    Run(p, a, nullptr, b, nullptr, c, ep);
  }
  static void SgemmPacked(const GemmParams& p, const float* a, const float* packed_b, float* c,
                          const SgemmEpilogue& ep) {
    Run(p, a, nullptr, nullptr, packed_b, c, ep);
  }
  static void SgemmPackedA(const GemmParams& p, const float* packed_a, const float* b, float* c,
                           const SgemmEpilogue& ep) {
    Run(p, nullptr, packed_a, b, nullptr, c, ep);
  }

  // Exactly one of a / packed_a and one of b / packed_b is set.
  static void Run(const GemmParams& p, const float* a, const float* packed_a, const float* b,
                  const float* packed_b, float* c, const SgemmEpilogue& ep);
  static void RunTask(const GemmParams& p, const float* packed_a, const float* b,
                      const float* packed_b, bool direct_b, float* c, const SgemmEpilogue& ep,
                      int64_t i0, int64_t i1, int64_t j0, int64_t j1, float* b_buf,
                      ActivationFn act_fn);
};

template <class Arch, int MR, int NV, Isa kIsa>
void SgemmImpl<Arch, MR, NV, kIsa>::Run(const GemmParams& p, const float* a,
                                        const float* packed_a, const float* b,
                                        const float* packed_b, float* c, const SgemmEpilogue& ep) {
  if (p.m <= 0 || p.n <= 0) return;
  if (p.k <= 0) {  // C = beta * C and the epilogue; nothing is read from A or B
    SgemmRef(p, a, b, c, ep);
    return;
  }
  const int64_t rp = RoundUp(p.m, MR) / MR, cp = RoundUp(p.n, kNr) / kNr;
  // The task grid (shape only): `want` tasks of at least kTaskWork flops (B streaming
  // counted, so that a GEMV splits too), starting from column blocks of kNcPanels panels.
  // Each extra row block streams B (K x N) once more, each extra column block A (M x K):
  // split the side whose re-reading is cheaper (rows when M >= N), down to single panels.
  // Blocks take consecutive panels, as evenly as possible.
  const double work = 2.0 * p.m * p.n * p.k + 16.0 * p.k * p.n;
  const int64_t want = std::clamp<int64_t>(static_cast<int64_t>(work / kTaskWork), 1, kMaxTasks);
  int64_t nb = (cp + kNcPanels - 1) / kNcPanels, mb = 1;
  while (nb * mb < want) {
    const bool split_rows = p.m >= p.n ? mb < rp : nb >= cp;
    if (split_rows && mb < rp) {
      ++mb;
    } else if (!split_rows && nb < cp) {
      ++nb;
    } else {
      break;
    }
  }
  // A prepacked A, short K, few rows and a plain B: read B in place (see kDirectBMaxK).
  const bool direct_b = packed_a != nullptr && b != nullptr && !p.trans_b && p.k <= kDirectBMaxK &&
                        p.m <= kDirectBMaxM;
  ScratchLease a_lease(packed_a != nullptr ? 0 : static_cast<size_t>(PackedASize(p.m, p.k)));
  if (packed_a == nullptr) {
    PackA(p.trans_a, a, p.lda, p.m, p.k, a_lease.data());
    packed_a = a_lease.data();
  }
  // Several row blocks would each pack the same B columns: pack all of B once instead.
  const bool share_b = packed_b == nullptr && !direct_b && mb > 1;
  ScratchLease b_shared(share_b ? static_cast<size_t>(PackedBSize(p.k, p.n)) : 0);
  if (share_b) {
    PackB(p.trans_b, b, p.ldb, p.k, p.n, b_shared.data());
    packed_b = b_shared.data();
  }
  const int64_t max_cols = (cp + nb - 1) / nb * kNr;
  const ActivationFn act_fn = GetActivation(kIsa);
  ParallelFor(mb * nb, 1, [&](int64_t begin, int64_t end) {
    // Direct B packs only N's partial last panel (reading it in place would overrun B).
    const int64_t b_floats = packed_b != nullptr ? 0 : (direct_b ? p.k * kNr : kKc * max_cols);
    ScratchLease b_lease(static_cast<size_t>(b_floats));
    for (int64_t t = begin; t < end; ++t) {
      const int64_t ib = t / nb, jb = t % nb;
      const int64_t i0 = ib * rp / mb * MR, i1 = std::min(p.m, (ib + 1) * rp / mb * MR);
      const int64_t j0 = jb * cp / nb * kNr, j1 = std::min(p.n, (jb + 1) * cp / nb * kNr);
      RunTask(p, packed_a, b, packed_b, direct_b, c, ep, i0, i1, j0, j1, b_lease.data(), act_fn);
    }
  });
}

template <class Arch, int MR, int NV, Isa kIsa>
void SgemmImpl<Arch, MR, NV, kIsa>::RunTask(const GemmParams& p, const float* packed_a,
                                            const float* b, const float* packed_b,
                                            bool direct_b, float* c, const SgemmEpilogue& ep,
                                            int64_t i0, int64_t i1, int64_t j0, int64_t j1,
                                            float* b_buf, ActivationFn act_fn) {
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
  if (direct_b) {  // K <= kDirectBMaxK: one K block
    // Row panel by row panel over the block's column panels, read in place (rows ldb apart);
    // N's partial last panel is packed into b_buf first (reading it in place would overrun B).
    // (Column panel outer measured slower: C is then written 100 rows at a time.)
    t.first = t.last = true;
    const int64_t j_full = j0 + (j1 - j0) / kNr * kNr;
    if (j_full < j1) PackBBlock(false, b, p.ldb, 0, p.k, j_full, j1 - j_full, b_buf);
    for (int64_t i = i0; i < i1; i += MR) {
      int mr = static_cast<int>(std::min<int64_t>(MR, i1 - i));
      if (i1 - i > MR && i1 - i <= MR + kExtra) mr = static_cast<int>(i1 - i);  // see kExtra
      const TileFn tile = kTiles[mr - 1];
      for (int64_t j = j0; j < j1; j += kNr) {
        const int nr = static_cast<int>(std::min<int64_t>(kNr, j1 - j));
        t.bias = ep.bias == nullptr ? nullptr : ep.bias + (ep.bias_per_row ? i : j);
        t.res = ep.residual == nullptr ? nullptr : ep.residual + i * ep.ldr + j;
        const bool in_place = j < j_full;
        tile(p.k, packed_a + i * p.k, in_place ? b + j : b_buf, in_place ? p.ldb : kNr,
             c + i * p.ldc + j, p.ldc, nr, t, nullptr);
      }
      if (deferred_act) {
        for (int r = 0; r < mr; ++r) act_fn(ep.act, c + (i + r) * p.ldc + j0, j1 - j0);
      }
      if (mr > MR) break;  // the tile took the last panel's rows too
    }
    return;
  }
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
    // The first row panel pulls the next K block's panels of a prepacked B into L2.
    const int64_t kc_next = std::min(kKc, p.k - pc - kc);
    const float* next_b =
        packed_b != nullptr && kc_next > 0 ? packed_b + (pc + kc) * n_pad + j0 * kc_next : nullptr;
    t.first = pc == 0;
    t.last = pc + kc >= p.k;
    for (int64_t i = i0; i < i1; i += MR) {
      int mr = static_cast<int>(std::min<int64_t>(MR, i1 - i));
      if (i1 - i > MR && i1 - i <= MR + kExtra) mr = static_cast<int>(i1 - i);  // see kExtra
      const TileFn tile = kTiles[mr - 1];
      for (int64_t j = j0; j < j1; j += kNr) {
        const int nr = static_cast<int>(std::min<int64_t>(kNr, j1 - j));
        t.bias = ep.bias == nullptr ? nullptr : ep.bias + (ep.bias_per_row ? i : j);
        t.res = ep.residual == nullptr ? nullptr : ep.residual + i * ep.ldr + j;
        const float* pf = next_b != nullptr && i == i0 ? next_b + (j - j0) * kc_next : nullptr;
        tile(kc, ablock + i * kc, bblock + (j - j0) * kc, kNr, c + i * p.ldc + j, p.ldc, nr, t, pf);
      }
      if (t.last && deferred_act) {
        for (int r = 0; r < mr; ++r) act_fn(ep.act, c + (i + r) * p.ldc + j0, j1 - j0);
      }
      if (mr > MR) break;  // the tile took the last panel's rows too
    }
  }
}

// The table an instruction set's translation unit exports.
template <class Impl>
const SgemmTable& MakeSgemmTable() {
  static const SgemmTable table{Impl::Sgemm,       Impl::SgemmPacked, Impl::PackedBSize,
                                Impl::PackB,       Impl::SgemmPackedA, Impl::PackedASize,
                                Impl::PackA};
  return table;
}

}  // namespace
}  // namespace onnxi::kernels::sgemm_detail
