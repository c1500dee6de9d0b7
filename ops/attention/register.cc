// Registration list of the ops in ops/attention/.
#include "ops/registry.h"

namespace onnxi {

void RegisterAttentionOps(OpList& list) { (void)list; }

}  // namespace onnxi
