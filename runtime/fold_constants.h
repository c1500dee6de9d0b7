// Constant folding at load, right after resolve.
//
// A node whose inputs are all initializers (and not graph inputs, which a caller may feed
// instead), whose op is deterministic and which reads no outer values is run once, here; its
// tensor outputs become initializers and the node leaves the graph. An initializer that no
// node reads any more is dropped at once, so a weight that the exporter transposes or
// reshapes in the graph (torch's Linear -> Transpose -> MatMul) is held once, not twice.
// Nodes whose value depends on input shapes (Shape, Size, ...) are folded later, per input
// shapes, by the executor's Prepare. A node that fails here is left in place: the executor
// then reports the same error with the node's context at the first run.
#pragma once

#include <vector>

#include "kernels/cpu/isa.h"
#include "ir/graph.h"
#include "runtime/resolve.h"

namespace onnxi {

// Returns the number of nodes folded. `nodes` stays parallel to model.graph.nodes.
int FoldConstants(Model& model, std::vector<BoundNode>& nodes, kernels::Isa isa);

}  // namespace onnxi
