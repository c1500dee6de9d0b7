// SIMD float32 Add / Sub / Mul / Div over broadcast rows, and the loop that walks a broadcast
// plan with them (the float fast path of kernels/elementwise/binary.h's BinaryBroadcast).
//
// Row kernel: out[i] = a[i * sa] op b[i * sb], i in [0, n), with sa, sb in {0, 1} (0: the
// operand is one scalar for the whole row). out may alias a or b when that operand has
// stride 1. IEEE single-precision arithmetic, one rounding: the bits equal the scalar twin's
// (binary_functors.h AddFn/SubFn/MulFn/DivFn on float). Tail: a scalar loop.
//
// BinaryBroadcastF32Rows: the same plan contract as BinaryBroadcast (dense output, per-operand
// element strides, rank >= 1) restricted to inner strides in {0, 1}, over output rows
// [row_begin, row_end) (a row = the last dim), so that callers can split rows over threads.
#pragma once

#include <cstdint>

#include "kernels/cpu/isa.h"

namespace onnxi::kernels {

enum class BinaryOpF32 { kAdd, kSub, kMul, kDiv };

using VBinaryRowFn = void (*)(const float* a, int64_t sa, const float* b, int64_t sb, float* out,
                              int64_t n);

// nullptr for kReference.
VBinaryRowFn GetVBinaryF32(BinaryOpF32 op, Isa isa);

inline void BinaryBroadcastF32Rows(VBinaryRowFn row, const float* a, const int64_t* a_strides,
                                   const float* b, const int64_t* b_strides, float* out,
                                   const int64_t* shape, int rank, int64_t row_begin,
                                   int64_t row_end) {
  const int64_t inner = shape[rank - 1];
  for (int64_t r = row_begin; r < row_end; ++r) {
    // Row r is the multi-index (i_0..i_{rank-2}) in row-major order.
    int64_t oa = 0, ob = 0, rem = r;
    for (int k = rank - 2; k >= 0; --k) {
      const int64_t idx = rem % shape[k];
      rem /= shape[k];
      oa += idx * a_strides[k];
      ob += idx * b_strides[k];
    }
    row(a + oa, a_strides[rank - 1], b + ob, b_strides[rank - 1], out + r * inner, inner);
  }
}

namespace vbinary {
VBinaryRowFn Generic(BinaryOpF32 op);
VBinaryRowFn Avx2(BinaryOpF32 op);
VBinaryRowFn Avx512(BinaryOpF32 op);
}  // namespace vbinary

}  // namespace onnxi::kernels
