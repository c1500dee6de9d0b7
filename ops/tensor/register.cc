// Registration list of the ops in ops/tensor/ (tensor and shape manipulation), sorted by
// op type. Each line lists every since_version the ONNX spec defines for the op (through
// opset 25); the op applies each version's rules from node.since_version().
#include "ops/registry.h"
#include "ops/tensor/tensor_common.h"

namespace onnxi {

void RegisterTensorOps(OpList& list) {
  list.Add("CenterCropPad", {18}, NewCenterCropPadOp);
  list.Add("Concat", {1, 4, 11, 13}, NewConcatOp);
  list.Add("Constant", {1, 9, 11, 12, 13, 19, 21, 23, 24, 25}, NewConstantOp);
  list.Add("ConstantOfShape", {9, 20, 21, 23, 24, 25}, NewConstantOfShapeOp);
  list.Add("DepthToSpace", {1, 11, 13}, NewDepthToSpaceOp);
  list.Add("Dropout", {1, 6, 7, 10, 12, 13, 22}, NewDropoutOp);
  list.Add("Expand", {8, 13}, NewExpandOp);
  list.Add("EyeLike", {9, 22}, NewEyeLikeOp);
  list.Add("Flatten", {1, 9, 11, 13, 21, 23, 24, 25}, NewFlattenOp);
  list.Add("Gather", {1, 11, 13}, NewGatherOp);
  list.Add("GatherElements", {11, 13}, NewGatherElementsOp);
  list.Add("GatherND", {11, 12, 13}, NewGatherNDOp);
  list.Add("Identity", {1, 13, 14, 16, 19, 21, 23, 24, 25}, NewIdentityOp);
  list.Add("OneHot", {9, 11}, NewOneHotOp);
  list.Add("Pad", {1, 2, 11, 13, 18, 19, 21, 23, 24, 25}, NewPadOp);
  list.Add("Range", {11, 27}, NewRangeOp);
  list.Add("Reshape", {1, 5, 13, 14, 19, 21, 23, 24, 25}, NewReshapeOp);
  list.Add("Shape", {1, 13, 15, 19, 21, 23, 24, 25}, NewShapeOp);
  list.Add("Size", {1, 13, 19, 21, 23, 24, 25}, NewSizeOp);
  list.Add("Slice", {1, 10, 11, 13}, NewSliceOp);
  list.Add("SpaceToDepth", {1, 13}, NewSpaceToDepthOp);
  list.Add("Split", {1, 2, 11, 13, 18}, NewSplitOp);
  list.Add("Squeeze", {1, 11, 13, 21, 23, 24, 25}, NewSqueezeOp);
  list.Add("Tile", {1, 6, 13}, NewTileOp);
  list.Add("Transpose", {1, 13, 21, 23, 24, 25}, NewTransposeOp);
  list.Add("Trilu", {14}, NewTriluOp);
  list.Add("Unsqueeze", {1, 11, 13, 21, 23, 24, 25}, NewUnsqueezeOp);
}

}  // namespace onnxi
