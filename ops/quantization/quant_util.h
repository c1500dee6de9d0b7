// Helpers shared by the quantization ops: element type -> kernel code, granularity of a
// scale/zero-point pair, and the batch plan of the integer matmuls.
#pragma once

#include <cstdint>
#include <vector>

#include "kernels/quantization/quantize.h"
#include "onnxi/status.h"
#include "onnxi/tensor.h"

namespace onnxi {

// The kernel code storing a quantized dtype; Unsupported for anything else.
Result<kernels::QuantCode> QuantCodeOf(DataType t);

// Resolves the granularity of `scale_shape` against x's shape (see kernels/quantization/
// quantize.h): per-tensor (scalar or one element), per-axis (1-D of x[axis]) or, with
// block_size > 0, blocked (x's shape with ceil(x[axis] / block_size) at axis).
// `allow_blocked` is false before opset 21.
Result<kernels::QuantLayout> ResolveQuantLayout(const Shape& x, const Shape& scale_shape,
                                                int64_t axis, int64_t block_size,
                                                bool allow_blocked);

// numpy matmul broadcasting of A (..., M, K) and B (..., K, N) (1-D operands promoted and the
// promoted dims dropped from the output). offsets holds, per output matrix, the element
// offsets of its A and B matrices.
struct MatMulPlan {
  Shape out;
  int64_t m = 0, k = 0, n = 0;
  std::vector<int64_t> a_offsets, b_offsets;
};
Result<MatMulPlan> PlanMatMul(const Shape& a, const Shape& b);

}  // namespace onnxi
