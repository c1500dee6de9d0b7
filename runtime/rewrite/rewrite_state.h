// What every graph rewrite pass (runtime/rewrite/) matches on and edits through: the
// producer and consumers of each value, constants known at load, static shapes, and the
// edits (replace a group of nodes by one, add an initializer) that keep those facts current.
//
// A value counts as constant when it is an initializer that is not also a graph input (a
// graph input's initializer is only a default a feed may replace), or the output of a
// Constant node. "Single use" means exactly one input slot of one node reads the value,
// no subgraph reads it by name, and it is not a graph output: only such a value may vanish
// into a fused node.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "ops/op.h"
#include "ir/graph.h"
#include "runtime/rewrite/static_shapes.h"

namespace onnxi {

inline constexpr const char* kRewriteDomain = kOnnxiDomain;  // onnxi's private ops

class RewriteState {
 public:
  // trust_input_shapes: the session holds fed inputs to their declared dims, so shapes
  // derived from them are facts (Options::check_input_shapes).
  RewriteState(Model& model, bool trust_input_shapes);

  Model& model() { return model_; }
  Graph& graph() { return model_.graph; }
  const Graph& graph() const { return model_.graph; }
  // The model's opset for a domain ("" = ONNX), 0 when not imported.
  int Opset(const std::string& domain) const;

  int Producer(int v) const { return v < 0 ? -1 : producer_[v]; }
  // Node indices reading v, one entry per input slot (a node reading v twice is listed twice).
  const std::vector<int>& Consumers(int v) const { return consumers_[v]; }
  bool IsGraphOutput(int v) const { return is_output_[v]; }
  bool IsGraphInput(int v) const { return is_input_[v]; }
  bool ReadBySubgraph(int v) const { return implicit_use_[v]; }
  // The one node reading v when v is single use (see above), else -1.
  int OnlyConsumer(int v) const;
  // v's consumers are exactly the given nodes, each reading it once, and v is not a graph
  // output or read by a subgraph.
  bool ConsumedExactlyBy(int v, std::vector<int> nodes) const;

  // The constant tensor of v, or nullptr.
  const Tensor* Constant(int v);
  // A float32 constant holding one element (rank 0, or rank 1 when allow_rank1).
  bool ConstantFloat(int v, bool allow_rank1, float* value);
  bool IsFloatConstant(int v) {
    const Tensor* t = Constant(v);
    return t && t->dtype() == DataType::kFloat;
  }

  const StaticShape& Shape(int v) const { return shapes_[v]; }

  // Edits. Each one leaves the index current.
  // Removes the nodes `remove` and puts `fused` at the position of node `at` (one of them).
  void Replace(std::vector<int> remove, Node fused, int at);
  // Removes node i.
  void Remove(int i);
  // A new initializer named after `base` (made unique); returns its value id.
  int AddInitializer(const std::string& base, Tensor t);
  // Frees initializer v now if nothing reads it any more (a weight replaced by a rewritten
  // copy), so that a model's weights are not held twice until Finish.
  void DropIfUnread(int v);
  // Drops Constant nodes and initializers nothing reads any more, then sorts the nodes.
  Status Finish();
  // Rebuilds the index after edits made directly to graph().
  void Rebuild();

 private:
  Model& model_;
  bool trust_input_shapes_;
  std::vector<int> producer_;
  std::vector<std::vector<int>> consumers_;
  std::vector<bool> is_output_, is_input_, implicit_use_;
  std::vector<StaticShape> shapes_;
  std::deque<Tensor> made_;  // tensors made from Constant attributes (value_float, ...)
  int next_name_ = 0;
};

// Attribute helpers over a Node.
const Attribute* FindAttribute(const Node& n, const std::string& name);
int64_t AttrInt(const Node& n, const std::string& name, int64_t def);
float AttrFloat(const Node& n, const std::string& name, float def);
std::string AttrString(const Node& n, const std::string& name, const std::string& def);
std::vector<int64_t> AttrInts(const Node& n, const std::string& name);  // absent: empty
Attribute MakeAttr(const std::string& name, float v);
Attribute MakeAttr(const std::string& name, int64_t v);
Attribute MakeAttr(const std::string& name, const std::string& v);
Attribute MakeAttr(const std::string& name, std::vector<int64_t> v);

// Is the node `op_type` in the ONNX domain (or onnxi's, with domain = kRewriteDomain)?
inline bool Is(const Node& n, const char* op_type, const char* domain = "") {
  return n.op_type == op_type && n.domain == domain;
}

}  // namespace onnxi
