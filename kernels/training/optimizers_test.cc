// Optimizer kernels against the spec formulas evaluated by hand-written loops, including
// in-place updates (outputs aliasing inputs) and omitted outputs.
#include "kernels/training/optimizers.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace onnxi::kernels {
namespace {

TEST(OptimizerKernels, AdagradStep) {
  OptimizerParams p;
  p.epsilon = 1e-5;
  p.norm_coefficient = 0.001;
  p.rate = AdagradRate(0.1, 3, 0.1);  // 0.1 / 1.3
  std::vector<double> x = {1.0, -2.0}, g = {-1.0, 0.5}, h = {2.0, 0.0};
  std::vector<double> xn(2), hn(2);
  AdagradRef<double>(p, 2, x.data(), g.data(), h.data(), xn.data(), hn.data());
  for (int i = 0; i < 2; ++i) {
    const double gr = 0.001 * x[i] + g[i];
    const double hh = h[i] + gr * gr;
    EXPECT_DOUBLE_EQ(hn[i], hh);
    EXPECT_DOUBLE_EQ(xn[i], x[i] - 0.1 / 1.3 * gr / (std::sqrt(hh) + 1e-5));
  }
}

TEST(OptimizerKernels, AdamBiasCorrectionAndInPlace) {
  EXPECT_DOUBLE_EQ(AdamRate(0.1, 0, 0.9, 0.999), 0.1);
  EXPECT_DOUBLE_EQ(AdamRate(0.1, 2, 0.9, 0.999), 0.1 * std::sqrt(1 - 0.999 * 0.999) / (1 - 0.81));
  OptimizerParams p;
  p.alpha = 0.9, p.beta = 0.999, p.epsilon = 1e-6, p.norm_coefficient_post = 0.1;
  p.rate = 0.05;
  std::vector<float> x = {1.0f, 3.0f}, g = {0.5f, -1.0f}, v = {0.1f, 0.2f}, h = {0.3f, 0.4f};
  const std::vector<float> x0 = x, v0 = v, h0 = h;
  AdamRef<float>(p, 2, x.data(), g.data(), v.data(), h.data(), x.data(), v.data(), h.data());
  for (int i = 0; i < 2; ++i) {
    const double vn = 0.9 * v0[i] + 0.1 * g[i];
    const double hn = 0.999 * h0[i] + 0.001 * g[i] * g[i];
    EXPECT_NEAR(v[i], vn, 1e-7);
    EXPECT_NEAR(h[i], hn, 1e-7);
    EXPECT_NEAR(x[i], 0.9 * (x0[i] - 0.05 * vn / (std::sqrt(hn) + 1e-6)), 1e-6);
  }
}

TEST(OptimizerKernels, MomentumStandardAndNesterov) {
  for (bool nesterov : {false, true}) {
    OptimizerParams p;
    p.alpha = 0.95, p.beta = 0.1, p.norm_coefficient = 0.01, p.rate = 0.2;
    p.nesterov = nesterov;
    const double x = 1.2, g = -0.7, v = 0.3;
    double xn = 0, vn = 0;
    MomentumRef<double>(p, 1, &x, &g, &v, &xn, &vn);
    const double gr = 0.01 * x + g, want_v = 0.95 * v + 0.1 * gr;
    EXPECT_DOUBLE_EQ(vn, want_v);
    EXPECT_DOUBLE_EQ(xn, nesterov ? x - 0.2 * (gr + 0.95 * want_v) : x - 0.2 * want_v);
    // Omitted V output: X is still updated.
    double xn2 = 0;
    MomentumRef<double>(p, 1, &x, &g, &v, &xn2, nullptr);
    EXPECT_DOUBLE_EQ(xn2, xn);
  }
  double none = 0;
  MomentumRef<double>({}, 0, &none, &none, &none, &none, &none);  // n == 0
}

}  // namespace
}  // namespace onnxi::kernels
