// Registration functions of the op files in ops/math/, called by RegisterMathOps
// (register.cc). Each file keeps its op classes private and lists them here.
#pragma once

#include "ops/registry.h"

namespace onnxi {

void RegisterArithmeticOps(OpList& list);  // arithmetic.cc: Add, Sub, Mul, Div, Mod
void RegisterPowOps(OpList& list);         // pow.cc: Pow
void RegisterCompareOps(OpList& list);     // compare.cc: Equal, Less, Greater, ...OrEqual
void RegisterLogicalOps(OpList& list);     // logical.cc: And, Or, Xor, BitShift, Bitwise*
void RegisterVariadicOps(OpList& list);    // variadic.cc: Max, Min, Sum, Mean
void RegisterPReluOps(OpList& list);       // prelu.cc: PRelu
void RegisterWhereOps(OpList& list);       // where.cc: Where

}  // namespace onnxi
