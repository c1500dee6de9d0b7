// compile: rewrite -> resolve -> fold, the same for the main graph and subgraphs.
#include "runtime/compile.h"

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

TEST(Compile, FoldsATransposedWeightIntoTheOriginalsPlace) {
  auto cg = CompileGraph(TransposedWeightModel(false), Options{}, false);
  ASSERT_TRUE(cg.ok()) << cg.status().message();
  const CompiledGraph& c = **cg;
  EXPECT_EQ(c.num_folded, 1);
  ASSERT_EQ(c.graph.nodes.size(), 1u);
  ASSERT_EQ(c.nodes.size(), 1u);
  EXPECT_EQ(c.graph.nodes[0].op_type, "MatMul");
  EXPECT_TRUE(c.constants[c.graph.Find("w")].is_none());  // nobody reads it any more
  const Value& wt = c.constants[c.graph.Find("wt")];
  ASSERT_TRUE(wt.is_tensor());
  ASSERT_EQ(wt.tensor().shape(), (Shape{3, 2}));
  EXPECT_EQ(wt.tensor().data<float>()[1], 4.0f);  // wt[0][1] = w[1][0]
  EXPECT_TRUE(c.graph.initializers.empty());      // moved into the constants
}

TEST(Compile, InitializersThatCallersMayFeedAreNotFolded) {
  auto cg = CompileGraph(TransposedWeightModel(true), Options{}, false);
  ASSERT_TRUE(cg.ok()) << cg.status().message();
  const CompiledGraph& c = **cg;
  EXPECT_EQ(c.num_folded, 0);
  EXPECT_EQ(c.graph.nodes.size(), 2u);
  const int w = c.graph.Find("w");
  EXPECT_TRUE(c.has_default[w]);
  EXPECT_FALSE(c.is_constant[w]);
  EXPECT_EQ(c.required_inputs, (std::vector<int>{c.graph.Find("x")}));
}

TEST(Compile, FoldConstantsCanBeTurnedOff) {
  Options o;
  o.disabled_rewrites = {"fold-constants"};
  auto cg = CompileGraph(TransposedWeightModel(false), o, false);
  ASSERT_TRUE(cg.ok()) << cg.status().message();
  EXPECT_EQ((*cg)->num_folded, 0);
  EXPECT_EQ((*cg)->graph.nodes.size(), 2u);
}

}  // namespace
}  // namespace onnxi
