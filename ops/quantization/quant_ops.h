// Factories of the ops in ops/quantization/.
#pragma once

#include <memory>

#include "ops/op.h"

namespace onnxi {

std::unique_ptr<Op> MakeQuantizeLinearOp();
std::unique_ptr<Op> MakeDequantizeLinearOp();
std::unique_ptr<Op> MakeDynamicQuantizeLinearOp();
std::unique_ptr<Op> MakeMatMulIntegerOp();
std::unique_ptr<Op> MakeQLinearMatMulOp();
std::unique_ptr<Op> MakeConvIntegerOp();
std::unique_ptr<Op> MakeQLinearConvOp();

}  // namespace onnxi
