// Registration list of the ops in ops/tensor/.
#include "ops/registry.h"

namespace onnxi {

void RegisterTensorOps(OpList& list) { (void)list; }

}  // namespace onnxi
