// vbinary.h row kernels instantiated for avx2 (xsimd::fma3<xsimd::avx2>); compiled with its flags.
#include "kernels/elementwise/vbinary_impl.h"

namespace onnxi::kernels::vbinary {

VBinaryRowFn Avx2(BinaryOpF32 op) { return Table<xsimd::fma3<xsimd::avx2>>(op); }

}  // namespace onnxi::kernels::vbinary
