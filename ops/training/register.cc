// Registration list of the ops in ops/training/ (domain ai.onnx.preview.training). Gradient is
// not registered: it needs automatic differentiation of the graph.
#include "ops/registry.h"
#include "ops/training/training_ops.h"

namespace onnxi {

void RegisterTrainingOps(OpList& list) {
  list.AddInDomain("ai.onnx.preview.training", "Adagrad", {1}, MakeOptimizerOp);
  list.AddInDomain("ai.onnx.preview.training", "Adam", {1}, MakeOptimizerOp);
  list.AddInDomain("ai.onnx.preview.training", "Momentum", {1}, MakeOptimizerOp);
}

}  // namespace onnxi
