// Reference GEMM: C = alpha * op(A) * op(B) + beta * C, all matrices row-major.
//
// Shapes: op(A) is (M, K), op(B) is (K, N), C is (M, N).
//   trans_a == false: A is stored (M, K) with row stride lda >= K.
//   trans_a == true:  A is stored (K, M) with row stride lda >= M.
//   trans_b == false: B is stored (K, N) with row stride ldb >= N.
//   trans_b == true:  B is stored (N, K) with row stride ldb >= K.
//   C is stored (M, N) with row stride ldc >= N.
// Accumulation happens in GemmAcc<T>: float for float16/bfloat16/float, double for double,
// int64/uint64 for integers (the result wraps to T like numpy's fixed-width arithmetic).
// When beta == 0, C is write-only: it is never read, so it may hold garbage or NaN.
// alpha and beta are applied in the accumulator type for float types and in double for
// integer types (so alpha = 0.5 on int32 truncates toward zero after scaling).
// Aliasing: C must not overlap A or B. M, N or K may be 0 (K == 0 gives C = beta * C).
//
// Speed is not a goal here: a SIMD GEMM is expected to replace this behind the same call, and
// this reference stays selectable for conformance runs.
#pragma once

#include <cstdint>

#include "onnxi/dtype.h"

namespace onnxi::kernels {

struct GemmParams {
  int64_t m = 0, n = 0, k = 0;
  bool trans_a = false, trans_b = false;
  int64_t lda = 0, ldb = 0, ldc = 0;
  double alpha = 1.0, beta = 0.0;
};

// Instantiated for float, double, Float16, BFloat16, int32_t, int64_t, uint32_t, uint64_t.
template <class T>
void GemmRef(const GemmParams& p, const T* a, const T* b, T* c);

// Fills y (M, N) row-major from a 2-D view of c with element strides (row_stride,
// col_stride); a stride of 0 repeats the value (numpy broadcasting of Gemm's C).
// Instantiated for the same types as GemmRef.
template <class T>
void GemmFillBias(const T* c, int64_t row_stride, int64_t col_stride, int64_t m, int64_t n, T* y);

}  // namespace onnxi::kernels
