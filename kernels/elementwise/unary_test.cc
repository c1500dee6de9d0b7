// Unary, Clip, predicate and Cast kernels against naive loops written here from the ONNX
// formulas, on sizes 0, 1, odd sizes and random data, plus the edge cases the headers promise.
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "kernels/elementwise/unary.h"
#include "kernels/elementwise/unary_cast.h"
#include "kernels/elementwise/unary_cast_narrow.h"

namespace onnxi::kernels {
namespace {

const int64_t kSizes[] = {0, 1, 7, 33, 130};

std::vector<float> RandomFloats(int64_t n, float lo, float hi, uint32_t seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> dist(lo, hi);
  std::vector<float> v(n);
  for (auto& x : v) x = dist(gen);
  return v;
}

// The reference formula of each kind, written independently in double.
double Naive(UnaryKind k, const UnaryParams& p, double x) {
  switch (k) {
    case UnaryKind::kAbs: return std::abs(x);
    case UnaryKind::kNeg: return -x;
    case UnaryKind::kExp: return std::exp(x);
    case UnaryKind::kLog: return std::log(x);
    case UnaryKind::kSqrt: return std::sqrt(x);
    case UnaryKind::kReciprocal: return 1 / x;
    case UnaryKind::kFloor: return std::floor(x);
    case UnaryKind::kCeil: return std::ceil(x);
    case UnaryKind::kRound: return std::nearbyint(x);
    case UnaryKind::kSign: return x > 0 ? 1 : (x < 0 ? -1 : 0);
    case UnaryKind::kRelu: return x > 0 ? x : 0;
    case UnaryKind::kLeakyRelu: return x >= 0 ? x : p.alpha * x;
    case UnaryKind::kElu: return x >= 0 ? x : p.alpha * (std::exp(x) - 1);
    case UnaryKind::kSelu: return x > 0 ? p.gamma * x : p.gamma * p.alpha * (std::exp(x) - 1);
    case UnaryKind::kCelu:
      return std::max(0.0, x) + std::min(0.0, p.alpha * (std::exp(x / p.alpha) - 1));
    case UnaryKind::kSigmoid: return 1 / (1 + std::exp(-x));
    case UnaryKind::kHardSigmoid: return std::max(0.0, std::min(1.0, p.alpha * x + p.beta));
    case UnaryKind::kHardSwish: return x * std::max(0.0, std::min(1.0, x / 6 + 0.5));
    case UnaryKind::kTanh: return std::tanh(x);
    case UnaryKind::kSoftplus: return std::log(1 + std::exp(x));
    case UnaryKind::kSoftsign: return x / (1 + std::abs(x));
    case UnaryKind::kErf: return std::erf(x);
    case UnaryKind::kSin: return std::sin(x);
    case UnaryKind::kCos: return std::cos(x);
    case UnaryKind::kTan: return std::tan(x);
    case UnaryKind::kAsin: return std::asin(x);
    case UnaryKind::kAcos: return std::acos(x);
    case UnaryKind::kAtan: return std::atan(x);
    case UnaryKind::kSinh: return std::sinh(x);
    case UnaryKind::kCosh: return std::cosh(x);
    case UnaryKind::kAsinh: return std::asinh(x);
    case UnaryKind::kAcosh: return std::acosh(x);
    case UnaryKind::kAtanh: return std::atanh(x);
    case UnaryKind::kThresholdedRelu: return x > p.alpha ? x : 0;
    case UnaryKind::kShrink: return x < -p.lambd ? x + p.bias : (x > p.lambd ? x - p.bias : 0);
    case UnaryKind::kMish: return x * std::tanh(std::log(1 + std::exp(x)));
    case UnaryKind::kGelu: return 0.5 * x * (1 + std::erf(x / std::sqrt(2.0)));
    case UnaryKind::kGeluTanh:
      return 0.5 * x * (1 + std::tanh(std::sqrt(2 / M_PI) * (x + 0.044715 * x * x * x)));
  }
  return 0;
}

struct KindCase {
  UnaryKind kind;
  float lo, hi;  // input domain
};

const KindCase kKinds[] = {
    {UnaryKind::kAbs, -5, 5},         {UnaryKind::kNeg, -5, 5},
    {UnaryKind::kExp, -5, 5},         {UnaryKind::kLog, 0.01f, 10},
    {UnaryKind::kSqrt, 0, 10},        {UnaryKind::kReciprocal, 0.5f, 4},
    {UnaryKind::kFloor, -5, 5},       {UnaryKind::kCeil, -5, 5},
    {UnaryKind::kRound, -5, 5},       {UnaryKind::kSign, -5, 5},
    {UnaryKind::kRelu, -5, 5},        {UnaryKind::kLeakyRelu, -5, 5},
    {UnaryKind::kElu, -5, 5},         {UnaryKind::kSelu, -5, 5},
    {UnaryKind::kCelu, -5, 5},        {UnaryKind::kSigmoid, -8, 8},
    {UnaryKind::kHardSigmoid, -5, 5}, {UnaryKind::kHardSwish, -5, 5},
    {UnaryKind::kTanh, -4, 4},        {UnaryKind::kSoftplus, -5, 5},
    {UnaryKind::kSoftsign, -5, 5},    {UnaryKind::kErf, -3, 3},
    {UnaryKind::kSin, -4, 4},         {UnaryKind::kCos, -4, 4},
    {UnaryKind::kTan, -1.5f, 1.5f},   {UnaryKind::kAsin, -1, 1},
    {UnaryKind::kAcos, -1, 1},        {UnaryKind::kAtan, -5, 5},
    {UnaryKind::kSinh, -4, 4},        {UnaryKind::kCosh, -4, 4},
    {UnaryKind::kAsinh, -5, 5},       {UnaryKind::kAcosh, 1, 10},
    {UnaryKind::kAtanh, -0.99f, 0.99f}, {UnaryKind::kThresholdedRelu, -5, 5},
    {UnaryKind::kShrink, -5, 5},      {UnaryKind::kMish, -5, 5},
    {UnaryKind::kGelu, -5, 5},        {UnaryKind::kGeluTanh, -5, 5},
};

TEST(UnaryRef, EveryKindMatchesNaiveFormulaFloat) {
  UnaryParams p;
  p.alpha = 0.7f;
  p.beta = 0.4f;
  p.gamma = 1.3f;
  p.lambd = 1.5f;
  p.bias = 0.25f;
  uint32_t seed = 1;
  for (const KindCase& c : kKinds) {
    for (int64_t n : kSizes) {
      std::vector<float> x = RandomFloats(n, c.lo, c.hi, seed++);
      // One guard element past the end must stay untouched.
      std::vector<float> y(n + 1, 12345.0f);
      UnaryRef<float>(c.kind, p, x.data(), y.data(), n);
      for (int64_t i = 0; i < n; ++i) {
        double want = Naive(c.kind, p, x[i]);
        EXPECT_NEAR(y[i], want, 1e-5 * std::max(1.0, std::abs(want)))
            << "kind " << static_cast<int>(c.kind) << " x=" << x[i];
      }
      EXPECT_EQ(y[n], 12345.0f);
    }
  }
}

TEST(UnaryRef, DoubleAndInPlace) {
  std::vector<double> x = {-2.5, -0.5, 0.5, 1.5, 2.5};
  UnaryRef<double>(UnaryKind::kRound, {}, x.data(), x.data(), 5);  // in place
  EXPECT_EQ(x, (std::vector<double>{-2, -0, 0, 2, 2}));             // half to even
}

TEST(UnaryRef, Float16ComputesInFloat) {
  std::vector<Float16> x = {Float16(-1.5f), Float16(0.0f), Float16(2.0f)};
  std::vector<Float16> y(3);
  UnaryRef<Float16>(UnaryKind::kSigmoid, {}, x.data(), y.data(), 3);
  for (int i = 0; i < 3; ++i) {
    float want = 1.0f / (1.0f + std::exp(-static_cast<float>(x[i])));
    EXPECT_NEAR(static_cast<float>(y[i]), want, 1e-3);
  }
}

TEST(UnaryRef, IntegerKindsWrapAndSaturate) {
  std::vector<int8_t> x = {-128, -3, 0, 5, 127};
  std::vector<int8_t> y(5);
  UnaryRef<int8_t>(UnaryKind::kAbs, {}, x.data(), y.data(), 5);
  EXPECT_EQ(y, (std::vector<int8_t>{-128, 3, 0, 5, 127}));
  UnaryRef<int8_t>(UnaryKind::kNeg, {}, x.data(), y.data(), 5);
  EXPECT_EQ(y, (std::vector<int8_t>{-128, 3, 0, -5, -127}));
  UnaryRef<int8_t>(UnaryKind::kSign, {}, x.data(), y.data(), 5);
  EXPECT_EQ(y, (std::vector<int8_t>{-1, -1, 0, 1, 1}));
  UnaryRef<int8_t>(UnaryKind::kRelu, {}, x.data(), y.data(), 5);
  EXPECT_EQ(y, (std::vector<int8_t>{0, 0, 0, 5, 127}));

  // Shrink on uint8 with a bias larger than the value saturates at 0 instead of wrapping.
  std::vector<uint8_t> u = {0, 1, 10, 255};
  std::vector<uint8_t> v(4);
  UnaryParams p;
  p.lambd = 0.5f;
  p.bias = 20.0f;
  UnaryRef<uint8_t>(UnaryKind::kShrink, p, u.data(), v.data(), 4);
  EXPECT_EQ(v, (std::vector<uint8_t>{0, 0, 0, 235}));
}

TEST(UnaryRef, SignKeepsNanAndStableSoftplusSigmoid) {
  std::vector<float> x = {std::nanf(""), 200.0f, -200.0f};
  std::vector<float> y(3);
  UnaryRef<float>(UnaryKind::kSign, {}, x.data(), y.data(), 1);
  EXPECT_TRUE(std::isnan(y[0]));
  UnaryRef<float>(UnaryKind::kSoftplus, {}, x.data() + 1, y.data(), 2);
  EXPECT_FLOAT_EQ(y[0], 200.0f);
  EXPECT_FLOAT_EQ(y[1], 0.0f);
  UnaryRef<float>(UnaryKind::kSigmoid, {}, x.data() + 1, y.data(), 2);
  EXPECT_FLOAT_EQ(y[0], 1.0f);
  EXPECT_FLOAT_EQ(y[1], 0.0f);
}

TEST(ClipRef, MatchesNaiveAndOrdersMaxLast) {
  for (int64_t n : kSizes) {
    std::vector<float> x = RandomFloats(n, -3, 3, 77);
    std::vector<float> y(n);
    ClipRef<float>(x.data(), y.data(), n, -1.0f, 1.5f);
    for (int64_t i = 0; i < n; ++i) EXPECT_EQ(y[i], std::min(std::max(x[i], -1.0f), 1.5f));
  }
  std::vector<float> x = {-5, 0, 5, std::nanf("")};
  std::vector<float> y(4);
  ClipRef<float>(x.data(), y.data(), 4, 2.0f, 1.0f);  // min > max: everything becomes max
  EXPECT_EQ(y[0], 1.0f);
  EXPECT_EQ(y[1], 1.0f);
  EXPECT_EQ(y[2], 1.0f);
  EXPECT_TRUE(std::isnan(y[3]));
  std::vector<int64_t> xi = {-9, 3, 9};
  std::vector<int64_t> yi(3);
  ClipRef<int64_t>(xi.data(), yi.data(), 3, -2, 4);
  EXPECT_EQ(yi, (std::vector<int64_t>{-2, 3, 4}));
}

TEST(Predicates, NotIsNanIsInf) {
  const float inf = std::numeric_limits<float>::infinity();
  std::vector<float> x = {1.0f, inf, -inf, std::nanf(""), 0.0f};
  bool y[5];
  IsNanRef(x.data(), y, 5);
  EXPECT_EQ(std::vector<bool>(y, y + 5), (std::vector<bool>{0, 0, 0, 1, 0}));
  IsInfRef(x.data(), y, 5, true, true);
  EXPECT_EQ(std::vector<bool>(y, y + 5), (std::vector<bool>{0, 1, 1, 0, 0}));
  IsInfRef(x.data(), y, 5, true, false);
  EXPECT_EQ(std::vector<bool>(y, y + 5), (std::vector<bool>{0, 1, 0, 0, 0}));
  IsInfRef(x.data(), y, 5, false, true);
  EXPECT_EQ(std::vector<bool>(y, y + 5), (std::vector<bool>{0, 0, 1, 0, 0}));
  bool b[3] = {true, false, true};
  bool nb[3];
  NotRef(b, nb, 3);
  EXPECT_EQ(std::vector<bool>(nb, nb + 3), (std::vector<bool>{0, 1, 0}));
}

TEST(CastRef, NumericRules) {
  const float inf = std::numeric_limits<float>::infinity();
  std::vector<float> x = {-1e10f, -2.7f, -0.5f, 0.0f, 2.7f, 1e10f, std::nanf(""), inf};
  std::vector<int8_t> i8(x.size());
  CastRef(x.data(), i8.data(), static_cast<int64_t>(x.size()));
  EXPECT_EQ(i8, (std::vector<int8_t>{-128, -2, 0, 0, 2, 127, 0, 127}));
  std::vector<uint8_t> b(x.size());
  CastRef(x.data(), reinterpret_cast<bool*>(b.data()), static_cast<int64_t>(x.size()));
  EXPECT_EQ(b, (std::vector<uint8_t>{1, 1, 1, 0, 1, 1, 1, 1}));
  std::vector<int64_t> i64(x.size());
  CastRef(x.data(), i64.data(), static_cast<int64_t>(x.size()));
  EXPECT_EQ(i64[0], -10000000000LL);
  EXPECT_EQ(i64[7], std::numeric_limits<int64_t>::max());

  // Integer narrowing wraps; float -> float16 -> float round-trips representable values.
  std::vector<int32_t> wide = {300, -129};
  std::vector<int8_t> narrow(2);
  CastRef(wide.data(), narrow.data(), 2);
  EXPECT_EQ(narrow, (std::vector<int8_t>{44, 127}));
  for (int64_t n : kSizes) {
    std::vector<float> f = RandomFloats(n, -100, 100, 5);
    std::vector<Float16> h(n);
    std::vector<double> d(n);
    CastRef(f.data(), h.data(), n);
    CastRef(h.data(), d.data(), n);
    for (int64_t i = 0; i < n; ++i) {
      EXPECT_EQ(h[i].bits, Float16(f[i]).bits);
      EXPECT_EQ(d[i], static_cast<double>(static_cast<float>(Float16(f[i]))));
    }
  }
}

TEST(CastStrings, FormatShortestAndSpecials) {
  std::vector<float> x = {0.9767611f, 0.039187793f, -2.0f, std::nanf(""),
                          std::numeric_limits<float>::infinity(),
                          -std::numeric_limits<float>::infinity()};
  std::vector<std::string> s(x.size());
  CastToStringRef(x.data(), s.data(), static_cast<int64_t>(x.size()));
  EXPECT_EQ(s, (std::vector<std::string>{"0.9767611", "0.039187793", "-2", "NaN", "INF",
                                         "-INF"}));
  Float16 h(0.1f);
  EXPECT_EQ(FormatValue(h), "0.1");
  EXPECT_EQ(FormatValue<int64_t>(-42), "-42");
}

TEST(CastStrings, ParseNumbersAndRejectText) {
  std::vector<std::string> s = {"0.47892547", "NaN", "INF", "+INF", "-INF", "-inf", "1e-5",
                                " 1E8 "};
  std::vector<float> f(s.size());
  EXPECT_EQ(CastFromStringRef(s.data(), f.data(), static_cast<int64_t>(s.size())), -1);
  EXPECT_EQ(f[0], 0.47892547f);
  EXPECT_TRUE(std::isnan(f[1]));
  EXPECT_EQ(f[2], std::numeric_limits<float>::infinity());
  EXPECT_EQ(f[3], std::numeric_limits<float>::infinity());
  EXPECT_EQ(f[4], -std::numeric_limits<float>::infinity());
  EXPECT_EQ(f[5], -std::numeric_limits<float>::infinity());
  EXPECT_EQ(f[6], 1e-5f);
  EXPECT_EQ(f[7], 1e8f);

  std::vector<std::string> ints = {"100.5", "-7", "9223372036854775807", "1e30"};
  std::vector<int64_t> i(ints.size());
  EXPECT_EQ(CastFromStringRef(ints.data(), i.data(), 4), -1);
  EXPECT_EQ(i, (std::vector<int64_t>{100, -7, std::numeric_limits<int64_t>::max(),
                                     std::numeric_limits<int64_t>::max()}));

  std::vector<std::string> bad = {"1.5", "Hello World!", "2"};
  std::vector<double> d(3);
  EXPECT_EQ(CastFromStringRef(bad.data(), d.data(), 3), 1);
  std::vector<std::string> empty = {""};
  EXPECT_EQ(CastFromStringRef(empty.data(), d.data(), 1), 0);
}

TEST(CastNarrow, EveryFloat8CodeRoundTrips) {
  const NarrowType kTypes[] = {NarrowType::kFloat8E4M3FN, NarrowType::kFloat8E4M3FNUZ,
                               NarrowType::kFloat8E5M2, NarrowType::kFloat8E5M2FNUZ,
                               NarrowType::kFloat8E8M0};
  for (NarrowType t : kTypes) {
    NarrowParams p;
    p.type = t;
    p.saturate = false;  // e5m2 +-inf must stay inf
    for (int code = 0; code < 256; ++code) {
      float v = NarrowToFloat(t, static_cast<uint8_t>(code));
      if (std::isnan(v)) continue;
      EXPECT_EQ(NarrowFromFloat(p, v), code) << "type " << static_cast<int>(t) << " value " << v;
    }
  }
  for (int code = 0; code < 16; ++code) {
    NarrowParams p;
    p.type = NarrowType::kFloat4E2M1;
    EXPECT_EQ(NarrowFromFloat(p, NarrowToFloat(p.type, static_cast<uint8_t>(code))), code);
  }
}

TEST(CastNarrow, RoundingAndOverflow) {
  NarrowParams p;
  p.type = NarrowType::kFloat8E4M3FN;
  EXPECT_EQ(NarrowToFloat(p.type, NarrowFromFloat(p, 464.0f)), 448.0f);  // tie -> even
  EXPECT_EQ(NarrowFromFloat(p, 465.0f), 0x7e);                           // saturates
  p.saturate = false;
  EXPECT_EQ(NarrowFromFloat(p, 465.0f), 0x7f);  // NaN
  p.type = NarrowType::kFloat8E5M2;
  EXPECT_EQ(NarrowFromFloat(p, -1e6f), 0xfc);  // -inf
  p.type = NarrowType::kFloat8E4M3FNUZ;
  EXPECT_EQ(NarrowFromFloat(p, -1e-9f), 0x00);  // no negative zero
  p.type = NarrowType::kFloat8E8M0;
  p.rounding = E8M0Rounding::kUp;
  EXPECT_EQ(NarrowFromFloat(p, 1.1f), 128);
  p.rounding = E8M0Rounding::kDown;
  EXPECT_EQ(NarrowFromFloat(p, 1.9f), 127);
  p.rounding = E8M0Rounding::kNearest;
  EXPECT_EQ(NarrowFromFloat(p, 1.5f), 128);
  EXPECT_EQ(NarrowFromFloat(p, 1.4f), 127);
}

TEST(CastNarrow, PackedIntsWrapAndPadWithZero) {
  for (int64_t n : kSizes) {
    std::vector<int32_t> x(n);
    for (int64_t i = 0; i < n; ++i) x[i] = static_cast<int32_t>(i * 7 - 20);
    for (NarrowType t : {NarrowType::kInt4, NarrowType::kUint4, NarrowType::kInt2,
                         NarrowType::kUint2}) {
      const int bits = BitsOf(t);
      const int per_byte = 8 / bits;
      std::vector<uint8_t> packed((n + per_byte - 1) / per_byte + 1, 0xaa);  // + guard byte
      NarrowParams p;
      p.type = t;
      CastToNarrowRef(x.data(), packed.data(), n, p);
      EXPECT_EQ(packed.back(), 0xaa);
      std::vector<int64_t> back(n);
      CastFromNarrowRef(packed.data(), t, back.data(), n);
      const bool is_signed = t == NarrowType::kInt4 || t == NarrowType::kInt2;
      const int64_t m = int64_t{1} << bits;
      for (int64_t i = 0; i < n; ++i) {
        int64_t want = ((x[i] % m) + m) % m;
        if (is_signed && want >= m / 2) want -= m;
        EXPECT_EQ(back[i], want) << "bits " << bits << " i " << i;
      }
      if (n % per_byte != 0) {
        EXPECT_EQ(packed[n / per_byte] >> ((n % per_byte) * bits), 0);  // unused bits are 0
      }
    }
  }
}

}  // namespace
}  // namespace onnxi::kernels
