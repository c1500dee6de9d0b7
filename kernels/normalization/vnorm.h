// SIMD float32 row kernels for Softmax / LogSoftmax and LayerNormalization / RMSNormalization,
// over rows [row_begin, row_end) of x viewed as (rows, n), row-major, contiguous.
//
//   Softmax     y = e^(x - max) / sum e^(x - max)        LogSoftmax  y = x - max - ln(sum)
//   LayerNorm   y = (x - mean) / sqrt(var + eps) * scale + bias, mean/var over the row
//   RMSNorm     y = x / sqrt(mean(x^2) + eps) * scale
//
// scale and bias (nullable) hold n floats (the full row); mean_out / inv_std_out (nullable)
// receive one value per row. y may alias x. Sums run in float in SIMD lanes plus a fixed
// horizontal reduction: the order depends only on n and the Isa, never on the thread split
// (each row is computed whole by one call). exp/log are vmath_impl.h's (<= 1 ulp).
// Accuracy vs the double-precision twins SoftmaxRef / LayerNormRef: a few float ulps for
// rows of moderate length (tested up to n = 1031). n == 0: softmax writes nothing, layer
// norm writes NaN statistics (like the twin).
#pragma once

#include <cstdint>

#include "kernels/cpu/isa.h"

namespace onnxi::kernels {

struct VNormKernels {
  void (*softmax)(const float* x, float* y, int64_t row_begin, int64_t row_end, int64_t n,
                  bool log);
  void (*layer_norm)(const float* x, const float* scale, const float* bias, float* y,
                     float* mean_out, float* inv_std_out, int64_t row_begin, int64_t row_end,
                     int64_t n, float epsilon, bool rms);
};

// nullptr for kReference (use the twins).
const VNormKernels* GetVNorm(Isa isa);

namespace vnorm {
extern const VNormKernels kGeneric;
extern const VNormKernels kAvx2;
extern const VNormKernels kAvx512;
}  // namespace vnorm

}  // namespace onnxi::kernels
