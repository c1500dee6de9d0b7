// Registration list of the ops in ops/nn/.
#include "ops/registry.h"

namespace onnxi {

void RegisterNnOps(OpList& list) { (void)list; }

}  // namespace onnxi
