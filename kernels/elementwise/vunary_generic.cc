// vunary.h kernels instantiated for generic (xsimd::sse2); compiled with this instruction set's flags.
#include "kernels/elementwise/vunary.h"

#include "kernels/elementwise/vunary_impl.h"

namespace onnxi::kernels::vunary {

using Arch = xsimd::sse2;

VUnaryFn UnaryGeneric(UnaryKind kind) { return UnaryTable<Arch>(kind); }
void ClipGeneric(const float* x, float* y, int64_t n, float lo, float hi) {
  ClipLoop<Arch>(x, y, n, lo, hi);
}
void ActivationGeneric(const Activation& act, float* x, int64_t n) { ActivationLoop<Arch>(act, x, n); }

}  // namespace onnxi::kernels::vunary
