// Registration list of the ops in ops/training/.
#include "ops/registry.h"

namespace onnxi {

void RegisterTrainingOps(OpList& list) { (void)list; }

}  // namespace onnxi
