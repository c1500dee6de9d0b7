// vreduce.h kernels instantiated for avx2 (xsimd::fma3<xsimd::avx2>); compiled with its flags.
#include "kernels/reduce/vreduce_impl.h"

namespace onnxi::kernels::vreduce {

const VReduceKernels kAvx2 = MakeKernels<xsimd::fma3<xsimd::avx2>>();

}  // namespace onnxi::kernels::vreduce
