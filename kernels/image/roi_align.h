// Reference RoiAlign (ONNX opsets 10, 16), the Mask R-CNN / Caffe2 algorithm.
//
// x (N, C, H, W), rois (R, 4) as (x1, y1, x2, y2) in input coordinates times 1/spatial_scale,
// batch_indices (R) already checked to lie in [0, N); y (R, C, out_h, out_w).
// Per roi: start = roi * spatial_scale - offset (offset 0.5 for half_pixel, 0 for
// output_half_pixel, where the roi size is also forced to at least 1). Each output bin is
// sampled on a grid_h x grid_w grid (sampling_ratio, or ceil(bin size) when it is 0) at the
// sample centers, each sample bilinearly interpolated (samples beyond one pixel outside the
// image give 0; others clamp to the edge). avg: mean of the samples; max: the maximum over
// samples of the largest weighted corner value (ONNX Runtime's definition, which the ONNX
// reference follows). Arithmetic in double.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "kernels/image/convert.h"

namespace onnxi::kernels {

struct RoiAlignParams {
  int64_t channels = 0, height = 0, width = 0;
  int64_t num_rois = 0, out_h = 1, out_w = 1;
  int64_t sampling_ratio = 0;
  double spatial_scale = 1.0;
  bool half_pixel = true;
  bool max_mode = false;
};

namespace roi_align_internal {

// Bilinear taps of one sample: positions in the (H, W) plane and weights.
struct Sample {
  int64_t pos[4];
  double w[4];
};

inline Sample MakeSample(double y, double x, int64_t height, int64_t width) {
  Sample s = {{0, 0, 0, 0}, {0, 0, 0, 0}};
  if (!(y >= -1.0 && y <= static_cast<double>(height) && x >= -1.0 &&
        x <= static_cast<double>(width))) {
    return s;
  }
  y = std::max(y, 0.0);
  x = std::max(x, 0.0);
  int64_t y_low = static_cast<int64_t>(y), x_low = static_cast<int64_t>(x);
  int64_t y_high, x_high;
  if (y_low >= height - 1) {
    y_high = y_low = height - 1;
    y = static_cast<double>(y_low);
  } else {
    y_high = y_low + 1;
  }
  if (x_low >= width - 1) {
    x_high = x_low = width - 1;
    x = static_cast<double>(x_low);
  } else {
    x_high = x_low + 1;
  }
  const double ly = y - static_cast<double>(y_low), lx = x - static_cast<double>(x_low);
  const double hy = 1 - ly, hx = 1 - lx;
  s.pos[0] = y_low * width + x_low;
  s.pos[1] = y_low * width + x_high;
  s.pos[2] = y_high * width + x_low;
  s.pos[3] = y_high * width + x_high;
  s.w[0] = hy * hx;
  s.w[1] = hy * lx;
  s.w[2] = ly * hx;
  s.w[3] = ly * lx;
  return s;
}

// Grid size of a bin: sampling_ratio, or ceil(bin) kept in a sane range (NaN -> 0).
inline int64_t GridSize(int64_t sampling_ratio, double bin) {
  if (sampling_ratio > 0) return sampling_ratio;
  const double g = std::ceil(bin);
  if (!(g > 0)) return 0;
  return g > 4096 ? 4096 : static_cast<int64_t>(g);
}

}  // namespace roi_align_internal

template <class T>
void RoiAlign(const T* x, const T* rois, const int64_t* batch_indices, const RoiAlignParams& p,
              T* y) {
  using roi_align_internal::MakeSample;
  using roi_align_internal::Sample;
  const int64_t plane = p.height * p.width;
  const double offset = p.half_pixel ? 0.5 : 0.0;
  for (int64_t r = 0; r < p.num_rois; ++r) {
    const T* roi = rois + r * 4;
    const double start_w = ToDouble(roi[0]) * p.spatial_scale - offset;
    const double start_h = ToDouble(roi[1]) * p.spatial_scale - offset;
    double roi_w = ToDouble(roi[2]) * p.spatial_scale - offset - start_w;
    double roi_h = ToDouble(roi[3]) * p.spatial_scale - offset - start_h;
    if (!p.half_pixel) {
      roi_w = std::max(roi_w, 1.0);
      roi_h = std::max(roi_h, 1.0);
    }
    const double bin_h = roi_h / static_cast<double>(p.out_h);
    const double bin_w = roi_w / static_cast<double>(p.out_w);
    const int64_t grid_h = roi_align_internal::GridSize(p.sampling_ratio, bin_h);
    const int64_t grid_w = roi_align_internal::GridSize(p.sampling_ratio, bin_w);
    const double count = static_cast<double>(std::max<int64_t>(grid_h * grid_w, 1));
    for (int64_t c = 0; c < p.channels; ++c) {
      const T* xc = x + (batch_indices[r] * p.channels + c) * plane;
      T* yc = y + (r * p.channels + c) * p.out_h * p.out_w;
      for (int64_t ph = 0; ph < p.out_h; ++ph) {
        for (int64_t pw = 0; pw < p.out_w; ++pw) {
          double acc = 0;
          bool first = true;
          for (int64_t iy = 0; iy < grid_h; ++iy) {
            const double sy = start_h + static_cast<double>(ph) * bin_h +
                              (static_cast<double>(iy) + 0.5) * bin_h / static_cast<double>(grid_h);
            for (int64_t ix = 0; ix < grid_w; ++ix) {
              const double sx = start_w + static_cast<double>(pw) * bin_w +
                                (static_cast<double>(ix) + 0.5) * bin_w /
                                    static_cast<double>(grid_w);
              const Sample s = MakeSample(sy, sx, p.height, p.width);
              if (p.max_mode) {
                double v = s.w[0] * ToDouble(xc[s.pos[0]]);
                for (int k = 1; k < 4; ++k) v = std::max(v, s.w[k] * ToDouble(xc[s.pos[k]]));
                acc = first ? v : std::max(acc, v);
                first = false;
              } else {
                for (int k = 0; k < 4; ++k) acc += s.w[k] * ToDouble(xc[s.pos[k]]);
              }
            }
          }
          yc[ph * p.out_w + pw] = FromDouble<T>(p.max_mode ? acc : acc / count);
        }
      }
    }
  }
}

}  // namespace onnxi::kernels

namespace onnxi::kernels {

// The first position i with v[i] outside [lo, hi), or -1 (validates index inputs).
inline int64_t FindOutOfRange(const int64_t* v, int64_t n, int64_t lo, int64_t hi) {
  for (int64_t i = 0; i < n; ++i) {
    if (v[i] < lo || v[i] >= hi) return i;
  }
  return -1;
}

}  // namespace onnxi::kernels
