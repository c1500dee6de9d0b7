// Factories of the sequence and optional ops, registered in register.cc.
#pragma once

#include <memory>

#include "ops/op.h"

namespace onnxi {

std::unique_ptr<Op> MakeSequenceEmpty();
std::unique_ptr<Op> MakeSequenceConstruct();
std::unique_ptr<Op> MakeSequenceInsert();
std::unique_ptr<Op> MakeSequenceErase();
std::unique_ptr<Op> MakeSequenceAt();
std::unique_ptr<Op> MakeSequenceLength();
std::unique_ptr<Op> MakeSplitToSequence();
std::unique_ptr<Op> MakeConcatFromSequence();
std::unique_ptr<Op> MakeSequenceMap();
std::unique_ptr<Op> MakeOptional();
std::unique_ptr<Op> MakeOptionalHasElement();
std::unique_ptr<Op> MakeOptionalGetElement();

}  // namespace onnxi
