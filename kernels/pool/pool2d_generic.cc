// The 2-D pooling kernels built for generic (contract in pool2d_f32.h).
#include "kernels/pool/pool2d_impl.h"

namespace onnxi::kernels {

void MaxPool2dF32Generic(const Pool2dParams& p, const float* x, float* y, float* s) {
  pool2d_impl::Pool2d<xsimd::sse2, true>(p, x, y, s);
}
void AveragePool2dF32Generic(const Pool2dParams& p, const float* x, float* y, float* s) {
  pool2d_impl::Pool2d<xsimd::sse2, false>(p, x, y, s);
}
void GlobalAveragePoolF32Generic(const float* x, int64_t channels, int64_t inner, float* y) {
  pool2d_impl::GlobalAverage<xsimd::sse2>(x, channels, inner, y);
}

}  // namespace onnxi::kernels
