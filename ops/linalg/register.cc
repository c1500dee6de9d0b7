// Registration list of the ops in ops/linalg/.
#include "ops/registry.h"

namespace onnxi {

void RegisterLinalgOps(OpList& list) { (void)list; }

}  // namespace onnxi
