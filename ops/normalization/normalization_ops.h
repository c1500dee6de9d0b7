// Factories of the ops in ops/normalization/, listed by register.cc.
#pragma once

#include <memory>

#include "ops/op.h"

namespace onnxi {

std::unique_ptr<Op> MakeBatchNormOp();
// GroupNormalization 18 (per-group scale/bias) and 21 (per-channel).
std::unique_ptr<Op> MakeGroupNormOp();
std::unique_ptr<Op> MakeInstanceNormOp();
// LayerNormalization and RMSNormalization (chosen by op_type).
std::unique_ptr<Op> MakeLayerNormOp();
std::unique_ptr<Op> MakeLpNormOp();
std::unique_ptr<Op> MakeLrnOp();
std::unique_ptr<Op> MakeMeanVarianceNormOp();
// Softmax, LogSoftmax and Hardmax (chosen by op_type).
std::unique_ptr<Op> MakeSoftmaxOp();

}  // namespace onnxi
