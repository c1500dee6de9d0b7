// resolve: bind every node to an op from the registry and initialize it.
//
// Every node is looked up as (domain, op_type, newest since_version <= the model's opset
// for that domain). All nodes that find no op are reported together, before anything runs.
#pragma once

#include <memory>
#include <vector>

#include "onnxi/session.h"
#include "onnxi/status.h"
#include "ops/op.h"
#include "ops/registry.h"
#include "ir/graph.h"

namespace onnxi {

struct BoundNode {
  std::unique_ptr<Op> op;
  int opset = 0;          // the model's opset for the node's domain
  int since_version = 0;  // the registry entry that matched
};

// Subgraph attributes of control-flow nodes are compiled (runtime/compile.h) when their op's
// Init asks for them (NodeView::MakeSubgraph), with the same opsets and options.
Result<std::vector<BoundNode>> ResolveGraph(const Graph& graph,
                                            const std::map<std::string, int>& opsets,
                                            const OpRegistry& registry, const Options& options);

}  // namespace onnxi
