// The Winograd F(2x2, 3x3) transforms built for avx2 (contract in winograd.h), with masked
// loads/stores for the last tiles of a row.
#include <immintrin.h>

#include "kernels/conv/winograd_impl.h"

namespace onnxi::kernels {
namespace winograd_impl {
namespace {

template <>
struct Partial<xsimd::fma3<xsimd::avx2>> {
  static constexpr bool kHas = true;
  using B = xsimd::batch<float, xsimd::fma3<xsimd::avx2>>;
  static __m256i Mask(int n) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
  }
  static B Load(const float* p, int n) { return _mm256_maskload_ps(p, Mask(n)); }
  static void Store(float* p, const B& v, int n) { _mm256_maskstore_ps(p, Mask(n), v); }
};

}  // namespace
}  // namespace winograd_impl

WinogradF32Fns WinogradF32FnsAvx2() { return winograd_impl::Fns<xsimd::fma3<xsimd::avx2>>(); }

}  // namespace onnxi::kernels
