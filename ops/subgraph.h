// How control-flow ops (If, Loop, Scan, SequenceMap) run their subgraph attributes without
// knowing the runtime: the runtime hands Init a maker (NodeView::MakeSubgraph) and the op
// keeps the SubgraphRunner it returns.
//
// A subgraph may read values of enclosing graphs by name ("captured" values). The runtime
// passes them to the op's Run as RunContext::captured(); the op hands its RunContext to
// SubgraphRunner::Run, which picks out what its graph reads and runs under the same
// RunControl (deadline, cancellation, memory limit) as the node.
#pragma once

#include <memory>
#include <vector>

#include "onnxi/status.h"
#include "onnxi/value.h"

namespace onnxi {
class RunContext;  // ops/op.h
}

namespace onnxi {

class SubgraphRunner {
 public:
  virtual ~SubgraphRunner() = default;
  virtual int num_inputs() const = 0;   // the subgraph's declared inputs
  virtual int num_outputs() const = 0;  // the subgraph's declared outputs
  // The declared element type of output k (kUndefined when not declared); for the empty
  // results of zero iterations.
  virtual DataType output_dtype(int k) const = 0;
  // inputs: one value per declared input, in order. Returns the outputs in order; they own
  // their data (nothing borrowed from the subgraph's arena survives the call).
  virtual Result<std::vector<Value>> Run(const std::vector<Value>& inputs,
                                         const RunContext& parent) = 0;
};

}  // namespace onnxi
