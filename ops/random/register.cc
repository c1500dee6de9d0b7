// Registration list of the ops in ops/random/: every since_version the ONNX spec defines
// (22 added bfloat16).
#include "ops/random/random_ops.h"
#include "ops/registry.h"

namespace onnxi {

void RegisterRandomOps(OpList& list) {
  list.Add("Bernoulli", {15, 22}, MakeRandomOp);
  list.Add("Multinomial", {7, 22}, MakeRandomOp);
  list.Add("RandomNormal", {1, 22}, MakeRandomOp);
  list.Add("RandomNormalLike", {1, 22}, MakeRandomOp);
  list.Add("RandomUniform", {1, 22}, MakeRandomOp);
  list.Add("RandomUniformLike", {1, 22}, MakeRandomOp);
}

}  // namespace onnxi
