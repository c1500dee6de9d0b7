// Pooling kernels against naive 2-D loops with pads, strides, dilations and ceil-mode
// overhang; max-pool indices in both storage orders; global pools.
#include "kernels/pool/pool.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace onnxi::kernels {
namespace {


PoolGeometry Random2D(std::mt19937& rng) {
  std::uniform_int_distribution<int> small(1, 3), size(1, 6), pad(0, 1);
  PoolGeometry g;
  for (int i = 1; i < 3; ++i) {
    g.kernel[i] = small(rng);
    g.stride[i] = small(rng);
    g.dilation[i] = small(rng);
    g.pad_begin[i] = std::min<int64_t>(pad(rng), g.kernel[i] - 1);
    g.pad_end[i] = std::min<int64_t>(pad(rng), g.kernel[i] - 1);
    const int64_t dk = (g.kernel[i] - 1) * g.dilation[i] + 1;
    g.in[i] = dk + size(rng) - 1;
    // ceil mode: one extra output if the window still starts inside input + begin pad.
    const int64_t span = g.in[i] + g.pad_begin[i] + g.pad_end[i] - dk;
    g.out[i] = (span + g.stride[i] - 1) / g.stride[i] + 1;
    if ((g.out[i] - 1) * g.stride[i] >= g.in[i] + g.pad_begin[i]) --g.out[i];
  }
  return g;
}

TEST(PoolTest, MatchesNaive2D) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> dist(-5, 5);
  for (int iter = 0; iter < 60; ++iter) {
    const PoolGeometry g = Random2D(rng);
    const int64_t ch = 1 + iter % 3;
    const int64_t h = g.in[1], w = g.in[2], oh = g.out[1], ow = g.out[2];
    std::vector<float> x(ch * h * w);
    for (float& v : x) v = dist(rng);
    std::vector<float> ymax(ch * oh * ow), yavg(ch * oh * ow), yavg_inc(ch * oh * ow),
        ylp(ch * oh * ow);
    std::vector<int64_t> idx(ch * oh * ow), idx_col(ch * oh * ow);
    std::vector<float> scratch(ch * oh * ow);
    MaxPool(x.data(), ch, g, ymax.data(), idx.data(), false);
    MaxPool(x.data(), ch, g, scratch.data(), idx_col.data(), true);
    AveragePool(x.data(), ch, g, false, yavg.data());
    AveragePool(x.data(), ch, g, true, yavg_inc.data());
    LpPool(x.data(), ch, g, 2.0, ylp.data());
    for (int64_t c = 0; c < ch; ++c) {
      for (int64_t a = 0; a < oh; ++a) {
        for (int64_t b = 0; b < ow; ++b) {
          double best = -INFINITY, sum = 0, sq = 0;
          int64_t best_i = -1, best_j = -1, count = 0, count_pad = 0;
          for (int64_t ka = 0; ka < g.kernel[1]; ++ka) {
            for (int64_t kb = 0; kb < g.kernel[2]; ++kb) {
              const int64_t i = a * g.stride[1] - g.pad_begin[1] + ka * g.dilation[1];
              const int64_t j = b * g.stride[2] - g.pad_begin[2] + kb * g.dilation[2];
              if (i < h + g.pad_end[1] && j < w + g.pad_end[2]) ++count_pad;
              if (i < 0 || i >= h || j < 0 || j >= w) continue;
              const double v = x[(c * h + i) * w + j];
              if (v > best) {
                best = v;
                best_i = i;
                best_j = j;
              }
              sum += v;
              sq += v * v;
              ++count;
            }
          }
          const int64_t o = (c * oh + a) * ow + b;
          ASSERT_GE(best_i, 0);
          ASSERT_EQ(ymax[o], static_cast<float>(best)) << "iter " << iter;
          ASSERT_EQ(idx[o], c * h * w + best_i * w + best_j);
          ASSERT_EQ(idx_col[o], c * h * w + best_j * h + best_i);
          ASSERT_NEAR(yavg[o], sum / count, 1e-5);
          ASSERT_NEAR(yavg_inc[o], sum / count_pad, 1e-5);
          ASSERT_NEAR(ylp[o], std::sqrt(sq), 1e-4);
        }
      }
    }
  }
}

TEST(PoolTest, MaxPoolUint8) {
  PoolGeometry g;
  g.in[2] = 5;
  g.kernel[2] = 2;
  g.stride[2] = 2;
  g.out[2] = 3;
  g.pad_end[2] = 1;
  const uint8_t x[5] = {1, 200, 7, 3, 255};
  uint8_t y[3];
  MaxPool(x, 1, g, y, nullptr, false);
  EXPECT_EQ(y[0], 200);
  EXPECT_EQ(y[1], 7);
  EXPECT_EQ(y[2], 255);
}

TEST(PoolTest, Global) {
  const float x[6] = {1, -2, 3, 4, 5, -6};
  float y[2];
  GlobalPool(x, 2, 3, GlobalPoolKind::kMax, 2, y);
  EXPECT_EQ(y[0], 3);
  EXPECT_EQ(y[1], 5);
  GlobalPool(x, 2, 3, GlobalPoolKind::kAverage, 2, y);
  EXPECT_FLOAT_EQ(y[0], 2.0f / 3);
  EXPECT_FLOAT_EQ(y[1], 1);
  GlobalPool(x, 2, 3, GlobalPoolKind::kLp, 2, y);
  EXPECT_FLOAT_EQ(y[0], std::sqrt(14.0f));
  EXPECT_FLOAT_EQ(y[1], std::sqrt(77.0f));
}

}  // namespace
}  // namespace onnxi::kernels
