#include "runtime/functions.h"

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include "onnxi/session.h"
#include "runtime/op_tester.h"

namespace onnxi {
namespace {

// A model calling local.AddLeaky(a, b) = LeakyRelu(a + b, alpha = @slope), twice: once with
// slope given, once relying on the function's default.
std::string ModelWithFunction() {
  OpTester t("Identity", 17);  // a scaffold: the node is replaced below
  t.Input("a", Tensor::FromVector<float>(DataType::kFloat, {2}, {-4, 1}));
  t.Input("b", Tensor::FromVector<float>(DataType::kFloat, {2}, {0, 1}));
  t.Output("y1").Output("y2");
  onnx::ModelProto m;
  m.ParseFromString(t.Serialize());
  auto* g = m.mutable_graph();
  g->clear_node();
  auto* call1 = g->add_node();
  call1->set_op_type("AddLeaky");
  call1->set_domain("local");
  call1->add_input("a");
  call1->add_input("b");
  call1->add_output("y1");
  auto* slope = call1->add_attribute();
  slope->set_name("slope");
  slope->set_type(onnx::AttributeProto::FLOAT);
  slope->set_f(0.5f);
  auto* call2 = g->add_node();
  *call2 = *call1;
  call2->clear_attribute();
  call2->set_output(0, "y2");
  auto* imp = m.add_opset_import();
  imp->set_domain("local");
  imp->set_version(1);

  auto* f = m.add_functions();
  f->set_name("AddLeaky");
  f->set_domain("local");
  f->add_input("x");
  f->add_input("z");
  f->add_output("out");
  // attribute_proto (field 11) is newer than onnx 1.12's classes: write it as unknown field.
  onnx::AttributeProto def;
  def.set_name("slope");
  def.set_type(onnx::AttributeProto::FLOAT);
  def.set_f(0.25f);
  f->GetReflection()->MutableUnknownFields(f)->AddLengthDelimited(11, def.SerializeAsString());
  auto* fi = f->add_opset_import();
  fi->set_domain("");
  fi->set_version(17);
  auto* add = f->add_node();
  add->set_op_type("Add");
  add->add_input("x");
  add->add_input("z");
  add->add_output("sum");
  auto* leaky = f->add_node();
  leaky->set_op_type("LeakyRelu");
  leaky->add_input("sum");
  leaky->add_output("out");
  auto* ref = leaky->add_attribute();
  ref->set_name("alpha");
  ref->set_type(onnx::AttributeProto::FLOAT);
  ref->set_ref_attr_name("slope");
  return m.SerializeAsString();
}

TEST(InlineFunctions, BindsInputsOutputsAndAttributeReferences) {
  auto s = Session::LoadFromMemory(ModelWithFunction(), {});
  ASSERT_TRUE(s.ok()) << s.status().message();
  auto r = (*s)->Run({{"a", Tensor::FromVector<float>(DataType::kFloat, {2}, {-4, 1})},
                      {"b", Tensor::FromVector<float>(DataType::kFloat, {2}, {0, 1})}});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_FLOAT_EQ(r->at(0).data<float>()[0], -2.0f);  // slope 0.5 from the call
  EXPECT_FLOAT_EQ(r->at(1).data<float>()[0], -1.0f);  // slope 0.25, the function's default
  EXPECT_FLOAT_EQ(r->at(0).data<float>()[1], 2.0f);
}

TEST(InlineFunctions, RecursionIsAnError) {
  onnx::ModelProto m;
  m.ParseFromString(ModelWithFunction());
  auto* self_call = m.mutable_functions(0)->add_node();
  self_call->set_op_type("AddLeaky");
  self_call->set_domain("local");
  self_call->add_input("x");
  self_call->add_input("z");
  self_call->add_output("again");
  Status st = InlineFunctions(&m);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("levels deep"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace onnxi
