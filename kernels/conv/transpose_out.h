// The epilogue of a Conv computed transposed (pixels as GEMM rows, output channels as
// columns, for layers with few output pixels): transposes the GEMM result back to NCHW and
// adds the residual and activation there.
//
//   y[m, j] = act(ct[j, m] + z[m, j])   for channels m in [m0, m1), pixels j in [0, n)
//
// Shapes: ct (n, ldct >= m1) row-major (bias already added by the GEMM), z (channels, n) or
// nullptr, y (channels, n) dense. The caller may split [0, channels) into blocks over threads;
// each block writes only its own rows of y. The sum is ct + z in float, then act_fn (from
// GetActivation) over each finished row when act.kind != kNone: the same arithmetic as the
// SGEMM epilogue (bias, residual, activation in that order). Plain loops: the compiler
// vectorises the residual add, the transpose reads 8 channels at a time. y must not overlap
// ct or z.
#pragma once

#include <cstdint>

#include "kernels/elementwise/activation.h"

namespace onnxi::kernels {

void ConvTransposeOutF32(const float* ct, int64_t ldct, int64_t n, int64_t m0, int64_t m1,
                         const float* z, const Activation& act, ActivationFn act_fn, float* y);

}  // namespace onnxi::kernels
