// The SIMD 2-D pooling kernels against the reference MaxPool / AveragePool / GlobalPool
// (pool.h) for every Isa this CPU runs: kernels 1..3 x 1..4, strides 1..3, begin pads below
// the kernel, end pads and ceil_mode-style overhang, widths around the vector sizes, and
// count_include_pad both ways. Guard floats after y catch overruns.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "kernels/pool/pool.h"
#include "kernels/pool/pool2d_f32.h"

namespace onnxi::kernels {
namespace {

constexpr float kGuard = 12345.0f;

std::vector<Isa> SimdIsas() {
  std::vector<Isa> isas;
  for (Isa isa : {Isa::kGeneric, Isa::kAvx2, Isa::kAvx512}) {
    if (CpuSupports(isa)) isas.push_back(isa);
  }
  return isas;
}

TEST(Pool2dF32, MatchesReference) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> dist(-1, 1);
  std::uniform_int_distribution<int> k3(1, 3), k4(1, 4), sz(1, 40);
  for (Isa isa : SimdIsas()) {
    for (int iter = 0; iter < 300; ++iter) {
      Pool2dParams p;
      p.channels = iter % 3;  // including 0 channels
      p.kh = k3(rng);
      p.kw = k4(rng);
      p.sh = k3(rng);
      p.sw = k3(rng);
      p.pad_top = rng() % p.kh;
      p.pad_left = rng() % p.kw;
      p.pad_bottom = rng() % p.kh;
      p.pad_right = rng() % p.kw;
      p.in_h = p.kh + sz(rng) % 9;
      p.in_w = p.kw + sz(rng) + (iter % 5 == 0 ? 30 : 0);
      if (iter == 1) {  // ResNet-50's MaxPool: 3x3, stride 2, pads 1 on 112x112
        p.kh = p.kw = 3;
        p.sh = p.sw = 2;
        p.pad_top = p.pad_left = p.pad_bottom = p.pad_right = 1;
        p.in_h = p.in_w = 112;
      }
      // ceil_mode sizing: the last window must start inside the input or the begin pad.
      const bool ceil = iter % 2 == 1;
      auto out = [&](int64_t in, int64_t pb, int64_t pe, int64_t k, int64_t s) {
        const int64_t span = in + pb + pe - k;
        int64_t o = (ceil ? (span + s - 1) / s : span / s) + 1;
        if (ceil && (o - 1) * s >= in + pb) --o;
        return o;
      };
      p.out_h = out(p.in_h, p.pad_top, p.pad_bottom, p.kh, p.sh);
      p.out_w = out(p.in_w, p.pad_left, p.pad_right, p.kw, p.sw);
      p.count_include_pad = iter % 4 < 2;
      PoolGeometry g;
      g.in[1] = p.in_h, g.in[2] = p.in_w, g.out[1] = p.out_h, g.out[2] = p.out_w;
      g.kernel[1] = p.kh, g.kernel[2] = p.kw, g.stride[1] = p.sh, g.stride[2] = p.sw;
      g.pad_begin[1] = p.pad_top, g.pad_begin[2] = p.pad_left;
      g.pad_end[1] = p.pad_bottom, g.pad_end[2] = p.pad_right;
      std::vector<float> x(p.channels * p.in_h * p.in_w);
      for (float& v : x) v = dist(rng);
      const int64_t n = p.channels * p.out_h * p.out_w;
      std::vector<float> scratch(Pool2dScratchFloats(p));
      for (bool max : {true, false}) {
        std::vector<float> want(n), got(n + 16, kGuard);
        if (max) {
          MaxPool(x.data(), p.channels, g, want.data(), nullptr, false);
          GetMaxPool2dF32(isa)(p, x.data(), got.data(), scratch.data());
        } else {
          AveragePool(x.data(), p.channels, g, p.count_include_pad, want.data());
          GetAveragePool2dF32(isa)(p, x.data(), got.data(), scratch.data());
        }
        for (int64_t i = 0; i < n; ++i) {
          if (max) {
            ASSERT_EQ(got[i], want[i]) << IsaName(isa) << " iter " << iter << " at " << i;
          } else {
            ASSERT_NEAR(got[i], want[i], 1e-6f) << IsaName(isa) << " iter " << iter << " at " << i;
          }
        }
        for (int i = 0; i < 16; ++i) ASSERT_EQ(got[n + i], kGuard) << "overrun, iter " << iter;
      }
    }
  }
  EXPECT_EQ(GetMaxPool2dF32(Isa::kReference), nullptr);
}

TEST(GlobalAveragePoolF32, MatchesReference) {
  std::mt19937 rng(4);
  std::uniform_real_distribution<float> dist(-1, 1);
  for (Isa isa : SimdIsas()) {
    for (int64_t inner : {0, 1, 3, 4, 7, 8, 15, 16, 17, 31, 33, 49, 196}) {
      const int64_t c = 5;
      std::vector<float> x(c * inner), want(c), got(c + 4, kGuard);
      for (float& v : x) v = dist(rng);
      GlobalPool(x.data(), c, inner, GlobalPoolKind::kAverage, 0.0, want.data());
      GetGlobalAveragePoolF32(isa)(x.data(), c, inner, got.data());
      for (int64_t i = 0; i < c; ++i) {
        if (inner == 0) {
          EXPECT_TRUE(std::isnan(got[i]));
        } else {
          ASSERT_NEAR(got[i], want[i], 1e-6f) << IsaName(isa) << " inner " << inner;
        }
      }
      for (int i = 0; i < 4; ++i) ASSERT_EQ(got[c + i], kGuard);
    }
  }
}

}  // namespace
}  // namespace onnxi::kernels
