// Tests of the reference softmax and normalization kernels against naive loops written here,
// on sizes 0, 1 and odd shapes with random data, plus float16 storage for softmax.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "kernels/normalization/batch_norm.h"
#include "kernels/normalization/group_norm.h"
#include "kernels/normalization/instance_norm.h"
#include "kernels/normalization/layer_norm.h"
#include "kernels/normalization/lp_norm.h"
#include "kernels/normalization/lrn.h"
#include "kernels/normalization/mean_variance_norm.h"
#include "kernels/normalization/softmax.h"

namespace onnxi::kernels {
namespace {

std::vector<float> Random(int64_t n, uint32_t seed, float lo = -3, float hi = 3) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(lo, hi);
  std::vector<float> v(n);
  for (auto& x : v) x = dist(rng);
  return v;
}

TEST(SoftmaxRefTest, AllKindsMatchNaiveLoop) {
  for (int64_t outer : {0, 1, 3}) {
    for (int64_t n : {1, 2, 7}) {
      for (int64_t inner : {1, 4}) {
        std::vector<float> x = Random(outer * n * inner, 11);
        if (!x.empty()) x[0] = 1000.f;  // large values must not overflow
        for (SoftmaxKind kind :
             {SoftmaxKind::kSoftmax, SoftmaxKind::kLogSoftmax, SoftmaxKind::kHardmax}) {
          SoftmaxParams p{outer, n, inner, kind};
          std::vector<float> y(x.size() + 1, -7.f);
          SoftmaxRef<float>(x.data(), y.data(), p);
          for (int64_t o = 0; o < outer; ++o) {
            for (int64_t i = 0; i < inner; ++i) {
              auto at = [&](int64_t j) { return (o * n + j) * inner + i; };
              double m = x[at(0)];
              int64_t arg = 0;
              for (int64_t j = 1; j < n; ++j) {
                if (x[at(j)] > m) m = x[at(j)], arg = j;
              }
              double s = 0;
              for (int64_t j = 0; j < n; ++j) s += std::exp(x[at(j)] - m);
              for (int64_t j = 0; j < n; ++j) {
                double want = kind == SoftmaxKind::kSoftmax      ? std::exp(x[at(j)] - m) / s
                              : kind == SoftmaxKind::kLogSoftmax ? x[at(j)] - m - std::log(s)
                                                                 : (j == arg ? 1.0 : 0.0);
                EXPECT_NEAR(y[at(j)], want, 1e-5 * (1 + std::fabs(want)));
              }
            }
          }
          EXPECT_EQ(y.back(), -7.f);
        }
      }
    }
  }
}

TEST(SoftmaxRefTest, Float16StorageRoundsOnce) {
  std::vector<Float16> x = {Float16(1.f), Float16(2.f), Float16(3.f)};
  std::vector<Float16> y(3);
  SoftmaxRef<Float16>(x.data(), y.data(), SoftmaxParams{1, 3, 1, SoftmaxKind::kSoftmax});
  const double s = std::exp(-2.0) + std::exp(-1.0) + 1;
  EXPECT_NEAR(static_cast<float>(y[2]), 1 / s, 1e-3);
}

TEST(BatchNormRefTest, InferenceAndTrainingMatchNaiveLoop) {
  const int64_t n = 3, c = 4, s = 5;
  std::vector<float> x = Random(n * c * s, 1);
  std::vector<float> scale = Random(c, 2), bias = Random(c, 3), mean = Random(c, 4);
  std::vector<float> var = Random(c, 5, 0.1f, 2.f);
  const double eps = 1e-3;
  std::vector<double> a(c), b(c);
  BatchNormCoefficients<float, float>(scale.data(), bias.data(), mean.data(), var.data(), c, eps,
                                      a.data(), b.data());
  std::vector<float> y(x.size());
  ChannelAffine<float>(x.data(), y.data(), a.data(), b.data(), n, c, s);
  for (int64_t i = 0; i < n * c * s; ++i) {
    const int64_t ch = i / s % c;
    double want = scale[ch] * (x[i] - mean[ch]) / std::sqrt(var[ch] + eps) + bias[ch];
    EXPECT_NEAR(y[i], want, 1e-5 * (1 + std::fabs(want)));
  }
  std::vector<double> bm(c), bv(c);
  ChannelMeanVar<float>(x.data(), n, c, s, bm.data(), bv.data());
  for (int64_t ch = 0; ch < c; ++ch) {
    double sum = 0, sq = 0;
    for (int64_t i = 0; i < n; ++i) {
      for (int64_t k = 0; k < s; ++k) sum += x[(i * c + ch) * s + k];
    }
    const double m = sum / (n * s);
    for (int64_t i = 0; i < n; ++i) {
      for (int64_t k = 0; k < s; ++k) sq += std::pow(x[(i * c + ch) * s + k] - m, 2);
    }
    EXPECT_NEAR(bm[ch], m, 1e-9);
    EXPECT_NEAR(bv[ch], sq / (n * s), 1e-9);
  }
  std::vector<float> running(c);
  BatchNormRunningStat<float>(mean.data(), bm.data(), 0.9, c, running.data());
  EXPECT_NEAR(running[1], mean[1] * 0.9 + bm[1] * 0.1, 1e-6);
}

TEST(InstanceNormRefTest, MatchesNaiveLoop) {
  for (int64_t sp : {1, 9}) {
    const int64_t n = 2, c = 3;
    std::vector<float> x = Random(n * c * sp, 6), scale = Random(c, 7), bias = Random(c, 8);
    std::vector<float> y(x.size());
    InstanceNormRef<float>(x.data(), scale.data(), bias.data(), y.data(), n, c, sp, 1e-5);
    for (int64_t p = 0; p < n * c; ++p) {
      double m = 0, v = 0;
      for (int64_t k = 0; k < sp; ++k) m += x[p * sp + k] / double(sp);
      for (int64_t k = 0; k < sp; ++k) v += std::pow(x[p * sp + k] - m, 2) / double(sp);
      for (int64_t k = 0; k < sp; ++k) {
        double want = scale[p % c] * (x[p * sp + k] - m) / std::sqrt(v + 1e-5) + bias[p % c];
        EXPECT_NEAR(y[p * sp + k], want, 1e-4 * (1 + std::fabs(want)));
      }
    }
  }
}

TEST(LayerNormRefTest, LayerAndRmsMatchNaiveLoop) {
  const int64_t outer = 3, n = 10;
  std::vector<float> x = Random(outer * n, 9), scale = Random(5, 10), bias = Random(n, 11);
  for (bool rms : {false, true}) {
    // scale has the last dim (5) of a (2, 5) block: it repeats along the block.
    LayerNormParams p{outer, n, 5, n, 1e-5, rms};
    std::vector<float> y(x.size()), mean(outer), inv(outer);
    LayerNormRef<float, float, float>(x.data(), scale.data(), rms ? nullptr : bias.data(),
                                      y.data(), mean.data(), inv.data(), p);
    for (int64_t o = 0; o < outer; ++o) {
      double m = 0, v = 0;
      if (!rms) {
        for (int64_t j = 0; j < n; ++j) m += x[o * n + j] / double(n);
      }
      for (int64_t j = 0; j < n; ++j) v += std::pow(x[o * n + j] - m, 2) / double(n);
      const double inv_std = 1 / std::sqrt(v + 1e-5);
      EXPECT_NEAR(inv[o], inv_std, 1e-4 * inv_std);
      for (int64_t j = 0; j < n; ++j) {
        double want = (x[o * n + j] - m) * inv_std * scale[j % 5] + (rms ? 0 : bias[j]);
        EXPECT_NEAR(y[o * n + j], want, 1e-4 * (1 + std::fabs(want)));
      }
    }
  }
}

TEST(LrnRefTest, MatchesNaiveLoop) {
  for (int64_t size : {1, 2, 3, 5}) {
    LrnParams p{2, 5, 3, size, 1e-2, 0.75, 2.0};
    std::vector<float> x = Random(p.n * p.channels * p.spatial, 12);
    std::vector<float> y(x.size());
    LrnRef<float>(x.data(), y.data(), p);
    for (int64_t i = 0; i < p.n; ++i) {
      for (int64_t c = 0; c < p.channels; ++c) {
        for (int64_t s = 0; s < p.spatial; ++s) {
          double sq = 0;
          for (int64_t k = c - (size - 1) / 2; k <= c + size / 2; ++k) {
            if (k >= 0 && k < p.channels) sq += std::pow(x[(i * p.channels + k) * p.spatial + s], 2);
          }
          const int64_t at = (i * p.channels + c) * p.spatial + s;
          double want = x[at] / std::pow(p.bias + p.alpha / size * sq, p.beta);
          EXPECT_NEAR(y[at], want, 1e-5 * (1 + std::fabs(want)));
        }
      }
    }
  }
}

TEST(MeanVarianceNormRefTest, PerChannelOfNchw) {
  const int64_t dims[4] = {2, 3, 2, 5};
  const bool reduced[4] = {true, false, true, true};
  ReduceGeometry g;
  ASSERT_TRUE(MakeReduceGeometry(4, dims, reduced, &g));
  std::vector<float> x = Random(2 * 3 * 2 * 5, 13), y(x.size());
  MeanVarianceNormRef<float>(x.data(), y.data(), g, 1e-9);
  for (int64_t c = 0; c < 3; ++c) {
    double m = 0, v = 0;
    const int64_t cnt = 2 * 10;
    for (int64_t n = 0; n < 2; ++n) {
      for (int64_t k = 0; k < 10; ++k) m += x[(n * 3 + c) * 10 + k] / double(cnt);
    }
    for (int64_t n = 0; n < 2; ++n) {
      for (int64_t k = 0; k < 10; ++k) v += std::pow(x[(n * 3 + c) * 10 + k] - m, 2) / cnt;
    }
    for (int64_t n = 0; n < 2; ++n) {
      for (int64_t k = 0; k < 10; ++k) {
        const int64_t at = (n * 3 + c) * 10 + k;
        EXPECT_NEAR(y[at], (x[at] - m) / std::sqrt(v + 1e-9), 1e-4);
      }
    }
  }
}

TEST(LpNormRefTest, P1AndP2MatchNaiveLoop) {
  const int64_t outer = 2, n = 3, inner = 4;
  std::vector<float> x = Random(outer * n * inner, 14);
  for (int p : {1, 2}) {
    std::vector<float> y(x.size());
    LpNormRef<float>(x.data(), y.data(), LpNormParams{outer, n, inner, p});
    for (int64_t o = 0; o < outer; ++o) {
      for (int64_t i = 0; i < inner; ++i) {
        double norm = 0;
        for (int64_t j = 0; j < n; ++j) {
          double v = x[(o * n + j) * inner + i];
          norm += p == 1 ? std::fabs(v) : v * v;
        }
        if (p == 2) norm = std::sqrt(norm);
        for (int64_t j = 0; j < n; ++j) {
          const int64_t at = (o * n + j) * inner + i;
          EXPECT_NEAR(y[at], x[at] / norm, 1e-5);
        }
      }
    }
  }
}

TEST(LpNormRefTest, AllZeroSliceGivesZeroNotNan) {
  // (outer 1, n 3, inner 2): column 0 is all zeros, column 1 is (3, 0, 4).
  const std::vector<float> x = {0, 3, 0, 0, 0, 4};
  for (int p : {1, 2}) {
    std::vector<float> y(x.size(), -7.f);
    LpNormRef<float>(x.data(), y.data(), LpNormParams{1, 3, 2, p});
    const double norm = p == 1 ? 7.0 : 5.0;
    for (int64_t j = 0; j < 3; ++j) {
      EXPECT_EQ(y[j * 2], 0.f) << "p " << p << " j " << j;
      EXPECT_NEAR(y[j * 2 + 1], x[j * 2 + 1] / norm, 1e-6);
    }
  }
}

TEST(GroupNormRefTest, PerGroupAndPerChannelParamsMatchNaiveLoop) {
  for (int64_t n : {0, 1, 2}) {
    for (int64_t groups : {1, 2, 3, 6}) {
      for (int64_t spatial : {0, 1, 5}) {
        for (bool per_group : {false, true}) {
          const int64_t c = 6, cg = c / groups;
          std::vector<float> x = Random(n * c * spatial, 15);
          std::vector<float> scale = Random(per_group ? groups : c, 16);
          std::vector<float> bias = Random(per_group ? groups : c, 17);
          std::vector<float> y(x.size() + 1, -7.f);
          GroupNormRef<float>(x.data(), scale.data(), bias.data(), y.data(),
                              GroupNormParams{n, c, groups, spatial, 1e-3, per_group});
          for (int64_t i = 0; i < n; ++i) {
            for (int64_t g = 0; g < groups; ++g) {
              auto at = [&](int64_t k, int64_t s) { return ((i * c) + g * cg + k) * spatial + s; };
              double m = 0, v = 0;
              const double cnt = double(cg * spatial);
              for (int64_t k = 0; k < cg; ++k) {
                for (int64_t s = 0; s < spatial; ++s) m += x[at(k, s)] / cnt;
              }
              for (int64_t k = 0; k < cg; ++k) {
                for (int64_t s = 0; s < spatial; ++s) v += std::pow(x[at(k, s)] - m, 2) / cnt;
              }
              for (int64_t k = 0; k < cg; ++k) {
                const int64_t pi = per_group ? g : g * cg + k;
                for (int64_t s = 0; s < spatial; ++s) {
                  double want = scale[pi] * (x[at(k, s)] - m) / std::sqrt(v + 1e-3) + bias[pi];
                  EXPECT_NEAR(y[at(k, s)], want, 1e-4 * (1 + std::fabs(want)));
                }
              }
            }
          }
          EXPECT_EQ(y.back(), -7.f);
        }
      }
    }
  }
}

TEST(GroupNormRefTest, InPlace) {
  std::vector<float> x = Random(2 * 4 * 3, 18), scale = Random(4, 19), bias = Random(4, 20);
  GroupNormParams p{2, 4, 2, 3, 1e-5, false};
  std::vector<float> want(x.size());
  GroupNormRef<float>(x.data(), scale.data(), bias.data(), want.data(), p);
  GroupNormRef<float>(x.data(), scale.data(), bias.data(), x.data(), p);
  for (size_t i = 0; i < x.size(); ++i) EXPECT_EQ(x[i], want[i]);
}

}  // namespace
}  // namespace onnxi::kernels
