// Winograd F(2x2, 3x3): the SIMD input/output transforms against the reference twins
// (bitwise: both only add and subtract) for every Isa this CPU runs, and the whole
// transform + SgemmRef + output pipeline against the direct reference conv (ConvDirectF32Ref)
// over odd and even H/W (edge tiles), widths around the vector sizes (tile +-1), pads 0..2
// (asymmetric), channels not multiples of the vector width, with bias, residual and
// activations. Transforms run split into two channel ranges as the op does; guard floats
// after v and y catch overruns.
#include "kernels/conv/winograd.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "kernels/conv/direct.h"
#include "kernels/gemm/sgemm.h"

namespace onnxi::kernels {
namespace {

constexpr float kGuard = 12345.0f;

void CheckWinograd(Isa isa, int64_t c, int64_t m, int64_t h, int64_t w, int64_t pt, int64_t pl,
                   int64_t pb, int64_t pr, bool res, Activation::Kind act, std::mt19937& rng) {
  WinogradParams p;
  p.channels = c;
  p.out_channels = m;
  p.in_h = h;
  p.in_w = w;
  p.pad_top = pt;
  p.pad_left = pl;
  p.out_h = h + pt + pb - 2;
  p.out_w = w + pl + pr - 2;
  if (p.out_h <= 0 || p.out_w <= 0) return;
  p.act.kind = act;
  p.act.alpha = act == Activation::Kind::kClip ? 0.0f : 0.1f;
  p.act.beta = 0.5f;
  p.act_fn = GetActivation(isa);
  const WinogradF32Fns fns = GetWinogradF32(isa);
  ASSERT_NE(fns.input, nullptr);
  const int64_t tiles = p.tiles(), out_size = m * p.out_h * p.out_w;
  std::uniform_real_distribution<float> dist(-1, 1);
  std::vector<float> x(c * h * w), wt(m * c * 9), b(m), z(out_size);
  for (auto* v : {&x, &wt, &b, &z}) {
    for (float& f : *v) f = dist(rng);
  }
  std::vector<float> work(WinogradWorkSize(p));
  std::vector<float> u(16 * m * c), v(16 * c * tiles + 1, kGuard), vr(16 * c * tiles + 1, kGuard);
  WinogradF23TransformWeights(wt.data(), m, c, u.data());
  const int64_t half = c / 2;
  fns.input(p, x.data(), 0, half, v.data(), work.data());
  fns.input(p, x.data(), half, c, v.data(), work.data());
  WinogradF23InputRef(p, x.data(), 0, c, vr.data(), work.data());
  ASSERT_EQ(v, vr) << "input transform " << IsaName(isa);
  std::vector<float> mm(16 * m * tiles);
  GemmParams g;
  g.m = m;
  g.n = tiles;
  g.k = c;
  g.lda = c;
  g.ldb = tiles;
  g.ldc = tiles;
  for (int xi = 0; xi < 16; ++xi) {
    SgemmRef(g, u.data() + xi * m * c, v.data() + xi * c * tiles, mm.data() + xi * m * tiles, {});
  }
  const float* zp = res ? z.data() : nullptr;
  std::vector<float> y(out_size + 1, kGuard), yr(out_size + 1, kGuard), want(out_size);
  fns.output(p, mm.data(), b.data(), zp, 0, m / 2, y.data(), work.data());
  fns.output(p, mm.data(), b.data(), zp, m / 2, m, y.data(), work.data());
  WinogradF23OutputRef(p, mm.data(), b.data(), zp, 0, m, yr.data(), work.data());
  DirectConvParams d;
  d.channels = c;
  d.out_channels = m;
  d.in_h = h;
  d.in_w = w;
  d.out_h = p.out_h;
  d.out_w = p.out_w;
  d.kernel = 3;
  d.stride = 1;
  d.pad_top = pt;
  d.pad_left = pl;
  d.act = p.act;
  ConvDirectF32Ref(d, x.data(), wt.data(), b.data(), zp, want.data());
  ASSERT_EQ(y[out_size], kGuard);
  for (int64_t i = 0; i < out_size; ++i) {
    // Activations other than Relu/Clip may differ by an ULP or so between Isas.
    ASSERT_NEAR(y[i], yr[i], 1e-6f * (1 + std::fabs(yr[i]))) << "output transform " << i;
    ASSERT_NEAR(y[i], want[i], 2e-5f * (1 + std::fabs(want[i])) * std::sqrt(float(c)))
        << IsaName(isa) << " c=" << c << " m=" << m << " h=" << h << " w=" << w << " at " << i;
  }
}

TEST(Winograd, TransformsMatchReferenceEveryIsa) {
  std::mt19937 rng(7);
  for (Isa isa : {Isa::kGeneric, Isa::kAvx2, Isa::kAvx512}) {
    if (!CpuSupports(isa)) continue;
    // Widths: tile counts around 4 / 8 / 16 lanes (tiles_w = ceil(out_w / 2)), odd and even.
    for (int64_t w : {1, 2, 3, 4, 7, 9, 16, 17, 18, 31, 33, 34, 35, 66}) {
      CheckWinograd(isa, 3, 5, 5, w, 1, 1, 1, 1, false, Activation::Kind::kNone, rng);
      CheckWinograd(isa, 17, 9, 6, w, 0, 0, 0, 0, true, Activation::Kind::kRelu, rng);
      CheckWinograd(isa, 5, 4, 7, w, 1, 2, 0, 1, true, Activation::Kind::kClip, rng);
    }
    for (int64_t h : {1, 2, 3, 4, 5, 8, 11}) {
      CheckWinograd(isa, 8, 7, h, 13, 1, 1, 1, 1, true, Activation::Kind::kSigmoid, rng);
      CheckWinograd(isa, 1, 1, h, 5, 2, 0, 1, 2, false, Activation::Kind::kLeakyRelu, rng);
    }
    CheckWinograd(isa, 64, 33, 28, 28, 1, 1, 1, 1, true, Activation::Kind::kRelu, rng);
  }
}

}  // namespace
}  // namespace onnxi::kernels
