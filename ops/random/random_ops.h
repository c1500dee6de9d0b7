// Factories of the ops in ops/random/, listed by register.cc.
#pragma once

#include <memory>

#include "ops/op.h"

namespace onnxi {

// RandomUniform(Like), RandomNormal(Like), Bernoulli and Multinomial (chosen by op_type).
std::unique_ptr<Op> MakeRandomOp();

}  // namespace onnxi
