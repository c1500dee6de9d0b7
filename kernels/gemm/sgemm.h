// Single-precision GEMM with a fused epilogue, chosen per instruction set:
//
//   C = act(alpha * op(A) * op(B) + beta * C + bias + residual)
//
// Layout, transposes and strides as GemmParams (kernels/gemm/gemm.h), all row-major. The
// epilogue, in this order: bias (per row of C: one per output channel of a Conv; or per
// column: one per output feature of Gemm/MatMul), residual (an (M, N) matrix with row stride
// ldr, e.g. the skip connection of a residual block), then the activation. When beta == 0,
// C is write-only. C must not overlap A, B, bias or residual.
// Results may differ from SgemmRef in the last bits (FMA, a different summation order, alpha
// applied per K block of 256); they are the same for every thread count.
// The SIMD kernels (sgemm_impl.h, packing in sgemm_pack_impl.h) pack B into NR-wide column
// panels and A into MR-tall row panels per K block, run an MR x NR register-blocked
// microkernel (fewer rows for M's last panel, so M = 1 is a GEMV streaming B), and split the
// output into a grid of blocks fixed by the shape for ParallelFor. They keep per-thread
// packing buffers (sgemm_internal.h says why). Activations other than Relu/Clip run through
// GetActivation on each finished row of a block while it is still in cache.
#pragma once

#include <cstdint>

#include "kernels/cpu/isa.h"
#include "kernels/elementwise/activation.h"
#include "kernels/gemm/gemm.h"

namespace onnxi::kernels {

struct SgemmEpilogue {
  const float* bias = nullptr;
  bool bias_per_row = false;  // true: bias[i] for row i; false: bias[j] for column j
  const float* residual = nullptr;
  int64_t ldr = 0;
  Activation act;
};

// The reference twin: GemmRef<float> then the epilogue.
void SgemmRef(const GemmParams& p, const float* a, const float* b, float* c,
              const SgemmEpilogue& ep);

using SgemmFn = void (*)(const GemmParams& p, const float* a, const float* b, float* c,
                         const SgemmEpilogue& ep);
// The kernel for `isa` (kReference: SgemmRef).
SgemmFn GetSgemm(Isa isa);

// Prepacking a constant B (weights) once, so that each call skips packing it. The packed
// layout depends on the Isa (its panel width), so pack and multiply with the same Isa.
// SgemmPackedBSize: floats needed for op(B) of shape (K, N); 0 for kReference (no packing).
// SgemmPackB: packs op(B) (trans_b: B is stored (N, K), else (K, N), row stride ldb).
// GetSgemmPackedB: like SgemmFn with `packed_b` from SgemmPackB of the same K, N; p.trans_b
// and p.ldb are ignored. nullptr for kReference.
using SgemmPackedBFn = void (*)(const GemmParams& p, const float* a, const float* packed_b,
                                float* c, const SgemmEpilogue& ep);
int64_t SgemmPackedBSize(Isa isa, int64_t k, int64_t n);
void SgemmPackB(Isa isa, bool trans_b, const float* b, int64_t ldb, int64_t k, int64_t n,
                float* packed);
SgemmPackedBFn GetSgemmPackedB(Isa isa);

// Prepacking a constant A the same way, e.g. a Conv weight W (M = output channels, K = C/group
// * kernel) multiplying im2col columns (K, N = output pixels): packing a 9 MB weight on every
// call costs more than the GEMM when N is small (ResNet-50's 7x7 layers). Same Isa rule.
// SgemmPackedASize: floats needed for op(A) of shape (M, K); 0 for kReference.
// SgemmPackA: packs op(A) (trans_a: A is stored (K, M), else (M, K), row stride lda).
// GetSgemmPackedA: like SgemmFn with `packed_a` from SgemmPackA of the same M, K; p.trans_a
// and p.lda are ignored. nullptr for kReference. Conv's 1x1 and im2col paths use it (W packed
// in Prepare, ops/nn/conv_f32.cc). For K <= 64, M <= 64 and B not transposed it reads B in
// place rather than packing it (sgemm_impl.h, kDirectBMaxK); the results are the same.
using SgemmPackedAFn = void (*)(const GemmParams& p, const float* packed_a, const float* b,
                                float* c, const SgemmEpilogue& ep);
int64_t SgemmPackedASize(Isa isa, int64_t m, int64_t k);
void SgemmPackA(Isa isa, bool trans_a, const float* a, int64_t lda, int64_t m, int64_t k,
                float* packed);
SgemmPackedAFn GetSgemmPackedA(Isa isa);

}  // namespace onnxi::kernels
