// Blocked transpose: a dense output walked as (outer dims..., R, C) reading the input with
// permuted strides (the ops/tensor Transpose plan after coalescing), split into work units
// that callers spread over threads.
//
//   dst is dense row-major over shape[0..rank); src element of output index (i_0..i_{rank-1})
//   is src[sum_k i_k * src_strides[k]]. rank >= 2 (callers pad with 1s). Strides in elements.
//   Unit u covers plane p = u / r_tiles (the outer index, row-major) and rows
//   [kTile * (u % r_tiles), +kTile) of that plane's R.
//   - src_strides[rank-1] == 1: each output row is one contiguous run (memcpy); this is the
//     BERT head permutation (0, 2, 1, 3).
//   - otherwise a kTile x kTile tile loop: the tile's source lines stay in cache while it is
//     read across, instead of one cache miss per element of a column walk.
// Each output element is written by exactly one unit; no arithmetic, so any split gives the
// same bytes. T: the storage type of one element (trivially copyable). No aliasing.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace onnxi::kernels {

inline constexpr int64_t kTransposeTile = 16;

// Number of work units for TransposeUnits.
inline int64_t TransposeUnitCount(const int64_t* shape, int rank) {
  int64_t outer = 1;
  for (int k = 0; k < rank - 2; ++k) outer *= shape[k];
  const int64_t r_tiles = (shape[rank - 2] + kTransposeTile - 1) / kTransposeTile;
  return outer * r_tiles;
}

template <class T>
void TransposeUnits(const T* src, const int64_t* src_strides, T* dst, const int64_t* shape,
                    int rank, int64_t unit_begin, int64_t unit_end) {
  const int64_t rows = shape[rank - 2], cols = shape[rank - 1];
  const int64_t sr = src_strides[rank - 2], sc = src_strides[rank - 1];
  if (rows == 0 || cols == 0) return;
  const int64_t r_tiles = (rows + kTransposeTile - 1) / kTransposeTile;
  for (int64_t u = unit_begin; u < unit_end; ++u) {
    const int64_t plane = u / r_tiles;
    const int64_t r0 = (u % r_tiles) * kTransposeTile;
    const int64_t r1 = std::min(rows, r0 + kTransposeTile);
    // Source offset of the plane: decompose the outer index.
    int64_t off = 0, rem = plane;
    for (int k = rank - 3; k >= 0; --k) {
      off += (rem % shape[k]) * src_strides[k];
      rem /= shape[k];
    }
    const T* s = src + off;
    T* d = dst + plane * rows * cols;
    if (sc == 1) {
      for (int64_t r = r0; r < r1; ++r) {
        if constexpr (std::is_trivially_copyable_v<T>) {
          std::memcpy(d + r * cols, s + r * sr, sizeof(T) * cols);
        } else {  // strings (the op sends them to the reference, but the template must be valid)
          std::copy(s + r * sr, s + r * sr + cols, d + r * cols);
        }
      }
      continue;
    }
    for (int64_t c0 = 0; c0 < cols; c0 += kTransposeTile) {
      const int64_t c1 = std::min(cols, c0 + kTransposeTile);
      for (int64_t r = r0; r < r1; ++r) {
        const T* sp = s + r * sr;
        T* dp = d + r * cols;
        for (int64_t c = c0; c < c1; ++c) dp[c] = sp[c * sc];
      }
    }
  }
}

}  // namespace onnxi::kernels
