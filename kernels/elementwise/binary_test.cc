// Tests of the broadcasting loops (binary.h) against a naive multi-index loop, and of the
// element math (binary_functors.h) on the edge cases the header promises.
#include "kernels/elementwise/binary.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "kernels/elementwise/binary_functors.h"

namespace onnxi::kernels {
namespace {

using Dims = std::vector<int64_t>;

int64_t Count(const Dims& d) {
  int64_t n = 1;
  for (int64_t v : d) n *= v;
  return n;
}

// Strides reading `in` (same rank as out, dims 1 or equal) broadcast to out.
Dims StridesFor(const Dims& in, const Dims& out) {
  Dims s(out.size(), 0);
  int64_t step = 1;
  for (size_t k = in.size(); k-- > 0;) {
    s[k] = in[k] == 1 ? 0 : step;
    step *= in[k];
  }
  return s;
}

// Naive reference: walk every output multi-index with an index vector.
template <class F>
std::vector<float> Naive(const std::vector<float>& a, const Dims& as, const std::vector<float>& b,
                         const Dims& bs, const Dims& out, F f) {
  std::vector<float> y(Count(out));
  Dims idx(out.size(), 0);
  for (int64_t i = 0; i < Count(out); ++i) {
    int64_t ia = 0, ib = 0;
    for (size_t k = 0; k < out.size(); ++k) {
      ia += idx[k] * as[k];
      ib += idx[k] * bs[k];
    }
    y[i] = f(a[ia], b[ib]);
    for (size_t k = out.size(); k-- > 0;) {
      if (++idx[k] < out[k]) break;
      idx[k] = 0;
    }
  }
  return y;
}

std::vector<float> Random(int64_t n, std::mt19937& rng) {
  std::uniform_real_distribution<float> dist(-5.f, 5.f);
  std::vector<float> v(n);
  for (float& x : v) x = dist(rng);
  return v;
}

TEST(BinaryBroadcast, MatchesNaiveLoopOnRandomBroadcasts) {
  std::mt19937 rng(7);
  const std::vector<Dims> outs = {{}, {1}, {0}, {7}, {3, 5}, {2, 0, 3}, {2, 3, 4, 5}, {3, 1, 7, 2, 3}};
  for (const Dims& out : outs) {
    for (int trial = 0; trial < 8; ++trial) {
      Dims ad = out, bd = out;
      for (size_t k = 0; k < out.size(); ++k) {
        if (rng() % 3 == 0) ad[k] = 1;
        if (rng() % 3 == 0) bd[k] = 1;
      }
      std::vector<float> a = Random(Count(ad), rng), b = Random(Count(bd), rng);
      Dims as = StridesFor(ad, out), bs = StridesFor(bd, out);
      // Guard element after the output catches overruns.
      std::vector<float> y(Count(out) + 1, 1234.f);
      BinaryBroadcast(a.data(), as.data(), b.data(), bs.data(), y.data(), out.data(),
                      static_cast<int>(out.size()), SubFn());
      std::vector<float> want = Naive(a, as, b, bs, out, SubFn());
      for (int64_t i = 0; i < Count(out); ++i) ASSERT_EQ(y[i], want[i]) << "element " << i;
      EXPECT_EQ(y[Count(out)], 1234.f);
    }
  }
}

TEST(BinaryBroadcast, OutputMayAliasDenseOperand) {
  std::vector<float> y = {1, 2, 3, 4, 5, 6};
  std::vector<float> b = {10, 20, 30};
  Dims out = {2, 3}, ys = {3, 1}, bs = {0, 1};
  BinaryBroadcast(y.data(), ys.data(), b.data(), bs.data(), y.data(), out.data(), 2, AddFn());
  EXPECT_EQ(y, (std::vector<float>{11, 22, 33, 14, 25, 36}));
}

TEST(TernaryBroadcast, SelectsWithThreeBroadcasts) {
  // cond (2, 1), x (1, 3), y scalar -> out (2, 3)
  bool cond[2] = {true, false};
  int32_t x[3] = {1, 2, 3};
  int32_t y = -1;
  int32_t out[7];
  out[6] = 99;
  Dims shape = {2, 3}, cs = {1, 0}, xs = {0, 1}, zs = {0, 0};
  TernaryBroadcast(cond, cs.data(), x, xs.data(), &y, zs.data(), out, shape.data(), 2, WhereFn());
  EXPECT_EQ(std::vector<int32_t>(out, out + 7), (std::vector<int32_t>{1, 2, 3, -1, -1, -1, 99}));
}

TEST(MapContiguous, HandlesEmptyAndInPlace) {
  std::vector<double> v = {2, 4};
  MapContiguous(v.data(), v.data(), 0, DivideByCountFn{2});
  EXPECT_EQ(v[0], 2);
  MapContiguous(v.data(), v.data(), 2, DivideByCountFn{2});
  EXPECT_EQ(v, (std::vector<double>{1, 2}));
  int8_t zeros[3] = {1, 0, 2};
  EXPECT_TRUE(ContainsZero(zeros, 3));
  EXPECT_FALSE(ContainsZero(zeros, 1));
  EXPECT_FALSE(ContainsZero(zeros, 0));
}

TEST(Functors, IntegerArithmeticWraps) {
  EXPECT_EQ(MulFn()(uint16_t{65535}, uint16_t{65535}), uint16_t{1});
  EXPECT_EQ(AddFn()(std::numeric_limits<int32_t>::max(), 1), std::numeric_limits<int32_t>::min());
  EXPECT_EQ(SubFn()(int8_t{-128}, int8_t{1}), int8_t{127});
  EXPECT_EQ(DivFn()(std::numeric_limits<int64_t>::min(), int64_t{-1}),
            std::numeric_limits<int64_t>::min());
  EXPECT_EQ(DivFn()(int32_t{-7}, int32_t{2}), -3);  // truncates toward zero
}

TEST(Functors, ModSigns) {
  // fmod=0: sign of the divisor (numpy/Python).
  EXPECT_EQ(PyModFn()(int32_t{-4}, int32_t{3}), 2);
  EXPECT_EQ(PyModFn()(int32_t{4}, int32_t{-3}), -2);
  EXPECT_EQ(PyModFn()(int32_t{-4}, int32_t{-3}), -1);
  EXPECT_EQ(PyModFn()(int8_t{-128}, int8_t{-1}), 0);
  EXPECT_EQ(PyModFn()(uint8_t{250}, uint8_t{7}), 5);
  // fmod=1: sign of the dividend.
  EXPECT_EQ(FmodFn()(int32_t{-4}, int32_t{3}), -1);
  EXPECT_EQ(FmodFn()(int32_t{4}, int32_t{-3}), 1);
  EXPECT_FLOAT_EQ(FmodFn()(-4.5f, 2.f), -0.5f);
  EXPECT_FLOAT_EQ(float(FmodFn()(Float16(5.5f), Float16(2.f))), 1.5f);
}

TEST(Functors, MaxMinPropagateNaN) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  EXPECT_TRUE(std::isnan(MaxFn()(nan, 1.f)));
  EXPECT_TRUE(std::isnan(MaxFn()(1.f, nan)));
  EXPECT_TRUE(std::isnan(MinFn()(nan, 1.f)));
  EXPECT_TRUE(std::isnan(MinFn()(1.f, nan)));
  EXPECT_EQ(MaxFn()(int8_t{-3}, int8_t{2}), 2);
  EXPECT_EQ(MinFn()(uint64_t{3}, uint64_t{2}), 2u);
  EXPECT_FLOAT_EQ(float(MaxFn()(BFloat16(1.5f), BFloat16(-2.f))), 1.5f);
}

TEST(Functors, PowMixedTypes) {
  EXPECT_EQ(PowFn()(int32_t{3}, int64_t{4}), 81);
  EXPECT_EQ(PowFn()(int64_t{2}, int8_t{-1}), 0);
  EXPECT_EQ(PowFn()(int64_t{-1}, int32_t{-3}), -1);
  EXPECT_EQ(PowFn()(int32_t{1}, int32_t{-5}), 1);
  EXPECT_EQ(PowFn()(int32_t{2}, uint64_t{40}), 0);  // wraps mod 2^32
  EXPECT_EQ(PowFn()(int32_t{2}, 0.5f), 1);          // 1.414 truncated
  EXPECT_EQ(PowFn()(int32_t{10}, 20.0), std::numeric_limits<int32_t>::max());  // saturates
  EXPECT_EQ(PowFn()(int32_t{-4}, 0.5), 0);                                      // NaN -> 0
  EXPECT_FLOAT_EQ(PowFn()(2.f, int64_t{10}), 1024.f);
  EXPECT_FLOAT_EQ(float(PowFn()(Float16(3.f), uint8_t{2})), 9.f);
}

TEST(Functors, ShiftsAndBits) {
  EXPECT_EQ(ShiftLeftFn()(uint8_t{0x81}, uint8_t{1}), uint8_t{0x02});
  EXPECT_EQ(ShiftLeftFn()(uint32_t{1}, uint32_t{32}), 0u);
  EXPECT_EQ(ShiftRightFn()(uint64_t{1} << 63, uint64_t{63}), 1u);
  EXPECT_EQ(ShiftRightFn()(uint16_t{0xffff}, uint16_t{200}), 0);
  EXPECT_EQ(BitNotFn()(uint8_t{0x0f}), uint8_t{0xf0});
  EXPECT_EQ(BitXorFn()(int16_t{-1}, int16_t{5}), int16_t{-6});
}

TEST(Functors, ComparisonsAndPRelu) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  EXPECT_FALSE(EqualFn()(nan, nan));
  EXPECT_FALSE(EqualFn()(Float16(nan), Float16(nan)));
  EXPECT_TRUE(EqualFn()(std::string("ab"), std::string("ab")));
  EXPECT_TRUE(LessEqualFn()(BFloat16(1.f), BFloat16(1.f)));
  EXPECT_FALSE(GreaterFn()(uint32_t{1}, uint32_t{2}));
  EXPECT_FLOAT_EQ(PReluFn()(-2.f, 0.25f), -0.5f);
  EXPECT_FLOAT_EQ(PReluFn()(3.f, 0.25f), 3.f);
  EXPECT_EQ(PReluFn()(int32_t{-4}, int32_t{3}), -12);
}

}  // namespace
}  // namespace onnxi::kernels
