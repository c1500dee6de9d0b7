// Factories of Einsum and Det (ops/linalg/einsum.cc, det.cc), listed in register.cc.
#pragma once

#include <memory>

#include "ops/op.h"

namespace onnxi {

std::unique_ptr<Op> MakeEinsumOp();
std::unique_ptr<Op> MakeDetOp();

}  // namespace onnxi
