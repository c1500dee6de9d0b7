// Factories of the ops in ops/attention/, listed by register.cc.
#pragma once

#include <memory>

#include "ops/op.h"

namespace onnxi {

std::unique_ptr<Op> MakeAttentionOp();
std::unique_ptr<Op> MakeRotaryEmbeddingOp();
std::unique_ptr<Op> MakeLinearAttentionOp();
std::unique_ptr<Op> MakeCausalConvWithStateOp();
std::unique_ptr<Op> MakeFlexAttentionOp();

}  // namespace onnxi
