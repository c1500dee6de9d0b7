// Channels-last depthwise convolution: the reference twin, the weight layout and the choice
// per ISA (contract in depthwise_hwc.h).
#include "kernels/conv/depthwise_hwc.h"

#include "kernels/conv/window_sum.h"

namespace onnxi::kernels {

void RepackDepthwiseWeights(const float* w, int64_t channels, int kernel, float* taps) {
  const int kk = kernel * kernel;
  for (int64_t c = 0; c < channels; ++c) {
    for (int t = 0; t < kk; ++t) taps[t * channels + c] = w[c * kk + t];
  }
}

void DepthwiseHwcF32Ref(const DepthwiseParams& p, const float* x, const float* taps,
                        const float* bias, float* y, int64_t oh0, int64_t oh1) {
  const int64_t c_count = p.channels;
  for (int64_t oh = oh0; oh < oh1; ++oh) {
    float* yr = y + oh * p.out_w * c_count;
    for (int64_t ow = 0; ow < p.out_w; ++ow) {
      for (int64_t c = 0; c < c_count; ++c) {
        float acc = bias != nullptr ? bias[c] : 0.0f;
        AddWindow(p, x + c, taps + c, oh, ow, acc, c_count, c_count);
        yr[ow * c_count + c] = acc;
      }
    }
    ActivationRef(p.act, yr, p.out_w * c_count);
  }
}

DepthwiseHwcF32Fn GetDepthwiseHwcF32(Isa isa) {
  switch (isa) {
    case Isa::kReference:
      return DepthwiseHwcF32Ref;
    case Isa::kGeneric:
      return DepthwiseHwcF32Generic;
    case Isa::kAvx2:
      return DepthwiseHwcF32Avx2;
    case Isa::kAvx512:
      return DepthwiseHwcF32Avx512;
  }
  return DepthwiseHwcF32Ref;
}

}  // namespace onnxi::kernels
