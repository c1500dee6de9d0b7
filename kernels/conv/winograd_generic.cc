// The Winograd F(2x2, 3x3) transforms built for generic (contract in winograd.h).
#include "kernels/conv/winograd_impl.h"

namespace onnxi::kernels {

WinogradF32Fns WinogradF32FnsGeneric() { return winograd_impl::Fns<xsimd::sse2>(); }

}  // namespace onnxi::kernels
