// Registration list of the ops in ops/loss/.
#include "ops/registry.h"

namespace onnxi {

void RegisterLossOps(OpList& list) { (void)list; }

}  // namespace onnxi
