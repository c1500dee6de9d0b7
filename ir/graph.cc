#include "ir/graph.h"

#include <functional>
#include <queue>

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

// Kahn's algorithm, keeping the file's order among ready nodes. Values with no producer
// (graph inputs, initializers, outer-scope names in subgraphs) are ready from the start.
Status SortNodesTopologically(Graph& g) {
  const int n = static_cast<int>(g.nodes.size());
  std::vector<int> producer(g.values.size(), -1);
  for (int i = 0; i < n; ++i) {
    for (int v : g.nodes[i].outputs) {
      if (v < 0) continue;
      if (producer[v] >= 0) {
        return Status::InvalidModel(StrCat("value '", g.values[v].name,
                                           "' is produced by two nodes (", NodeDisplayName(g, producer[v]),
                                           " and ", NodeDisplayName(g, i), ")"));
      }
      producer[v] = i;
    }
  }
  std::vector<int> pending(n, 0);
  std::vector<std::vector<int>> consumers(n);
  for (int i = 0; i < n; ++i) {
    std::vector<int> reads = g.nodes[i].inputs;
    reads.insert(reads.end(), g.nodes[i].implicit_inputs.begin(), g.nodes[i].implicit_inputs.end());
    for (int v : reads) {
      if (v >= 0 && producer[v] >= 0 && producer[v] != i) {
        ++pending[i];
        consumers[producer[v]].push_back(i);
      }
    }
  }
  std::priority_queue<int, std::vector<int>, std::greater<int>> ready;
  for (int i = 0; i < n; ++i) {
    if (pending[i] == 0) ready.push(i);
  }
  std::vector<int> order;
  while (!ready.empty()) {
    int i = ready.top();
    ready.pop();
    order.push_back(i);
    for (int c : consumers[i]) {
      if (--pending[c] == 0) ready.push(c);
    }
  }
  if (static_cast<int>(order.size()) != n) {
    for (int i = 0; i < n; ++i) {
      if (pending[i] > 0) {
        return Status::InvalidModel(StrCat("the graph has a cycle through node '",
                                           NodeDisplayName(g, i), "'"));
      }
    }
  }
  std::vector<Node> sorted;
  sorted.reserve(n);
  for (int i : order) sorted.push_back(std::move(g.nodes[i]));
  g.nodes = std::move(sorted);
  return Status::Ok();
}

}  // namespace onnxi
