// The Winograd F(2x2, 3x3) transforms built for avx512 (contract in winograd.h), with masked
// loads/stores for the last tiles of a row.
#include <immintrin.h>

#include "kernels/conv/winograd_impl.h"

namespace onnxi::kernels {
namespace winograd_impl {
namespace {

template <>
struct Partial<xsimd::avx512f> {
  static constexpr bool kHas = true;
  using B = xsimd::batch<float, xsimd::avx512f>;
  static __mmask16 Mask(int n) { return static_cast<__mmask16>((1u << n) - 1); }
  static B Load(const float* p, int n) { return _mm512_maskz_loadu_ps(Mask(n), p); }
  static void Store(float* p, const B& v, int n) { _mm512_mask_storeu_ps(p, Mask(n), v); }
};

}  // namespace
}  // namespace winograd_impl

WinogradF32Fns WinogradF32FnsAvx512() { return winograd_impl::Fns<xsimd::avx512f>(); }

}  // namespace onnxi::kernels
