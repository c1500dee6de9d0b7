// Registration list of the ops in ops/indexing/.
#include "ops/indexing/indexing_common.h"
#include "ops/registry.h"

namespace onnxi {

void RegisterIndexingOps(OpList& list) {
  list.Add("Compress", {9, 11}, NewCompressOp);
  list.Add("CumProd", {26}, NewCumProdOp);
  list.Add("NonZero", {9, 13}, NewNonZeroOp);
  list.Add("ReverseSequence", {10}, NewReverseSequenceOp);
  list.Add("Scatter", {9, 11}, NewScatterElementsOp);
  list.Add("ScatterElements", {11, 13, 16, 18}, NewScatterElementsOp);
  list.Add("ScatterND", {11, 13, 16, 18}, NewScatterNDOp);
  list.Add("TensorScatter", {24}, NewTensorScatterOp);
  list.Add("TopK", {1, 10, 11, 24}, NewTopKOp);
  list.Add("Unique", {11}, NewUniqueOp);
}

}  // namespace onnxi
