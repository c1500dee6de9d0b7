// infer: the types and shapes of every value for one input-shape signature.
//
// Walks the compiled graph in order and prepares each node with what is known: every
// input's kind, dtype and shape, and its data where it is constant. A node whose inputs are
// all constant for this signature (Shape, Size, and what follows them) is run right there
// and its outputs become constants. A node whose output shape depends on data not known yet
// is deferred: it is prepared again at every run, and its outputs (and everything downstream
// of them) are sized at run time. Then PlanMemory (runtime/plan.h) lays out the rest.
#pragma once

#include <memory>
#include <vector>

#include "runtime/compile.h"
#include "runtime/plan.h"

namespace onnxi {

// feeds: one entry per value id (nullptr = not fed), already checked against the declared
// inputs. Constants an op packs are released in `cg` (CompiledGraph::Release).
Result<std::unique_ptr<Plan>> InferPlan(CompiledGraph& cg, const std::vector<const Value*>& feeds,
                                        int64_t memory_limit);

}  // namespace onnxi
