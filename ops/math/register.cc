// Registration list of the ops in ops/math/.
#include "ops/registry.h"

namespace onnxi {

void RegisterMathOps(OpList& list) { (void)list; }

}  // namespace onnxi
