// Registration list of the ops in ops/loss/.
#include "ops/loss/loss_ops.h"
#include "ops/registry.h"

namespace onnxi {

void RegisterLossOps(OpList& list) {
  list.Add("NegativeLogLikelihoodLoss", {12, 13, 22}, NewNllLossOp);
  list.Add("SoftmaxCrossEntropyLoss", {12, 13}, NewSoftmaxCrossEntropyLossOp);
}

}  // namespace onnxi
