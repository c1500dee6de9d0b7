// Depthwise convolution: the reference twin, scratch layout and the choice per ISA
// (contract in depthwise.h).
#include "kernels/conv/depthwise.h"

#include "kernels/conv/window_sum.h"

#include <cassert>

namespace onnxi::kernels {

bool DepthwiseSupported(int kernel, int stride) {
  return (kernel == 3 || kernel == 5) && (stride == 1 || stride == 2);
}

int64_t PrepareDepthwise(DepthwiseParams& p, Isa isa) {
  p.act_fn = GetActivation(isa);
  // Vectors are at most 16 floats; a row's last vector reads up to (K - 1) / S past it.
  const int64_t rounded = (p.out_w + 15) / 16 * 16;
  p.phase_len = rounded + p.kernel;
  if (p.out_h <= 0 || p.out_w <= 0) return 0;
  // A ring of K + 3S padded rows (four output rows at a time) plus one zero row.
  return (p.kernel + 3 * p.stride + 1) * p.stride * p.phase_len;
}

void ConvDepthwiseF32Ref(const DepthwiseParams& p, const float* x, const float* w,
                         const float* bias, const float* residual, float* y) {
  const int k = p.kernel;
  const int64_t out_size = p.out_h * p.out_w;
  for (int64_t c = 0; c < p.channels; ++c) {
    const float* xc = x + c * p.in_h * p.in_w;
    const float* wc = w + c * k * k;
    float* yc = y + c * out_size;
    for (int64_t oh = 0; oh < p.out_h; ++oh) {
      for (int64_t ow = 0; ow < p.out_w; ++ow) {
        float acc = 0;
        AddWindow(p, xc, wc, oh, ow, acc);
        if (bias != nullptr) acc += bias[c];
        if (residual != nullptr) acc += residual[c * out_size + oh * p.out_w + ow];
        yc[oh * p.out_w + ow] = acc;
      }
    }
    ActivationRef(p.act, yc, out_size);
  }
}

ConvDepthwiseF32Fn GetConvDepthwiseF32(Isa isa) {
  switch (isa) {
    case Isa::kReference:
      return nullptr;
    case Isa::kGeneric:
      return ConvDepthwiseF32Generic;
    case Isa::kAvx2:
      return ConvDepthwiseF32Avx2;
    case Isa::kAvx512:
      return ConvDepthwiseF32Avx512;
  }
  return nullptr;
}

}  // namespace onnxi::kernels
