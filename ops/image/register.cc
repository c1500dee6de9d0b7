// Registration list of the ops in ops/image/.
#include "ops/registry.h"

namespace onnxi {

void RegisterImageOps(OpList& list) { (void)list; }

}  // namespace onnxi
