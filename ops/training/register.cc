// Registration list of the ops in ops/training/ (domain ai.onnx.preview.training), and of
// onnxi's private gradient helpers (domain ai.onnxi). Gradient itself is not registered:
// runtime/autodiff.cc expands it into ordinary nodes at load.
#include "ops/registry.h"
#include "ops/training/gradient_ops.h"
#include "ops/training/training_ops.h"

namespace onnxi {

void RegisterTrainingOps(OpList& list) {
  list.AddInDomain("ai.onnx.preview.training", "Adagrad", {1}, MakeOptimizerOp);
  list.AddInDomain("ai.onnx.preview.training", "Adam", {1}, MakeOptimizerOp);
  list.AddInDomain("ai.onnx.preview.training", "Momentum", {1}, MakeOptimizerOp);
  list.AddInDomain(kOnnxiDomain, "FillLike", {1}, MakeFillLikeOp);
  list.AddInDomain(kOnnxiDomain, "SumToShapeOf", {1}, MakeSumToShapeOfOp);
}

}  // namespace onnxi
