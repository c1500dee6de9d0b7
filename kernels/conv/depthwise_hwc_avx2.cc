// The channels-last depthwise kernels built for avx2 (contract in depthwise_hwc.h).
#include "kernels/conv/depthwise_hwc_impl.h"

namespace onnxi::kernels {

void DepthwiseHwcF32Avx2(const DepthwiseParams& p, const float* x, const float* taps,
                         const float* bias, float* y, int64_t oh0, int64_t oh1) {
  depthwise_hwc_impl::DepthwiseHwcF32<xsimd::fma3<xsimd::avx2>>(p, x, taps, bias, y, oh0, oh1);
}

}  // namespace onnxi::kernels
