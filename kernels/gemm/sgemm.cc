// The reference SGEMM with epilogue, and the choice of kernel per instruction set.
#include "kernels/gemm/sgemm.h"

namespace onnxi::kernels {

void SgemmRef(const GemmParams& p, const float* a, const float* b, float* c,
              const SgemmEpilogue& ep) {
  GemmRef<float>(p, a, b, c);
  for (int64_t i = 0; i < p.m; ++i) {
    float* row = c + i * p.ldc;
    if (ep.bias != nullptr) {
      for (int64_t j = 0; j < p.n; ++j) row[j] += ep.bias_per_row ? ep.bias[i] : ep.bias[j];
    }
    if (ep.residual != nullptr) {
      const float* r = ep.residual + i * ep.ldr;
      for (int64_t j = 0; j < p.n; ++j) row[j] += r[j];
    }
    ActivationRef(ep.act, row, p.n);
  }
}

SgemmFn GetSgemm(Isa isa) {
  (void)isa;  // the packed SIMD kernels come next
  return SgemmRef;
}

}  // namespace onnxi::kernels
