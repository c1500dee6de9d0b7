// Factories of onnxi's private helper ops for load-time differentiation (domain "ai.onnxi",
// version 1), emitted by runtime/autodiff.cc through ops/training/gradient_rules.h.
#pragma once

#include <memory>

#include "ops/op.h"

namespace onnxi {

// SumToShapeOf(g, like) -> y: y has like's shape and g's type; the sum of g over the dims that
// broadcasting like to g's shape would have expanded.
std::unique_ptr<Op> MakeSumToShapeOfOp();
// FillLike(x) -> y, attribute float `value`: y has x's shape and type, every element value.
std::unique_ptr<Op> MakeFillLikeOp();

}  // namespace onnxi
