// One-node tests of onnxi's private Gelu ("ai.onnxi", version 1): the contract of ONNX Gelu-20
// (approximate "none" | "tanh") that the graph rewrite of the decomposed erf form relies on,
// with reference and SIMD kernels.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "runtime/op_tester.h"

namespace onnxi {
namespace {

Tensor Floats(Shape shape, std::vector<float> v) {
  return Tensor::FromVector<float>(DataType::kFloat, std::move(shape), v);
}

double GeluErf(double x) { return 0.5 * x * std::erfc(-x / std::sqrt(2.0)); }
double GeluTanh(double x) {
  return 0.5 * x * (1 + std::tanh(std::sqrt(2 / M_PI) * (x + 0.044715 * x * x * x)));
}

TEST(PrivateGeluOp, ErfAndTanhFormsOnEveryKernelSet) {
  std::vector<float> xs;
  for (int i = 0; i < 37; ++i) xs.push_back(-6.0f + 0.33f * i);
  for (KernelChoice kernels : {KernelChoice::kReference, KernelChoice::kSimd}) {
    for (const char* approx : {"none", "tanh"}) {
      OpTester t("Gelu", 1, "ai.onnxi");
      t.Input("x", Floats({37}, xs)).Attr("approximate", std::string(approx)).Output("y");
      Options o;
      o.kernels = kernels;
      auto r = t.Run(o);
      ASSERT_TRUE(r.ok()) << r.status().message();
      const float* y = r.value()[0].data<float>();
      for (int i = 0; i < 37; ++i) {
        const double want = std::string(approx) == "none" ? GeluErf(xs[i]) : GeluTanh(xs[i]);
        EXPECT_NEAR(y[i], want, 1e-6 + 1e-6 * std::fabs(want)) << static_cast<int>(kernels) << " " << approx;
      }
    }
  }
}

TEST(PrivateGeluOp, RejectsUnknownApproximation) {
  OpTester t("Gelu", 1, "ai.onnxi");
  t.Input("x", Floats({1}, {1.0f})).Attr("approximate", std::string("fast")).Output("y");
  auto r = t.Run();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("approximate is 'fast'"), std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace onnxi
