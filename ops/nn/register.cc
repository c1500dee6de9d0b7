// Registration list of the ops in ops/nn/ (every since_version of the ONNX spec up to 22),
// and onnxi's private FusedConv and InvertedBottleneck (ai.onnxi, version 1; contracts in
// conv.cc and inverted_bottleneck.cc).
#include "ops/nn/nn_ops.h"
#include "ops/registry.h"

namespace onnxi {

void RegisterNnOps(OpList& list) {
  list.Add("AveragePool", {1, 7, 10, 11, 19, 22}, MakeAveragePoolOp);
  list.Add("Conv", {1, 11, 22}, MakeConvOp);
  list.Add("ConvTranspose", {1, 11, 22}, MakeConvTransposeOp);
  list.Add("GlobalAveragePool", {1, 22}, MakeGlobalAveragePoolOp);
  list.Add("GlobalLpPool", {1, 2, 22}, MakeGlobalLpPoolOp);
  list.Add("GlobalMaxPool", {1, 22}, MakeGlobalMaxPoolOp);
  list.Add("LpPool", {1, 2, 11, 18, 22}, MakeLpPoolOp);
  list.Add("MaxPool", {1, 8, 10, 11, 12, 22}, MakeMaxPoolOp);
  list.AddInDomain(kOnnxiDomain, "FusedConv", {1}, MakeConvOp);  // Init tells by the domain
  list.AddInDomain(kOnnxiDomain, "InvertedBottleneck", {1}, MakeInvertedBottleneckOp);
}

}  // namespace onnxi
