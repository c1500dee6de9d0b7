// vunary.h kernels instantiated for avx512 (xsimd::avx512f); compiled with its flags.
#include "kernels/elementwise/vunary.h"

#include "kernels/elementwise/vmath_avx512_fma.h"
#include "kernels/elementwise/vunary_impl.h"

namespace onnxi::kernels::vunary {

using Arch = xsimd::avx512f;

VUnaryFn UnaryAvx512(UnaryKind kind) { return UnaryTable<Arch>(kind); }
void ClipAvx512(const float* x, float* y, int64_t n, float lo, float hi) {
  ClipLoop<Arch>(x, y, n, lo, hi);
}
void ActivationAvx512(const Activation& act, float* x, int64_t n) { ActivationLoop<Arch>(act, x, n); }

}  // namespace onnxi::kernels::vunary
