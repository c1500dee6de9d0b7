// Factories of the ops in ops/nn/, for the registration list in register.cc.
#pragma once

#include <memory>

#include "ops/op.h"

namespace onnxi {

std::unique_ptr<Op> MakeAveragePoolOp();
std::unique_ptr<Op> MakeConvOp();
std::unique_ptr<Op> MakeConvTransposeOp();
std::unique_ptr<Op> MakeGlobalAveragePoolOp();
std::unique_ptr<Op> MakeGlobalLpPoolOp();
std::unique_ptr<Op> MakeGlobalMaxPoolOp();
std::unique_ptr<Op> MakeInvertedBottleneckOp();
std::unique_ptr<Op> MakeLpPoolOp();
std::unique_ptr<Op> MakeMaxPoolOp();

}  // namespace onnxi
