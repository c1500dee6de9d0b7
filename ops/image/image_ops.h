// Factories and small helpers shared by the ops in ops/image/.
#pragma once

#include <memory>
#include <vector>

#include "onnxi/status.h"
#include "onnxi/tensor.h"
#include "ops/op.h"

namespace onnxi {

std::unique_ptr<Op> MakeResizeOp();
std::unique_ptr<Op> MakeUpsampleOp();
std::unique_ptr<Op> MakeGridSampleOp();
std::unique_ptr<Op> MakeAffineGridOp();
std::unique_ptr<Op> MakeRoiAlignOp();
std::unique_ptr<Op> MakeNonMaxSuppressionOp();
std::unique_ptr<Op> MakeMaxUnpoolOp();
std::unique_ptr<Op> MakeCol2ImOp();
std::unique_ptr<Op> MakeDeformConvOp();

// Reads a 1-D (or scalar) float/double/float16/bfloat16 tensor as doubles (scales, roi).
Result<std::vector<double>> ReadDoubles(const Tensor& t);

}  // namespace onnxi
