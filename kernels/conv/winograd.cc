// Winograd F(2x2, 3x3): the weight transform, the reference twins of the input/output
// transforms and the choice per ISA (contract in winograd.h).
#include "kernels/conv/winograd.h"

#include "kernels/conv/winograd_impl.h"

namespace onnxi::kernels {

int64_t WinogradWorkSize(const WinogradParams& p) {
  const int64_t split = 2 * (2 * p.tiles_h() + 2) * p.half_len();  // even + odd planes
  return std::max(split, 4 * p.tiles_w());                          // four half rows
}

void WinogradF23TransformWeightsOne(const float* w, int64_t out_channels, int64_t channels,
                                    int xi, float* u) {
  const int i = xi / 4, j = xi % 4;
  for (int64_t m = 0; m < out_channels; ++m) {
    for (int64_t c = 0; c < channels; ++c) {
      const float* g = w + (m * channels + c) * 9;
      float t[3];  // row i of G g
      for (int k = 0; k < 3; ++k) {
        const float g0 = g[k], g1 = g[3 + k], g2 = g[6 + k];
        t[k] = i == 0 ? g0 : i == 1 ? 0.5f * (g0 + g1 + g2) : i == 2 ? 0.5f * (g0 - g1 + g2) : g2;
      }
      const float a = t[0], b = t[1], d = t[2];  // entry j of (G g) G^T's row i
      u[m * channels + c] = j == 0 ? a : j == 1 ? 0.5f * (a + b + d) : j == 2 ? 0.5f * (a - b + d) : d;
    }
  }
}

void WinogradF23TransformWeights(const float* w, int64_t out_channels, int64_t channels,
                                 float* u) {
  for (int xi = 0; xi < 16; ++xi) {
    WinogradF23TransformWeightsOne(w, out_channels, channels, xi,
                                   u + xi * out_channels * channels);
  }
}

void WinogradF23InputRef(const WinogradParams& p, const float* x, int64_t c0, int64_t c1,
                         float* v, float* work) {
  winograd_impl::Input<void>(p, x, c0, c1, v, work);
}

void WinogradF23OutputRef(const WinogradParams& p, const float* m, const float* bias,
                          const float* residual, int64_t o0, int64_t o1, float* y, float* work) {
  winograd_impl::Output<void>(p, m, bias, residual, o0, o1, y, work);
}

WinogradF32Fns GetWinogradF32(Isa isa) {
  switch (isa) {
    case Isa::kReference:
      return {};
    case Isa::kGeneric:
      return WinogradF32FnsGeneric();
    case Isa::kAvx2:
      return WinogradF32FnsAvx2();
    case Isa::kAvx512:
      return WinogradF32FnsAvx512();
  }
  return {};
}

}  // namespace onnxi::kernels
