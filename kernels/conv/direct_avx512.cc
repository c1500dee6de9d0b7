// The direct-conv kernels built for avx512 (contract in direct.h).
#include "kernels/conv/direct_impl.h"

namespace onnxi::kernels {

ConvDirectF32Fns ConvDirectF32FnsAvx512() { return direct_impl::Fns<xsimd::avx512f>(); }

}  // namespace onnxi::kernels
