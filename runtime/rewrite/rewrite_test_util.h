// Test helpers for the graph rewrites: a small ModelProto builder (float32 inputs,
// initializers, Constant nodes, any node), loading it as a Model and rewriting it, and
// running it in two Sessions, rewrites on and off, on the same random inputs. Header-only:
// it is for the *_test.cc files of this folder (the library must not link GoogleTest).
#pragma once

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "onnxi/session.h"
#include "ir/graph.h"
#include "runtime/loader.h"
#include "runtime/rewrite/rewrite.h"
#include "runtime/rewrite/rewrite_state.h"

namespace onnxi {

inline onnx::AttributeProto AttrI(const std::string& name, int64_t v) {
  onnx::AttributeProto a;
  a.set_name(name);
  a.set_type(onnx::AttributeProto::INT);
  a.set_i(v);
  return a;
}

inline onnx::AttributeProto AttrF(const std::string& name, float v) {
  onnx::AttributeProto a;
  a.set_name(name);
  a.set_type(onnx::AttributeProto::FLOAT);
  a.set_f(v);
  return a;
}

inline onnx::AttributeProto AttrInts(const std::string& name, std::vector<int64_t> v) {
  onnx::AttributeProto a;
  a.set_name(name);
  a.set_type(onnx::AttributeProto::INTS);
  for (int64_t x : v) a.add_ints(x);
  return a;
}

inline onnx::AttributeProto AttrS(const std::string& name, const std::string& v) {
  onnx::AttributeProto a;
  a.set_name(name);
  a.set_type(onnx::AttributeProto::STRING);
  a.set_s(v);
  return a;
}

inline Tensor RandomFloats(Shape shape, uint32_t seed, float lo = -1, float hi = 1) {
  Tensor t = Tensor::Allocate(DataType::kFloat, std::move(shape));
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(lo, hi);
  for (int64_t i = 0; i < t.num_elements(); ++i) t.data<float>()[i] = dist(rng);
  return t;
}

inline Tensor Scalar(float v) { return Tensor::FromVector<float>(DataType::kFloat, {}, {v}); }

inline void TestTensorProto(const std::string& name, const Tensor& t, onnx::TensorProto* p) {
  p->set_name(name);
  p->set_data_type(static_cast<int>(t.dtype()));
  for (int64_t d : t.shape()) p->add_dims(d);
  p->set_raw_data(std::string(static_cast<const char*>(t.raw_data()), t.nbytes()));
}

class TestGraph {
 public:
  explicit TestGraph(int opset);
  // A float32 graph input with declared dims (-1 = symbolic).
  TestGraph& Input(const std::string& name, Shape dims);
  TestGraph& Initializer(const std::string& name, const Tensor& t);
  TestGraph& Const(const std::string& name, const Tensor& t);  // a Constant node
  TestGraph& Node(const std::string& op, std::vector<std::string> inputs,
                  std::vector<std::string> outputs, std::vector<onnx::AttributeProto> attrs = {},
                  const std::string& domain = "");
  TestGraph& Output(const std::string& name);

  std::string Serialize() const { return proto_.SerializeAsString(); }
  // Loaded, then rewritten with `options` (stats per pass into *stats when given).
  Model Rewritten(const Options& options = {}, std::vector<RewriteStats>* stats = nullptr) const;
  // Random feeds for every input, from its declared dims (-1 -> 1).
  std::map<std::string, Tensor> RandomFeeds(uint32_t seed) const;
  // Runs with rewrites on and off on RandomFeeds; returns the largest |difference| over all
  // outputs, or +inf (with a test failure) when a run fails or shapes differ.
  double MaxDiffRewriteOnOff(uint32_t seed = 1, const Options& base = {}) const;

