// Direct 2-D convolution for few input channels (the stems of ResNet-50, 7x7 stride 2 3->64,
// and MobileNetV2, 3x3 stride 2 3->32), float32, NCHW, group 1, bias/residual/activation
// fused:
//
//   y[m, oh, ow] = act(bias[m] + sum_{c, kh, kw} w[m, c, kh, kw] * x[c, oh*S - pt + kh,
//                                                                 ow*S - pl + kw] + res[m, oh, ow])
//
// Shapes: x (C, in_h, in_w), w (M, C, K, K), bias (M) or nullptr, residual (M, out_h, out_w) or
// nullptr, y (M, out_h, out_w); all dense row-major. Supported: square K in 1..kDirectMaxK,
// stride S in {1, 2}, dilation 1, any pads (outside the image reads as zero).
// Two steps: ConvDirectPadF32 copies input channels into zero-padded phase planes (the layout
// of depthwise.h: phase q of a padded row holds columns q, q + S, ...) so that every tap is a
// unit-stride load; ConvDirectF32 then computes output rows [oh0, oh1) for every output
// channel, register-blocked over MB output channels x NV vectors of output columns (each input
// vector feeds MB FMAs; the stems' 3x3 and 7x7 stride 2 with constant K and S so the tap
// loops unroll). Callers split channels (pad) and rows (compute) over threads.
// Accuracy: each output starts at the bias and adds taps in (c, kh, kw) order with FMA where
// the ISA has it: not the reference's order, the same for every thread count.
// y must not overlap x, w, residual or the planes.
#pragma once

#include <cstdint>

#include "kernels/conv/depthwise.h"
#include "kernels/cpu/isa.h"
#include "kernels/elementwise/activation.h"

namespace onnxi::kernels {

inline constexpr int kDirectMaxK = 7;

struct DirectConvParams {
  int64_t channels = 0, out_channels = 0;  // C, M
  int64_t in_h = 0, in_w = 0, out_h = 0, out_w = 0;
  int kernel = 3;  // K
  int stride = 1;  // S
  int64_t pad_top = 0, pad_left = 0;
  Activation act;
  ActivationFn act_fn = nullptr;  // set by PrepareDirectConv: activations beyond Relu/Clip
  // Plane layout, set by PrepareDirectConv (as DepthwiseParams): rows of S phases.
  int64_t phase_len = 0, padded_rows = 0, plane_size = 0;
};

bool DirectConvSupported(int kernel, int stride);

// Fills act_fn and the plane layout; returns the scratch floats for all C planes.
int64_t PrepareDirectConv(DirectConvParams& p, Isa isa);

// The scalar reference twin (no planes).
void ConvDirectF32Ref(const DirectConvParams& p, const float* x, const float* w,
                      const float* bias, const float* residual, float* y);

struct ConvDirectF32Fns {
  // Pads channels [c0, c1) of x into planes + c * plane_size.
  void (*pad)(const DirectConvParams& p, const float* x, int64_t c0, int64_t c1, float* planes);
  // Output rows [oh0, oh1) of every channel of y from the planes.
  void (*compute)(const DirectConvParams& p, const float* planes, const float* w,
                  const float* bias, const float* residual, float* y, int64_t oh0, int64_t oh1);
};
// nullptr functions for kReference.
ConvDirectF32Fns GetConvDirectF32(Isa isa);

ConvDirectF32Fns ConvDirectF32FnsGeneric();
ConvDirectF32Fns ConvDirectF32FnsAvx2();
ConvDirectF32Fns ConvDirectF32FnsAvx512();

}  // namespace onnxi::kernels
