// Registration list of the ops in ops/text/.
#include "ops/registry.h"

namespace onnxi {

void RegisterTextOps(OpList& list) { (void)list; }

}  // namespace onnxi
