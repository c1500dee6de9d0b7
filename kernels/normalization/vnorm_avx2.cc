// vnorm.h kernels instantiated for avx2 (xsimd::fma3<xsimd::avx2>); compiled with its flags.
#include "kernels/normalization/vnorm_impl.h"

namespace onnxi::kernels::vnorm {

const VNormKernels kAvx2 = MakeKernels<xsimd::fma3<xsimd::avx2>>();

}  // namespace onnxi::kernels::vnorm
