// Reference GridSample (ONNX opsets 16, 20, 22) over r spatial dims, r <= kGridMaxRank.
//
// Shapes: x (N, C, D1..Dr), grid (N, O1..Or, r), y (N, C, O1..Or), dense row-major.
// grid[n, o, :] holds normalized coordinates in reverse axis order (the last component
// addresses Dr, the innermost axis), as PyTorch's grid_sample.
// Denormalization per axis of length d:
//   align_corners: x = (g + 1) / 2 * (d - 1)        (the corner pixels' centers are -1, 1)
//   otherwise:     x = ((g + 1) * d - 1) / 2        (the image's edges are -1, 1)
// Modes: nearest rounds x half to even (as the ONNX reference and its test data);
// linear uses taps floor(x), floor(x)+1; cubic taps floor(x)-1..floor(x)+2 with Keys' kernel
// (a = -0.75). A coordinate outside the border range ([0, d-1] aligned, [-0.5, d-0.5]
// otherwise) is first clamped to [0, d-1] (padding border) or reflected into the range
// (padding reflection). Taps outside [0, d) then read 0 (zeros), the clamped index (border)
// or the reflected index (reflection).
// Arithmetic is in double; the result converts back to T (integers round to nearest).
#pragma once

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>

#include "kernels/image/convert.h"

namespace onnxi::kernels {

inline constexpr int kGridMaxRank = 8;

enum class GridMode { kNearest, kLinear, kCubic };
enum class GridPadding { kZeros, kBorder, kReflection };

struct GridSampleParams {
  int64_t batch = 0, channels = 0;
  int rank = 2;
  int64_t in[kGridMaxRank] = {};   // D1..Dr
  int64_t out[kGridMaxRank] = {};  // O1..Or
  GridMode mode = GridMode::kLinear;
  GridPadding padding = GridPadding::kZeros;
  bool align_corners = false;
};

// Reflects x into [lo, hi] by folding at the nearer border until it lies inside.
inline double GridReflect(double x, double lo, double hi) {
  const double range = hi - lo;
  if (range <= 0) return lo;
  if (x < lo) {
    const double dx = lo - x;
    const double n = std::floor(dx / range);
    const double r = dx - n * range;
    return std::fmod(n, 2.0) == 0 ? lo + r : hi - r;
  }
  if (x > hi) {
    const double dx = x - hi;
    const double n = std::floor(dx / range);
    const double r = dx - n * range;
    return std::fmod(n, 2.0) == 0 ? hi - r : lo + r;
  }
  return x;
}

inline double GridCubic(double d) {
  constexpr double a = -0.75;
  d = std::fabs(d);
  if (d <= 1) return ((a + 2) * d - (a + 3)) * d * d + 1;
  if (d < 2) return ((a * d - 5 * a) * d + 8 * a) * d - 4 * a;
  return 0.0;
}

template <class T, class G>
void GridSample(const T* x, const G* grid, const GridSampleParams& p, T* y) {
  const int r = p.rank;
  assert(r >= 1 && r <= kGridMaxRank);
  int64_t in_size = 1, out_size = 1;
  int64_t stride[kGridMaxRank];
  for (int d = r - 1; d >= 0; --d) {
    stride[d] = in_size;
    in_size *= p.in[d];
    out_size *= p.out[d];
  }
  const int taps = p.mode == GridMode::kNearest ? 1 : p.mode == GridMode::kLinear ? 2 : 4;
  int64_t idx[kGridMaxRank][4];
  double w[kGridMaxRank][4];
  bool valid[kGridMaxRank][4];
  for (int64_t n = 0; n < p.batch; ++n) {
    for (int64_t o = 0; o < out_size; ++o) {
      const G* g = grid + (n * out_size + o) * r;
      for (int d = 0; d < r; ++d) {
        const double len = static_cast<double>(p.in[d]);
        const double gn = static_cast<double>(static_cast<float>(g[r - 1 - d]));
        double c = p.align_corners ? (gn + 1) / 2 * (len - 1) : ((gn + 1) * len - 1) / 2;
        const double lo = p.align_corners ? 0.0 : -0.5;
        const double hi = p.align_corners ? len - 1 : len - 0.5;
        if (p.mode == GridMode::kNearest) {
          c = std::nearbyint(c);
        }
        if (c < lo || c > hi) {
          if (p.padding == GridPadding::kBorder) c = std::clamp(c, 0.0, len - 1);
          if (p.padding == GridPadding::kReflection) c = GridReflect(c, lo, hi);
        }
        // NaN or huge coordinates must not reach the integer conversions below.
        if (!(c > -1e15)) c = -1e15;
        if (c > 1e15) c = 1e15;
        const double f = std::floor(c);
        const int64_t base = static_cast<int64_t>(f) - (taps == 4 ? 1 : 0);
        for (int k = 0; k < taps; ++k) {
          int64_t i = taps == 1 ? static_cast<int64_t>(c) : base + k;
          if (taps == 1) {
            w[d][k] = 1;
          } else if (taps == 2) {
            w[d][k] = k == 0 ? 1 - (c - f) : c - f;
          } else {
            w[d][k] = GridCubic(c - static_cast<double>(i));
          }
          valid[d][k] = true;
          if (i < 0 || i >= p.in[d]) {
            if (p.padding == GridPadding::kZeros) {
              valid[d][k] = false;
            } else if (p.padding == GridPadding::kReflection) {
              i = static_cast<int64_t>(GridReflect(static_cast<double>(i), lo, hi));
            }
            i = std::clamp<int64_t>(i, 0, p.in[d] - 1);
          }
          idx[d][k] = i;
        }
      }
      for (int64_t c = 0; c < p.channels; ++c) {
        const T* xc = x + (n * p.channels + c) * in_size;
        double acc = 0;
        int t[kGridMaxRank] = {};
        while (true) {
          double wt = 1;
          int64_t off = 0;
          bool ok = true;
          for (int d = 0; d < r; ++d) {
            ok = ok && valid[d][t[d]];
            wt *= w[d][t[d]];
            off += idx[d][t[d]] * stride[d];
          }
          if (ok && wt != 0) acc += wt * ToDouble(xc[off]);
          int d = r - 1;
          while (d >= 0 && ++t[d] == taps) t[d--] = 0;
          if (d < 0) break;
        }
        y[(n * p.channels + c) * out_size + o] = FromDouble<T>(acc);
      }
    }
  }
}

}  // namespace onnxi::kernels
