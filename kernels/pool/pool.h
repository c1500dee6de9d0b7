// Reference pooling over up to 3 spatial dims: max, average and Lp, windowed and global.
//
// Layout: x is (channels, in[0], in[1], in[2]) and y is (channels, out[0], out[1], out[2]),
// dense row-major, where channels = N * C. Callers with fewer spatial dims prepend dims of
// size 1 (kernel 1, stride 1, dilation 1, pads 0), so (C, W) runs as (C, 1, 1, W).
// Output position o of a dim covers input positions o * stride - pad_begin + j * dilation
// for j in [0, kernel). Positions outside [0, in) are padding:
//   max:     ignored; a window with no input position gives the lowest value of T.
//   average: ignored (count_include_pad false), or counted as zeros when they lie within the
//            explicit pads [-pad_begin, in + pad_end) (count_include_pad true); positions past
//            pad_end (ceil_mode overhang) are never counted.
//   Lp:      counted as zeros.
// Average and Lp accumulate in float for float16/bfloat16/float and in double for double.
// Aliasing: y and indices must not overlap x.
#pragma once

#include <cstdint>

#include "onnxi/dtype.h"

namespace onnxi::kernels {

struct PoolGeometry {
  int64_t in[3] = {1, 1, 1};
  int64_t out[3] = {1, 1, 1};
  int64_t kernel[3] = {1, 1, 1};
  int64_t stride[3] = {1, 1, 1};
  int64_t dilation[3] = {1, 1, 1};
  int64_t pad_begin[3] = {0, 0, 0};
  int64_t pad_end[3] = {0, 0, 0};
};

// indices (same shape as y) may be nullptr. Otherwise it receives the flat index of the
// maximum in x (N, C, spatial...): c * in_size + spatial offset, where the spatial offset is
// row-major, or column-major (first spatial dim fastest) when column_major is true. The first
// maximum in window order wins. Instantiated for float, double, Float16, BFloat16, int8_t,
// uint8_t.
template <class T>
void MaxPool(const T* x, int64_t channels, const PoolGeometry& g, T* y, int64_t* indices,
             bool column_major);

// Instantiated for float, double, Float16, BFloat16. A window with nothing to count gives 0.
template <class T>
void AveragePool(const T* x, int64_t channels, const PoolGeometry& g, bool count_include_pad,
                 T* y);

// y = (sum over the window of |x|^p)^(1/p). Instantiated for float, double, Float16, BFloat16.
template <class T>
void LpPool(const T* x, int64_t channels, const PoolGeometry& g, double p, T* y);

enum class GlobalPoolKind { kMax, kAverage, kLp };
// x (channels, inner) -> y (channels). inner == 0 gives lowest (max), NaN (average: 0/0) or
// 0 (Lp). Instantiated for float, double, Float16, BFloat16.
template <class T>
void GlobalPool(const T* x, int64_t channels, int64_t inner, GlobalPoolKind kind, double p,
                T* y);

}  // namespace onnxi::kernels
