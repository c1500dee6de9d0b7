// Subgraphs of control-flow nodes: each becomes its own Executor, resolved with the
// model's opsets, and is handed to the op as a SubgraphRunner (ops/subgraph.h).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "onnxi/session.h"
#include "ops/registry.h"
#include "ops/subgraph.h"
#include "ir/graph.h"

namespace onnxi {

// parent_captured: the names, in order, of the parent node's implicit inputs; the runner
// picks out the ones its graph reads.
Result<std::unique_ptr<SubgraphRunner>> MakeSubgraphRunner(
    const Graph& subgraph, const std::map<std::string, int>& opsets,
    const std::vector<std::string>& parent_captured, const OpRegistry& registry,
    const Options& options);

}  // namespace onnxi
