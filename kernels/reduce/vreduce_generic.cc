// vreduce.h kernels instantiated for generic (xsimd::sse2); compiled with its flags.
#include "kernels/reduce/vreduce_impl.h"

namespace onnxi::kernels::vreduce {

const VReduceKernels kGeneric = MakeKernels<xsimd::sse2>();

}  // namespace onnxi::kernels::vreduce
