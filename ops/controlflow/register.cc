// Registration list of the ops in ops/controlflow/.
#include "ops/controlflow/controlflow_ops.h"
#include "ops/registry.h"

namespace onnxi {

void RegisterControlFlowOps(OpList& list) {
  list.Add("If", {1, 11, 13, 16, 19, 21, 23, 24, 25}, MakeIf);
  list.Add("Loop", {1, 11, 13, 16, 19, 21, 23, 24, 25}, MakeLoop);
  list.Add("Scan", {8, 9, 11, 16, 19, 21, 23, 24, 25}, MakeScan);
}

}  // namespace onnxi
