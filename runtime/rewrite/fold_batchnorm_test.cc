// fold-batchnorm: structure after the pass, and equal outputs with rewrites on and off.
#include <gtest/gtest.h>

#include "runtime/rewrite/rewrite_test_util.h"

namespace onnxi {
namespace {

TestGraph ConvBn(int opset, bool conv_bias, std::vector<onnx::AttributeProto> bn_attrs = {}) {
  TestGraph t(opset);
  t.Input("x", {1, 3, 7, 6}).Initializer("w", RandomFloats({4, 3, 3, 3}, 1));
  std::vector<std::string> conv_in = {"x", "w"};
  if (conv_bias) {
    t.Initializer("b", RandomFloats({4}, 2));
    conv_in.push_back("b");
  }
  t.Initializer("scale", RandomFloats({4}, 3, 0.5f, 2)).Initializer("bias", RandomFloats({4}, 4));
  t.Initializer("mean", RandomFloats({4}, 5)).Initializer("var", RandomFloats({4}, 6, 0.1f, 2));
  t.Node("Conv", conv_in, {"c"}, {AttrInts("pads", {1, 1, 1, 1}), AttrInts("strides", {2, 1})});
  t.Node("BatchNormalization", {"c", "scale", "bias", "mean", "var"}, {"y"}, bn_attrs);
  t.Output("y");
  return t;
}

TEST(RewriteFoldBatchNorm, ConvWithBias) {
  TestGraph t = ConvBn(13, true, {AttrF("epsilon", 1e-3f)});
  Model m = t.Rewritten();
  ASSERT_EQ(OpTypes(m), std::vector<std::string>{"Conv"});
  EXPECT_EQ(m.graph.initializers.size(), 2u);  // the folded W and B only
  EXPECT_EQ(m.graph.Find("w") >= 0 && m.graph.IsInitializer(m.graph.Find("w")), false);
  EXPECT_LE(t.MaxDiffRewriteOnOff(), 1e-5);
}

TEST(RewriteFoldBatchNorm, ConvWithoutBias) {
  TestGraph t = ConvBn(9, false);
  EXPECT_EQ(OpTypes(t.Rewritten()), std::vector<std::string>{"Conv"});
  EXPECT_LE(t.MaxDiffRewriteOnOff(), 1e-5);
}

TEST(RewriteFoldBatchNorm, TrainingModeStays) {
  TestGraph t = ConvBn(15, true, {AttrI("training_mode", 1)});
  EXPECT_EQ(CountOp(t.Rewritten(), "BatchNormalization"), 1);
}

TEST(RewriteFoldBatchNorm, ConvOutputReadElsewhereStays) {
  TestGraph t = ConvBn(13, true);
  t.Output("c");
  EXPECT_EQ(CountOp(t.Rewritten(), "BatchNormalization"), 1);
}

TEST(RewriteFoldBatchNorm, SharedWeightIsKept) {
  TestGraph t = ConvBn(13, true);
  t.Node("Conv", {"x", "w"}, {"c2"}).Output("c2");  // reads the original w
  Model m = t.Rewritten();
  EXPECT_EQ(CountOp(m, "BatchNormalization"), 0);
  EXPECT_TRUE(m.graph.IsInitializer(m.graph.Find("w")));
  EXPECT_LE(t.MaxDiffRewriteOnOff(), 1e-5);
}

TEST(RewriteFoldBatchNorm, FedStatisticsStay) {
  TestGraph t(13);
  t.Input("x", {1, 2, 3, 3}).Input("mean", {2}).Initializer("w", RandomFloats({2, 2, 1, 1}, 1));
  t.Initializer("s", RandomFloats({2}, 2)).Initializer("b", RandomFloats({2}, 3));
  t.Initializer("v", RandomFloats({2}, 4, 0.5f, 1));
  t.Node("Conv", {"x", "w"}, {"c"}).Node("BatchNormalization", {"c", "s", "b", "mean", "v"}, {"y"});
  t.Output("y");
  EXPECT_EQ(CountOp(t.Rewritten(), "BatchNormalization"), 1);
}

}  // namespace
}  // namespace onnxi
