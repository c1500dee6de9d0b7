// vreduce.h kernels instantiated for avx512 (xsimd::avx512f); compiled with its flags.
#include "kernels/elementwise/vmath_avx512_fma.h"
#include "kernels/reduce/vreduce_impl.h"

namespace onnxi::kernels::vreduce {

const VReduceKernels kAvx512 = MakeKernels<xsimd::avx512f>();

}  // namespace onnxi::kernels::vreduce
