// Factories of the ops in ops/rnn/.
#pragma once

#include <memory>

#include "ops/op.h"

namespace onnxi {

std::unique_ptr<Op> MakeRnnOp();
std::unique_ptr<Op> MakeGruOp();
std::unique_ptr<Op> MakeLstmOp();

}  // namespace onnxi
