// Factories of the ops in ops/reduce/, listed by register.cc.
#pragma once

#include <memory>

#include "ops/op.h"

namespace onnxi {

// ReduceSum, ReduceMean, ReduceMax, ReduceMin, ReduceProd, ReduceL1, ReduceL2, ReduceLogSum,
// ReduceLogSumExp, ReduceSumSquare (the kind is taken from the node's op_type).
std::unique_ptr<Op> MakeReduceOp();
// ArgMax, ArgMin.
std::unique_ptr<Op> MakeArgReduceOp();
std::unique_ptr<Op> MakeCumSumOp();

}  // namespace onnxi
