// Registration list of the ops in ops/linalg/.
#include "ops/linalg/einsum_det.h"
#include "ops/linalg/linalg_types.h"
#include "ops/registry.h"

namespace onnxi {

void RegisterLinalgOps(OpList& list) {
  list.Add("Det", {11, 22}, MakeDetOp);
  list.Add("Einsum", {12}, MakeEinsumOp);
  list.Add("Gemm", {1, 6, 7, 9, 11, 13}, MakeGemmOp);
  list.Add("MatMul", {1, 9, 13}, MakeMatMulOp);
  // onnxi's private fused ops, emitted by runtime/rewrite/: the same op classes, which tell
  // them apart by the node's domain.
  list.AddInDomain(kOnnxiDomain, "FusedGemm", {1}, MakeGemmOp);
  list.AddInDomain(kOnnxiDomain, "FusedMatMul", {1}, MakeMatMulOp);
}

}  // namespace onnxi
