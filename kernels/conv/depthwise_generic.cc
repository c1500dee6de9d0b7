// The depthwise kernels built for generic (contract in depthwise.h).
#include "kernels/conv/depthwise_impl.h"

namespace onnxi::kernels {

void ConvDepthwiseF32Generic(const DepthwiseParams& p, const float* x, const float* w,
                             const float* bias, const float* residual, float* y, float* scratch) {
  depthwise_impl::ConvDepthwiseF32<xsimd::sse2>(p, x, w, bias, residual, y, scratch);
}

}  // namespace onnxi::kernels
