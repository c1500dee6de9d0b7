// Registration list of the ops in ops/reduce/: every since_version the ONNX spec defines.
#include "ops/reduce/reduce_ops.h"
#include "ops/registry.h"

namespace onnxi {

void RegisterReduceOps(OpList& list) {
  list.Add("ArgMax", {1, 11, 12, 13}, MakeArgReduceOp);
  list.Add("ArgMin", {1, 11, 12, 13}, MakeArgReduceOp);
  list.Add("CumSum", {11, 14}, MakeCumSumOp);
  list.Add("ReduceL1", {1, 11, 13, 18}, MakeReduceOp);
  list.Add("ReduceL2", {1, 11, 13, 18}, MakeReduceOp);
  list.Add("ReduceLogSum", {1, 11, 13, 18}, MakeReduceOp);
  list.Add("ReduceLogSumExp", {1, 11, 13, 18}, MakeReduceOp);
  list.Add("ReduceMax", {1, 11, 12, 13, 18, 20}, MakeReduceOp);
  list.Add("ReduceMean", {1, 11, 13, 18}, MakeReduceOp);
  list.Add("ReduceMin", {1, 11, 12, 13, 18, 20}, MakeReduceOp);
  list.Add("ReduceProd", {1, 11, 13, 18}, MakeReduceOp);
  list.Add("ReduceSum", {1, 11, 13}, MakeReduceOp);
  list.Add("ReduceSumSquare", {1, 11, 13, 18}, MakeReduceOp);
}

}  // namespace onnxi
