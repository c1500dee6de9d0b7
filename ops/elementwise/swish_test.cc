// One-node tests of Swish-24 and SwiGLU-28 through OpTester: alpha, float16, and failure
// tests on the error text (element types, SwiGLU's shape and type agreement).
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

void ExpectError(Result<std::vector<Tensor>> r, const std::string& fragment) {
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(fragment), std::string::npos) << r.status().message();
}

TEST(SwishOp, AlphaScalesTheSigmoidArgument) {
  OpTester t("Swish", 24);
  t.Input("x", Floats({2}, {2.0f, -1.0f})).Attr("alpha", 0.5f).Output("y");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  const float* y = r.value()[0].data<float>();
  EXPECT_NEAR(y[0], 2.0 / (1 + std::exp(-1.0)), 1e-6);
  EXPECT_NEAR(y[1], -1.0 / (1 + std::exp(0.5)), 1e-6);
}

TEST(SwishOp, RejectsIntegers) {
  OpTester t("Swish", 24);
  t.Input("x", Tensor::FromVector<int32_t>(DataType::kInt32, {1}, {1})).Output("y");
  ExpectError(t.Run(), "input 0 has element type int32; expected one of");
}

TEST(SwiGluOp, Float16GateTimesValue) {
  OpTester t("SwiGLU", 28);
  t.Input("a", Tensor::FromVector<Float16>(DataType::kFloat16, {1, 2},
                                           {Float16(1.0f), Float16(-2.0f)}))
      .Input("b", Tensor::FromVector<Float16>(DataType::kFloat16, {1, 2},
                                              {Float16(3.0f), Float16(0.5f)}))
      .Output("y");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  const Float16* y = r.value()[0].data<Float16>();
  EXPECT_NEAR(static_cast<float>(y[0]), 3.0 / (1 + std::exp(-1.0)), 2e-3);
  EXPECT_NEAR(static_cast<float>(y[1]), 0.5 * -2.0 / (1 + std::exp(2.0)), 2e-3);
}

TEST(SwiGluOp, ShapesMustBeIdentical) {
  OpTester t("SwiGLU", 28);
  t.Input("a", Floats({2, 2}, {1, 2, 3, 4})).Input("b", Floats({2}, {1, 2})).Output("y");
  ExpectError(t.Run(),
              "input 0 (A) has shape [2, 2] and input 1 (B) has [2]; SwiGLU needs identical "
              "shapes (no broadcasting)");
}

TEST(SwiGluOp, TypesMustMatch) {
  OpTester t("SwiGLU", 28);
  t.Input("a", Floats({1}, {1}))
      .Input("b", Tensor::FromVector<double>(DataType::kDouble, {1}, {1}))
      .Output("y");
  ExpectError(t.Run(), "input 1 (B) has element type float64; input 0 (A) has float32");
}

}  // namespace
}  // namespace onnxi
