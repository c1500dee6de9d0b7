// Model-local functions (ModelProto.functions) are inlined at load: every node that calls
// one, in the main graph or any subgraph, is replaced by the function's body with the
// formal inputs/outputs renamed to the call's actual values, the body's own values given a
// unique prefix, and attribute references (ref_attr_name) bound to the call's attributes or
// the function's defaults. Calls inside function bodies are inlined too (to a fixed depth,
// which also stops recursion).
#pragma once

#include "onnxi/status.h"

namespace onnx {
class ModelProto;
}

namespace onnxi {

Status InlineFunctions(onnx::ModelProto* model);

}  // namespace onnxi
