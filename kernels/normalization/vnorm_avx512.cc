// vnorm.h kernels instantiated for avx512 (xsimd::avx512f); compiled with its flags.
#include "kernels/elementwise/vmath_avx512_fma.h"
#include "kernels/normalization/vnorm_impl.h"

namespace onnxi::kernels::vnorm {

const VNormKernels kAvx512 = MakeKernels<xsimd::avx512f>();

}  // namespace onnxi::kernels::vnorm
