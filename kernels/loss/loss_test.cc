// Unit tests of the loss kernels against naive formulas written here.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "kernels/loss/loss.h"

namespace onnxi::kernels {
namespace {

TEST(LossKernelTest, NllMatchesNaiveForEveryReduction) {
  std::mt19937 rng(5);
  const int64_t n = 3, c = 4, d = 5;
  std::vector<float> x(n * c * d), w(c);
  std::vector<int64_t> t(n * d);
  for (auto& v : x) v = static_cast<float>(rng() % 100) / 10.0f - 5.0f;
  for (auto& v : w) v = static_cast<float>(rng() % 10 + 1) / 4.0f;
  for (auto& v : t) v = static_cast<int64_t>(rng() % c);
  t[2] = -7;  // ignored
  NllLossParams p;
  p.n = n;
  p.c = c;
  p.d = d;
  p.has_ignore = true;
  p.ignore_index = -7;
  EXPECT_EQ(FindBadTarget(t.data(), n * d, c, true, -7), -1);
  EXPECT_EQ(FindBadTarget(t.data(), n * d, c, false, 0), 2);
  double sum = 0, wsum = 0;
  std::vector<float> want(n * d);
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t j = 0; j < d; ++j) {
      const int64_t k = t[i * d + j];
      if (k == -7) {
        want[i * d + j] = 0;
        continue;
      }
      want[i * d + j] = -x[(i * c + k) * d + j] * w[k];
      sum += want[i * d + j];
      wsum += w[k];
    }
  }
  std::vector<float> out(n * d);
  p.reduction = LossReduction::kNone;
  NllLossRef(x.data(), t.data(), w.data(), p, out.data());
  for (int64_t i = 0; i < n * d; ++i) EXPECT_FLOAT_EQ(out[i], want[i]);
  p.reduction = LossReduction::kSum;
  NllLossRef(x.data(), t.data(), w.data(), p, out.data());
  EXPECT_NEAR(out[0], sum, 1e-4);
  p.reduction = LossReduction::kMean;
  NllLossRef(x.data(), t.data(), w.data(), p, out.data());
  EXPECT_NEAR(out[0], sum / wsum, 1e-5);
}

TEST(LossKernelTest, LogSoftmaxAxis1MatchesNaive) {
  const int64_t n = 2, c = 3, d = 1;
  const std::vector<double> x = {1, 2, 3, -1, 0, 1000};
  std::vector<double> y(6);
  LogSoftmaxAxis1Ref(x.data(), n, c, d, y.data());
  const double lse0 = std::log(std::exp(1.0) + std::exp(2.0) + std::exp(3.0));
  EXPECT_NEAR(y[0], 1 - lse0, 1e-12);
  EXPECT_NEAR(y[2], 3 - lse0, 1e-12);
  EXPECT_NEAR(y[5], 0.0, 1e-12);  // max-shifted: no overflow at 1000
  LogSoftmaxAxis1Ref(x.data(), 0, c, d, y.data());  // N = 0: nothing to do
}

}  // namespace
}  // namespace onnxi::kernels
