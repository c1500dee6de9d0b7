// Registration list of the ops in ops/signal/.
#include "ops/registry.h"
#include "ops/signal/signal_ops.h"

namespace onnxi {

void RegisterSignalOps(OpList& list) {
  list.Add("BlackmanWindow", {17}, MakeBlackmanWindowOp);
  list.Add("DFT", {17, 20}, MakeDftOp);
  list.Add("HammingWindow", {17}, MakeHammingWindowOp);
  list.Add("HannWindow", {17}, MakeHannWindowOp);
  list.Add("MelWeightMatrix", {17}, MakeMelWeightMatrixOp);
  list.Add("STFT", {17}, MakeStftOp);
}

}  // namespace onnxi
