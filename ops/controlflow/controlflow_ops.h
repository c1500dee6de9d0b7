// Factories of the control-flow ops (If, Loop, Scan), registered in register.cc.
#pragma once

#include <memory>

#include "ops/op.h"

namespace onnxi {

std::unique_ptr<Op> MakeIf();
std::unique_ptr<Op> MakeLoop();
std::unique_ptr<Op> MakeScan();

}  // namespace onnxi
