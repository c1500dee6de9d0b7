#include "runtime/op_tester.h"

#include <onnx/onnx_pb.h>

#include <cstring>
#include <map>

namespace onnxi {

struct OpTester::Impl {
  onnx::ModelProto model;
  onnx::NodeProto* node = nullptr;
  std::map<std::string, Tensor> feeds;
};

namespace {

void FillTensorProto(const std::string& name, const Tensor& t, onnx::TensorProto* p) {
  p->set_name(name);
  p->set_data_type(static_cast<int>(t.dtype()));
  for (int64_t d : t.shape()) p->add_dims(d);
  if (t.dtype() == DataType::kString) {
    for (int64_t i = 0; i < t.num_elements(); ++i) p->add_string_data(t.data<std::string>()[i]);
  } else {
    p->set_raw_data(std::string(static_cast<const char*>(t.raw_data()), t.nbytes()));
  }
}

void DeclareTensor(const std::string& name, const Tensor& t, onnx::ValueInfoProto* vi) {
  vi->set_name(name);
  auto* tt = vi->mutable_type()->mutable_tensor_type();
  tt->set_elem_type(static_cast<int>(t.dtype()));
  auto* shape = tt->mutable_shape();
  for (int64_t d : t.shape()) shape->add_dim()->set_dim_value(d);
}

}  // namespace

OpTester::OpTester(std::string op_type, int opset, std::string domain) : impl_(new Impl) {
  impl_->model.set_ir_version(8);
  auto* imp = impl_->model.add_opset_import();
  imp->set_domain(domain);
  imp->set_version(opset);
  if (!domain.empty()) {
    auto* def = impl_->model.add_opset_import();
    def->set_domain("");
    def->set_version(opset);
  }
  auto* graph = impl_->model.mutable_graph();
  graph->set_name("op_tester");
  impl_->node = graph->add_node();
  impl_->node->set_op_type(op_type);
  impl_->node->set_domain(domain);
  impl_->node->set_name("node0");
}

OpTester::~OpTester() = default;

OpTester& OpTester::Input(const std::string& name, Tensor value) {
  impl_->node->add_input(name);
  DeclareTensor(name, value, impl_->model.mutable_graph()->add_input());
  impl_->feeds[name] = std::move(value);
  return *this;
}

OpTester& OpTester::ConstantInput(const std::string& name, Tensor value) {
  impl_->node->add_input(name);
  FillTensorProto(name, value, impl_->model.mutable_graph()->add_initializer());
  return *this;
}

OpTester& OpTester::NoInput() {
  impl_->node->add_input("");
  return *this;
}

OpTester& OpTester::Output(const std::string& name) {
  impl_->node->add_output(name);
  impl_->model.mutable_graph()->add_output()->set_name(name);
  return *this;
}

OpTester& OpTester::Attr(const std::string& name, int64_t v) {
  auto* a = impl_->node->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INT);
  a->set_i(v);
  return *this;
}

OpTester& OpTester::Attr(const std::string& name, float v) {
  auto* a = impl_->node->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::FLOAT);
  a->set_f(v);
  return *this;
}

OpTester& OpTester::Attr(const std::string& name, const std::string& v) {
  auto* a = impl_->node->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s(v);
  return *this;
}

OpTester& OpTester::Attr(const std::string& name, const std::vector<int64_t>& v) {
  auto* a = impl_->node->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INTS);
  for (int64_t x : v) a->add_ints(x);
  return *this;
}

OpTester& OpTester::Attr(const std::string& name, const std::vector<float>& v) {
  auto* a = impl_->node->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::FLOATS);
  for (float x : v) a->add_floats(x);
  return *this;
}

std::string OpTester::Serialize() const { return impl_->model.SerializeAsString(); }

Result<std::vector<Tensor>> OpTester::Run(const Options& options) {
  ONNXI_ASSIGN_OR_RETURN(std::unique_ptr<Session> session,
                         Session::LoadFromMemory(Serialize(), options));
  return session->Run(impl_->feeds);
}

}  // namespace onnxi
