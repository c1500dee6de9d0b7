// One-node tests of onnxi's private LayerNormalization ("ai.onnxi", version 1): the contract of
// ONNX LayerNormalization-17 (axis, epsilon, stash_type; X, Scale, optional B; outputs Y and
// optional Mean / InvStdDev) that the graph rewrite of the decomposed pattern relies on.
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

TEST(PrivateLayerNormOp, NormalizesLastAxisWithScaleBiasAndStatistics) {
  const std::vector<float> x = {1, 2, 3, 4, -1, 0, 1, 10};
  for (KernelChoice kernels : {KernelChoice::kReference, KernelChoice::kSimd}) {
    OpTester t("LayerNormalization", 1, "ai.onnxi");
    t.Input("x", Floats({2, 4}, x))
        .ConstantInput("scale", Floats({4}, {1, 2, 0.5f, -1}))
        .ConstantInput("b", Floats({4}, {0, 1, 0, 0.25f}))
        .Attr("axis", int64_t{-1})
        .Attr("epsilon", 1e-3f)
        .Output("y")
        .Output("mean")
        .Output("inv_std");
    Options o;
    o.kernels = kernels;
    auto r = t.Run(o);
    ASSERT_TRUE(r.ok()) << r.status().message();
    const std::vector<Tensor>& out = r.value();
    ASSERT_EQ(out[1].shape(), (Shape{2, 1}));
    const float scale[] = {1, 2, 0.5f, -1}, bias[] = {0, 1, 0, 0.25f};
    for (int row = 0; row < 2; ++row) {
      double mean = 0, var = 0;
      for (int j = 0; j < 4; ++j) mean += x[row * 4 + j] / 4.0;
      for (int j = 0; j < 4; ++j) var += (x[row * 4 + j] - mean) * (x[row * 4 + j] - mean) / 4;
      const double inv = 1 / std::sqrt(var + 1e-3);
      EXPECT_NEAR(out[1].data<float>()[row], mean, 1e-6);
      EXPECT_NEAR(out[2].data<float>()[row], inv, 1e-6);
      for (int j = 0; j < 4; ++j) {
        EXPECT_NEAR(out[0].data<float>()[row * 4 + j],
                    (x[row * 4 + j] - mean) * inv * scale[j] + bias[j], 1e-5);
      }
    }
  }
}

TEST(PrivateLayerNormOp, AxisOneOfThreeNormalizesTrailingBlock) {
  std::vector<float> x(12);
  for (int i = 0; i < 12; ++i) x[i] = static_cast<float>(i * i % 7);
  OpTester t("LayerNormalization", 1, "ai.onnxi");
  t.Input("x", Floats({2, 2, 3}, x))
      .ConstantInput("scale", Floats({2, 3}, {1, 1, 1, 1, 1, 1}))
      .Attr("axis", int64_t{1})
      .Output("y");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  for (int row = 0; row < 2; ++row) {
    double mean = 0, var = 0;
    for (int j = 0; j < 6; ++j) mean += x[row * 6 + j] / 6.0;
    for (int j = 0; j < 6; ++j) var += (x[row * 6 + j] - mean) * (x[row * 6 + j] - mean) / 6;
    for (int j = 0; j < 6; ++j) {
      EXPECT_NEAR(r.value()[0].data<float>()[row * 6 + j],
                  (x[row * 6 + j] - mean) / std::sqrt(var + 1e-5), 1e-5);
    }
  }
}

TEST(PrivateLayerNormOp, MissingScaleIsAnError) {
  OpTester t("LayerNormalization", 1, "ai.onnxi");
  t.Input("x", Floats({1, 2}, {1, 2})).Output("y");
  auto r = t.Run();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("scale"), std::string::npos) << r.status().message();
}

}  // namespace
}  // namespace onnxi
