// Shape arithmetic shared by ops: axis normalization, broadcasting, reading shape tensors.
#pragma once

#include <cstdint>
#include <vector>

#include "onnxi/status.h"
#include "onnxi/tensor.h"

namespace onnxi {

// Maps axis in [-rank, rank) to [0, rank); error names the axis and the rank.
Result<int> NormalizeAxis(int64_t axis, int rank);
// Multidirectional (numpy) broadcast of two shapes; error shows both shapes.
Result<Shape> BroadcastShapes(const Shape& a, const Shape& b);
// Row-major strides of a shape, in elements.
std::vector<int64_t> StridesOf(const Shape& shape);
// Strides to read `shape` as if broadcast to `out` (right-aligned; 0 where broadcast).
// Requires that `shape` broadcasts to `out`.
std::vector<int64_t> BroadcastStrides(const Shape& shape, const Shape& out);
// GatherElements/ScatterElements: indices (of data's rank) may not be larger than data on
// any axis but `axis`. The error shows both shapes and the axis.
Status CheckIndicesWithinData(const Shape& indices, const Shape& data, int axis);
// Reads a 1-D (or scalar) int32/int64 tensor as a list of int64.
Result<std::vector<int64_t>> ReadInt64s(const Tensor& t);

}  // namespace onnxi
