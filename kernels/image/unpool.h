// Reference kernels for MaxUnpool and Col2Im (scatter-style image ops).
//
// MaxUnpool: y (out) is zero-filled, then x[i] goes to the position of Y with the same
//   multi-index that indices[i] has as a flat position in `dims` (MaxPool's Indices over the
//   unpadded output shape; an explicit output_shape pads, or crops, at the end of each axis).
//   Returns the position i of the first index outside [0, prod(dims)), or -1; y is then only
//   partly written.
// Col2Im: x (N, C * prod(block), L) -> y (N, C, image...), rank r <= kCol2ImMaxRank spatial
//   dims. Column (c, k) of block position l adds into image position
//   l_d * stride_d - pad_begin_d + k_d * dilation_d on each axis d when inside the image;
//   y starts at zero. k and l are row-major over block and the block-position grid
//   (blocks_d = (image_d + pads - dilation_d * (block_d - 1) - 1) / stride_d + 1).
// Each add is done in double and stored back in T.
#pragma once

#include <cstdint>

#include "kernels/image/convert.h"

namespace onnxi::kernels {

inline constexpr int kUnpoolMaxRank = 10;

// dims: rank entries of the shape the indices address (N, C, inferred spatial dims);
// out: the output's shape, same rank. Returns the first bad position or -1.
template <class T>
int64_t MaxUnpool(const T* x, const int64_t* indices, int64_t n, int rank, const int64_t* dims,
                  const int64_t* out, T* y) {
  int64_t in_total = 1, y_size = 1;
  for (int d = 0; d < rank; ++d) {
    in_total *= dims[d];
    y_size *= out[d];
  }
  for (int64_t i = 0; i < y_size; ++i) y[i] = FromDouble<T>(0.0);
  for (int64_t i = 0; i < n; ++i) {
    int64_t j = indices[i];
    if (j < 0 || j >= in_total) return i;
    // Multi-index of j in dims, re-flattened in out (positions beyond out are dropped).
    int64_t off = 0, scale = 1;
    bool inside = true;
    for (int d = rank - 1; d >= 0; --d) {
      const int64_t c = j % dims[d];
      j /= dims[d];
      inside = inside && c < out[d];
      off += c * scale;
      scale *= out[d];
    }
    if (inside) y[off] = x[i];
  }
  return -1;
}

inline constexpr int kCol2ImMaxRank = 8;

struct Col2ImParams {
  int64_t batch = 0, channels = 0;
  int rank = 2;
  int64_t image[kCol2ImMaxRank] = {};
  int64_t block[kCol2ImMaxRank] = {};
  int64_t blocks[kCol2ImMaxRank] = {};  // block positions per axis
  int64_t stride[kCol2ImMaxRank] = {};
  int64_t dilation[kCol2ImMaxRank] = {};
  int64_t pad_begin[kCol2ImMaxRank] = {};
};

template <class T>
void Col2Im(const T* x, const Col2ImParams& p, T* y) {
  const int r = p.rank;
  int64_t image_size = 1, block_size = 1, num_blocks = 1;
  for (int d = 0; d < r; ++d) {
    image_size *= p.image[d];
    block_size *= p.block[d];
    num_blocks *= p.blocks[d];
  }
  const int64_t planes = p.batch * p.channels;
  for (int64_t i = 0; i < planes * image_size; ++i) y[i] = FromDouble<T>(0.0);
  for (int64_t nc = 0; nc < planes; ++nc) {
    T* yc = y + nc * image_size;
    int64_t k[kCol2ImMaxRank] = {};
    for (int64_t kk = 0; kk < block_size; ++kk) {
      // Row (nc, kk) of x: num_blocks columns.
      const T* xr = x + (nc * block_size + kk) * num_blocks;
      int64_t l[kCol2ImMaxRank] = {};
      for (int64_t ll = 0; ll < num_blocks; ++ll) {
        int64_t off = 0;
        bool inside = true;
        for (int d = 0; d < r && inside; ++d) {
          const int64_t pos = l[d] * p.stride[d] - p.pad_begin[d] + k[d] * p.dilation[d];
          inside = pos >= 0 && pos < p.image[d];
          off = off * p.image[d] + pos;
        }
        if (inside) yc[off] = FromDouble<T>(ToDouble(yc[off]) + ToDouble(xr[ll]));
        for (int d = r - 1; d >= 0 && ++l[d] == p.blocks[d]; --d) l[d] = 0;
      }
      for (int d = r - 1; d >= 0 && ++k[d] == p.block[d]; --d) k[d] = 0;
    }
  }
}

}  // namespace onnxi::kernels
