// Depthwise 2-D convolution, float32, NCHW, one filter per channel (ONNX Conv with
// group == C == M), with bias, residual and activation fused:
//
//   y[c, oh, ow] = act(bias[c] + sum_{kh, kw < K} w[c, kh, kw] * x[c, oh*S - pt + kh,
//                                                                ow*S - pl + kw] + res[c, oh, ow])
//
// Shapes: x (channels, in_h, in_w), w (channels, K, K), bias (channels) or nullptr, residual
// (channels, out_h, out_w) or nullptr, y (channels, out_h, out_w); all dense row-major.
// Supported: K in {3, 5}, stride S in {1, 2} (same in both dims), dilation 1, any pads (image
// positions outside [0, in) read as zero). y must not overlap x, w or residual.
// The SIMD kernels pad each image row once into a ring of K + 3S short zero-padded rows in
// `scratch` (a row split into S phases, so a stride-2 tap is a unit-stride load; the split is
// a vector permute; rows above/below the image point at one zero row, so no full padded plane
// is built) and compute output rows in vectors: rows of at most two vectors four rows at a
// time (independent accumulators, each loaded vector feeds every row that reads it), wider
// 3x3 rows in tiles of 4 (AVX-512) or 2 rows x 2 vector columns, other wider rows up to four
// vector columns at a time; a row's tail vector is stored whole when
// it stays inside the channel's output (it runs into later rows, computed after it), otherwise
// through a stack buffer. Accuracy: the sum starts at the bias
// and adds taps in (kh, kw) order with FMA where the ISA has it; results may differ from the
// reference in the last bits, and are the same for every thread count (no split inside a
// channel).
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels/cpu/isa.h"
#include "kernels/elementwise/activation.h"

namespace onnxi::kernels {

struct DepthwiseParams {
  int64_t channels = 0;
  int64_t in_h = 0, in_w = 0, out_h = 0, out_w = 0;
  int kernel = 3;  // K
  int stride = 1;  // S
  int64_t pad_top = 0, pad_left = 0;
  Activation act;
  // Activations other than None/Relu/LeakyRelu/Clip are applied per output row by this
  // function (set by PrepareDepthwise to GetActivation(isa)).
  ActivationFn act_fn = nullptr;
  // Scratch layout, set by PrepareDepthwise: each padded row is `stride` phases of phase_len
  // floats; the kernels keep K + 3S + 1 such rows.
  int64_t phase_len = 0;
  // Rows of a whole padded plane: only for depthwise_impl::PadPlane (the direct kernels' layout).
  int64_t padded_rows = 0;
};

// Whether the SIMD kernels handle this geometry (K, S as above).
bool DepthwiseSupported(int kernel, int stride);

// Fills act_fn and the scratch layout for `isa`; returns the scratch floats one call needs
// (K + 3S + 1 padded rows, reused for every channel of the call).
int64_t PrepareDepthwise(DepthwiseParams& p, Isa isa);

// The scalar reference twin (no scratch).
void ConvDepthwiseF32Ref(const DepthwiseParams& p, const float* x, const float* w,
                         const float* bias, const float* residual, float* y);

using ConvDepthwiseF32Fn = void (*)(const DepthwiseParams& p, const float* x, const float* w,
                                    const float* bias, const float* residual, float* y,
                                    float* scratch);
// The SIMD kernel for isa (kGeneric, kAvx2, kAvx512); kReference gets nullptr (the op then
// takes the reference im2col path).
ConvDepthwiseF32Fn GetConvDepthwiseF32(Isa isa);

// Per-ISA entry points (depthwise_generic.cc, _avx2.cc, _avx512.cc).
void ConvDepthwiseF32Generic(const DepthwiseParams& p, const float* x, const float* w,
                             const float* bias, const float* residual, float* y, float* scratch);
void ConvDepthwiseF32Avx2(const DepthwiseParams& p, const float* x, const float* w,
                          const float* bias, const float* residual, float* y, float* scratch);
void ConvDepthwiseF32Avx512(const DepthwiseParams& p, const float* x, const float* w,
                            const float* bias, const float* residual, float* y, float* scratch);

}  // namespace onnxi::kernels
