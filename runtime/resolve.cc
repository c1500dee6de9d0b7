#include "runtime/resolve.h"

#include "runtime/subgraph.h"

namespace onnxi {

Result<std::vector<BoundNode>> ResolveGraph(const Graph& graph,
                                            const std::map<std::string, int>& opsets,
                                            const OpRegistry& registry, const Options& options) {
  std::vector<BoundNode> bound(graph.nodes.size());
  std::vector<std::string> missing;
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const Node& node = graph.nodes[i];
    const int index = static_cast<int>(i);
    auto opset_it = opsets.find(node.domain);
    if (opset_it == opsets.end()) {
      missing.push_back(StrCat(node.op_type, " (node '", NodeDisplayName(graph, index),
                               "'): domain '", node.domain, "' is not imported by the model"));
      continue;
    }
    const int opset = opset_it->second;
    const OpEntry* entry = registry.Find(node.domain, node.op_type, opset);
    if (entry == nullptr) {
      int oldest = registry.OldestVersion(node.domain, node.op_type);
      std::string why = oldest > 0 ? StrCat("onnxi implements it from opset ", oldest)
                                   : std::string("not implemented");
      missing.push_back(StrCat(NodeContext(graph, index, opset), ": ", why));
      continue;
    }
    bound[i].opset = opset;
    bound[i].since_version = entry->since_version;
    bound[i].op = entry->factory();
  }
  if (!missing.empty()) {
    std::string msg = StrCat(missing.size(), " node", missing.size() == 1 ? " is" : "s are",
                             " not supported:");
    for (const std::string& m : missing) msg += "\n  " + m;
    return Status::Unsupported(msg);
  }
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const Node& node = graph.nodes[i];
    NodeView view(node.op_type, node.domain, bound[i].since_version, bound[i].opset,
                  static_cast<int>(node.inputs.size()), static_cast<int>(node.outputs.size()),
                  &node.attributes);
    std::vector<std::string> captured_names;
    for (int v : node.implicit_inputs) captured_names.push_back(graph.values[v].name);
    SubgraphMaker maker = [&](const Graph& sub) {
      return MakeSubgraphRunner(sub, opsets, captured_names, options);
    };
    view.set_subgraph_maker(&maker);
    Status s = bound[i].op->Init(view);
    if (s.ok()) s = view.status();
    if (!s.ok()) return s.WithContext(NodeContext(graph, static_cast<int>(i), bound[i].opset));
  }
  return bound;
}

}  // namespace onnxi
