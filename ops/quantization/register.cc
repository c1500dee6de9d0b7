// Registration list of the ops in ops/quantization/.
#include "ops/registry.h"

namespace onnxi {

void RegisterQuantizationOps(OpList& list) { (void)list; }

}  // namespace onnxi
