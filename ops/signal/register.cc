// Registration list of the ops in ops/signal/.
#include "ops/registry.h"

namespace onnxi {

void RegisterSignalOps(OpList& list) { (void)list; }

}  // namespace onnxi
