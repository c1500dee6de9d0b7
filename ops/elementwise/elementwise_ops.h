// Factories of the ops in ops/elementwise/, for register.cc.
#pragma once

#include <memory>

#include "kernels/elementwise/unary.h"
#include "ops/op.h"

namespace onnxi {

// unary.cc: math functions and activations, one class driven by the kind. kGelu switches to
// kGeluTanh itself when the node's `approximate` attribute says "tanh".
std::unique_ptr<Op> MakeUnaryOp(kernels::UnaryKind kind);
// clip.cc
std::unique_ptr<Op> MakeClipOp();
// cast.cc
std::unique_ptr<Op> MakeCastOp();
std::unique_ptr<Op> MakeCastLikeOp();
// predicates.cc
std::unique_ptr<Op> MakeNotOp();
std::unique_ptr<Op> MakeIsNanOp();
std::unique_ptr<Op> MakeIsInfOp();
// bitcast.cc
std::unique_ptr<Op> MakeBitCastOp();
// swish.cc: Swish and SwiGLU
std::unique_ptr<Op> MakeSwishOp();
std::unique_ptr<Op> MakeSwiGluOp();

}  // namespace onnxi
