// Single-precision GEMM with a fused epilogue, chosen per instruction set:
//
//   C = act(alpha * op(A) * op(B) + beta * C + bias + residual)
//
// Layout, transposes and strides as GemmParams (kernels/gemm/gemm.h), all row-major. The
// epilogue, in this order: bias (per row of C: one per output channel of a Conv; or per
// column: one per output feature of Gemm/MatMul), residual (an (M, N) matrix with row stride
// ldr, e.g. the skip connection of a residual block), then the activation. When beta == 0,
// C is write-only. C must not overlap A, B, bias or residual.
// Results may differ from SgemmRef in the last bits (FMA, a different summation order); they
// are the same for every thread count.
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

}  // namespace onnxi::kernels
