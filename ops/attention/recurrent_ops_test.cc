// One-node tests of LinearAttention, CausalConvWithState and FlexAttention
// through OpTester: failure texts and one small case checked by hand (numerics
// are covered by the backend cases and the kernel tests).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/op_tester.h"

namespace onnxi {
namespace {

Tensor Floats(Shape shape) {
  Tensor t = Tensor::Allocate(DataType::kFloat, shape);
  for (int64_t i = 0; i < t.num_elements(); ++i)
    t.data<float>()[i] = 0.1f * (i % 7);
  return t;
}

void ExpectError(Result<std::vector<Tensor>> r, const std::string &fragment) {
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(fragment), std::string::npos)
      << r.status().message();
}

TEST(LinearAttentionOps, HeadsMustGroup) {
  OpTester t("LinearAttention", 27);
  t.Input("q", Floats({1, 2, 12}))
      .Input("k", Floats({1, 2, 8}))
      .Input("v", Floats({1, 2, 8}));
  t.Attr("q_num_heads", int64_t{3})
      .Attr("kv_num_heads", int64_t{2})
      .Attr("update_rule", "linear");
  t.Output("y");
  ExpectError(t.Run(),
              "q_num_heads 3 must be a positive multiple of kv_num_heads 2");
}

TEST(LinearAttentionOps, GatedNeedsDecay) {
  OpTester t("LinearAttention", 27);
  t.Input("q", Floats({1, 2, 8}))
      .Input("k", Floats({1, 2, 8}))
      .Input("v", Floats({1, 2, 8}));
  t.Attr("q_num_heads", int64_t{2})
      .Attr("kv_num_heads", int64_t{2})
      .Attr("update_rule", "gated");
  t.Output("y");
  ExpectError(t.Run(), "this update_rule needs the decay input");
}

TEST(LinearAttentionOps, BetaShapeChecked) {
  OpTester t("LinearAttention", 27);
  t.Input("q", Floats({1, 2, 8}))
      .Input("k", Floats({1, 2, 8}))
      .Input("v", Floats({1, 2, 8}));
  t.NoInput().NoInput().Input("beta", Floats({1, 2, 3}));
  t.Attr("q_num_heads", int64_t{2})
      .Attr("kv_num_heads", int64_t{2})
      .Attr("update_rule", "delta");
  t.Output("y");
  ExpectError(t.Run(), "beta has shape [1, 2, 3]; expected (1, 2, 2 or 1)");
}

TEST(LinearAttentionOps, LinearRuleByHand) {
  // One head, dk = dv = 1, scale 1: S accumulates k * v, y_t = q_t * S_t.
  OpTester t("LinearAttention", 27);
  t.Input("q",
          Tensor::FromVector<float>(DataType::kFloat, {1, 2, 1}, {1.0f, 2.0f}));
  t.Input("k",
          Tensor::FromVector<float>(DataType::kFloat, {1, 2, 1}, {3.0f, 1.0f}));
  t.Input("v",
          Tensor::FromVector<float>(DataType::kFloat, {1, 2, 1}, {2.0f, 4.0f}));
  t.Attr("q_num_heads", int64_t{1})
      .Attr("kv_num_heads", int64_t{1})
      .Attr("update_rule", "linear");
  t.Attr("scale", 1.0f).Output("y").Output("state");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_FLOAT_EQ(r.value()[0].data<float>()[0], 6.0f);  // 1 * (3 * 2)
  EXPECT_FLOAT_EQ(r.value()[0].data<float>()[1], 20.0f); // 2 * (6 + 1 * 4)
  EXPECT_FLOAT_EQ(r.value()[1].data<float>()[0], 10.0f);
}

TEST(CausalConvWithStateOps, WeightShapeChecked) {
  OpTester t("CausalConvWithState", 27);
  t.Input("x", Floats({1, 3, 4})).Input("w", Floats({2, 1, 3})).Output("y");
  ExpectError(t.Run(),
              "weight has shape [2, 1, 3]; expected (3, 1, k) with k >= 1");
}

TEST(CausalConvWithStateOps, UnknownActivation) {
  OpTester t("CausalConvWithState", 27);
  t.Input("x", Floats({1, 3, 4}))
      .Input("w", Floats({3, 1, 3}))
      .Attr("activation", "relu");
  t.Output("y");
  ExpectError(t.Run(),
              "activation 'relu' is not one of 'silu', 'swish', 'none'");
}

TEST(CausalConvWithStateOps, PastStateShapeChecked) {
  OpTester t("CausalConvWithState", 27);
  t.Input("x", Floats({1, 3, 4})).Input("w", Floats({3, 1, 3})).NoInput();
  t.Input("past", Floats({1, 3, 3})).Output("y").Output("state");
  ExpectError(t.Run(), "past_state has shape [1, 3, 3]; expected [1, 3, 2]");
}

TEST(FlexAttentionOps, MustBeFourD) {
  OpTester t("FlexAttention", 1, "ai.onnx.preview");
  t.Input("Q", Floats({1, 2, 8}))
      .Input("K", Floats({1, 2, 8}))
      .Input("V", Floats({1, 2, 8}));
  t.Output("Y");
  ExpectError(t.Run(), "must all be 4-D");
}

TEST(FlexAttentionOps, HeadsMustGroup) {
  OpTester t("FlexAttention", 1, "ai.onnx.preview");
  t.Input("Q", Floats({1, 3, 2, 4})).Input("K", Floats({1, 2, 2, 4}));
  t.Input("V", Floats({1, 2, 2, 4})).Output("Y");
  ExpectError(t.Run(), "q_num_heads 3 is not a multiple of kv_num_heads 2");
}

} // namespace
} // namespace onnxi
