// onnxi's graph IR: what load produces and every later stage reads. Nothing after load
// touches protobuf.
//
// Values are numbered; a node names its inputs and outputs by value id (-1 = an omitted
// optional input or output, written "" in ONNX). Initializers are immutable tensors
// attached to their value.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "onnxi/model_metadata.h"
#include "onnxi/tensor.h"
#include "ir/attributes.h"

namespace onnxi {

// What a declared value holds. Only tensors run today; the others are recognised so that
// a model using them gets a clear "not supported" instead of a misread.
enum class ValueKind { kUnknown, kTensor, kSequence, kOptional, kMap, kSparseTensor };

struct ValueInfo {
  std::string name;
  ValueKind kind = ValueKind::kUnknown;  // kUnknown: no type declared (intermediates)
  // For sequences and optionals: what they hold (an optional may hold a sequence).
  ValueKind inner_kind = ValueKind::kUnknown;
  DataType dtype = DataType::kUndefined;  // element type, also of sequences and optionals
  bool has_shape = false;
  std::vector<int64_t> dims;          // -1 where the dim is symbolic or unknown
  std::vector<std::string> dim_names;  // the symbol ("batch") where one is given
};

struct Node {
  std::string name;  // may be empty in the model; see DisplayName
  std::string op_type;
  std::string domain;  // "" for the default ONNX domain
  std::vector<int> inputs;
  std::vector<int> outputs;
  std::vector<Attribute> attributes;
  // Values of this graph that the node's subgraphs read by name (If/Loop/Scan bodies).
  // They are inputs like the others for ordering, lifetimes and folding.
  std::vector<int> implicit_inputs;
};

struct Graph {
  std::string name;
  std::vector<ValueInfo> values;
  std::vector<Node> nodes;  // in topological order after load
  std::vector<int> inputs;  // declared graph inputs, in order (some may have initializers)
  std::vector<int> outputs;
  std::unordered_map<int, Tensor> initializers;  // value id -> constant
  // In a subgraph: values read here but defined in an enclosing graph (by name).
  std::vector<int> captured;
  std::unordered_map<std::string, int> value_ids;

  // The id of `name`, creating the value if it is new.
  int Intern(const std::string& name);
  int Find(const std::string& name) const;  // -1 when absent
  bool IsInitializer(int v) const { return initializers.count(v) != 0; }
};

struct Model {
  Graph graph;
  std::map<std::string, int> opsets;  // domain ("" = default) -> version
  int64_t ir_version = 0;
  ModelMetadata metadata;  // descriptive fields only; nothing reads them to run
  std::string path;
};

// Orders g.nodes so that every node comes after the producers of what it reads (inputs and
// implicit inputs), keeping the current order among nodes that are ready together (Kahn's
// algorithm). Errors name a value produced twice or a node on a cycle.
Status SortNodesTopologically(Graph& g);
// How errors name a node: its name, else its first output's name, else "#index".
std::string NodeDisplayName(const Graph& graph, int node_index);
// "Conv (node 'conv1', opset 13)"
std::string NodeContext(const Graph& graph, int node_index, int opset);
// "float32[1, 3, N, 224]" from a declared value.
std::string DescribeValueType(const ValueInfo& v);

}  // namespace onnxi
