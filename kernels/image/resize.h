// Reference N-D resampling for Resize (opsets 10-19) and Upsample (7, 9).
//
// Separable interpolation: each axis d maps output index o to a source coordinate x_ori
// (ONNX Resize's coordinate_transformation_mode) and to `taps` (input index, weight) pairs.
//   nearest: 1 tap, index chosen by nearest_mode, clamped to [0, in).
//   linear:  2 taps, weights 1 - |index - x_ori|.
//   cubic:   4 taps, Keys' kernel with coefficient a (cubic_coeff_a).
//   antialias (linear/cubic, scale < 1): the kernel is stretched by 1/scale, so more taps,
//            K(scale * (index - x_ori)), normalized to sum 1.
// The taps start at ceil(x_ori) - taps/2 (an integral x_ori counts as the right end of its
// left interval, as the ONNX reference does). Taps outside [0, in) read the edge value, or
// with exclude_outside get weight 0 and the rest is renormalized.
// tf_crop_and_resize: an output whose x_ori lies outside [0, in - 1] on any axis is
// extrapolation_value.
//
// ResizeNd: x (in_shape), y (out_shape), dense row-major, rank <= kResizeMaxRank.
// y[o] = sum over tap combinations of prod_d weight_d * x[index_0, .., index_{r-1}],
// accumulated in double and converted to T (integers are rounded and saturated). When every
// axis has one tap (nearest) the value is copied exactly. y must not alias x.
#pragma once

#include <cstdint>

#include "onnxi/dtype.h"

namespace onnxi::kernels {

inline constexpr int kResizeMaxRank = 8;

enum class ResizeMode { kNearest, kLinear, kCubic };
enum class ResizeCoordMode {
  kHalfPixel,
  kHalfPixelSymmetric,
  kPytorchHalfPixel,
  kAlignCorners,
  kAsymmetric,
  kTfHalfPixelForNn,
  kTfCropAndResize,
};
enum class ResizeNearestMode { kRoundPreferFloor, kRoundPreferCeil, kFloor, kCeil };

struct ResizeAxisParams {
  int64_t in = 1;
  int64_t out = 1;
  double scale = 1.0;  // out / in for sizes; the given scale otherwise
  double roi_start = 0.0, roi_end = 1.0;  // tf_crop_and_resize only
  ResizeMode mode = ResizeMode::kNearest;
  ResizeCoordMode coord = ResizeCoordMode::kHalfPixel;
  ResizeNearestMode nearest = ResizeNearestMode::kRoundPreferFloor;
  double cubic_a = -0.75;
  bool exclude_outside = false;
  bool antialias = false;
};

// Taps per output index of one axis.
int64_t ResizeAxisTaps(const ResizeAxisParams& p);
// Fills index[out * taps], weight[out * taps] and outside[out] (1 when extrapolated).
void ResizeAxisTable(const ResizeAxisParams& p, int64_t* index, double* weight, uint8_t* outside);

struct ResizeAxis {
  int64_t taps = 1;
  const int64_t* index = nullptr;  // (out, taps), each in [0, in)
  const double* weight = nullptr;  // (out, taps)
  const uint8_t* outside = nullptr;  // (out)
};

// Instantiated for float, double, Float16, BFloat16, int8..int64, uint8..uint64, bool
// (bool only through the nearest path; for other modes it is treated as 0/1).
template <class T>
void ResizeNd(const T* x, const int64_t* in_shape, const int64_t* out_shape, int rank,
              const ResizeAxis* axes, double extrapolation_value, T* y);

}  // namespace onnxi::kernels
