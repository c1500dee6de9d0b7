// Registration list of the ops in ops/normalization/.
#include "ops/registry.h"

namespace onnxi {

void RegisterNormalizationOps(OpList& list) { (void)list; }

}  // namespace onnxi
