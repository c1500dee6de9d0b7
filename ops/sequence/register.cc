// Registration list of the ops in ops/sequence/.
#include "ops/registry.h"

namespace onnxi {

void RegisterSequenceOps(OpList& list) { (void)list; }

}  // namespace onnxi
