// Accuracy of the SIMD float math (vmath_impl.h, through the vunary.h kernels) against double
// precision, for every instruction set this CPU runs: a sweep of every 1009th float bit
// pattern (both signs, subnormals to infinities, ~4.3 million values) plus the special values
// and edges, asserting the max error in ulps that vmath_impl.h states.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <vector>

#include "kernels/elementwise/vunary.h"

namespace onnxi::kernels {
namespace {

const Isa kSimdIsas[] = {Isa::kGeneric, Isa::kAvx2, Isa::kAvx512};

std::vector<float> SweepInputs() {
  std::vector<float> v;
  for (uint64_t b = 0; b <= 0xffffffffull; b += 1009) {
    const uint32_t bits = static_cast<uint32_t>(b);
    float f;
    std::memcpy(&f, &bits, 4);
    v.push_back(f);
  }
  const float kInf = std::numeric_limits<float>::infinity();
  for (float s : {0.0f, -0.0f, 1e-45f, -1e-45f, 1e-40f, -1e-40f, 1.17549435e-38f, -1.17549435e-38f,
                  kInf, -kInf, std::numeric_limits<float>::quiet_NaN(), 1.0f, -1.0f, 0.75f,
                  -0.75f, 88.72283f, 88.7228394f, 88.8f, 89.0f, -87.33654f, -103.2789f,
                  -103.9720f, -104.0f, -110.0f, 3.9f, -3.9f, 10.0f, -10.0f, 1.41421356f,
                  -1.41421356f, -1.41421368f, -14.0f, -15.0f, 1e-20f, -1e-20f, 3.4e38f, -3.4e38f}) {
    v.push_back(s);
  }
  return v;
}

// |got - ref| in units of the float ulp at ref (subnormal floor 2^-149). inf when the kinds
// of value differ (NaN vs number, inf vs finite).
double UlpError(float got, double ref) {
  if (std::isnan(ref) || std::isnan(got)) return std::isnan(ref) && std::isnan(got) ? 0 : INFINITY;
  const float rf = static_cast<float>(ref);
  if (std::isinf(rf) || std::isinf(got)) return got == rf ? 0 : INFINITY;
  if (ref == 0) return got == 0 ? 0 : std::fabs(got) / std::ldexp(1.0, -149);
  int e;
  std::frexp(ref, &e);
  return std::fabs(static_cast<double>(got) - ref) / std::ldexp(1.0, std::max(e - 24, -149));
}

struct Case {
  const char* name;
  UnaryKind kind;
  std::function<double(double)> ref;
  double max_ulp;
};

// The limits at -inf are 0 (the double formulas give inf * 0 = NaN there).
double Gelu(double x) { return std::isinf(x) && x < 0 ? 0 : 0.5 * x * std::erfc(-x / std::sqrt(2.0)); }
double Silu(double x) { return std::isinf(x) && x < 0 ? 0 : x / (1 + std::exp(-x)); }

const Case kCases[] = {
    {"Exp", UnaryKind::kExp, [](double x) { return std::exp(x); }, 1},
    {"Log", UnaryKind::kLog, [](double x) { return std::log(x); }, 1},
    {"Tanh", UnaryKind::kTanh, [](double x) { return std::tanh(x); }, 2},
    {"Sigmoid", UnaryKind::kSigmoid, [](double x) { return 1 / (1 + std::exp(-x)); }, 3},
    {"Erf", UnaryKind::kErf, [](double x) { return std::erf(x); }, 3},
    {"Gelu", UnaryKind::kGelu, Gelu, 5},
};

TEST(VMath, MaxUlpErrorOverFloatSweep) {
  const std::vector<float> x = SweepInputs();
  std::vector<float> y(x.size());
  for (const Case& c : kCases) {
    std::vector<double> ref(x.size());
    for (size_t i = 0; i < x.size(); ++i) ref[i] = c.ref(x[i]);
    for (Isa isa : kSimdIsas) {
      if (!CpuSupports(isa)) continue;
      VUnaryFn fn = GetVUnaryF32(c.kind, isa);
      ASSERT_NE(fn, nullptr);
      fn(x.data(), y.data(), static_cast<int64_t>(x.size()), UnaryParams{});
      double worst = 0;
      float worst_x = 0;
      for (size_t i = 0; i < x.size(); ++i) {
        const double err = UlpError(y[i], ref[i]);
        if (err > worst) {
          worst = err;
          worst_x = x[i];
        }
      }
      EXPECT_LE(worst, c.max_ulp) << c.name << " on " << IsaName(isa) << ": worst at x = "
                                  << worst_x << " (" << std::hexfloat << worst_x << ")";
      std::printf("%-8s %-8s max %.3f ulp at %g\n", c.name, IsaName(isa), worst, worst_x);
    }
  }
}

TEST(VMath, SiluThroughActivationMaxUlp) {
  std::vector<float> x = SweepInputs();
  std::vector<double> ref(x.size());
  for (size_t i = 0; i < x.size(); ++i) ref[i] = Silu(x[i]);
  for (Isa isa : kSimdIsas) {
    if (!CpuSupports(isa)) continue;
    std::vector<float> y = x;
    GetActivation(isa)(Activation{Activation::Kind::kSilu}, y.data(), static_cast<int64_t>(y.size()));
    double worst = 0;
    for (size_t i = 0; i < x.size(); ++i) worst = std::max(worst, UlpError(y[i], ref[i]));
    EXPECT_LE(worst, 3) << IsaName(isa);
    std::printf("Silu     %-8s max %.3f ulp\n", IsaName(isa), worst);
  }
}

TEST(VMath, SignOfZeroAndSpecials) {
  const float kInf = std::numeric_limits<float>::infinity();
  const float x[] = {0.0f, -0.0f, kInf, -kInf};
  float y[4];
  for (Isa isa : kSimdIsas) {
    if (!CpuSupports(isa)) continue;
    GetVUnaryF32(UnaryKind::kTanh, isa)(x, y, 4, {});
    EXPECT_TRUE(std::signbit(y[1]) && y[1] == 0 && y[2] == 1 && y[3] == -1) << IsaName(isa);
    GetVUnaryF32(UnaryKind::kErf, isa)(x, y, 4, {});
    EXPECT_TRUE(std::signbit(y[1]) && y[1] == 0 && y[2] == 1 && y[3] == -1) << IsaName(isa);
    GetVUnaryF32(UnaryKind::kExp, isa)(x, y, 4, {});
    EXPECT_TRUE(y[0] == 1 && y[1] == 1 && y[2] == kInf && y[3] == 0) << IsaName(isa);
    GetVUnaryF32(UnaryKind::kLog, isa)(x, y, 4, {});
    EXPECT_TRUE(y[0] == -kInf && y[1] == -kInf && y[2] == kInf && std::isnan(y[3]))
        << IsaName(isa);
  }
}

}  // namespace
}  // namespace onnxi::kernels
