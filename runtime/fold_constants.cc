#include "runtime/fold_constants.h"

#include <algorithm>

namespace onnxi {
namespace {

// Runs node i on its constant inputs; on success returns its outputs (one per node output).
bool RunOnConstants(const Graph& g, const Node& node, Op& op, kernels::Isa isa,
                    std::vector<Tensor>& outs) {
  std::vector<Value> in_values(node.inputs.size());
  std::vector<InputFact> facts(node.inputs.size());
  for (size_t k = 0; k < node.inputs.size(); ++k) {
    const int v = node.inputs[k];
    if (v < 0) continue;
    const Tensor& t = g.initializers.at(v);
    in_values[k] = t;
    facts[k] = {true, t.dtype(), t.shape(), &in_values[k].tensor(), Value::Kind::kTensor,
                &in_values[k]};
  }
  PrepareContext prep(std::move(facts), static_cast<int>(node.outputs.size()));
  prep.isa = isa;
  if (!op.Prepare(prep).ok()) return false;

  std::vector<Value> out_values(node.outputs.size());
  std::vector<Value*> out_ptrs(node.outputs.size(), nullptr);
  bool values_given = true;
  for (size_t k = 0; k < node.outputs.size(); ++k) {
    if (prep.output_by_run(k)) return false;  // sequences, optionals: not initializers
    if (prep.output_value(k).empty()) values_given = false;
  }
  if (values_given) {  // Constant and friends: Prepare already knows the values
    for (size_t k = 0; k < node.outputs.size(); ++k) outs[k] = prep.output_value(k);
    return true;
  }
  for (size_t k = 0; k < node.outputs.size(); ++k) {
    if (node.outputs[k] < 0) continue;
    out_values[k] = Tensor::Allocate(prep.output_dtype(k), prep.output_shape(k));
    out_ptrs[k] = &out_values[k];
  }
  std::vector<const Value*> in_ptrs;
  for (size_t k = 0; k < node.inputs.size(); ++k) {
    in_ptrs.push_back(node.inputs[k] >= 0 ? &in_values[k] : nullptr);
  }
  Tensor scratch;
  RunContext run(std::move(in_ptrs), std::move(out_ptrs));
  run.isa = isa;
  if (prep.scratch_bytes() > 0) {
    scratch = Tensor::Allocate(DataType::kUint8, {static_cast<int64_t>(prep.scratch_bytes())});
    run.scratch = scratch.raw_data();
  }
  if (!op.Run(run).ok() || run.used_randomness) return false;
  for (size_t k = 0; k < node.outputs.size(); ++k) {
    if (node.outputs[k] >= 0) outs[k] = std::move(out_values[k].mutable_tensor());
  }
  return true;
}

}  // namespace

int FoldConstants(Model& model, std::vector<BoundNode>& nodes, kernels::Isa isa) {
  Graph& g = model.graph;
  const size_t nv = g.values.size();
  std::vector<bool> pinned(nv, false);  // graph inputs and outputs keep their identity
  for (int v : g.inputs) pinned[v] = true;
  for (int v : g.outputs) pinned[v] = true;
  std::vector<int> readers(nv, 0);
  for (const Node& node : g.nodes) {
    for (int v : node.inputs) {
      if (v >= 0) ++readers[v];
    }
    for (int v : node.implicit_inputs) ++readers[v];
  }
  auto is_constant = [&](int v) { return v < 0 || (g.IsInitializer(v) && !pinned[v]); };

  std::vector<bool> folded(g.nodes.size(), false);
  int count = 0;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const Node& node = g.nodes[i];
    Op& op = *nodes[i].op;
    if (!op.deterministic() || op.takes_values() || !node.implicit_inputs.empty()) continue;
    if (!std::all_of(node.inputs.begin(), node.inputs.end(), is_constant)) continue;
    if (std::any_of(node.outputs.begin(), node.outputs.end(),
                    [&](int v) { return v >= 0 && pinned[v]; })) {
      continue;
    }
    std::vector<Tensor> outs(node.outputs.size());
    if (!RunOnConstants(g, node, op, isa, outs)) continue;
    for (size_t k = 0; k < node.outputs.size(); ++k) {
      if (node.outputs[k] >= 0) g.initializers[node.outputs[k]] = std::move(outs[k]);
    }
    for (int v : node.inputs) {
      if (v >= 0 && --readers[v] == 0 && !pinned[v]) g.initializers.erase(v);
    }
    folded[i] = true;
    ++count;
  }
  if (count == 0) return 0;
  std::vector<Node> kept_nodes;
  std::vector<BoundNode> kept_bound;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    if (folded[i]) continue;
    kept_nodes.push_back(std::move(g.nodes[i]));
    kept_bound.push_back(std::move(nodes[i]));
  }
  g.nodes = std::move(kept_nodes);
  nodes = std::move(kept_bound);
  // Folded outputs nobody reads (a Constant feeding only another folded node) go too.
  for (auto it = g.initializers.begin(); it != g.initializers.end();) {
    it = (readers[it->first] == 0 && !pinned[it->first]) ? g.initializers.erase(it) : std::next(it);
  }
  return count;
}

}  // namespace onnxi
