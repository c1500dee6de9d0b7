// Registration list of the ops in ops/rnn/.
#include "ops/registry.h"

namespace onnxi {

void RegisterRnnOps(OpList& list) { (void)list; }

}  // namespace onnxi
