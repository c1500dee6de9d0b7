// Factories of the string ops (ops/text/), used by register.cc.
#pragma once

#include <memory>

#include "ops/op.h"

namespace onnxi {

std::unique_ptr<Op> MakeStringNormalizerOp();
std::unique_ptr<Op> MakeStringConcatOp();
std::unique_ptr<Op> MakeStringSplitOp();
std::unique_ptr<Op> MakeRegexFullMatchOp();
std::unique_ptr<Op> MakeTfIdfVectorizerOp();

}  // namespace onnxi
