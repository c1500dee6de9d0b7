// Fast float32 im2col (contract in im2col_f32.h).
#include "kernels/conv/im2col_f32.h"

#include <cstring>

namespace onnxi::kernels {
namespace {

// First o >= 0 with o * s >= v (v may be negative), for s >= 1.
int64_t CeilDivNonNeg(int64_t v, int64_t s) { return v <= 0 ? 0 : (v + s - 1) / s; }

}  // namespace

void Im2ColF32(const float* image, int64_t channels, const ConvGeometry& g, float* col) {
  if (g.in[0] != 1 || g.out[0] != 1 || g.kernel[0] != 1 || g.pad_begin[0] != 0) {
    Im2Col<float>(image, channels, g, col);
    return;
  }
  const int64_t in_h = g.in[1], in_w = g.in[2], out_h = g.out[1], out_w = g.out[2];
  const int64_t sh = g.stride[1], sw = g.stride[2], dh = g.dilation[1], dw = g.dilation[2];
  const int64_t ph = g.pad_begin[1], pw = g.pad_begin[2];
  for (int64_t c = 0; c < channels; ++c) {
    const float* img = image + c * in_h * in_w;
    for (int64_t kh = 0; kh < g.kernel[1]; ++kh) {
      for (int64_t kw = 0; kw < g.kernel[2]; ++kw) {
        // Output columns ow whose input column iw = ow * sw - pw + kw * dw is in [0, in_w).
        const int64_t off = kw * dw - pw;
        int64_t lo = CeilDivNonNeg(-off, sw);
        int64_t hi = in_w - off <= 0 ? 0 : CeilDivNonNeg(in_w - off, sw);
        if (hi > out_w) hi = out_w;
        if (lo > hi) lo = hi;
        for (int64_t oh = 0; oh < out_h; ++oh, col += out_w) {
          const int64_t ih = oh * sh - ph + kh * dh;
          if (ih < 0 || ih >= in_h) {
            std::memset(col, 0, sizeof(float) * out_w);
            continue;
          }
          const float* row = img + ih * in_w;  // column ow reads row[ow * sw + off]
          // The padding runs are a few elements (lo, out_w - hi <= pad / stride): plain
          // loops, not memset calls.
          for (int64_t ow = 0; ow < lo; ++ow) col[ow] = 0.0f;
          if (sw == 1) {
            std::memcpy(col + lo, row + lo + off, sizeof(float) * (hi - lo));
          } else if (sw == 2) {
            // A constant stride the compiler vectorizes (loads + even-lane shuffles).
            const float* src = row + 2 * lo + off;
            float* dst = col + lo;
            for (int64_t i = 0, n = hi - lo; i < n; ++i) dst[i] = src[2 * i];
          } else {
            for (int64_t ow = lo; ow < hi; ++ow) col[ow] = row[ow * sw + off];
          }
          for (int64_t ow = hi; ow < out_w; ++ow) col[ow] = 0.0f;
        }
      }
    }
  }
}

}  // namespace onnxi::kernels
