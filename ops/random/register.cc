// Registration list of the ops in ops/random/.
#include "ops/registry.h"

namespace onnxi {

void RegisterRandomOps(OpList& list) { (void)list; }

}  // namespace onnxi
