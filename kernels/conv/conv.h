// Convolution helpers around the reference GEMM: im2col, col2im and per-channel bias.
//
// Geometry: up to 3 spatial dims. Callers with fewer spatial dims prepend dims of size 1
// (kernel 1, stride 1, dilation 1, pad 0), so (C, W) is handled as (C, 1, 1, W).
//   image:  (channels, in[0], in[1], in[2]) dense row-major
//   column: (channels * kernel[0] * kernel[1] * kernel[2], out[0] * out[1] * out[2])
//           row r = ((c * k0 + a) * k1 + b) * k2 + d, column = output position, row-major.
//   Output position o reads image position o * stride - pad_begin + kernel_index * dilation;
//   positions outside [0, in) are padding (zero).
// Conv: Y_g (M/group, out) = W_g (M/group, C/group * K) x Im2Col(X_g).
// ConvTranspose: Col2ImAdd(W_g^T x X_g) scatters columns back onto the (larger) image.
// N-D convolution beyond 3 spatial dims is not supported here.
#pragma once

#include <cstdint>

#include "onnxi/dtype.h"

namespace onnxi::kernels {

struct ConvGeometry {
  int64_t in[3] = {1, 1, 1};
  int64_t out[3] = {1, 1, 1};
  int64_t kernel[3] = {1, 1, 1};
  int64_t stride[3] = {1, 1, 1};
  int64_t dilation[3] = {1, 1, 1};
  int64_t pad_begin[3] = {0, 0, 0};

  int64_t in_size() const { return in[0] * in[1] * in[2]; }
  int64_t out_size() const { return out[0] * out[1] * out[2]; }
  int64_t kernel_size() const { return kernel[0] * kernel[1] * kernel[2]; }
};

// col (channels * kernel_size, out_size) <- patches of image (channels, in...). Padding
// positions are written as zero. col must not alias image.
// Instantiated for float, double, Float16, BFloat16.
template <class T>
void Im2Col(const T* image, int64_t channels, const ConvGeometry& g, T* col);

// image (channels, in...) += scatter of col (channels * kernel_size, out_size); entries that
// land in padding are dropped. Each add rounds to T (float16/bfloat16 add in float and round
// once per add; an exact float accumulator would need a scratch image).
template <class T>
void Col2ImAdd(const T* col, int64_t channels, const ConvGeometry& g, T* image);

// y (batch, channels, inner): y[n, c, i] = bias[c], or 0 when bias is nullptr.
template <class T>
void FillChannelBias(const T* bias, int64_t batch, int64_t channels, int64_t inner, T* y);

}  // namespace onnxi::kernels
