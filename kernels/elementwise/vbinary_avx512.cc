// vbinary.h row kernels instantiated for avx512 (xsimd::avx512f); compiled with its flags.
#include "kernels/elementwise/vbinary_impl.h"

namespace onnxi::kernels::vbinary {

VBinaryRowFn Avx512(BinaryOpF32 op) { return Table<xsimd::avx512f>(op); }

}  // namespace onnxi::kernels::vbinary
