// The row kernels of vbinary.h as `template <class A>` over xsimd batches, instantiated by
// vbinary_{generic,avx2,avx512}.cc. Contract: vbinary.h.
#pragma once

#include <xsimd/xsimd.hpp>

#include <cstdint>

#include "kernels/elementwise/vbinary.h"

namespace onnxi::kernels::vbinary {

template <BinaryOpF32 kOp, class T>
inline T Apply(const T& x, const T& y) {
  if constexpr (kOp == BinaryOpF32::kAdd) return x + y;
  if constexpr (kOp == BinaryOpF32::kSub) return x - y;
  if constexpr (kOp == BinaryOpF32::kMul) return x * y;
  if constexpr (kOp == BinaryOpF32::kDiv) return x / y;
}

// kSa / kSb: the operand strides (0 or 1) as compile-time constants.
template <class A, BinaryOpF32 kOp, int kSa, int kSb>
void RowLoop(const float* a, const float* b, float* out, int64_t n) {
  using B = xsimd::batch<float, A>;
  constexpr int64_t kW = B::size;
  const B va = kSa == 0 ? B(a[0]) : B(0.0f);
  const B vb = kSb == 0 ? B(b[0]) : B(0.0f);
  int64_t i = 0;
  for (; i + kW <= n; i += kW) {
    const B x = kSa == 0 ? va : B::load_unaligned(a + i);
    const B y = kSb == 0 ? vb : B::load_unaligned(b + i);
    Apply<kOp>(x, y).store_unaligned(out + i);
  }
  for (; i < n; ++i) out[i] = Apply<kOp>(a[i * kSa], b[i * kSb]);
}

template <class A, BinaryOpF32 kOp>
void Row(const float* a, int64_t sa, const float* b, int64_t sb, float* out, int64_t n) {
  if (sa == 1 && sb == 1) return RowLoop<A, kOp, 1, 1>(a, b, out, n);
  if (sa == 1) return RowLoop<A, kOp, 1, 0>(a, b, out, n);
  if (sb == 1) return RowLoop<A, kOp, 0, 1>(a, b, out, n);
  return RowLoop<A, kOp, 0, 0>(a, b, out, n);
}

template <class A>
VBinaryRowFn Table(BinaryOpF32 op) {
  switch (op) {
    case BinaryOpF32::kAdd: return Row<A, BinaryOpF32::kAdd>;
    case BinaryOpF32::kSub: return Row<A, BinaryOpF32::kSub>;
    case BinaryOpF32::kMul: return Row<A, BinaryOpF32::kMul>;
    case BinaryOpF32::kDiv: return Row<A, BinaryOpF32::kDiv>;
  }
  return nullptr;
}

}  // namespace onnxi::kernels::vbinary
