// Float8 / float4 converters against hand-computed codes: rounding ties to even, subnormals,
// saturation vs inf/NaN per type, signed zeros, and a round trip over every code.
#include "kernels/quantization/float8.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace onnxi::kernels {
namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNan = std::numeric_limits<float>::quiet_NaN();

uint8_t Enc(float f, SmallFloat k, bool sat = true) { return FloatToSmallFloat(f, k, sat); }

TEST(Float8Test, E4M3FN) {
  const SmallFloat k = SmallFloat::kE4M3FN;
  EXPECT_EQ(Enc(1.0f, k), 0x38);
  EXPECT_EQ(Enc(-2.0f, k), 0xC0);
  EXPECT_EQ(Enc(0.3f, k), 0x2A);           // 1.2 * 2^-2 rounds to 1.25 * 2^-2
  EXPECT_EQ(Enc(448.0f, k), 0x7E);         // max
  EXPECT_EQ(Enc(464.0f, k), 0x7E);         // tie 448 / 480: even mantissa wins
  EXPECT_EQ(Enc(480.0f, k), 0x7E);         // saturates
  EXPECT_EQ(Enc(480.0f, k, false), 0x7F);  // NaN without saturation
  EXPECT_EQ(Enc(kInf, k), 0x7E);
  EXPECT_EQ(Enc(-kInf, k), 0xFE);
  EXPECT_EQ(Enc(kInf, k, false), 0x7F);
  EXPECT_EQ(Enc(kNan, k) & 0x7F, 0x7F);
  EXPECT_EQ(Enc(0.001953125f, k), 0x01);       // 2^-9, smallest subnormal
  EXPECT_EQ(Enc(0.0009765625f, k), 0x00);      // 2^-10: tie to even zero
  EXPECT_EQ(Enc(3 * 0.0009765625f, k), 0x02);  // tie 1 / 2 subnormal units -> 2
  EXPECT_EQ(Enc(-0.0f, k), 0x80);
  EXPECT_FLOAT_EQ(SmallFloatToFloat(0x7E, k), 448.0f);
  EXPECT_FLOAT_EQ(SmallFloatToFloat(0x01, k), 0.001953125f);
  EXPECT_TRUE(std::isnan(SmallFloatToFloat(0xFF, k)));
}

TEST(Float8Test, E4M3FNUZ) {
  const SmallFloat k = SmallFloat::kE4M3FNUZ;
  EXPECT_EQ(Enc(1.0f, k), 0x40);
  EXPECT_EQ(Enc(240.0f, k), 0x7F);
  EXPECT_EQ(Enc(1000.0f, k), 0x7F);
  EXPECT_EQ(Enc(1000.0f, k, false), 0x80);
  EXPECT_EQ(Enc(kInf, k), 0x80);   // inf -> NaN even when saturating
  EXPECT_EQ(Enc(-0.0f, k), 0x00);  // no negative zero
  EXPECT_EQ(Enc(kNan, k), 0x80);
  EXPECT_TRUE(std::isnan(SmallFloatToFloat(0x80, k)));
  EXPECT_FLOAT_EQ(SmallFloatToFloat(0xFF, k), -240.0f);
}

TEST(Float8Test, E5M2) {
  const SmallFloat k = SmallFloat::kE5M2;
  EXPECT_EQ(Enc(1.0f, k), 0x3C);
  EXPECT_EQ(Enc(57344.0f, k), 0x7B);
  EXPECT_EQ(Enc(61440.0f, k), 0x7B);         // tie rounds up to 65536: saturates
  EXPECT_EQ(Enc(61440.0f, k, false), 0x7C);  // ... or is inf
  EXPECT_EQ(Enc(kInf, k), 0x7B);
  EXPECT_EQ(Enc(-kInf, k, false), 0xFC);
  EXPECT_EQ(Enc(std::ldexp(1.0f, -16), k), 0x01);
  EXPECT_EQ(SmallFloatToFloat(0x7C, k), kInf);
  EXPECT_TRUE(std::isnan(SmallFloatToFloat(0x7E, k)));
}

TEST(Float8Test, E5M2FNUZ) {
  const SmallFloat k = SmallFloat::kE5M2FNUZ;
  EXPECT_EQ(Enc(1.0f, k), 0x40);
  EXPECT_EQ(Enc(57344.0f, k), 0x7F);
  EXPECT_EQ(Enc(kInf, k), 0x80);
  EXPECT_EQ(Enc(1e6f, k, false), 0x80);
  EXPECT_EQ(Enc(-0.0f, k), 0x00);
}

TEST(Float8Test, E2M1) {
  const SmallFloat k = SmallFloat::kE2M1;
  EXPECT_EQ(Enc(1.0f, k), 0x2);
  EXPECT_EQ(Enc(6.0f, k), 0x7);
  EXPECT_EQ(Enc(5.0f, k), 0x6);   // tie 4 / 6 -> 4 (even)
  EXPECT_EQ(Enc(0.25f, k), 0x0);  // tie 0 / 0.5 -> 0
  EXPECT_EQ(Enc(0.75f, k), 0x2);  // tie 0.5 / 1 -> 1
  EXPECT_EQ(Enc(-3.0f, k), 0xD);
  EXPECT_EQ(Enc(100.0f, k), 0x7);
  EXPECT_EQ(Enc(-kInf, k), 0xF);
  EXPECT_FLOAT_EQ(SmallFloatToFloat(0x1, k), 0.5f);
  EXPECT_FLOAT_EQ(SmallFloatToFloat(0xF, k), -6.0f);
}

TEST(Float8Test, EveryCodeRoundTrips) {
  for (SmallFloat k : {SmallFloat::kE4M3FN, SmallFloat::kE4M3FNUZ, SmallFloat::kE5M2,
                       SmallFloat::kE5M2FNUZ, SmallFloat::kE2M1}) {
    const int codes = k == SmallFloat::kE2M1 ? 16 : 256;
    for (int c = 0; c < codes; ++c) {
      const float f = SmallFloatToFloat(static_cast<uint8_t>(c), k);
      if (std::isnan(f)) continue;
      if (f == 0 && std::signbit(f) && (k == SmallFloat::kE4M3FNUZ || k == SmallFloat::kE5M2FNUZ)) {
        continue;
      }
      EXPECT_EQ(FloatToSmallFloat(f, k, false), c) << "kind " << static_cast<int>(k);
    }
  }
}

}  // namespace
}  // namespace onnxi::kernels
