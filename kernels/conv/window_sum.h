// The scalar window sum shared by the reference twins of the direct and depthwise convs:
//   acc += sum over kh, kw < K of w[kh * K + kw] * x[oh * S - pad_top + kh][ow * S - pad_left + kw]
// for one (H, W) channel plane x with zero padding outside it, taps in row-major order (so
// callers accumulating several channels into one acc keep their summation order). Pixels of x
// and taps of w are x_step and w_step floats apart: 1 for planes, C for channels-last.
#pragma once

#include <cstdint>

namespace onnxi::kernels {

// P has in_h, in_w, kernel (K), stride (S), pad_top, pad_left.
template <class P>
inline void AddWindow(const P& p, const float* x, const float* w, int64_t oh, int64_t ow,
                      float& acc, int64_t x_step = 1, int64_t w_step = 1) {
  const int k = p.kernel;
  for (int kh = 0; kh < k; ++kh) {
    const int64_t ih = oh * p.stride - p.pad_top + kh;
    if (ih < 0 || ih >= p.in_h) continue;
    for (int kw = 0; kw < k; ++kw) {
      const int64_t iw = ow * p.stride - p.pad_left + kw;
      if (iw < 0 || iw >= p.in_w) continue;
      acc += w[(kh * k + kw) * w_step] * x[(ih * p.in_w + iw) * x_step];
    }
  }
}

}  // namespace onnxi::kernels
