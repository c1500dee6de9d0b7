// vunary.h kernels instantiated for avx2 (xsimd::fma3<xsimd::avx2>); compiled with this instruction set's flags.
#include "kernels/elementwise/vunary.h"

#include "kernels/elementwise/vunary_impl.h"

namespace onnxi::kernels::vunary {

using Arch = xsimd::fma3<xsimd::avx2>;

VUnaryFn UnaryAvx2(UnaryKind kind) { return UnaryTable<Arch>(kind); }
void ClipAvx2(const float* x, float* y, int64_t n, float lo, float hi) {
  ClipLoop<Arch>(x, y, n, lo, hi);
}
void ActivationAvx2(const Activation& act, float* x, int64_t n) { ActivationLoop<Arch>(act, x, n); }

}  // namespace onnxi::kernels::vunary
