// The 2-D pooling kernels built for avx512 (contract in pool2d_f32.h).
#include "kernels/pool/pool2d_impl.h"

namespace onnxi::kernels {

void MaxPool2dF32Avx512(const Pool2dParams& p, const float* x, float* y, float* s) {
  pool2d_impl::Pool2d<xsimd::avx512f, true>(p, x, y, s);
}
void AveragePool2dF32Avx512(const Pool2dParams& p, const float* x, float* y, float* s) {
  pool2d_impl::Pool2d<xsimd::avx512f, false>(p, x, y, s);
}
void GlobalAveragePoolF32Avx512(const float* x, int64_t channels, int64_t inner, float* y) {
  pool2d_impl::GlobalAverage<xsimd::avx512f>(x, channels, inner, y);
}

}  // namespace onnxi::kernels
