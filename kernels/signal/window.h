// Reference window functions and the mel filterbank matrix.
//
// CosineWindowRef: the generalized cosine window used by HannWindow (a0 = a1 = 0.5),
// HammingWindow (a0 = 25/46, a1 = 21/46) and BlackmanWindow (0.42, 0.5, 0.08):
//   y[i] = a0 - a1 cos(2 pi i / N) + a2 cos(4 pi i / N),   i < size,
//   N = size (periodic) or size - 1 (symmetric; N = 0 gives 0/0 = NaN like the spec's
//   function body, stored as 0 in integer outputs).
//
// MelWeightMatrixRef: y (dft_length / 2 + 1, num_mel_bins), row-major, fully written.
//   mel(f) = 2595 log10(1 + f / 700); num_mel_bins + 2 edge points are spaced by
//   (mel(upper) - mel(lower)) / (num_mel_bins + 2) from mel(lower) (the ONNX reference's
//   spacing), mapped back to Hz and to a bin floor((dft_length + 1) f / sample_rate).
//   Band m is the triangle rising from edge m to edge m + 1 (value 1) and falling to 0 at
//   edge m + 2. Rows outside [0, dft_length / 2] are skipped rather than written.
// Computed in double.
#pragma once

#include <cmath>
#include <cstdint>

#include "kernels/signal/signal_cast.h"

namespace onnxi::kernels {

struct CosineWindowParams {
  int64_t size = 0;
  bool periodic = true;
  double a0 = 0.5, a1 = 0.5, a2 = 0.0;
};

template <class T>
void CosineWindowRef(T* y, const CosineWindowParams& p) {
  constexpr double kTwoPi = 6.283185307179586476925286766559;
  const double n = static_cast<double>(p.periodic ? p.size : p.size - 1);
  for (int64_t i = 0; i < p.size; ++i) {
    const double a = kTwoPi * static_cast<double>(i) / n;
    y[i] = SignalFromDouble<T>(p.a0 - p.a1 * std::cos(a) + p.a2 * std::cos(2 * a));
  }
}

struct MelParams {
  int64_t num_mel_bins = 0;
  int64_t dft_length = 0;
  int64_t sample_rate = 1;
  double lower_hz = 0;
  double upper_hz = 0;
};

// Edge point m (0 <= m < num_mel_bins + 2) as a spectrogram bin index.
inline int64_t MelEdgeBin(const MelParams& p, int64_t m) {
  const double low = 2595.0 * std::log10(1.0 + p.lower_hz / 700.0);
  const double high = 2595.0 * std::log10(1.0 + p.upper_hz / 700.0);
  const double step = (high - low) / static_cast<double>(p.num_mel_bins + 2);
  const double hz = 700.0 * (std::pow(10.0, (low + step * static_cast<double>(m)) / 2595.0) - 1);
  return static_cast<int64_t>(
      std::floor(static_cast<double>(p.dft_length + 1) * hz / static_cast<double>(p.sample_rate)));
}

template <class T>
void MelWeightMatrixRef(T* y, const MelParams& p) {
  const int64_t rows = p.dft_length / 2 + 1;
  const int64_t cols = p.num_mel_bins;
  for (int64_t i = 0; i < rows * cols; ++i) y[i] = SignalFromDouble<T>(0.0);
  auto put = [&](int64_t row, int64_t col, double v) {
    if (row >= 0 && row < rows) y[row * cols + col] = SignalFromDouble<T>(v);
  };
  for (int64_t m = 0; m < cols; ++m) {
    const int64_t left = MelEdgeBin(p, m);
    const int64_t center = MelEdgeBin(p, m + 1);
    const int64_t right = MelEdgeBin(p, m + 2);
    if (center == left) {
      put(center, m, 1.0);
    } else {
      const int64_t lo = left > 0 ? left : 0, hi = center < rows - 1 ? center : rows - 1;
      for (int64_t j = lo; j <= hi; ++j) {
        put(j, m, static_cast<double>(j - left) / static_cast<double>(center - left));
      }
    }
    const int64_t lo = center > 0 ? center : 0, hi = right < rows ? right : rows;
    for (int64_t j = lo; j < hi; ++j) {
      put(j, m, static_cast<double>(right - j) / static_cast<double>(right - center));
    }
  }
}

}  // namespace onnxi::kernels
