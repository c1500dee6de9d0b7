// Registration list of the ops in ops/quantization/ (every since_version of the ONNX spec up
// to 25).
#include "ops/quantization/quant_ops.h"
#include "ops/registry.h"

namespace onnxi {

void RegisterQuantizationOps(OpList& list) {
  list.Add("ConvInteger", {10}, MakeConvIntegerOp);
  list.Add("DequantizeLinear", {10, 13, 19, 21, 23, 24, 25}, MakeDequantizeLinearOp);
  list.Add("DynamicQuantizeLinear", {11}, MakeDynamicQuantizeLinearOp);
  list.Add("MatMulInteger", {10}, MakeMatMulIntegerOp);
  list.Add("QLinearConv", {10}, MakeQLinearConvOp);
  list.Add("QLinearMatMul", {10, 21}, MakeQLinearMatMulOp);
  list.Add("QuantizeLinear", {10, 13, 19, 21, 23, 24, 25}, MakeQuantizeLinearOp);
}

}  // namespace onnxi
