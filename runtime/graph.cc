#include "runtime/graph.h"

namespace onnxi {

int Graph::Intern(const std::string& name) {
  auto it = value_ids.find(name);
  if (it != value_ids.end()) return it->second;
  int id = static_cast<int>(values.size());
  ValueInfo info;
  info.name = name;
  values.push_back(std::move(info));
  value_ids.emplace(name, id);
  return id;
}

int Graph::Find(const std::string& name) const {
  auto it = value_ids.find(name);
  return it == value_ids.end() ? -1 : it->second;
}

std::string NodeDisplayName(const Graph& graph, int node_index) {
  const Node& node = graph.nodes[node_index];
  if (!node.name.empty()) return node.name;
  for (int out : node.outputs) {
    if (out >= 0) return graph.values[out].name;
  }
  return "#" + std::to_string(node_index);
}

std::string NodeContext(const Graph& graph, int node_index, int opset) {
  const Node& node = graph.nodes[node_index];
  std::string op = node.domain.empty() ? node.op_type : node.domain + "." + node.op_type;
  return StrCat(op, " (node '", NodeDisplayName(graph, node_index), "', opset ", opset, ")");
}

std::string DescribeValueType(const ValueInfo& v) {
  std::string elem = DataTypeName(v.dtype);
  switch (v.kind) {
    case ValueKind::kSequence: return "sequence<" + elem + ">";
    case ValueKind::kOptional:
      return v.inner_kind == ValueKind::kSequence ? "optional<sequence<" + elem + ">>"
                                                  : "optional<" + elem + ">";
    case ValueKind::kMap: return "map";
    case ValueKind::kSparseTensor: return "sparse_tensor";
    default: break;
  }
  std::string s = DataTypeName(v.dtype);
  if (!v.has_shape) return s;
  s += "[";
  for (size_t i = 0; i < v.dims.size(); ++i) {
    if (i) s += ", ";
    if (v.dims[i] >= 0) {
      s += std::to_string(v.dims[i]);
    } else {
      s += v.dim_names[i].empty() ? "?" : v.dim_names[i];
    }
  }
  return s + "]";
}

}  // namespace onnxi
