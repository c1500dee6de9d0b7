// vnorm.h kernels instantiated for generic (xsimd::sse2); compiled with its flags.
#include "kernels/normalization/vnorm_impl.h"

namespace onnxi::kernels::vnorm {

const VNormKernels kGeneric = MakeKernels<xsimd::sse2>();

}  // namespace onnxi::kernels::vnorm
