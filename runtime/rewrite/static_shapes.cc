// Load-time shape propagation through the ops' own rules; see static_shapes.h.
#include "runtime/rewrite/static_shapes.h"

#include <memory>
#include <unordered_map>

#include "ops/registry.h"

namespace onnxi {

std::vector<StaticShape> InferStaticShapes(const Graph& g, const std::map<std::string, int>& opsets,
                                           bool trust_inputs) {
  std::vector<StaticShape> shapes(g.values.size());
  std::vector<bool> is_input(g.values.size(), false);
  Symbols symbols;
  for (int v : g.inputs) {
    is_input[v] = true;
    const ValueInfo& info = g.values[v];
    if (g.IsInitializer(v) || !info.has_shape) continue;
    StaticShape& s = shapes[v];
    s.known = true;
    for (int64_t d : info.dims) s.dims.push_back(trust_inputs && d >= 0 ? d : symbols.Fresh());
  }
  for (const auto& [v, t] : g.initializers) {
    if (!is_input[v]) shapes[v] = {true, t.shape()};  // a feed may replace an input's default
  }
  // One op object per registry entry answers for every node that resolves to it.
  std::unordered_map<const OpEntry*, std::unique_ptr<Op>> ops;
  const OpRegistry& registry = OpRegistry::Default();
  for (const Node& n : g.nodes) {
    // onnxi's private ops (version 1) are known before a rewritten model imports their domain.
    auto found = opsets.find(n.domain);
    const int opset = found != opsets.end() ? found->second : n.domain == kOnnxiDomain ? 1 : 0;
    if (opset == 0) continue;
    const OpEntry* entry = registry.Find(n.domain, n.op_type, opset);
    if (entry == nullptr) continue;
    std::unique_ptr<Op>& op = ops[entry];
    if (op == nullptr) op = entry->factory();
    std::vector<StaticShape> in(n.inputs.size()), out(n.outputs.size());
    for (size_t k = 0; k < n.inputs.size(); ++k) {
      if (n.inputs[k] >= 0) in[k] = shapes[n.inputs[k]];
    }
    NodeView view(n.op_type, n.domain, entry->since_version, opset,
                  static_cast<int>(n.inputs.size()), static_cast<int>(n.outputs.size()),
                  &n.attributes);
    if (!op->InferStaticShapes(view, in, out, symbols) || !view.status().ok()) continue;
    for (size_t k = 0; k < n.outputs.size(); ++k) {
      if (n.outputs[k] >= 0 && out[k].known) shapes[n.outputs[k]] = std::move(out[k]);
    }
  }
  return shapes;
}

}  // namespace onnxi
