// vbinary.h row kernels instantiated for generic (xsimd::sse2); compiled with its flags.
#include "kernels/elementwise/vbinary_impl.h"

namespace onnxi::kernels::vbinary {

VBinaryRowFn Generic(BinaryOpF32 op) { return Table<xsimd::sse2>(op); }

}  // namespace onnxi::kernels::vbinary
