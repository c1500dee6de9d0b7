// Factories of the ops in ops/loss/ (register.cc lists them).
#pragma once

#include <memory>

#include "ops/op.h"

namespace onnxi {

std::unique_ptr<Op> NewNllLossOp();
std::unique_ptr<Op> NewSoftmaxCrossEntropyLossOp();

}  // namespace onnxi
