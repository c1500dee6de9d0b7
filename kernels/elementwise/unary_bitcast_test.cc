// BitCast kernels: bytes copied exactly (checked against memcpy on random bytes of sizes 0, 1
// and odd lengths, with guard bytes), in place, and bool targets normalized to 0/1.
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "kernels/elementwise/unary_bitcast.h"

namespace onnxi::kernels {
namespace {

TEST(BitCastKernel, CopiesEveryByte) {
  std::mt19937 gen(7);
  for (size_t n : {0u, 1u, 3u, 8u, 37u, 130u}) {
    std::vector<uint8_t> x(n);
    for (auto& b : x) b = static_cast<uint8_t>(gen());
    std::vector<uint8_t> y(n + 4, 0xAB);
    BitCastBytes(x.data(), y.data(), n);
    if (n > 0) EXPECT_EQ(std::memcmp(x.data(), y.data(), n), 0);  // memcmp(nullptr, ..) is UB
    for (size_t g = 0; g < 4; ++g) EXPECT_EQ(y[n + g], 0xAB);
  }
}

TEST(BitCastKernel, FloatBitsBecomeInt) {
  const float x[3] = {1.0f, -2.5f, 0.0f};
  int32_t y[3];
  BitCastBytes(x, y, sizeof(x));
  EXPECT_EQ(y[0], 0x3f800000);
  EXPECT_EQ(static_cast<uint32_t>(y[1]), 0xc0200000u);
  EXPECT_EQ(y[2], 0);
}

TEST(BitCastKernel, InPlaceIsANoOp) {
  std::vector<uint8_t> x = {1, 2, 3, 4, 5};
  BitCastBytes(x.data(), x.data(), x.size());
  EXPECT_EQ(x, (std::vector<uint8_t>{1, 2, 3, 4, 5}));
}

TEST(BitCastKernel, ToBoolKeepsZeroAndOneAndNormalizesTheRest) {
  const uint8_t x[5] = {0, 1, 2, 255, 0};
  bool y[5];
  BitCastToBool(x, y, 5);
  uint8_t raw[5];
  std::memcpy(raw, y, 5);
  EXPECT_EQ(std::vector<uint8_t>(raw, raw + 5), (std::vector<uint8_t>{0, 1, 1, 1, 0}));
  BitCastToBool(x, y, 0);  // n == 0 touches nothing
}

}  // namespace
}  // namespace onnxi::kernels
