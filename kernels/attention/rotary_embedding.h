// Reference RotaryEmbedding (ONNX opset 23): rotates the first R channels of every head row.
//
// x and y are viewed as (B, S, H, D) through element strides (b, s, h) with D contiguous, so
// both the 4-D (B, H, S, D) and the 3-D (B, S, H*D) layouts work. cos/sin hold R/2 values per
// (b, s): row position_ids[b, s] of a (max_pos, R/2) cache when position_ids is given, else
// row b * S + s of a (B, S, R/2) cache. The caller checks position ids against max_pos.
//   half split (interleaved == false): x1 = x[0 : R/2], x2 = x[R/2 : R]
//   interleaved:                         x1 = x[0 : R : 2], x2 = x[1 : R : 2]
//   y1 = cos * x1 - sin * x2,   y2 = sin * x1 + cos * x2  (written back to x1's / x2's slots)
//   y[R : D] = x[R : D]
// Computed in double, rounded at the store. x and y may alias only if identical.
#pragma once

#include <cstdint>

#include "kernels/attention/attention.h"
#include "kernels/attention/element.h"

namespace onnxi::kernels {

struct RotaryParams {
  int64_t batch = 0, seq = 0, heads = 0, head_size = 0, rotary_dim = 0;
  bool interleaved = false;
  // strides over (b, s, h) of x and y (the BhsStrides fields b, h, s keep their meaning).
  BhsStrides x, y;
};

template <class T>
void RotaryEmbeddingRef(const RotaryParams& p, const T* x, const T* cos_cache,
                        const T* sin_cache, const int64_t* position_ids, T* y) {
  const int64_t half = p.rotary_dim / 2;
  for (int64_t b = 0; b < p.batch; ++b) {
    for (int64_t s = 0; s < p.seq; ++s) {
      const int64_t row = position_ids != nullptr ? position_ids[b * p.seq + s] : b * p.seq + s;
      const T* c = cos_cache + row * half;
      const T* sn = sin_cache + row * half;
      for (int64_t h = 0; h < p.heads; ++h) {
        const T* xr = x + b * p.x.b + s * p.x.s + h * p.x.h;
        T* yr = y + b * p.y.b + s * p.y.s + h * p.y.h;
        for (int64_t i = 0; i < half; ++i) {
          const int64_t i1 = p.interleaved ? 2 * i : i;
          const int64_t i2 = p.interleaved ? 2 * i + 1 : i + half;
          const double x1 = LoadAsDouble(xr[i1]);
          const double x2 = LoadAsDouble(xr[i2]);
          const double cv = LoadAsDouble(c[i]);
          const double sv = LoadAsDouble(sn[i]);
          yr[i1] = StoreFromDouble<T>(cv * x1 - sv * x2);
          yr[i2] = StoreFromDouble<T>(sv * x1 + cv * x2);
        }
        for (int64_t d = p.rotary_dim; d < p.head_size; ++d) yr[d] = xr[d];
      }
    }
  }
}

// Index of the first position id outside [0, max_pos), or -1 when all are valid.
inline int64_t FindBadPositionId(const int64_t* ids, int64_t n, int64_t max_pos) {
  for (int64_t i = 0; i < n; ++i) {
    if (ids[i] < 0 || ids[i] >= max_pos) return i;
  }
  return -1;
}

}  // namespace onnxi::kernels
