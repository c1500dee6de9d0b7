// The direct-conv kernels built for generic (contract in direct.h).
#include "kernels/conv/direct_impl.h"

namespace onnxi::kernels {

ConvDirectF32Fns ConvDirectF32FnsGeneric() { return direct_impl::Fns<xsimd::sse2>(); }

}  // namespace onnxi::kernels
