// Subgraphs of control-flow nodes: each is compiled like the main graph (runtime/compile.h),
// gets its own Executor, and is handed to the op as a SubgraphRunner (ops/subgraph.h).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "onnxi/options.h"
#include "ops/subgraph.h"

namespace onnxi {

// parent_captured: the names, in order, of the parent node's implicit inputs; the runner
// picks out the ones its graph reads.
Result<std::unique_ptr<SubgraphRunner>> MakeSubgraphRunner(
    const Graph& subgraph, const std::map<std::string, int>& opsets,
    const std::vector<std::string>& parent_captured, const Options& options);

}  // namespace onnxi
