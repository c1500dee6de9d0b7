// compile: rewrite -> resolve -> fold, for graphs and subgraphs alike; see compile.h.
#include "runtime/compile.h"

#include <algorithm>

#include "runtime/fold.h"
#include "runtime/rewrite/rewrite.h"

namespace onnxi {
namespace {

bool Enabled(const Options& options, const char* rewrite) {
  const auto& off = options.disabled_rewrites;
  return options.rewrite && std::find(off.begin(), off.end(), rewrite) == off.end();
}

// fold: a node whose inputs are all constants (not graph inputs, which a caller may feed),
// whose op is deterministic and which has no subgraph runs once, here; its outputs become
// constants and it leaves the graph. Constants nothing reads any more are freed at once, so a
// weight the exporter transposes in the graph (torch's Linear -> Transpose -> MatMul) is held
// once, not twice. Nodes whose outputs are graph outputs keep their identity. A node that
// fails to fold stays: the first run then reports its error with the node's name. Nodes whose
// value depends on input shapes (Shape, Size, ...) are folded per plan (runtime/infer.cc).
int FoldConstantNodes(CompiledGraph& cg) {
  Graph& g = cg.graph;
  const size_t nv = g.values.size();
  std::vector<bool> pinned(nv, false);
  for (int v : g.inputs) pinned[v] = true;
  for (int v : g.outputs) pinned[v] = true;
  std::vector<int> readers(nv, 0);
  for (const Node& node : g.nodes) {
    for (int v : node.inputs) {
      if (v >= 0) ++readers[v];
    }
    for (int v : node.implicit_inputs) ++readers[v];
  }
  std::vector<bool> folded(g.nodes.size(), false);
  int count = 0;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const Node& node = g.nodes[i];
    Op& op = *cg.nodes[i].op;
    if (!op.deterministic() || !node.implicit_inputs.empty()) continue;
    bool foldable = true;
    std::vector<const Value*> inputs(node.inputs.size(), nullptr);
    for (size_t k = 0; k < node.inputs.size() && foldable; ++k) {
      const int v = node.inputs[k];
      if (v < 0) continue;
      foldable = cg.is_constant[v];
      inputs[k] = &cg.constants[v];
    }
    for (int v : node.outputs) foldable = foldable && (v < 0 || !pinned[v]);
    for (const Attribute& a : node.attributes) {
      foldable =
          foldable && a.type != Attribute::Type::kGraph && a.type != Attribute::Type::kGraphs;
    }
    if (!foldable) continue;
    Result<std::vector<Value>> outs = FoldNode(op, node, inputs, cg.isa);
    if (!outs.ok()) continue;
    for (size_t k = 0; k < node.outputs.size(); ++k) {
      const int v = node.outputs[k];
      if (v < 0) continue;
      cg.constants[v] = std::move((*outs)[k]);
      cg.is_constant[v] = true;
    }
    for (int v : node.inputs) {
      if (v >= 0 && --readers[v] == 0 && !pinned[v]) cg.constants[v] = Value();
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
    kept_bound.push_back(std::move(cg.nodes[i]));
  }
  g.nodes = std::move(kept_nodes);
  cg.nodes = std::move(kept_bound);
  // Folded outputs nobody reads (a Constant feeding only another folded node) go too.
  for (size_t v = 0; v < nv; ++v) {
    if (readers[v] == 0 && !pinned[v] && cg.is_constant[v]) {
      cg.constants[v] = Value();
      cg.is_constant[v] = false;
    }
  }
  return count;
}

}  // namespace

kernels::Isa SelectIsa(KernelChoice choice) {
  switch (choice) {
    case KernelChoice::kReference:
      return kernels::Isa::kReference;
    case KernelChoice::kGeneric:
      return kernels::Isa::kGeneric;
    case KernelChoice::kAvx2:
      return kernels::Isa::kAvx2;
    case KernelChoice::kAvx512:
      return kernels::Isa::kAvx512;
    case KernelChoice::kSimd:
      break;
  }
  return kernels::BestIsa();
}

void CompiledGraph::Release(int v, int reader) {
  if (v < 0 || !is_constant[v] || released[v] || reads[v] != 1) return;
  if (std::count(graph.outputs.begin(), graph.outputs.end(), v)) return;
  const Node& r = graph.nodes[reader];
  if (std::count(r.inputs.begin(), r.inputs.end(), v) != 1 || !constants[v].is_tensor()) return;
  released[v] = true;
  released_dtype[v] = constants[v].tensor().dtype();
  released_shape[v] = constants[v].tensor().shape();
  constants[v] = Value();
}

Result<std::unique_ptr<CompiledGraph>> CompileGraph(Model model, const Options& options,
                                                    bool is_subgraph) {
  auto cg = std::make_unique<CompiledGraph>();
  cg->options = options;
  cg->isa = SelectIsa(options.kernels);
  cg->label = model.path;

  // rewrite
  ONNXI_RETURN_IF_ERROR(RewriteGraph(model, options, options.check_input_shapes && !is_subgraph));

  // resolve (subgraphs are compiled here, by their node's Init, through this function)
  ONNXI_ASSIGN_OR_RETURN(cg->nodes,
                         ResolveGraph(model.graph, model.opsets, OpRegistry::Default(), options));
  cg->graph = std::move(model.graph);
  cg->opsets = std::move(model.opsets);
  Graph& g = cg->graph;
  const size_t nv = g.values.size();
  cg->constants.assign(nv, Value());
  cg->is_constant.assign(nv, false);
  cg->has_default.assign(nv, false);
  cg->released.assign(nv, false);
  cg->released_dtype.assign(nv, DataType::kUndefined);
  cg->released_shape.assign(nv, {});
  std::vector<bool> is_input(nv, false);
  for (int v : g.inputs) is_input[v] = true;
  for (auto& [v, t] : g.initializers) {
    cg->constants[v] = std::move(t);
    (is_input[v] ? cg->has_default : cg->is_constant)[v] = true;
  }
  g.initializers.clear();

  // fold
  if (Enabled(options, "fold-constants")) cg->num_folded = FoldConstantNodes(*cg);

  cg->reads.assign(nv, 0);
  for (const Node& n : g.nodes) {
    for (int v : n.inputs) {
      if (v >= 0) ++cg->reads[v];
    }
    for (int v : n.implicit_inputs) ++cg->reads[v];
  }
  for (int v : g.inputs) {
    if (!cg->has_default[v]) cg->required_inputs.push_back(v);
  }
  cg->required_inputs.insert(cg->required_inputs.end(), g.captured.begin(), g.captured.end());
  return cg;
}

}  // namespace onnxi
