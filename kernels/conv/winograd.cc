// Winograd F(2x2, 3x3): the weight transform, the reference twins of the input/output
// transforms and the choice per ISA (contract in winograd.h).
#include "kernels/conv/winograd.h"

#include "kernels/conv/winograd_impl.h"

namespace onnxi::kernels {

int64_t WinogradWorkSize(const WinogradParams& p) {
  const int64_t split = 2 * (2 * p.tiles_h() + 2) * p.half_len();  // even + odd planes
  return std::max(split, 4 * p.tiles_w());                          // four half rows
}

void WinogradF23TransformWeights(const float* w, int64_t out_channels, int64_t channels,
                                 float* u) {
  const int64_t stride = out_channels * channels;  // between xi matrices
  for (int64_t m = 0; m < out_channels; ++m) {
    for (int64_t c = 0; c < channels; ++c) {
      const float* g = w + (m * channels + c) * 9;
      float t[4][3];  // G g, column by column
      for (int j = 0; j < 3; ++j) {
        const float g0 = g[j], g1 = g[3 + j], g2 = g[6 + j];
        t[0][j] = g0;
        t[1][j] = 0.5f * (g0 + g1 + g2);
        t[2][j] = 0.5f * (g0 - g1 + g2);
        t[3][j] = g2;
      }
      float* dst = u + m * channels + c;
      for (int i = 0; i < 4; ++i) {  // (G g) G^T, row by row
        const float a = t[i][0], b = t[i][1], d = t[i][2];
        dst[(4 * i + 0) * stride] = a;
        dst[(4 * i + 1) * stride] = 0.5f * (a + b + d);
        dst[(4 * i + 2) * stride] = 0.5f * (a - b + d);
        dst[(4 * i + 3) * stride] = d;
      }
    }
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
