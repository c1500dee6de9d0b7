// vunary.h kernels instantiated for avx512 (xsimd::avx512f); compiled with its flags.
#include "kernels/elementwise/vunary.h"

#include <immintrin.h>

#include "kernels/elementwise/vmath_impl.h"

namespace onnxi::kernels::vmath {
// xsimd 8.1 has no fused fma for avx512f; use the instruction.
template <>
struct Fma<xsimd::avx512f> {
  using B = xsimd::batch<float, xsimd::avx512f>;
  static constexpr bool kFused = true;
  static B Do(const B& x, const B& y, const B& z) { return _mm512_fmadd_ps(x, y, z); }
};
}  // namespace onnxi::kernels::vmath

#include "kernels/elementwise/vunary_impl.h"

namespace onnxi::kernels::vunary {

using Arch = xsimd::avx512f;

VUnaryFn UnaryAvx512(UnaryKind kind) { return UnaryTable<Arch>(kind); }
void ClipAvx512(const float* x, float* y, int64_t n, float lo, float hi) {
  ClipLoop<Arch>(x, y, n, lo, hi);
}
void ActivationAvx512(const Activation& act, float* x, int64_t n) { ActivationLoop<Arch>(act, x, n); }

}  // namespace onnxi::kernels::vunary
