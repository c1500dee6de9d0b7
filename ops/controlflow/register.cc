// Registration list of the ops in ops/controlflow/.
#include "ops/registry.h"

namespace onnxi {

void RegisterControlFlowOps(OpList& list) { (void)list; }

}  // namespace onnxi
