// Registration list of the ops in ops/indexing/.
#include "ops/registry.h"

namespace onnxi {

void RegisterIndexingOps(OpList& list) { (void)list; }

}  // namespace onnxi
