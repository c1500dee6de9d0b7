// Factories of the ops in ops/training/, listed by register.cc.
#pragma once

#include <memory>

#include "ops/op.h"

namespace onnxi {

// Adagrad, Adam and Momentum (chosen by op_type).
std::unique_ptr<Op> MakeOptimizerOp();

}  // namespace onnxi
