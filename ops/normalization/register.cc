// Registration list of the ops in ops/normalization/: every since_version the ONNX spec
// defines.
#include "ops/normalization/normalization_ops.h"
#include "ops/registry.h"

namespace onnxi {

void RegisterNormalizationOps(OpList& list) {
  list.Add("BatchNormalization", {1, 6, 7, 9, 14, 15}, MakeBatchNormOp);
  list.Add("GroupNormalization", {18, 21}, MakeGroupNormOp);
  list.Add("Hardmax", {1, 11, 13}, MakeSoftmaxOp);
  list.Add("InstanceNormalization", {1, 6, 22}, MakeInstanceNormOp);
  list.Add("LayerNormalization", {17}, MakeLayerNormOp);
  list.Add("LogSoftmax", {1, 11, 13}, MakeSoftmaxOp);
  list.Add("LpNormalization", {1, 22}, MakeLpNormOp);
  list.Add("LRN", {1, 13}, MakeLrnOp);
  list.Add("MeanVarianceNormalization", {9, 13}, MakeMeanVarianceNormOp);
  list.Add("RMSNormalization", {23}, MakeLayerNormOp);
  list.Add("Softmax", {1, 11, 13}, MakeSoftmaxOp);
  // Private ops: LayerNormalization with LayerNormalization-17's semantics (axis, epsilon,
  // stash_type; X, Scale, optional B -> Y, optional Mean, InvStdDev) for opset < 17 models,
  // the target of the graph rewrite of the decomposed ReduceMean/Sub/Pow/.../Add pattern.
  list.AddInDomain(kOnnxiDomain, "LayerNormalization", {1}, MakeLayerNormOp);
}

}  // namespace onnxi
