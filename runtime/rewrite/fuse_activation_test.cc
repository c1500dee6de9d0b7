// fuse-activation: structure after the pass, and equal outputs with rewrites on and off.
#include <gtest/gtest.h>

#include "runtime/rewrite/rewrite_test_util.h"

namespace onnxi {
namespace {

using Ops = std::vector<std::string>;

// x (1, 4, 6, 6) -> Conv 3x3 pad 1 (4 -> 4 channels) -> "c".
TestGraph WithConv(int opset = 13) {
  TestGraph t(opset);
  t.Input("x", {1, 4, 6, 6}).Initializer("w", RandomFloats({4, 4, 3, 3}, 1, -0.3f, 0.3f));
  t.Initializer("b", RandomFloats({4}, 2));
  t.Node("Conv", {"x", "w", "b"}, {"c"}, {AttrInts("pads", {1, 1, 1, 1})});
  return t;
}

std::string Activation(const Model& m) {
  const Attribute* a = FindAttribute(m.graph.nodes.back(), "activation");
  return a ? a->s : "";
}

TEST(RewriteFuseActivation, ConvThenEachSimpleActivation) {
  struct Case {
    const char* op;
    std::vector<onnx::AttributeProto> attrs;
  };
  const std::vector<Case> cases = {{"Relu", {}},
                                   {"Sigmoid", {}},
                                   {"Tanh", {}},
                                   {"LeakyRelu", {AttrF("alpha", 0.2f)}},
                                   {"HardSigmoid", {AttrF("alpha", 0.3f)}}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.op);
    TestGraph t = WithConv();
    t.Node(c.op, {"c"}, {"y"}, c.attrs).Output("y");
    Model m = t.Rewritten();
    ASSERT_EQ(OpTypes(m), (Ops{"ai.onnxi.FusedConv"}));
    EXPECT_EQ(Activation(m), c.op);
    EXPECT_LE(t.MaxDiffRewriteOnOff(), 1e-5);
  }
}

TEST(RewriteFuseActivation, ClipFromConstantNodes) {
  TestGraph t = WithConv();
  t.Const("lo", Scalar(0)).Const("hi", Scalar(0.5f)).Node("Clip", {"c", "lo", "hi"}, {"y"});
  t.Output("y");
  Model m = t.Rewritten();
  ASSERT_EQ(OpTypes(m), (Ops{"ai.onnxi.FusedConv"}));
  EXPECT_EQ(AttrFloat(m.graph.nodes[0], "activation_beta", 0), 0.5f);
  EXPECT_LE(t.MaxDiffRewriteOnOff(), 1e-5);
}

TEST(RewriteFuseActivation, ClipAttributesBeforeOpset11) {
  TestGraph t = WithConv(9);
  t.Node("Clip", {"c"}, {"y"}, {AttrF("min", -0.1f), AttrF("max", 0.2f)}).Output("y");
  Model m = t.Rewritten();
  ASSERT_EQ(OpTypes(m), (Ops{"ai.onnxi.FusedConv"}));
  EXPECT_EQ(AttrFloat(m.graph.nodes[0], "activation_alpha", 0), -0.1f);
  EXPECT_LE(t.MaxDiffRewriteOnOff(), 1e-5);
}

TEST(RewriteFuseActivation, ClipWithFedBoundStays) {
  TestGraph t = WithConv();
  t.Input("hi", {}).Node("Clip", {"c", "", "hi"}, {"y"}).Output("y");
  EXPECT_EQ(OpTypes(t.Rewritten()), (Ops{"Conv", "Clip"}));
}

TEST(RewriteFuseActivation, Silu) {
  TestGraph t = WithConv();
  t.Node("Sigmoid", {"c"}, {"s"}).Node("Mul", {"s", "c"}, {"y"}).Output("y");
  Model m = t.Rewritten();
  ASSERT_EQ(OpTypes(m), (Ops{"ai.onnxi.FusedConv"}));
  EXPECT_EQ(Activation(m), "Silu");
  EXPECT_LE(t.MaxDiffRewriteOnOff(), 1e-5);
}

TEST(RewriteFuseActivation, ResidualAddThenRelu) {
  TestGraph t = WithConv();
  t.Node("Add", {"x", "c"}, {"s"}).Node("Relu", {"s"}, {"y"}).Output("y");
  Model m = t.Rewritten();
  ASSERT_EQ(OpTypes(m), (Ops{"ai.onnxi.FusedConv"}));
  EXPECT_EQ(m.graph.nodes[0].inputs.size(), 4u);
  EXPECT_EQ(m.graph.nodes[0].inputs[3], m.graph.Find("x"));
  EXPECT_EQ(Activation(m), "Relu");
  EXPECT_LE(t.MaxDiffRewriteOnOff(), 1e-5);
}

TEST(RewriteFuseActivation, BroadcastingAddStays) {
  TestGraph t = WithConv();
  t.Input("z", {1, 4, 1, 1}).Node("Add", {"c", "z"}, {"y"}).Output("y");
  EXPECT_EQ(OpTypes(t.Rewritten()), (Ops{"Conv", "Add"}));
}

TEST(RewriteFuseActivation, ResidualNeedsTrustedInputShapes) {
  TestGraph t = WithConv();
  t.Node("Add", {"x", "c"}, {"y"}).Output("y");
  Options o;
  o.check_input_shapes = false;  // fed shapes may differ from the declared ones
  EXPECT_EQ(OpTypes(t.Rewritten(o)), (Ops{"Conv", "Add"}));
}

TEST(RewriteFuseActivation, ConvOutputAlsoGraphOutputStays) {
  TestGraph t = WithConv();
  t.Node("Relu", {"c"}, {"y"}).Output("y").Output("c");
  EXPECT_EQ(OpTypes(t.Rewritten()), (Ops{"Conv", "Relu"}));
}

TEST(RewriteFuseActivation, GemmRelu) {
  TestGraph t(13);
  t.Input("a", {3, 8})
      .Initializer("b", RandomFloats({5, 8}, 1))
      .Initializer("c", RandomFloats({5}, 2));
  t.Node("Gemm", {"a", "b", "c"}, {"g"}, {AttrI("transB", 1), AttrF("alpha", 0.5f)});
  t.Node("Relu", {"g"}, {"y"}).Output("y");
  Model m = t.Rewritten();
  ASSERT_EQ(OpTypes(m), (Ops{"ai.onnxi.FusedGemm"}));
  EXPECT_EQ(AttrFloat(m.graph.nodes[0], "alpha", 1), 0.5f);
  EXPECT_LE(t.MaxDiffRewriteOnOff(), 1e-5);
}

TEST(RewriteFuseActivation, MatMulAddGeluBecomesOneFusedMatMul) {
  TestGraph t(13);
  t.Input("a", {2, 3, 8}).Initializer("w", RandomFloats({8, 6}, 1));
  t.Initializer("bias", RandomFloats({6}, 2));
  t.Node("MatMul", {"a", "w"}, {"m"}).Node("Add", {"bias", "m"}, {"x"});
  t.Const("sqrt2", Scalar(1.4142135f)).Const("one", Scalar(1)).Const("half", Scalar(0.5f));
  t.Node("Div", {"x", "sqrt2"}, {"d"}).Node("Erf", {"d"}, {"e"}).Node("Add", {"e", "one"}, {"p"});
  t.Node("Mul", {"x", "p"}, {"q"}).Node("Mul", {"q", "half"}, {"y"}).Output("y");
  Model m = t.Rewritten();
  ASSERT_EQ(OpTypes(m), (Ops{"ai.onnxi.FusedMatMul"}));
  EXPECT_EQ(Activation(m), "Gelu");
  EXPECT_LE(t.MaxDiffRewriteOnOff(), 1e-5);
}

}  // namespace
}  // namespace onnxi
