// Gradient expansion end to end: hand-built models with Gradient nodes are loaded (which
// expands them), run, and their gradients compared with derivatives worked out by hand.
#include "runtime/autodiff.h"

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <string>
#include <vector>

#include "onnxi/session.h"
#include "runtime/op_tester.h"

namespace onnxi {
namespace {

struct NodeSpec {
  std::string name, op_type;
  std::vector<std::string> inputs, outputs;
};

// A model with inputs a, b, the given forward nodes, and Gradient 'g' (xs, y) whose outputs
// are ga (, gb); the graph outputs are y and the gradients.
std::string GradientModel(const Tensor& a, const Tensor& b, const std::vector<NodeSpec>& nodes,
                          const std::vector<std::string>& xs, const std::string& y) {
  OpTester t("Identity", 12);  // a scaffold: the nodes are replaced below
  t.Input("a", a).Input("b", b).Output(y);
  std::vector<std::string> grads;
  for (const std::string& x : xs) {
    grads.push_back("g" + x);
    t.Output("g" + x);
  }
  onnx::ModelProto m;
  m.ParseFromString(t.Serialize());
  auto* g = m.mutable_graph();
  g->clear_node();
  for (const NodeSpec& spec : nodes) {
    auto* n = g->add_node();
    n->set_name(spec.name);
    n->set_op_type(spec.op_type);
    for (const auto& in : spec.inputs) n->add_input(in);
    for (const auto& out : spec.outputs) n->add_output(out);
  }
  auto* grad = g->add_node();
  grad->set_name("g");
  grad->set_op_type("Gradient");
  grad->set_domain("ai.onnx.preview.training");
  for (const auto& x : xs) grad->add_input(x);
  for (const auto& out : grads) grad->add_output(out);
  auto* xs_attr = grad->add_attribute();
  xs_attr->set_name("xs");
  xs_attr->set_type(onnx::AttributeProto::STRINGS);
  for (const auto& x : xs) xs_attr->add_strings(x);
  auto* y_attr = grad->add_attribute();
  y_attr->set_name("y");
  y_attr->set_type(onnx::AttributeProto::STRING);
  y_attr->set_s(y);
  auto* imp = m.add_opset_import();
  imp->set_domain("ai.onnx.preview.training");
  imp->set_version(1);
  return m.SerializeAsString();
}

Result<std::vector<Tensor>> LoadAndRun(const std::string& model, const Tensor& a, const Tensor& b) {
  ONNXI_ASSIGN_OR_RETURN(auto session, Session::LoadFromMemory(model, {}));
  return session->Run({{"a", a}, {"b", b}});
}

TEST(Autodiff, MulAddWithBroadcast) {
  // y = a * b + a with a (2, 3) and b (3,) broadcast over rows:
  // dy/da = b + 1 (every row), dy/db = sum over rows of a.
  Tensor a = Tensor::FromVector<float>(DataType::kFloat, {2, 3}, {1, 2, 3, -4, 5, 0.5f});
  Tensor b = Tensor::FromVector<float>(DataType::kFloat, {3}, {10, -2, 0.25f});
  std::string model = GradientModel(
      a, b, {{"m", "Mul", {"a", "b"}, {"p"}}, {"s", "Add", {"p", "a"}, {"y"}}}, {"a", "b"}, "y");
  auto r = LoadAndRun(model, a, b);
  ASSERT_TRUE(r.ok()) << r.status().message();
  const Tensor& ga = r->at(1);
  const Tensor& gb = r->at(2);
  ASSERT_EQ(ga.shape(), (Shape{2, 3}));
  ASSERT_EQ(gb.shape(), (Shape{3}));
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 3; ++j)
      EXPECT_FLOAT_EQ(ga.data<float>()[i * 3 + j], b.data<float>()[j] + 1);
  }
  for (int j = 0; j < 3; ++j) {
    EXPECT_FLOAT_EQ(gb.data<float>()[j], a.data<float>()[j] + a.data<float>()[3 + j]);
  }
}

TEST(Autodiff, SubDivNeg) {
  // y = -((a - b) / b): dy/da = -1/b, dy/db = a / b^2.
  Tensor a = Tensor::FromVector<float>(DataType::kFloat, {3}, {1, -2, 3});
  Tensor b = Tensor::FromVector<float>(DataType::kFloat, {3}, {2, 4, -0.5f});
  std::string model = GradientModel(a, b,
                                    {{"s", "Sub", {"a", "b"}, {"d"}},
                                     {"q", "Div", {"d", "b"}, {"e"}},
                                     {"n", "Neg", {"e"}, {"y"}}},
                                    {"a", "b"}, "y");
  auto r = LoadAndRun(model, a, b);
  ASSERT_TRUE(r.ok()) << r.status().message();
  for (int j = 0; j < 3; ++j) {
    const float av = a.data<float>()[j], bv = b.data<float>()[j];
    EXPECT_FLOAT_EQ(r->at(1).data<float>()[j], -1 / bv);
    EXPECT_FLOAT_EQ(r->at(2).data<float>()[j], av / (bv * bv));
  }
}

TEST(Autodiff, UnrelatedInputGetsZeros) {
  // y = Identity(a): dy/da = 1, dy/db = 0 (b's shape).
  Tensor a = Tensor::FromVector<float>(DataType::kFloat, {2}, {1, 2});
  Tensor b = Tensor::FromVector<float>(DataType::kFloat, {3}, {1, 2, 3});
  std::string model = GradientModel(a, b, {{"i", "Identity", {"a"}, {"y"}}}, {"a", "b"}, "y");
  auto r = LoadAndRun(model, a, b);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->at(2).shape(), (Shape{3}));
  for (int j = 0; j < 2; ++j) EXPECT_EQ(r->at(1).data<float>()[j], 1.0f);
  for (int j = 0; j < 3; ++j) EXPECT_EQ(r->at(2).data<float>()[j], 0.0f);
}

TEST(Autodiff, OpWithoutRuleIsAnError) {
  Tensor a = Tensor::FromVector<float>(DataType::kFloat, {2}, {1, 2});
  std::string model = GradientModel(
      a, a, {{"r", "Relu", {"a"}, {"h"}}, {"s", "Add", {"h", "b"}, {"y"}}}, {"a", "b"}, "y");
  auto r = LoadAndRun(model, a, a);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(
      r.status().message().find("Gradient (node 'g'): no derivative rule for Relu (node 'r')"),
      std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace onnxi
