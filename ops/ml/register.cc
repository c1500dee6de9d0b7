// Registration list of the ops in ops/ml/ (domain ai.onnx.ml).
#include "ops/ml/ml_ops.h"
#include "ops/registry.h"

namespace onnxi {

void RegisterMlOps(OpList& list) {
  list.AddInDomain("ai.onnx.ml", "ArrayFeatureExtractor", {1}, MakeArrayFeatureExtractorOp);
  list.AddInDomain("ai.onnx.ml", "Binarizer", {1}, MakeBinarizerOp);
  list.AddInDomain("ai.onnx.ml", "LabelEncoder", {1, 2, 4}, MakeLabelEncoderOp);
  list.AddInDomain("ai.onnx.ml", "TreeEnsemble", {5}, MakeTreeEnsembleOp);
}

}  // namespace onnxi
