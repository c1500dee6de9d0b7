// Reference resampling; see resize.h for the contract.
#include "kernels/image/resize.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "kernels/image/convert.h"

namespace onnxi::kernels {
namespace {

// Source coordinate of output index o (ONNX Resize's coordinate_transformation_mode).
// The output length is the real-valued scale * in, as in the ONNX reference.
double SourceCoordinate(const ResizeAxisParams& p, int64_t o) {
  const double x = static_cast<double>(o);
  const double in = static_cast<double>(p.in);
  const double out_width = p.scale * in;
  switch (p.coord) {
    case ResizeCoordMode::kHalfPixel:
      return (x + 0.5) / p.scale - 0.5;
    case ResizeCoordMode::kHalfPixelSymmetric: {
      const double adjustment = static_cast<double>(p.out) / out_width;
      const double offset = in / 2 * (1 - adjustment);
      return offset + (x + 0.5) / p.scale - 0.5;
    }
    case ResizeCoordMode::kPytorchHalfPixel:
      return out_width == 1.0 ? -0.5 : (x + 0.5) / p.scale - 0.5;
    case ResizeCoordMode::kAlignCorners:
      return out_width == 1.0 ? 0.0 : x * (in - 1) / (out_width - 1);
    case ResizeCoordMode::kAsymmetric:
      return x / p.scale;
    case ResizeCoordMode::kTfHalfPixelForNn:
      return (x + 0.5) / p.scale;
    case ResizeCoordMode::kTfCropAndResize: {
      const double span = p.roi_end - p.roi_start;
      const double base = p.roi_start * (in - 1);
      return out_width == 1.0 ? base + span * (in - 1) / 2
                              : base + x * span * (in - 1) / (out_width - 1);
    }
  }
  return 0.0;
}

double CubicKernel(double d, double a) {
  d = std::fabs(d);
  if (d <= 1) return ((a + 2) * d - (a + 3)) * d * d + 1;
  if (d < 2) return ((a * d - 5 * a) * d + 8 * a) * d - 4 * a;
  return 0.0;
}

// The filter's support scale: antialiasing stretches it when downsampling.
double FilterScale(const ResizeAxisParams& p) {
  return p.antialias ? std::min(p.scale, 1.0) : 1.0;
}

// First tap relative to ceil(x_ori) - 1, for linear and cubic.
int64_t TapStart(const ResizeAxisParams& p) {
  const double s = FilterScale(p);
  const double half = p.mode == ResizeMode::kLinear ? 1.0 : 2.0;
  return static_cast<int64_t>(std::floor(-half / s)) + 1;
}

}  // namespace

int64_t ResizeAxisTaps(const ResizeAxisParams& p) {
  if (p.mode == ResizeMode::kNearest) return 1;
  return 2 - 2 * TapStart(p);
}

void ResizeAxisTable(const ResizeAxisParams& p, int64_t* index, double* weight,
                     uint8_t* outside) {
  const int64_t taps = ResizeAxisTaps(p);
  const double s = FilterScale(p);
  const int64_t start = p.mode == ResizeMode::kNearest ? 0 : TapStart(p);
  for (int64_t o = 0; o < p.out; ++o) {
    const double x = SourceCoordinate(p, o);
    outside[o] = p.coord == ResizeCoordMode::kTfCropAndResize &&
                 (x < 0 || x > static_cast<double>(p.in - 1));
    int64_t* idx = index + o * taps;
    double* w = weight + o * taps;
    const double fl = std::floor(x);
    if (p.mode == ResizeMode::kNearest) {
      int64_t i = static_cast<int64_t>(fl);
      const double ratio = x - fl;
      if (ratio != 0) {
        switch (p.nearest) {
          case ResizeNearestMode::kRoundPreferFloor: i += ratio > 0.5; break;
          case ResizeNearestMode::kRoundPreferCeil: i += ratio >= 0.5; break;
          case ResizeNearestMode::kFloor: break;
          case ResizeNearestMode::kCeil: i += 1; break;
        }
      }
      idx[0] = std::clamp<int64_t>(i, 0, p.in - 1);
      w[0] = 1.0;
      continue;
    }
    // Taps ceil(x) - 1 + start + k: an integral x is the right end of its left interval.
    const int64_t left = (x == fl ? static_cast<int64_t>(fl) - 1 : static_cast<int64_t>(fl));
    double sum = 0;
    for (int64_t k = 0; k < taps; ++k) {
      const int64_t i = left + start + k;
      const double d = s * (static_cast<double>(i) - x);
      w[k] = p.mode == ResizeMode::kLinear ? std::max(0.0, 1 - std::fabs(d))
                                           : CubicKernel(d, p.cubic_a);
      idx[k] = i;
      sum += w[k];
    }
    if (p.antialias && sum != 0) {
      for (int64_t k = 0; k < taps; ++k) w[k] /= sum;
    }
    if (p.exclude_outside) {
      sum = 0;
      for (int64_t k = 0; k < taps; ++k) {
        if (idx[k] < 0 || idx[k] >= p.in) w[k] = 0;
        sum += w[k];
      }
      if (sum != 0) {
        for (int64_t k = 0; k < taps; ++k) w[k] /= sum;
      }
    }
    for (int64_t k = 0; k < taps; ++k) idx[k] = std::clamp<int64_t>(idx[k], 0, p.in - 1);
  }
}

template <class T>
void ResizeNd(const T* x, const int64_t* in_shape, const int64_t* out_shape, int rank,
              const ResizeAxis* axes, double extrapolation_value, T* y) {
  assert(rank >= 0 && rank <= kResizeMaxRank);
  int64_t in_stride[kResizeMaxRank];
  int64_t total = 1;
  bool gather = true;
  for (int d = rank - 1; d >= 0; --d) {
    in_stride[d] = d == rank - 1 ? 1 : in_stride[d + 1] * in_shape[d + 1];
    total *= out_shape[d];
    gather = gather && axes[d].taps == 1;
  }
  if (total == 0) return;
  const T extrapolated = FromDouble<T>(extrapolation_value);
  int64_t o[kResizeMaxRank] = {};  // output multi-index
  int64_t t[kResizeMaxRank] = {};  // tap multi-index
  for (int64_t n = 0; n < total; ++n) {
    bool out_of_roi = false;
    for (int d = 0; d < rank; ++d) out_of_roi = out_of_roi || axes[d].outside[o[d]];
    if (out_of_roi) {
      y[n] = extrapolated;
    } else if (gather) {
      int64_t off = 0;
      for (int d = 0; d < rank; ++d) off += axes[d].index[o[d]] * in_stride[d];
      y[n] = x[off];
    } else {
      double acc = 0;
      for (int d = 0; d < rank; ++d) t[d] = 0;
      while (true) {
        int64_t off = 0;
        double w = 1;
        for (int d = 0; d < rank; ++d) {
          const int64_t k = o[d] * axes[d].taps + t[d];
          off += axes[d].index[k] * in_stride[d];
          w *= axes[d].weight[k];
        }
        if (w != 0) acc += w * ToDouble(x[off]);
        int d = rank - 1;
        while (d >= 0 && ++t[d] == axes[d].taps) t[d--] = 0;
        if (d < 0) break;
      }
      y[n] = FromDouble<T>(acc);
    }
    for (int d = rank - 1; d >= 0 && ++o[d] == out_shape[d]; --d) o[d] = 0;
  }
}

#define ONNXI_INSTANTIATE(T)                                                            \
  template void ResizeNd<T>(const T*, const int64_t*, const int64_t*, int, const ResizeAxis*, \
                            double, T*);
ONNXI_INSTANTIATE(float)
ONNXI_INSTANTIATE(double)
ONNXI_INSTANTIATE(Float16)
ONNXI_INSTANTIATE(BFloat16)
ONNXI_INSTANTIATE(int8_t)
ONNXI_INSTANTIATE(int16_t)
ONNXI_INSTANTIATE(int32_t)
ONNXI_INSTANTIATE(int64_t)
ONNXI_INSTANTIATE(uint8_t)
ONNXI_INSTANTIATE(uint16_t)
ONNXI_INSTANTIATE(uint32_t)
ONNXI_INSTANTIATE(uint64_t)
ONNXI_INSTANTIATE(bool)
#undef ONNXI_INSTANTIATE

}  // namespace onnxi::kernels
