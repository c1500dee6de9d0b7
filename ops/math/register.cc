// Registration list of the ops in ops/math/: broadcasting binary ops, variadic ops,
// comparisons, logic and bitwise ops, PRelu and Where.
#include "ops/math/math_ops.h"
#include "ops/registry.h"

namespace onnxi {

void RegisterMathOps(OpList& list) {
  RegisterArithmeticOps(list);
  RegisterCompareOps(list);
  RegisterLogicalOps(list);
  RegisterPReluOps(list);
  RegisterPowOps(list);
  RegisterVariadicOps(list);
  RegisterWhereOps(list);
}

}  // namespace onnxi
