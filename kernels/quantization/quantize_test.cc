// Quantization kernels against hand-computed values and naive loops: rounding ties, saturation,
// packed int4 order, blocked scales, integer matmul/conv with zero points, requantization.
#include "kernels/quantization/quantize.h"

#include <gtest/gtest.h>

#include <array>
#include <random>
#include <vector>

namespace onnxi::kernels {
namespace {

QuantLayout PerTensor(int64_t n) {
  QuantLayout l;
  l.axis_dim = n;
  return l;
}

TEST(QuantizeTest, Uint8TiesToEvenAndSaturates) {
  const std::vector<float> x = {0.0f, 1.5f, 2.5f, -1.0f, 300.0f, -0.5f};
  const float scale = 1.0f;
  const uint8_t zp = 0;
  std::vector<uint8_t> y(x.size());
  QuantizeLinearRef(x.data(), &scale, &zp, QuantCode::kUint8, PerTensor(6), true,
                    QuantPrecision::kFloat, y.data());
  EXPECT_EQ(y, (std::vector<uint8_t>{0, 2, 2, 0, 255, 0}));
}

TEST(QuantizeTest, Int4PacksLowNibbleFirst) {
  const std::vector<float> x = {-9, -8, 7, 8, 1};
  const float scale = 1.0f;
  std::vector<uint8_t> y(3, 0xAA);
  QuantizeLinearRef(x.data(), &scale, nullptr, QuantCode::kInt4, PerTensor(5), true,
                    QuantPrecision::kFloat, y.data());
  EXPECT_EQ(y, (std::vector<uint8_t>{0x88, 0x77, 0x01}));
  EXPECT_EQ(LoadQuant(y.data(), QuantCode::kInt4, 0), -8);
  EXPECT_EQ(LoadQuant(y.data(), QuantCode::kInt4, 3), 7);
  EXPECT_EQ(LoadQuant(y.data(), QuantCode::kInt4, 4), 1);
}

TEST(QuantizeTest, BlockedScalesAlongAxis1) {
  // x (2, 3) along axis 1 with block 2: scale (2, 2).
  const std::vector<float> x = {2, 4, 6, 8, 10, 12};
  const std::vector<float> scale = {1, 2, 2, 4};
  QuantLayout l;
  l.outer = 2;
  l.axis_dim = 3;
  l.inner = 1;
  l.block = 2;
  l.s_outer = 2;
  l.s_axis = 1;
  l.s_inner = 1;
  std::vector<int8_t> y(6);
  QuantizeLinearRef(x.data(), scale.data(), nullptr, QuantCode::kInt8, l, true,
                    QuantPrecision::kFloat, y.data());
  EXPECT_EQ(y, (std::vector<int8_t>{2, 4, 3, 4, 5, 3}));
  std::vector<float> back(6);
  DequantizeLinearRef(y.data(), QuantCode::kInt8, scale.data(), nullptr, l, back.data());
  EXPECT_EQ(back, x);
}

TEST(QuantizeTest, DequantizePerAxisWithZeroPoint) {
  const std::vector<uint8_t> x = {10, 20, 30, 40};
  const std::vector<float> scale = {0.5f, 2.0f};
  const std::vector<uint8_t> zp = {10, 0};
  QuantLayout l;
  l.outer = 1;
  l.axis_dim = 2;
  l.inner = 2;
  l.s_axis = 1;
  std::vector<float> y(4);
  DequantizeLinearRef(x.data(), QuantCode::kUint8, scale.data(), zp.data(), l, y.data());
  EXPECT_EQ(y, (std::vector<float>{0, 5, 60, 80}));
}

TEST(QuantizeTest, Float8SaturateFlag) {
  const std::vector<float> x = {1000.0f, 1.0f};
  const float scale = 1.0f;
  std::vector<uint8_t> y(2);
  QuantizeLinearRef(x.data(), &scale, nullptr, QuantCode::kE4M3FN, PerTensor(2), true,
                    QuantPrecision::kFloat, y.data());
  EXPECT_EQ(y, (std::vector<uint8_t>{0x7E, 0x38}));
  QuantizeLinearRef(x.data(), &scale, nullptr, QuantCode::kE4M3FN, PerTensor(2), false,
                    QuantPrecision::kFloat, y.data());
  EXPECT_EQ(y, (std::vector<uint8_t>{0x7F, 0x38}));
}

TEST(QuantizeTest, DynamicQuantize) {
  const std::vector<float> x = {0.0f, 2.55f, 1.0f};
  std::vector<uint8_t> y(3);
  float scale = 0;
  uint8_t zp = 7;
  DynamicQuantizeLinearRef(x.data(), 3, y.data(), &scale, &zp);
  EXPECT_FLOAT_EQ(scale, 0.01f);
  EXPECT_EQ(zp, 0);
  EXPECT_EQ(y, (std::vector<uint8_t>{0, 255, 100}));
  const std::vector<float> zeros = {0, 0};
  DynamicQuantizeLinearRef(zeros.data(), 2, y.data(), &scale, &zp);
  EXPECT_FLOAT_EQ(scale, 1.0f / 255.0f);
  EXPECT_EQ(y[0], 0);
  DynamicQuantizeLinearRef(nullptr, 0, y.data(), &scale, &zp);  // size 0
  EXPECT_EQ(zp, 0);
}

TEST(QuantizeTest, MatMulIntegerMatchesNaive) {
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> d(-128, 127);
  for (auto [m, k, n] : std::vector<std::array<int64_t, 3>>{
           {0, 2, 3}, {1, 1, 1}, {3, 0, 2}, {5, 7, 3}, {4, 13, 9}}) {
    std::vector<int8_t> a(m * k), b(k * n), azp(m), bzp(n);
    for (auto& v : a) v = static_cast<int8_t>(d(rng));
    for (auto& v : b) v = static_cast<int8_t>(d(rng));
    for (auto& v : azp) v = static_cast<int8_t>(d(rng));
    for (auto& v : bzp) v = static_cast<int8_t>(d(rng));
    std::vector<int32_t> y(m * n, -1);
    MatMulIntegerRef(a.data(), b.data(), m, k, n, azp.data(), 1, bzp.data(), 1, y.data());
    for (int64_t i = 0; i < m; ++i) {
      for (int64_t j = 0; j < n; ++j) {
        int64_t s = 0;
        for (int64_t q = 0; q < k; ++q) {
          s += (int64_t{a[i * k + q]} - azp[i]) * (int64_t{b[q * n + j]} - bzp[j]);
        }
        EXPECT_EQ(y[i * n + j], s);
      }
    }
  }
}

TEST(QuantizeTest, ConvIntegerPaddingContributesZero) {
  // 1x1 input 2x2, kernel 2x2 of ones, pad 1: each output sums the covered (x - zp).
  IntConvParams p;
  p.batch = 1;
  p.channels = 1;
  p.out_channels = 1;
  p.in[1] = 2;
  p.in[2] = 2;
  p.kernel[1] = 2;
  p.kernel[2] = 2;
  p.pad_begin[1] = 1;
  p.pad_begin[2] = 1;
  p.out[1] = 3;
  p.out[2] = 3;
  const std::vector<uint8_t> x = {11, 12, 13, 14};  // minus zp 10 -> 1, 2, 3, 4
  const std::vector<uint8_t> w = {1, 1, 1, 1};
  std::vector<int32_t> y(9);
  ConvIntegerRef(p, x.data(), 10, w.data(), static_cast<const uint8_t*>(nullptr), 0, y.data());
  EXPECT_EQ(y, (std::vector<int32_t>{1, 3, 2, 4, 10, 6, 3, 7, 4}));
}

TEST(QuantizeTest, RequantizeRoundsHalfToEvenAndSaturates) {
  const std::vector<int32_t> acc = {5, 7, 1000, -1000};
  const double mult = 0.5;
  const int8_t zp = 1;
  std::vector<int8_t> y(4);
  RequantizeRef<int8_t>(acc.data(), nullptr, 4, 1, 1, &mult, 0, &zp, 0, y.data());
  EXPECT_EQ(y, (std::vector<int8_t>{4, 4, 127, -128}));  // rint(3.5) = 4, rint(4.5) = 4
}

}  // namespace
}  // namespace onnxi::kernels
