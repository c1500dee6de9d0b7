// Depthwise 2-D convolution, float32, channels-last (one image as (H, W, C)), with bias and
// activation fused:
//
//   y[oh, ow, c] = act(bias[c] + sum_{kh, kw < K} w[kh, kw, c] * x[oh*S - pt + kh,
//                                                                 ow*S - pl + kw, c])
//
// The geometry and activation are DepthwiseParams' (kernels/conv/depthwise.h; the scratch
// layout fields phase_len and padded_rows are not used here; act_fn is: activations other
// than None/Relu/LeakyRelu/Clip go through it per output row, GetActivation(isa)).
// Shapes: x (in_h, in_w, C), y (out_h, out_w, C), bias (C) or nullptr, all dense; w in the
// taps-major layout (K*K, C) that RepackDepthwiseWeights makes from ONNX's (C, 1, K, K).
// Image positions outside [0, in) read as zero. Supported: K 3 or 5, stride S 1 or 2,
// dilation 1 (DepthwiseSupported).
//
// Why channels-last: the NCHW kernels (depthwise.h) vectorize along a row, so a 7- or
// 14-wide map fills a fraction of each vector and pays per-channel setup; here a vector
// holds V channels of one pixel, full for any map size (MobileNet's expanded channel counts
// are multiples of 16). ops/nn/inverted_bottleneck.cc keeps its expanded map in this layout.
// The SIMD kernels compute P output pixels of one channel vector at a time (the channels
// past the last full vector in a masked one; each input vector loaded once feeds every pixel
// that reads it), skip taps that fall in the padding, and add taps in (kh, kw) order
// starting from the bias with FMA where the ISA has it; results may differ from the
// reference in the last bits and do not depend on how the rows are split between calls.
#pragma once

#include <cstdint>

#include "kernels/conv/depthwise.h"
#include "kernels/cpu/isa.h"

namespace onnxi::kernels {

// (C, 1, K, K) -> (K*K, C).
void RepackDepthwiseWeights(const float* w, int64_t channels, int kernel, float* taps);

// Output rows [oh0, oh1) of y.
void DepthwiseHwcF32Ref(const DepthwiseParams& p, const float* x, const float* taps,
                        const float* bias, float* y, int64_t oh0, int64_t oh1);

using DepthwiseHwcF32Fn = void (*)(const DepthwiseParams& p, const float* x, const float* taps,
                                   const float* bias, float* y, int64_t oh0, int64_t oh1);
// The kernel for `isa` (kReference: DepthwiseHwcF32Ref). K and S must be supported
// (DepthwiseSupported in depthwise.h).
DepthwiseHwcF32Fn GetDepthwiseHwcF32(Isa isa);

// Per-ISA entry points (depthwise_hwc_generic.cc, _avx2.cc, _avx512.cc).
void DepthwiseHwcF32Generic(const DepthwiseParams& p, const float* x, const float* taps,
                            const float* bias, float* y, int64_t oh0, int64_t oh1);
void DepthwiseHwcF32Avx2(const DepthwiseParams& p, const float* x, const float* taps,
                         const float* bias, float* y, int64_t oh0, int64_t oh1);
void DepthwiseHwcF32Avx512(const DepthwiseParams& p, const float* x, const float* taps,
                           const float* bias, float* y, int64_t oh0, int64_t oh1);

}  // namespace onnxi::kernels
