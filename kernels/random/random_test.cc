// Random kernels: reproducibility for a key, and distribution moments over many draws
// (bounds are several standard errors wide so the test is not flaky for a fixed key).
#include "kernels/random/random.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace onnxi::kernels {
namespace {

template <class T>
void Moments(const std::vector<T>& v, double* mean, double* var) {
  double s = 0, q = 0;
  for (T x : v) s += LoadAsDouble(x);
  *mean = s / v.size();
  for (T x : v) q += (LoadAsDouble(x) - *mean) * (LoadAsDouble(x) - *mean);
  *var = q / v.size();
}

TEST(RandomKernels, SameKeySameValuesOtherKeyOthers) {
  std::vector<float> a(100), b(100), c(100);
  RandomUniformRef<float>(42, 0, 1, 100, a.data());
  RandomUniformRef<float>(42, 0, 1, 100, b.data());
  RandomUniformRef<float>(43, 0, 1, 100, c.data());
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  // A prefix does not depend on the length drawn (counter-based, no carried state).
  std::vector<float> d(10);
  RandomUniformRef<float>(42, 0, 1, 10, d.data());
  EXPECT_TRUE(std::equal(d.begin(), d.end(), a.begin()));
}

TEST(RandomKernels, UniformRangeAndMoments) {
  const int n = 200000;
  std::vector<double> v(n);
  RandomUniformRef<double>(1, -2.0, 3.0, n, v.data());
  for (double x : v) ASSERT_TRUE(x >= -2.0 && x < 3.0) << x;
  double mean, var;
  Moments(v, &mean, &var);
  EXPECT_NEAR(mean, 0.5, 0.03);           // sd of mean ~ 0.0032
  EXPECT_NEAR(var, 25.0 / 12.0, 0.05);
  std::vector<Float16> h(1000);
  RandomUniformRef<Float16>(2, 0.0, 1.0, 1000, h.data());
  for (Float16 x : h) ASSERT_TRUE(static_cast<float>(x) >= 0.0f && static_cast<float>(x) < 1.0f);
  RandomUniformRef<float>(2, 0.0, 1.0, 0, nullptr);  // n == 0 writes nothing
}

TEST(RandomKernels, NormalMoments) {
  const int n = 200000;
  std::vector<float> v(n);
  RandomNormalRef<float>(3, 1.5, 2.0, n, v.data());
  double mean, var;
  Moments(v, &mean, &var);
  EXPECT_NEAR(mean, 1.5, 0.03);  // sd of mean ~ 0.0045
  EXPECT_NEAR(var, 4.0, 0.1);
  for (float x : v) ASSERT_TRUE(std::isfinite(x));
}

TEST(RandomKernels, BernoulliValuesAndRate) {
  const int n = 100000;
  std::vector<float> p(n);
  for (int i = 0; i < n; ++i) p[i] = i % 2 == 0 ? 0.25f : (i % 4 == 1 ? 0.0f : 1.0f);
  std::vector<int32_t> y(n);
  BernoulliRef<float, int32_t>(4, p.data(), n, y.data());
  double ones_quarter = 0;
  for (int i = 0; i < n; ++i) {
    ASSERT_TRUE(y[i] == 0 || y[i] == 1);
    if (i % 4 == 1) {
      ASSERT_EQ(y[i], 0);
    }
    if (i % 4 == 3) {
      ASSERT_EQ(y[i], 1);
    }
    if (i % 2 == 0) ones_quarter += y[i];
  }
  EXPECT_NEAR(ones_quarter / (n / 2), 0.25, 0.015);
}

TEST(RandomKernels, MultinomialFrequencies) {
  // Two rows: probabilities (0.1, 0.6, 0.3) as logs, and one class impossible (-inf).
  const double inf = INFINITY;
  const float x[] = {std::log(0.1f), std::log(0.6f), std::log(0.3f),
                     0.0f, static_cast<float>(-inf), 0.0f};
  const int64_t samples = 30000;
  std::vector<int64_t> y(2 * samples);
  double scratch[3];
  MultinomialRef<float, int64_t>(5, x, 2, 3, samples, scratch, y.data());
  int count[2][3] = {};
  for (int b = 0; b < 2; ++b) {
    for (int64_t s = 0; s < samples; ++s) {
      const int64_t c = y[b * samples + s];
      ASSERT_TRUE(c >= 0 && c < 3);
      ++count[b][c];
    }
  }
  EXPECT_NEAR(count[0][0] / double(samples), 0.1, 0.015);
  EXPECT_NEAR(count[0][1] / double(samples), 0.6, 0.015);
  EXPECT_EQ(count[1][1], 0);
  EXPECT_NEAR(count[1][0] / double(samples), 0.5, 0.02);
}

}  // namespace
}  // namespace onnxi::kernels
