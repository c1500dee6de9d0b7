// compile: the one path from a loaded graph to something that runs, for the main graph and
// every subgraph (If/Loop/Scan bodies) alike:
//
//   rewrite  the graph rewrites Options enable (runtime/rewrite/), on a graph of its own
//   resolve  every node bound to an op of the registry and initialized; a node's subgraph
//            attributes are compiled, recursively, through this same function
//   fold     nodes whose inputs are all constant run once (runtime/fold.h); their outputs
//            become constants and the nodes leave the graph
//
// What comes out is immutable but for one thing: a constant an op has packed and released
// (PrepareContext::ReleaseConstantInput) is freed, and only its dtype and shape remain. The
// per-input-shape work (infer, plan) reads it and never writes back (runtime/plan.h).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "kernels/cpu/isa.h"
#include "onnxi/options.h"
#include "onnxi/value.h"
#include "ops/registry.h"
#include "runtime/resolve.h"

namespace onnxi {

struct CompiledGraph {
  Graph graph;  // rewritten; folded nodes removed; graph.initializers moved to `constants`
  std::map<std::string, int> opsets;
  std::vector<BoundNode> nodes;  // parallel to graph.nodes
  // Per value id: the constant (an initializer, or a value folded at compile time); empty
  // for every other value, and for a constant that was released.
  std::vector<Value> constants;
  // Per value id: true when it has a constant that a caller cannot replace by feeding it.
  std::vector<bool> is_constant;
  // Per value id: an initializer that is also a graph input (a default a feed may replace).
  std::vector<bool> has_default;
  // Per value id: released (packed by its only reader and freed); dtype and shape remain.
  std::vector<bool> released;
  std::vector<DataType> released_dtype;
  std::vector<Shape> released_shape;
  // Per value id: how many node input slots (and subgraph captures) read it.
  std::vector<int> reads;
  // The values a caller feeds: declared inputs without a default, then (in a subgraph) the
  // captured outer values. Inputs with a default may be fed too.
  std::vector<int> required_inputs;
  int num_folded = 0;  // nodes folded at compile time
  Options options;
  kernels::Isa isa = kernels::Isa::kReference;
  std::string label;  // the model's path, for messages

  const Value& constant(int v) const { return constants[v]; }
  std::string NodeName(int node) const { return NodeContext(graph, node, nodes[node].opset); }
  // Frees constant v for node `reader` when nothing else can read it (see the file comment).
  void Release(int v, int reader);
};

// The instruction set a KernelChoice stands for on this CPU (kSimd: the best one).
kernels::Isa SelectIsa(KernelChoice choice);

// Compiles model.graph with model.opsets. is_subgraph: the graph's inputs are fed by a
// control-flow op, not by a caller whose input shapes Options::check_input_shapes holds to
// the declared dims, so rewrites do not trust those dims.
Result<std::unique_ptr<CompiledGraph>> CompileGraph(Model model, const Options& options,
                                                    bool is_subgraph);

}  // namespace onnxi
