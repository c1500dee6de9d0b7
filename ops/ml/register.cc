// Registration list of the ops in ops/ml/.
#include "ops/registry.h"

namespace onnxi {

void RegisterMlOps(OpList& list) { (void)list; }

}  // namespace onnxi
