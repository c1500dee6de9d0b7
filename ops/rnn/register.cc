// Registration list of the ops in ops/rnn/ (every since_version of the ONNX spec up to 25).
#include "ops/registry.h"
#include "ops/rnn/rnn_ops.h"

namespace onnxi {

void RegisterRnnOps(OpList& list) {
  list.Add("GRU", {1, 3, 7, 14, 22}, MakeGruOp);
  list.Add("LSTM", {1, 7, 14, 22}, MakeLstmOp);
  list.Add("RNN", {1, 7, 14, 22}, MakeRnnOp);
}

}  // namespace onnxi
