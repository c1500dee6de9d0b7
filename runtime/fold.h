// The two calls every node goes through, wherever it is prepared or run: PrepareNode (an op's
// Prepare) and RunNodeOnce (an op's Run into fresh outputs). Constant folding is these two on
// constant inputs — at compile time (inputs all initializers), when a plan is made (inputs
// constant for the given input shapes: Shape, Size and what follows them), and for the graph
// rewrites' view of Constant nodes — so onnxi folds in exactly one way.
//
// Allocation failure (std::bad_alloc) inside an op becomes a ResourceExhausted status here;
// nothing a model does reaches an abort.
#pragma once

#include <vector>

#include "ir/graph.h"
#include "kernels/cpu/isa.h"
#include "onnxi/value.h"
#include "ops/op.h"
#include "ops/registry.h"

namespace onnxi {

// What Prepare may know about a value: its kind, dtype and shape, and its data when constant.
// Builds an InputFact per node input; `constant` says which inputs' data Prepare may read.
InputFact FactOf(const Value& v, bool constant);

// Calls op.Prepare(ctx) (the one call site of Op::Prepare), then checks what it set: every
// output's shape has no negative dim. Errors carry only the op's words (callers add the node).
Status PrepareNode(Op& op, PrepareContext& ctx);

// Runs a prepared op once on `inputs` into newly allocated outputs (one Value per node
// output; empty where the node names none) and returns them. Outputs whose value Prepare
// already gave (Shape, Size, Constant) are returned without running. Scratch is allocated
// for the call.
Result<std::vector<Value>> RunNodeOnce(Op& op, const Node& node, const PrepareContext& prepared,
                                       std::vector<const Value*> inputs,
                                       std::vector<const Value*> captured, kernels::Isa isa,
                                       int threads, const RunControl* control);

// Prepare and run a node whose inputs are all constant (`inputs`, one per node input,
// nullptr where omitted). Random ops are never folded: their result is an error here.
Result<std::vector<Value>> FoldNode(Op& op, const Node& node,
                                    const std::vector<const Value*>& inputs, kernels::Isa isa);

// The same for a node not bound yet (the rewrites' Constant nodes): binds it through the
// registry with the model's opsets first.
Result<std::vector<Value>> FoldUnboundNode(const Node& node,
                                           const std::map<std::string, int>& opsets,
                                           const std::vector<const Value*>& inputs);

}  // namespace onnxi
