// matmul-add-to-gemm: structure after the pass, and equal outputs with rewrites on and off.
#include <gtest/gtest.h>

#include "runtime/rewrite/rewrite_test_util.h"

namespace onnxi {
namespace {

using Ops = std::vector<std::string>;

TEST(RewriteMatMulAddToGemm, TwoDimensionalBecomesGemm) {
  TestGraph t(13);
  t.Input("a", {4, 8}).Initializer("b", RandomFloats({8, 5}, 1));
  t.Initializer("bias", RandomFloats({5}, 2));
  t.Node("MatMul", {"a", "b"}, {"m"}).Node("Add", {"m", "bias"}, {"y"}).Output("y");
  EXPECT_EQ(OpTypes(t.Rewritten()), (Ops{"Gemm"}));
  EXPECT_LE(t.MaxDiffRewriteOnOff(), 1e-5);
}

TEST(RewriteMatMulAddToGemm, TransposedWeightAndBiasFirst) {
  TestGraph t(13);
  t.Input("a", {3, 8}).Initializer("w", RandomFloats({5, 8}, 1));
  t.Initializer("bias", RandomFloats({1, 5}, 2));
  t.Node("Transpose", {"w"}, {"wt"}, {AttrInts("perm", {1, 0})});
  t.Node("MatMul", {"a", "wt"}, {"m"}).Node("Add", {"bias", "m"}, {"y"}).Output("y");
  Model m = t.Rewritten();
  ASSERT_EQ(OpTypes(m), (Ops{"Gemm"}));
  EXPECT_EQ(AttrInt(m.graph.nodes[0], "transB", 0), 1);
  EXPECT_LE(t.MaxDiffRewriteOnOff(), 1e-5);
}

TEST(RewriteMatMulAddToGemm, ThreeDimensionalBecomesFusedMatMul) {
  TestGraph t(13);
  t.Input("a", {2, 3, 8}).Initializer("w", RandomFloats({5, 8}, 1));
  t.Initializer("bias", RandomFloats({5}, 2));
  t.Node("Transpose", {"w"}, {"wt"}).Node("MatMul", {"a", "wt"}, {"m"});
  t.Node("Add", {"bias", "m"}, {"y"}).Output("y");
  Model m = t.Rewritten();
  ASSERT_EQ(OpTypes(m), (Ops{"ai.onnxi.FusedMatMul"}));
  EXPECT_EQ(m.opsets.at("ai.onnxi"), 1);
  const Tensor& b = m.graph.initializers.at(m.graph.nodes[0].inputs[1]);
  EXPECT_EQ(b.shape(), (Shape{8, 5}));  // W transposed once, at load
  EXPECT_LE(t.MaxDiffRewriteOnOff(), 1e-5);
}

TEST(RewriteMatMulAddToGemm, UnknownRankWithRowBiasStays) {
  TestGraph t(13);
  t.Input("a", {-1, 8}).Initializer("b", RandomFloats({8, 5}, 1));
  t.Initializer("bias", RandomFloats({1, 5}, 2));
  t.Node("Relu", {"a"}, {"r"}).Node("Reshape", {"r", "shape"}, {"ra"});
  t.Initializer("shape", Tensor::FromVector<int64_t>(DataType::kInt64, {1}, {-1}));
  t.Node("MatMul", {"ra", "b"}, {"m"}).Node("Add", {"m", "bias"}, {"y"}).Output("y");
  EXPECT_EQ(CountOp(t.Rewritten(), "MatMul"), 1);
}

TEST(RewriteMatMulAddToGemm, FedBiasOrSharedProductStays) {
  TestGraph t(13);
  t.Input("a", {4, 8}).Input("bias", {5}).Initializer("b", RandomFloats({8, 5}, 1));
  t.Initializer("c", RandomFloats({5}, 2));
  t.Node("MatMul", {"a", "b"}, {"m"}).Node("Add", {"m", "bias"}, {"y"}).Output("y");
  t.Node("MatMul", {"a", "b"}, {"m2"}).Node("Add", {"m2", "c"}, {"y2"}).Output("y2").Output("m2");
  EXPECT_EQ(CountOp(t.Rewritten(), "MatMul"), 2);
}

TEST(RewriteMatMulAddToGemm, WrongBiasLengthStays) {
  TestGraph t(13);
  t.Input("a", {4, 8}).Initializer("b", RandomFloats({8, 5}, 1));
  t.Initializer("bias", RandomFloats({4, 1}, 2));
  t.Node("MatMul", {"a", "b"}, {"m"}).Node("Add", {"m", "bias"}, {"y"}).Output("y");
  EXPECT_EQ(CountOp(t.Rewritten(), "MatMul"), 1);
}

}  // namespace
}  // namespace onnxi
