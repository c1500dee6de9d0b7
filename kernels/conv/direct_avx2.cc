// The direct-conv kernels built for avx2 (contract in direct.h).
#include "kernels/conv/direct_impl.h"

namespace onnxi::kernels {

ConvDirectF32Fns ConvDirectF32FnsAvx2() { return direct_impl::Fns<xsimd::fma3<xsimd::avx2>>(); }

}  // namespace onnxi::kernels
