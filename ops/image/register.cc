// Registration list of the ops in ops/image/ (every since_version of the ONNX spec).
#include "ops/image/image_ops.h"
#include "ops/registry.h"

namespace onnxi {

void RegisterImageOps(OpList& list) {
  list.Add("AffineGrid", {20}, MakeAffineGridOp);
  list.Add("Col2Im", {18}, MakeCol2ImOp);
  list.Add("DeformConv", {19, 22}, MakeDeformConvOp);
  list.Add("GridSample", {16, 20, 22}, MakeGridSampleOp);
  list.Add("MaxUnpool", {9, 11, 22}, MakeMaxUnpoolOp);
  list.Add("NonMaxSuppression", {10, 11}, MakeNonMaxSuppressionOp);
  list.Add("Resize", {10, 11, 13, 18, 19}, MakeResizeOp);
  list.Add("RoiAlign", {10, 16}, MakeRoiAlignOp);
  list.Add("Upsample", {7, 9}, MakeUpsampleOp);
}

}  // namespace onnxi
