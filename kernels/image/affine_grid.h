// Reference AffineGrid (ONNX opset 20): sampling grids for GridSample from affine matrices.
//
// 2-D: theta (N, 2, 3), grid (N, H, W, 2); 3-D: theta (N, 3, 4), grid (N, D, H, W, 3).
// dims = (H, W) or (D, H, W). The base coordinate of index i on an axis of length L is
//   align_corners: -1 + 2 i / (L - 1)   (0 when L == 1)
//   otherwise:     (2 i + 1) / L - 1
// and grid[n, .., :] = theta[n] @ (x, y[, z], 1) with x the innermost (W) coordinate.
// Arithmetic in double, converted back to T.
#pragma once

#include <cstdint>

#include "kernels/image/convert.h"

namespace onnxi::kernels {

inline double AffineBase(int64_t i, int64_t len, bool align_corners) {
  if (align_corners) return len == 1 ? 0.0 : -1.0 + 2.0 * static_cast<double>(i) / (len - 1);
  return (2.0 * static_cast<double>(i) + 1.0) / static_cast<double>(len) - 1.0;
}

// spatial = 2 (dims H, W; dims[0] ignored) or 3 (dims D, H, W).
template <class T>
void AffineGrid(const T* theta, int64_t batch, int spatial, const int64_t dims[3],
                bool align_corners, T* grid) {
  const int cols = spatial + 1;
  const int64_t depth = spatial == 3 ? dims[0] : 1;
  for (int64_t n = 0; n < batch; ++n) {
    const T* th = theta + n * spatial * cols;  // (spatial, spatial + 1)
    for (int64_t d = 0; d < depth; ++d) {
      for (int64_t h = 0; h < dims[1]; ++h) {
        for (int64_t w = 0; w < dims[2]; ++w) {
          // Homogeneous base point (x, y[, z], 1).
          double v[4] = {AffineBase(w, dims[2], align_corners),
                         AffineBase(h, dims[1], align_corners), 1.0, 1.0};
          if (spatial == 3) v[2] = AffineBase(d, dims[0], align_corners);
          for (int r = 0; r < spatial; ++r) {
            double acc = 0;
            for (int c = 0; c < cols; ++c) acc += ToDouble(th[r * cols + c]) * v[c];
            *grid++ = FromDouble<T>(acc);
          }
        }
      }
    }
  }
}

}  // namespace onnxi::kernels
