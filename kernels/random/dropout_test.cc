#include "kernels/random/dropout.h"

#include <gtest/gtest.h>

#include <vector>

namespace onnxi::kernels {
namespace {

TEST(DropoutTrainRef, KeepsAtTheRateScalesAndReproduces) {
  const int64_t n = 20000;
  const double ratio = 0.3;
  std::vector<float> x(n, 2.0f), y(n), y2(n);
  std::vector<uint8_t> mask(n), mask2(n);
  DropoutTrainRef(42, ratio, x.data(), n, y.data(), mask.data());
  DropoutTrainRef(42, ratio, x.data(), n, y2.data(), mask2.data());
  int64_t kept = 0;
  for (int64_t i = 0; i < n; ++i) {
    EXPECT_EQ(y[i], y2[i]);
    EXPECT_EQ(mask[i], mask2[i]);
    if (mask[i]) {
      ++kept;
      EXPECT_FLOAT_EQ(y[i], 2.0f / 0.7f);
    } else {
      EXPECT_EQ(y[i], 0.0f);
    }
  }
  // 20000 draws at p = 0.7: the standard deviation of the kept fraction is about 0.0032.
  EXPECT_NEAR(static_cast<double>(kept) / n, 0.7, 0.02);
}

TEST(DropoutTrainRef, EmptyAndNoMask) {
  std::vector<double> x = {1.0}, y = {5.0};
  DropoutTrainRef<double, uint8_t>(1, 0.5, x.data(), 0, y.data(), nullptr);
  EXPECT_EQ(y[0], 5.0);  // n = 0 writes nothing
  DropoutTrainRef<double, uint8_t>(1, 0.0, x.data(), 1, y.data(), nullptr);
  EXPECT_EQ(y[0], 1.0);  // ratio 0 keeps everything
}

}  // namespace
}  // namespace onnxi::kernels
