// fuse-layernorm: structure after the pass, and equal outputs with rewrites on and off.
#include <gtest/gtest.h>

#include "runtime/rewrite/rewrite_test_util.h"

namespace onnxi {
namespace {

using Ops = std::vector<std::string>;

// The opset-13 export of LayerNorm over the last axis of x (2, 3, 8).
TestGraph Decomposed(std::vector<int64_t> axes = {-1}, float exponent = 2, int64_t keepdims = 1) {
  TestGraph t(13);
  t.Input("x", {2, 3, 8}).Initializer("scale", RandomFloats({8}, 1));
  t.Initializer("bias", RandomFloats({8}, 2));
  t.Const("two", Scalar(exponent)).Const("eps", Scalar(1e-5f));
  t.Node("ReduceMean", {"x"}, {"m"}, {AttrInts("axes", axes), AttrI("keepdims", keepdims)});
  t.Node("Sub", {"x", "m"}, {"d"}).Node("Pow", {"d", "two"}, {"p"});
  t.Node("ReduceMean", {"p"}, {"v"}, {AttrInts("axes", axes)});
  t.Node("Add", {"v", "eps"}, {"ve"}).Node("Sqrt", {"ve"}, {"s"}).Node("Div", {"d", "s"}, {"n"});
  t.Node("Mul", {"n", "scale"}, {"ns"}).Node("Add", {"bias", "ns"}, {"y"}).Output("y");
  return t;
}

TEST(RewriteFuseLayerNorm, Fuses) {
  TestGraph t = Decomposed();
  Model m = t.Rewritten();
  ASSERT_EQ(OpTypes(m), (Ops{"ai.onnxi.LayerNormalization"}));
  EXPECT_EQ(AttrInt(m.graph.nodes[0], "axis", 0), -1);
  EXPECT_EQ(AttrFloat(m.graph.nodes[0], "epsilon", 0), 1e-5f);
  EXPECT_EQ(m.graph.initializers.size(), 2u);
  EXPECT_LE(t.MaxDiffRewriteOnOff(), 1e-5);
}

TEST(RewriteFuseLayerNorm, OtherAxisStays) {
  EXPECT_EQ(CountOp(Decomposed({1}).Rewritten(), "ReduceMean"), 2);
}

TEST(RewriteFuseLayerNorm, OtherExponentStays) {
  EXPECT_EQ(CountOp(Decomposed({-1}, 3).Rewritten(), "ReduceMean"), 2);
}

TEST(RewriteFuseLayerNorm, NoKeepDimsStays) {
  EXPECT_EQ(CountOp(Decomposed({-1}, 2, 0).Rewritten(), "ReduceMean"), 2);
}

TEST(RewriteFuseLayerNorm, IntermediateReadOutsideStays) {
  TestGraph t = Decomposed();
  t.Output("v");
  EXPECT_EQ(CountOp(t.Rewritten(), "ReduceMean"), 2);
}

}  // namespace
}  // namespace onnxi
