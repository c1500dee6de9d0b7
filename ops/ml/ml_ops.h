// Factories of the ai.onnx.ml ops (ops/ml/), used by register.cc.
#pragma once

#include <memory>

#include "ops/op.h"

namespace onnxi {

std::unique_ptr<Op> MakeLabelEncoderOp();
std::unique_ptr<Op> MakeTreeEnsembleOp();
std::unique_ptr<Op> MakeBinarizerOp();
std::unique_ptr<Op> MakeArrayFeatureExtractorOp();

}  // namespace onnxi
