// The depthwise kernels built for avx512 (contract in depthwise.h).
#include "kernels/conv/depthwise_impl.h"

namespace onnxi::kernels {

void ConvDepthwiseF32Avx512(const DepthwiseParams& p, const float* x, const float* w,
                            const float* bias, const float* residual, float* y, float* scratch) {
  // Rows of at most 8 outputs (MobileNetV2's 7x7 maps) fill an AVX2 vector but not half of an
  // AVX-512 one; the AVX2 build is faster there (BM_ConvDepthwise 960ch 7x7: 69 vs 89 us). It
  // is called through its own translation unit, never instantiated here with AVX-512 flags.
  if (p.out_w <= 8) return ConvDepthwiseF32Avx2(p, x, w, bias, residual, y, scratch);
  depthwise_impl::ConvDepthwiseF32<xsimd::avx512f>(p, x, w, bias, residual, y, scratch);
}

}  // namespace onnxi::kernels
