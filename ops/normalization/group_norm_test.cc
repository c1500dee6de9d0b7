// One-node tests of GroupNormalization through OpTester: per-group parameters (opset 18)
// versus per-channel parameters (opset 21), and failure tests on the error text.
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

// X (1, 4, 1): group 0 = channels {0, 1} = {1, 3}, group 1 = channels {2, 3} = {-2, 2}.
// Each group normalizes to (-1, 1) (epsilon 0, so exactly).
TEST(GroupNormOp, Opset18ScalesPerGroup) {
  OpTester t("GroupNormalization", 18);
  t.Input("x", Floats({1, 4, 1}, {1, 3, -2, 2}))
      .Input("scale", Floats({2}, {2, 10}))
      .Input("bias", Floats({2}, {0.5f, -1}))
      .Attr("num_groups", int64_t{2})
      .Attr("epsilon", 0.0f)
      .Output("y");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  const float* y = r.value()[0].data<float>();
  const float want[4] = {-1.5f, 2.5f, -11, 9};
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(y[i], want[i], 1e-5) << i;
}

TEST(GroupNormOp, Opset21ScalesPerChannel) {
  OpTester t("GroupNormalization", 21);
  t.Input("x", Floats({1, 4, 1}, {1, 3, -2, 2}))
      .Input("scale", Floats({4}, {1, 2, 3, 4}))
      .Input("bias", Floats({4}, {0, 1, 0, -1}))
      .Attr("num_groups", int64_t{2})
      .Attr("epsilon", 0.0f)
      .Output("y");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  const float* y = r.value()[0].data<float>();
  const float want[4] = {-1, 3, -3, 3};
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(y[i], want[i], 1e-5) << i;
}

TEST(GroupNormOp, RejectsGroupsNotDividingChannels) {
  OpTester t("GroupNormalization", 21);
  t.Input("x", Floats({1, 4, 1}, {1, 2, 3, 4}))
      .Input("scale", Floats({4}, {1, 1, 1, 1}))
      .Input("bias", Floats({4}, {0, 0, 0, 0}))
      .Attr("num_groups", int64_t{3})
      .Output("y");
  ExpectError(t.Run(), "num_groups 3 does not divide the channel count 4");
}

TEST(GroupNormOp, Opset18RejectsPerChannelScale) {
  OpTester t("GroupNormalization", 18);
  t.Input("x", Floats({1, 4, 1}, {1, 2, 3, 4}))
      .Input("scale", Floats({4}, {1, 1, 1, 1}))
      .Input("bias", Floats({2}, {0, 0}))
      .Attr("num_groups", int64_t{2})
      .Output("y");
  ExpectError(t.Run(), "scale has shape [4], expected [2] (num_groups)");
}

TEST(GroupNormOp, RejectsNonPositiveGroupsAndMissingAttribute) {
  OpTester t("GroupNormalization", 21);
  t.Input("x", Floats({1, 2}, {1, 2}))
      .Input("scale", Floats({2}, {1, 1}))
      .Input("bias", Floats({2}, {0, 0}))
      .Attr("num_groups", int64_t{0})
      .Output("y");
  ExpectError(t.Run(), "num_groups must be positive, got 0");
  OpTester u("GroupNormalization", 21);
  u.Input("x", Floats({1, 2}, {1, 2}))
      .Input("scale", Floats({2}, {1, 1}))
      .Input("bias", Floats({2}, {0, 0}))
      .Output("y");
  ExpectError(u.Run(), "num_groups");
}

TEST(GroupNormOp, RejectsIntegerInput) {
  OpTester t("GroupNormalization", 21);
  t.Input("x", Tensor::FromVector<int32_t>(DataType::kInt32, {1, 2}, {1, 2}))
      .Input("scale", Tensor::FromVector<int32_t>(DataType::kInt32, {2}, {1, 1}))
      .Input("bias", Tensor::FromVector<int32_t>(DataType::kInt32, {2}, {0, 0}))
      .Attr("num_groups", int64_t{1})
      .Output("y");
  ExpectError(t.Run(), "input 0 has element type int32; expected one of");
}

// LpNormalization of an all-zero slice gives 0 (the ONNX reference), not NaN.
TEST(LpNormOp, ZeroSliceGivesZero) {
  OpTester t("LpNormalization", 22);
  t.Input("x", Floats({2, 2}, {0, 0, 3, 4})).Attr("axis", int64_t{1}).Output("y");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  const float* y = r.value()[0].data<float>();
  EXPECT_EQ(y[0], 0.f);
  EXPECT_EQ(y[1], 0.f);
  EXPECT_NEAR(y[2], 0.6f, 1e-6);
  EXPECT_NEAR(y[3], 0.8f, 1e-6);
}

}  // namespace
}  // namespace onnxi