 private:
  onnx::ModelProto proto_;
  std::vector<std::pair<std::string, Shape>> inputs_;
};

inline TestGraph::TestGraph(int opset) {
  proto_.set_ir_version(8);
  auto* imp = proto_.add_opset_import();
  imp->set_domain("");
  imp->set_version(opset);
  proto_.mutable_graph()->set_name("rewrite_test");
}

inline TestGraph& TestGraph::Input(const std::string& name, Shape dims) {
  auto* vi = proto_.mutable_graph()->add_input();
  vi->set_name(name);
  auto* tt = vi->mutable_type()->mutable_tensor_type();
  tt->set_elem_type(onnx::TensorProto::FLOAT);
  auto* shape = tt->mutable_shape();
  for (int64_t d : dims) {
    if (d >= 0) {
      shape->add_dim()->set_dim_value(d);
    } else {
      shape->add_dim()->set_dim_param("n");
    }
  }
  inputs_.push_back({name, dims});
  return *this;
}

inline TestGraph& TestGraph::Initializer(const std::string& name, const Tensor& t) {
  TestTensorProto(name, t, proto_.mutable_graph()->add_initializer());
  return *this;
}

inline TestGraph& TestGraph::Const(const std::string& name, const Tensor& t) {
  auto* n = proto_.mutable_graph()->add_node();
  n->set_op_type("Constant");
  n->set_name(name + "_const");
  n->add_output(name);
  auto* a = n->add_attribute();
  a->set_name("value");
  a->set_type(onnx::AttributeProto::TENSOR);
  TestTensorProto("", t, a->mutable_t());
  return *this;
}

inline TestGraph& TestGraph::Node(const std::string& op, std::vector<std::string> inputs,
                                  std::vector<std::string> outputs,
                                  std::vector<onnx::AttributeProto> attrs,
                                  const std::string& domain) {
  auto* n = proto_.mutable_graph()->add_node();
  n->set_op_type(op);
  n->set_domain(domain);
  n->set_name(StrCat(op, "_", proto_.graph().node_size()));
  for (const auto& in : inputs) n->add_input(in);
  for (const auto& out : outputs) n->add_output(out);
  for (const auto& a : attrs) *n->add_attribute() = a;
  if (!domain.empty()) {
    bool have = false;
    for (const auto& imp : proto_.opset_import()) have = have || imp.domain() == domain;
    if (!have) {
      auto* imp = proto_.add_opset_import();
      imp->set_domain(domain);
      imp->set_version(1);
    }
  }
  return *this;
}

inline TestGraph& TestGraph::Output(const std::string& name) {
  proto_.mutable_graph()->add_output()->set_name(name);
  return *this;
}

inline Model TestGraph::Rewritten(const Options& options, std::vector<RewriteStats>* stats) const {
  Result<Model> m = LoadModelFromBytes(Serialize(), "", "<test>");
  EXPECT_TRUE(m.ok()) << m.status().message();
  if (!m.ok()) return Model();
  Model model = std::move(m).value();
  Status s = RewriteGraph(model, options, options.check_input_shapes, stats);
  EXPECT_TRUE(s.ok()) << s.message();
  return model;
}

inline std::map<std::string, Tensor> TestGraph::RandomFeeds(uint32_t seed) const {
  std::map<std::string, Tensor> feeds;
  for (const auto& [name, dims] : inputs_) {
    Shape shape = dims;
    for (int64_t& d : shape) d = d < 0 ? 1 : d;
    feeds[name] = RandomFloats(shape, seed++);
  }
  return feeds;
}

inline double TestGraph::MaxDiffRewriteOnOff(uint32_t seed, const Options& base) const {
  const double kFail = std::numeric_limits<double>::infinity();
  Options on = base, off = base;
  on.rewrite = true;
  off.rewrite = false;
  auto a = Session::LoadFromMemory(Serialize(), on);
  auto b = Session::LoadFromMemory(Serialize(), off);
  EXPECT_TRUE(a.ok()) << a.status().message();
  EXPECT_TRUE(b.ok()) << b.status().message();
  if (!a.ok() || !b.ok()) return kFail;
  const auto feeds = RandomFeeds(seed);
  auto ya = (*a)->Run(feeds);
  auto yb = (*b)->Run(feeds);
  EXPECT_TRUE(ya.ok()) << ya.status().message();
  EXPECT_TRUE(yb.ok()) << yb.status().message();
  if (!ya.ok() || !yb.ok() || ya->size() != yb->size()) return kFail;
  double worst = 0;
  for (size_t k = 0; k < ya->size(); ++k) {
    const Tensor &x = (*ya)[k], &y = (*yb)[k];
    EXPECT_EQ(x.shape(), y.shape()) << "output " << k;
    if (x.shape() != y.shape() || x.dtype() != DataType::kFloat) return kFail;
    for (int64_t i = 0; i < x.num_elements(); ++i) {
      worst = std::max(worst, std::fabs(double{x.data<float>()[i]} - y.data<float>()[i]));
    }
  }
  return worst;
}

inline std::vector<std::string> OpTypes(const Model& m) {
  std::vector<std::string> ops;
  for (const onnxi::Node& n : m.graph.nodes) {
    ops.push_back(n.domain.empty() ? n.op_type : n.domain + "." + n.op_type);
  }
  return ops;
}

inline int CountOp(const Model& m, const std::string& op_type) {
  int count = 0;
  for (const std::string& op : OpTypes(m)) count += op == op_type;
  return count;
}

}  // namespace onnxi
