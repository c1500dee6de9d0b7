// Swish and SwiGLU kernels against naive double-precision loops written here from the ONNX
// formulas, on sizes 0, 1, odd sizes and random data, with guard elements behind the output,
// plus the extremes the header promises (no NaN for huge |alpha*x|) and in-place use.
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "kernels/elementwise/unary_swish.h"

namespace onnxi::kernels {
namespace {

const int64_t kSizes[] = {0, 1, 7, 33, 130};
constexpr int kGuard = 4;
constexpr float kGuardValue = 12345.0f;

std::vector<float> RandomFloats(int64_t n, uint32_t seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> dist(-8.0f, 8.0f);
  std::vector<float> v(n);
  for (auto& x : v) x = dist(gen);
  return v;
}

double NaiveSwish(double x, double alpha) { return x / (1 + std::exp(-alpha * x)); }

TEST(SwishKernel, FloatMatchesNaive) {
  for (float alpha : {1.0f, 0.5f, -2.0f}) {
    for (int64_t n : kSizes) {
      std::vector<float> x = RandomFloats(n, 11 + static_cast<uint32_t>(n));
      std::vector<float> y(n + kGuard, kGuardValue);
      SwishRef<float>(x.data(), y.data(), n, alpha);
      for (int64_t i = 0; i < n; ++i) {
        EXPECT_NEAR(y[i], NaiveSwish(x[i], alpha), 1e-5 * (1 + std::fabs(x[i]))) << i;
      }
      for (int g = 0; g < kGuard; ++g) EXPECT_EQ(y[n + g], kGuardValue);
    }
  }
}

TEST(SwishKernel, DoubleAndHalfTypes) {
  std::vector<float> xf = RandomFloats(33, 5);
  std::vector<double> xd(xf.begin(), xf.end()), yd(33);
  SwishRef<double>(xd.data(), yd.data(), 33, 0.75f);
  std::vector<Float16> xh(33), yh(33);
  std::vector<BFloat16> xb(33), yb(33);
  for (int i = 0; i < 33; ++i) {
    xh[i] = Float16(xf[i]);
    xb[i] = BFloat16(xf[i]);
  }
  SwishRef<Float16>(xh.data(), yh.data(), 33, 0.75f);
  SwishRef<BFloat16>(xb.data(), yb.data(), 33, 0.75f);
  for (int i = 0; i < 33; ++i) {
    EXPECT_NEAR(yd[i], NaiveSwish(xd[i], 0.75), 1e-12 * (1 + std::fabs(xd[i])));
    // One rounding of the float result: within half an ulp of each format (plus slack for the
    // input's own rounding).
    const double h = static_cast<float>(xh[i]);
    EXPECT_NEAR(static_cast<float>(yh[i]), NaiveSwish(h, 0.75), 1e-3 * (1 + std::fabs(h)));
    const double b = static_cast<float>(xb[i]);
    EXPECT_NEAR(static_cast<float>(yb[i]), NaiveSwish(b, 0.75), 8e-3 * (1 + std::fabs(b)));
  }
}

TEST(SwishKernel, ExtremesAndInPlace) {
  std::vector<float> x = {1e30f, -1e30f, 0.0f, -0.0f, 100.0f, -100.0f};
  std::vector<float> y(x.size());
  SwishRef<float>(x.data(), y.data(), static_cast<int64_t>(x.size()), 1.0f);
  EXPECT_EQ(y[0], 1e30f);
  EXPECT_EQ(y[1], 0.0f);  // -1e30 * e^-1e30 / (1 + ...) underflows to -0
  EXPECT_EQ(y[2], 0.0f);
  EXPECT_FLOAT_EQ(y[4], 100.0f);
  for (float v : y) EXPECT_FALSE(std::isnan(v));
  std::vector<float> inplace = x;
  SwishRef<float>(inplace.data(), inplace.data(), static_cast<int64_t>(x.size()), 1.0f);
  EXPECT_EQ(inplace, y);
}

TEST(SwiGluKernel, MatchesNaiveAndGuards) {
  for (float alpha : {1.0f, 1.702f}) {
    for (int64_t n : kSizes) {
      std::vector<float> a = RandomFloats(n, 21 + static_cast<uint32_t>(n));
      std::vector<float> b = RandomFloats(n, 91 + static_cast<uint32_t>(n));
      std::vector<float> y(n + kGuard, kGuardValue);
      SwiGluRef<float>(a.data(), b.data(), y.data(), n, alpha);
      for (int64_t i = 0; i < n; ++i) {
        const double want = NaiveSwish(a[i], alpha) * b[i];
        EXPECT_NEAR(y[i], want, 1e-5 * (1 + std::fabs(want))) << i;
      }
      for (int g = 0; g < kGuard; ++g) EXPECT_EQ(y[n + g], kGuardValue);
    }
  }
}

TEST(SwiGluKernel, InPlaceOverEitherInput) {
  std::vector<float> a = RandomFloats(7, 3), b = RandomFloats(7, 4), want(7);
  SwiGluRef<float>(a.data(), b.data(), want.data(), 7, 1.0f);
  std::vector<float> a2 = a, b2 = b;
  SwiGluRef<float>(a2.data(), b.data(), a2.data(), 7, 1.0f);
  SwiGluRef<float>(a.data(), b2.data(), b2.data(), 7, 1.0f);
  EXPECT_EQ(a2, want);
  EXPECT_EQ(b2, want);
}

}  // namespace
}  // namespace onnxi::kernels
