// Factories of the signal-processing ops (ops/signal/), used by register.cc.
#pragma once

#include <memory>

#include "ops/op.h"

namespace onnxi {

std::unique_ptr<Op> MakeDftOp();
std::unique_ptr<Op> MakeStftOp();
std::unique_ptr<Op> MakeHannWindowOp();
std::unique_ptr<Op> MakeHammingWindowOp();
std::unique_ptr<Op> MakeBlackmanWindowOp();
std::unique_ptr<Op> MakeMelWeightMatrixOp();

}  // namespace onnxi
