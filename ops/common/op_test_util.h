// Helpers for op-level tests that drive an Op without a graph: a node description that
// makes a NodeView, input facts for PrepareContext, and attribute and tensor builders.
// For tests through the whole runtime, see runtime/op_tester.h.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "ops/node_view.h"
#include "ops/op.h"

namespace onnxi {

struct TestNode {
  std::string op_type;
  std::vector<Attribute> attrs;
  std::string domain = "";  // the default ONNX domain
  NodeView View(int since_version, int n_in, int n_out) const {
    return NodeView(op_type, domain, since_version, since_version, n_in, n_out, &attrs);
  }
};

inline InputFact Fact(DataType dtype, Shape shape, const Tensor* data = nullptr) {
  InputFact f;
  f.present = true;
  f.dtype = dtype;
  f.shape = std::move(shape);
  f.data = data;
  return f;
}

inline Attribute IntAttr(const std::string& name, int64_t v) {
  Attribute a;
  a.name = name;
  a.type = Attribute::Type::kInt;
  a.i = v;
  return a;
}

inline Attribute IntsAttr(const std::string& name, std::vector<int64_t> v) {
  Attribute a;
  a.name = name;
  a.type = Attribute::Type::kInts;
  a.ints = std::move(v);
  return a;
}

inline Attribute StrAttr(const std::string& name, const std::string& v) {
  Attribute a;
  a.name = name;
  a.type = Attribute::Type::kString;
  a.s = v;
  return a;
}

inline Attribute StrsAttr(const std::string& name, std::vector<std::string> v) {
  Attribute a;
  a.name = name;
  a.type = Attribute::Type::kStrings;
  a.strings = std::move(v);
  return a;
}

inline Attribute TensorAttr(const std::string& name, Tensor t) {
  Attribute a;
  a.name = name;
  a.type = Attribute::Type::kTensor;
  a.t = std::move(t);
  return a;
}

inline Tensor Strings(Shape shape, const std::vector<std::string>& v) {
  return Tensor::FromVector<std::string>(DataType::kString, std::move(shape), v);
}

}  // namespace onnxi
