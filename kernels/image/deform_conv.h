// Reference 2-D DeformConv (ONNX opsets 19, 22), direct summation.
//
// x (N, C, H, W), w (OC, C / group, kH, kW), offset (N, G * kH * kW * 2, oH, oW) with
// (dh, dw) pairs per kernel tap, optional mask (N, G * kH * kW, oH, oW) and bias (OC);
// G = offset_group, channel c uses offset group c / (C / G). y (N, OC, oH, oW):
//   y[n, oc, i, j] = bias[oc] + sum over ic in oc's group, kh, kw of
//     w[oc, ic', kh, kw] * mask[n, g, kh, kw, i, j] * X_c(p_h, p_w)
//   p_h = i * stride_h - pad_top + kh * dilation_h + offset[n, g, kh, kw, 0, i, j]
//   p_w = j * stride_w - pad_left + kw * dilation_w + offset[n, g, kh, kw, 1, i, j]
// X_c(p_h, p_w) is bilinear over the corners floor(p)..floor(p)+1, each corner outside the
// image counting as 0 (GridSample with align_corners and zeros padding). Sums in double.
#pragma once

#include <cmath>
#include <cstdint>

#include "kernels/image/convert.h"

namespace onnxi::kernels {

struct DeformConvParams {
  int64_t batch = 0, channels = 0, height = 0, width = 0;
  int64_t out_channels = 0, out_h = 0, out_w = 0;
  int64_t kernel_h = 1, kernel_w = 1;
  int64_t stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1;
  int64_t pad_top = 0, pad_left = 0;
  int64_t group = 1, offset_group = 1;
};

template <class T>
double DeformSample(const T* plane, int64_t height, int64_t width, double h, double w) {
  if (!(h > -1e15 && h < 1e15 && w > -1e15 && w < 1e15)) return 0.0;  // NaN / huge
  const double fh = std::floor(h), fw = std::floor(w);
  const int64_t h0 = static_cast<int64_t>(fh), w0 = static_cast<int64_t>(fw);
  const double lh = h - fh, lw = w - fw;
  double acc = 0;
  for (int dy = 0; dy < 2; ++dy) {
    const int64_t yy = h0 + dy;
    if (yy < 0 || yy >= height) continue;
    const double wy = dy ? lh : 1 - lh;
    for (int dx = 0; dx < 2; ++dx) {
      const int64_t xx = w0 + dx;
      if (xx < 0 || xx >= width) continue;
      const double wx = dx ? lw : 1 - lw;
      if (wy * wx != 0) acc += wy * wx * ToDouble(plane[yy * width + xx]);
    }
  }
  return acc;
}

// bias and mask may be nullptr (0 and 1).
template <class T>
void DeformConv2d(const T* x, const T* w, const T* offset, const T* bias, const T* mask,
                  const DeformConvParams& p, T* y) {
  const int64_t taps = p.kernel_h * p.kernel_w;
  const int64_t out_plane = p.out_h * p.out_w;
  const int64_t in_per_group = p.channels / p.group;
  const int64_t out_per_group = p.out_channels / p.group;
  const int64_t in_per_offset_group = p.channels / p.offset_group;
  for (int64_t n = 0; n < p.batch; ++n) {
    for (int64_t oc = 0; oc < p.out_channels; ++oc) {
      const int64_t g = oc / out_per_group;
      for (int64_t i = 0; i < p.out_h; ++i) {
        for (int64_t j = 0; j < p.out_w; ++j) {
          double acc = bias ? ToDouble(bias[oc]) : 0.0;
          for (int64_t ic = 0; ic < in_per_group; ++ic) {
            const int64_t c = g * in_per_group + ic;
            const int64_t og = c / in_per_offset_group;
            const T* plane = x + (n * p.channels + c) * p.height * p.width;
            // offset rows (n, og, tap, 2) and mask rows (n, og, tap), each an (oH, oW) plane.
            const T* off = offset + (n * p.offset_group + og) * taps * 2 * out_plane;
            const T* msk = mask ? mask + (n * p.offset_group + og) * taps * out_plane : nullptr;
            const T* wk = w + (oc * in_per_group + ic) * taps;
            for (int64_t kh = 0; kh < p.kernel_h; ++kh) {
              for (int64_t kw = 0; kw < p.kernel_w; ++kw) {
                const int64_t k = kh * p.kernel_w + kw;
                const int64_t pos = i * p.out_w + j;
                const double ph = static_cast<double>(i * p.stride_h - p.pad_top +
                                                      kh * p.dilation_h) +
                                  ToDouble(off[(2 * k) * out_plane + pos]);
                const double pw = static_cast<double>(j * p.stride_w - p.pad_left +
                                                      kw * p.dilation_w) +
                                  ToDouble(off[(2 * k + 1) * out_plane + pos]);
                double v = DeformSample(plane, p.height, p.width, ph, pw);
                if (msk) v *= ToDouble(msk[k * out_plane + pos]);
                acc += ToDouble(wk[k]) * v;
              }
            }
          }
          y[((n * p.out_channels + oc) * p.out_h + i) * p.out_w + j] = FromDouble<T>(acc);
        }
      }
    }
  }
}

}  // namespace onnxi::kernels
