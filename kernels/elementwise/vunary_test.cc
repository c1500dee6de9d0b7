// The SIMD unary kernels (vunary.h) against their scalar twins UnaryRef<float>, ClipRef<float>
// and ActivationRef: sizes 0, 1, vector width +-1, odd sizes, random data, guard values after
// the end (no overrun), in place, every instruction set this CPU runs.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "kernels/elementwise/vunary.h"

namespace onnxi::kernels {
namespace {

const Isa kSimdIsas[] = {Isa::kGeneric, Isa::kAvx2, Isa::kAvx512};
const int64_t kSizes[] = {0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 100, 1027};
constexpr float kGuard = 12345.0f;

// Within `ulps` of want, or within 1e-7 absolute: the float twins of Gelu compute
// 1 + erf(x / sqrt 2), which cancels to 0 for x < -5.4 where the SIMD kernel is accurate.
bool Close(float got, float want, double ulps) {
  if (std::isnan(want)) return std::isnan(got);
  if (got == want) return true;
  const double scale = std::fabs(static_cast<double>(want));
  return std::fabs(got - want) <= ulps * scale * 1.2e-7 + 1e-7;
}

std::vector<float> RandomData(int64_t n, float lo, float hi, std::mt19937& rng) {
  std::uniform_real_distribution<float> d(lo, hi);
  std::vector<float> v(n);
  for (float& x : v) x = d(rng);
  return v;
}

struct KindCase {
  UnaryKind kind;
  double ulps;  // 0: bit-exact
  float lo, hi;
};

TEST(VUnary, MatchesReferenceTwin) {
  const KindCase cases[] = {
      {UnaryKind::kAbs, 0, -5, 5},        {UnaryKind::kNeg, 0, -5, 5},
      {UnaryKind::kExp, 2, -90, 90},      {UnaryKind::kLog, 2, 0, 100},
      {UnaryKind::kSqrt, 0, 0, 100},      {UnaryKind::kReciprocal, 0, -5, 5},
      {UnaryKind::kRelu, 0, -5, 5},       {UnaryKind::kLeakyRelu, 0, -5, 5},
      {UnaryKind::kSigmoid, 4, -30, 30},  {UnaryKind::kHardSigmoid, 4, -5, 5},
      {UnaryKind::kHardSwish, 4, -5, 5},  {UnaryKind::kTanh, 3, -10, 10},
      {UnaryKind::kErf, 4, -5, 5},        {UnaryKind::kGelu, 6, -8, 8},
      {UnaryKind::kGeluTanh, 200, -8, 8},
  };
  UnaryParams p;
  p.alpha = 0.13f;
  p.beta = 0.4f;
  std::mt19937 rng(7);
  for (Isa isa : kSimdIsas) {
    if (!CpuSupports(isa)) continue;
    for (const KindCase& c : cases) {
      VUnaryFn fn = GetVUnaryF32(c.kind, isa);
      ASSERT_NE(fn, nullptr) << static_cast<int>(c.kind);
      for (int64_t n : kSizes) {
        std::vector<float> x = RandomData(n, c.lo, c.hi, rng);
        std::vector<float> want(n), got(n + 4, kGuard);
        UnaryRef<float>(c.kind, p, x.data(), want.data(), n);
        fn(x.data(), got.data(), n, p);
        for (int64_t i = 0; i < n; ++i) {
          ASSERT_TRUE(c.ulps == 0 ? got[i] == want[i] : Close(got[i], want[i], c.ulps))
              << IsaName(isa) << " kind " << static_cast<int>(c.kind) << " n " << n << " x "
              << x[i] << ": " << got[i] << " vs " << want[i];
        }
        for (int64_t i = n; i < n + 4; ++i) ASSERT_EQ(got[i], kGuard) << "overrun";
        fn(x.data(), x.data(), n, p);  // in place
        for (int64_t i = 0; i < n; ++i) ASSERT_EQ(x[i], got[i]);
      }
    }
  }
}

TEST(VUnary, NanPassesThroughReluAndClip) {
  const float x[] = {NAN, -1.0f, 2.0f};
  float y[3];
  for (Isa isa : kSimdIsas) {
    if (!CpuSupports(isa)) continue;
    GetVUnaryF32(UnaryKind::kRelu, isa)(x, y, 3, {});
    EXPECT_TRUE(std::isnan(y[0]) && y[1] == 0 && y[2] == 2);
    GetVClipF32(isa)(x, y, 3, -0.5f, 1.0f);
    EXPECT_TRUE(std::isnan(y[0]) && y[1] == -0.5f && y[2] == 1.0f);
    GetVClipF32(isa)(x, y, 3, 1.0f, 0.0f);  // min > max: max wins, like ClipRef
    EXPECT_TRUE(std::isnan(y[0]) && y[1] == 0 && y[2] == 0);
  }
}

TEST(VUnary, ClipAndActivationMatchTwins) {
  std::mt19937 rng(3);
  using Kind = Activation::Kind;
  for (Isa isa : kSimdIsas) {
    if (!CpuSupports(isa)) continue;
    for (int64_t n : kSizes) {
      std::vector<float> x = RandomData(n, -6, 6, rng);
      std::vector<float> want(n), got(n + 4, kGuard);
      ClipRef<float>(x.data(), want.data(), n, -1.5f, 2.5f);
      GetVClipF32(isa)(x.data(), got.data(), n, -1.5f, 2.5f);
      for (int64_t i = 0; i < n; ++i) ASSERT_EQ(got[i], want[i]);
      ASSERT_EQ(got[n], kGuard);
      for (Kind k : {Kind::kNone, Kind::kRelu, Kind::kLeakyRelu, Kind::kClip, Kind::kSigmoid,
                     Kind::kHardSigmoid, Kind::kTanh, Kind::kSilu, Kind::kGelu}) {
        const Activation act{k, k == Kind::kClip ? -1.0f : 0.2f, k == Kind::kClip ? 3.0f : 0.5f};
        std::vector<float> a = x, b = x;
        ActivationRef(act, a.data(), n);
        b.push_back(kGuard);
        GetActivation(isa)(act, b.data(), n);
        for (int64_t i = 0; i < n; ++i) {
          ASSERT_TRUE(Close(b[i], a[i], 6)) << IsaName(isa) << " kind " << static_cast<int>(k)
                                            << " x " << x[i] << ": " << b[i] << " vs " << a[i];
        }
        ASSERT_EQ(b[n], kGuard);
      }
    }
  }
  EXPECT_EQ(GetActivation(Isa::kReference), &ActivationRef);
}

}  // namespace
}  // namespace onnxi::kernels
