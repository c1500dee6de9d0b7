// Broadcasting elementwise loops: out = f(a, b) and out = f(c, x, y) over a dense output.
//
// Shapes: the output is dense row-major with dims shape[0..rank). Operand k is read at
//   offset(i_0, ..., i_{rank-1}) = sum_j i_j * strides_k[j]
// so a broadcast dimension has stride 0 and a dense operand of the output's shape has the
// output's own row-major strides. Strides are in elements. rank may be 0 (one element).
// The caller (ops/) computes strides and usually coalesces dims first, so the common cases
// (same shape, scalar operand, row/column broadcast) reach the inner loop with rank 1 or 2.
//
// Loop order: outer dims are walked by decomposing a row counter (no index array, so any rank
// works without allocation); the last dim is the inner loop, with fast paths for inner
// strides (1, 1), (1, 0) and (0, 1).
//
// Aliasing: out may alias an operand only when that operand is read with the output's own
// dense strides (each element is read before it is written, at the same position). Used by
// the variadic ops (Sum, Max, ...) that fold inputs into the output one at a time.
//
// f is any callable; element math (wrapping integer arithmetic, float16 via float, Python
// mod, ...) lives in binary_functors.h. Kernels never fail: checks such as integer division
// by zero are the caller's job (ContainsZero below helps).
#pragma once

#include <cstdint>

namespace onnxi::kernels {

template <class TA, class TB, class TO, class F>
void BinaryBroadcast(const TA* a, const int64_t* a_strides, const TB* b, const int64_t* b_strides,
                     TO* out, const int64_t* shape, int rank, F f) {
  if (rank == 0) {
    out[0] = f(a[0], b[0]);
    return;
  }
  const int64_t inner = shape[rank - 1];
  const int64_t sa = a_strides[rank - 1];
  const int64_t sb = b_strides[rank - 1];
  int64_t rows = 1;
  for (int k = 0; k < rank - 1; ++k) rows *= shape[k];
  if (inner <= 0) return;
  for (int64_t row = 0; row < rows; ++row) {
    // Row `row` is the multi-index (i_0..i_{rank-2}) in row-major order; the last outer dim
    // varies fastest.
    int64_t oa = 0, ob = 0, rem = row;
    for (int k = rank - 2; k >= 0; --k) {
      const int64_t idx = rem % shape[k];
      rem /= shape[k];
      oa += idx * a_strides[k];
      ob += idx * b_strides[k];
    }
    const TA* pa = a + oa;
    const TB* pb = b + ob;
    TO* po = out + row * inner;
    if (sa == 1 && sb == 1) {
      for (int64_t i = 0; i < inner; ++i) po[i] = f(pa[i], pb[i]);
    } else if (sa == 1 && sb == 0) {
      const TB vb = *pb;
      for (int64_t i = 0; i < inner; ++i) po[i] = f(pa[i], vb);
    } else if (sa == 0 && sb == 1) {
      const TA va = *pa;
      for (int64_t i = 0; i < inner; ++i) po[i] = f(va, pb[i]);
    } else {
      for (int64_t i = 0; i < inner; ++i) po[i] = f(pa[i * sa], pb[i * sb]);
    }
  }
}

// out = f(c, x, y) with three broadcast operands (Where). Same contract as BinaryBroadcast.
template <class TC, class TX, class TY, class TO, class F>
void TernaryBroadcast(const TC* c, const int64_t* c_strides, const TX* x, const int64_t* x_strides,
                      const TY* y, const int64_t* y_strides, TO* out, const int64_t* shape,
                      int rank, F f) {
  if (rank == 0) {
    out[0] = f(c[0], x[0], y[0]);
    return;
  }
  const int64_t inner = shape[rank - 1];
  const int64_t sc = c_strides[rank - 1];
  const int64_t sx = x_strides[rank - 1];
  const int64_t sy = y_strides[rank - 1];
  int64_t rows = 1;
  for (int k = 0; k < rank - 1; ++k) rows *= shape[k];
  if (inner <= 0) return;
  for (int64_t row = 0; row < rows; ++row) {
    int64_t oc = 0, ox = 0, oy = 0, rem = row;
    for (int k = rank - 2; k >= 0; --k) {
      const int64_t idx = rem % shape[k];
      rem /= shape[k];
      oc += idx * c_strides[k];
      ox += idx * x_strides[k];
      oy += idx * y_strides[k];
    }
    const TC* pc = c + oc;
    const TX* px = x + ox;
    const TY* py = y + oy;
    TO* po = out + row * inner;
    if (sc == 1 && sx == 1 && sy == 1) {
      for (int64_t i = 0; i < inner; ++i) po[i] = f(pc[i], px[i], py[i]);
    } else {
      for (int64_t i = 0; i < inner; ++i) po[i] = f(pc[i * sc], px[i * sx], py[i * sy]);
    }
  }
}

// y[i] = f(x[i]) for i in [0, n). x and y may be the same buffer.
template <class TX, class TY, class F>
void MapContiguous(const TX* x, TY* y, int64_t n, F f) {
  for (int64_t i = 0; i < n; ++i) y[i] = f(x[i]);
}

// True when some x[i] == T(0), i in [0, n): the check before integer Div/Mod.
template <class T>
bool ContainsZero(const T* x, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    if (x[i] == T(0)) return true;
  }
  return false;
}

}  // namespace onnxi::kernels
