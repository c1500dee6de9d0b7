#include "runtime/fold_constants.h"

#include <gtest/gtest.h>

namespace onnxi {
namespace {

// y = x @ Transpose(w), with w an initializer; `w_is_input` makes w overridable.
Model TransposedWeightModel(bool w_is_input) {
  Model m;
  m.opsets[""] = 13;
  Graph& g = m.graph;
  const int x = g.Intern("x"), w = g.Intern("w"), wt = g.Intern("wt"), y = g.Intern("y");
  g.values[x].kind = ValueKind::kTensor;
  g.values[x].dtype = DataType::kFloat;
  g.inputs = {x};
  if (w_is_input) g.inputs.push_back(w);
  g.outputs = {y};
  g.initializers[w] = Tensor::FromVector<float>(DataType::kFloat, {2, 3}, {1, 2, 3, 4, 5, 6});
  Node transpose;
  transpose.op_type = "Transpose";
  transpose.inputs = {w};
  transpose.outputs = {wt};
  Node matmul;
  matmul.op_type = "MatMul";
  matmul.inputs = {x, wt};
  matmul.outputs = {y};
  g.nodes = {transpose, matmul};
  return m;
}

TEST(FoldConstants, TransposedWeightReplacesTheOriginal) {
  Model m = TransposedWeightModel(false);
  auto bound = ResolveGraph(m.graph, m.opsets, OpRegistry::Default(), Options{});
  ASSERT_TRUE(bound.ok()) << bound.status().message();
  EXPECT_EQ(FoldConstants(m, *bound, kernels::Isa::kReference), 1);
  ASSERT_EQ(m.graph.nodes.size(), 1u);
  ASSERT_EQ(bound->size(), 1u);
  EXPECT_EQ(m.graph.nodes[0].op_type, "MatMul");
  EXPECT_FALSE(m.graph.IsInitializer(m.graph.Find("w")));  // nobody reads it any more
  const Tensor& wt = m.graph.initializers.at(m.graph.Find("wt"));
  ASSERT_EQ(wt.shape(), (Shape{3, 2}));
  EXPECT_EQ(wt.data<float>()[1], 4.0f);  // wt[0][1] = w[1][0]
}

TEST(FoldConstants, InitializersThatCallersMayFeedAreNotFolded) {
  Model m = TransposedWeightModel(true);
  auto bound = ResolveGraph(m.graph, m.opsets, OpRegistry::Default(), Options{});
  ASSERT_TRUE(bound.ok()) << bound.status().message();
  EXPECT_EQ(FoldConstants(m, *bound, kernels::Isa::kReference), 0);
  EXPECT_EQ(m.graph.nodes.size(), 2u);
  EXPECT_TRUE(m.graph.IsInitializer(m.graph.Find("w")));
}

}  // namespace
}  // namespace onnxi
