// The fused multiply-add of vmath_impl.h for avx512f: xsimd 8.1 computes x * y + z there with
// two roundings, so this specialization uses the instruction. Include it (before any use of
// vmath::Fma<xsimd::avx512f>) only from translation units compiled with AVX-512 flags.
#pragma once

#include <immintrin.h>

#include "kernels/elementwise/vmath_impl.h"

namespace onnxi::kernels::vmath {

template <>
struct Fma<xsimd::avx512f> {
  using B = xsimd::batch<float, xsimd::avx512f>;
  static constexpr bool kFused = true;
  static B Do(const B& x, const B& y, const B& z) { return _mm512_fmadd_ps(x, y, z); }
};

}  // namespace onnxi::kernels::vmath
