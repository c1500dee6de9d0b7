// 2-D float32 max / average pooling and global average pooling, SIMD per Isa.
//
// Windowed: x (channels, in_h, in_w) -> y (channels, out_h, out_w), channels = N * C, dense.
// Output (oh, ow) covers rows oh * sh - pad_top + [0, kh) and columns ow * sw - pad_left +
// [0, kw) (dilation 1). Supported: pad_top, pad_left < kh, kw (so every window holds an
// input position), any pad_bottom/pad_right (including ceil_mode overhang).
//   max:     over the input positions of the window.
//   average: sum / count, count = positions inside the input, or with count_include_pad the
//            positions inside [-pad, in + pad_end) (the ceil_mode overhang never counts).
// Method, per channel and output row: the window's input rows are reduced vertically in
// vectors into a row buffer (scratch) whose padding columns hold -inf (max) or 0 (average),
// then each output reduces kw neighbours of that buffer. Results equal the reference
// (kernels/pool/pool.h MaxPool/AveragePool, the twins) for max, and within float rounding of
// a different summation order for average. NaN inputs: not handled like the reference (the
// SIMD max may drop a NaN).
// Global average: x (channels, inner) -> y (channels), vector partial sums per channel in a
// fixed order, then / inner (inner == 0 gives NaN as the reference).
// y must not overlap x.
#pragma once

#include <cstdint>

#include "kernels/cpu/isa.h"

namespace onnxi::kernels {

struct Pool2dParams {
  int64_t channels = 0;
  int64_t in_h = 0, in_w = 0, out_h = 0, out_w = 0;
  int64_t kh = 1, kw = 1, sh = 1, sw = 1;
  int64_t pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;
  bool count_include_pad = false;
};

// Floats of scratch one call needs (one row buffer, reused for every channel of the call).
int64_t Pool2dScratchFloats(const Pool2dParams& p);

using Pool2dF32Fn = void (*)(const Pool2dParams& p, const float* x, float* y, float* scratch);
using GlobalAveragePoolF32Fn = void (*)(const float* x, int64_t channels, int64_t inner, float* y);

// nullptr for kReference (the op then runs the reference kernels of pool.h).
Pool2dF32Fn GetMaxPool2dF32(Isa isa);
Pool2dF32Fn GetAveragePool2dF32(Isa isa);
GlobalAveragePoolF32Fn GetGlobalAveragePoolF32(Isa isa);

// Per-ISA entry points (pool2d_generic.cc, _avx2.cc, _avx512.cc).
#define ONNXI_POOL2D_DECLARE(Suffix)                                                        \
  void MaxPool2dF32##Suffix(const Pool2dParams& p, const float* x, float* y, float* s);     \
  void AveragePool2dF32##Suffix(const Pool2dParams& p, const float* x, float* y, float* s); \
  void GlobalAveragePoolF32##Suffix(const float* x, int64_t channels, int64_t inner, float* y);
ONNXI_POOL2D_DECLARE(Generic)
ONNXI_POOL2D_DECLARE(Avx2)
ONNXI_POOL2D_DECLARE(Avx512)
#undef ONNXI_POOL2D_DECLARE

}  // namespace onnxi::kernels
