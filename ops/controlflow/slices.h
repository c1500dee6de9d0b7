// Moving one slice along an axis in and out of a tensor, for Loop's and Scan's scan inputs
// and outputs. These allocate: control flow makes its outputs while it runs.
#pragma once

#include <vector>

#include "onnxi/status.h"
#include "onnxi/tensor.h"

namespace onnxi {

// t[..., index, ...] along `axis`, as a new tensor of rank t.rank() - 1.
Result<Tensor> TakeSlice(const Tensor& t, int axis, int64_t index);
// Stacks equally shaped slices into a new tensor with a new dimension at `axis`
// (slices[k] lands at index k, or at n-1-k when `reverse`). Zero slices give shape [0]
// (axis must then be 0).
Result<Tensor> StackSlices(const std::vector<Tensor>& slices, int axis, bool reverse,
                           DataType dtype);
// Concatenates tensors of equal rank along an existing `axis` (other dims must match).
Result<Tensor> ConcatAlong(const std::vector<Tensor>& parts, int axis, DataType dtype);

}  // namespace onnxi
