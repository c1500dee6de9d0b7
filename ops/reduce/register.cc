// Registration list of the ops in ops/reduce/.
#include "ops/registry.h"

namespace onnxi {

void RegisterReduceOps(OpList& list) { (void)list; }

}  // namespace onnxi
