// Pow float32 with a constant scalar exponent through OpTester: the SIMD fast paths (1, 2, 3)
// and the general path (0.5, 1.5, a run-time exponent) against the reference kernels within
// a float ulp or two, for every kernel choice the CPU runs, and 1 vs 2 threads bit for bit.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "kernels/cpu/isa.h"
#include "runtime/op_tester.h"

namespace onnxi {
namespace {

std::vector<float> RunPow(const Tensor& x, float e, bool constant, KernelChoice kernels,
                          int threads) {
  OpTester t("Pow", 15);
  t.Input("x", x);
  Tensor et = Tensor::FromVector<float>(DataType::kFloat, {1}, {e});
  if (constant) {
    t.ConstantInput("y", et);
  } else {
    t.Input("y", et);
  }
  t.Output("z");
  Options o;
  o.kernels = kernels;
  o.threads = threads;
  auto r = t.Run(o);
  EXPECT_TRUE(r.ok()) << r.status().message();
  if (!r.ok()) return {};
  const Tensor& z = r.value()[0];
  return std::vector<float>(z.data<float>(), z.data<float>() + z.num_elements());
}

TEST(PowSimd, ConstantExponentsMatchReference) {
  std::mt19937 rng(9);
  std::uniform_real_distribution<float> d(0.01f, 4.0f);
  const struct {
    KernelChoice choice;
    kernels::Isa isa;
  } choices[] = {{KernelChoice::kSimd, kernels::Isa::kGeneric},
                 {KernelChoice::kGeneric, kernels::Isa::kGeneric},
                 {KernelChoice::kAvx2, kernels::Isa::kAvx2},
                 {KernelChoice::kAvx512, kernels::Isa::kAvx512}};
  for (int64_t n : {0, 1, 15, 17, 70001}) {
    std::vector<float> v(n);
    for (float& x : v) x = d(rng);
    Tensor x = Tensor::FromVector<float>(DataType::kFloat, {n}, v);
    for (float e : {1.0f, 2.0f, 3.0f, 0.5f, 1.5f}) {
      for (bool constant : {true, false}) {
        std::vector<float> want = RunPow(x, e, constant, KernelChoice::kReference, 1);
        for (const auto& c : choices) {
          if (!kernels::CpuSupports(c.isa)) continue;
          std::vector<float> got = RunPow(x, e, constant, c.choice, 1);
          ASSERT_EQ(got.size(), want.size());
          for (size_t i = 0; i < want.size(); ++i) {
            EXPECT_NEAR(want[i], got[i], 2.5e-7 * std::fabs(want[i])) << "e " << e << " " << i;
          }
          EXPECT_EQ(got, RunPow(x, e, constant, c.choice, 2)) << "e " << e << " n " << n;
        }
      }
    }
  }
}

}  // namespace
}  // namespace onnxi
