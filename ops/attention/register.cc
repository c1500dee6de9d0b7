// Registration list of the ops in ops/attention/: every since_version the ONNX spec defines.
#include "ops/attention/attention_ops.h"
#include "ops/registry.h"

namespace onnxi {

void RegisterAttentionOps(OpList& list) {
  list.Add("Attention", {23, 24}, MakeAttentionOp);
  list.Add("CausalConvWithState", {27}, MakeCausalConvWithStateOp);
  list.Add("LinearAttention", {27}, MakeLinearAttentionOp);
  list.Add("RotaryEmbedding", {23}, MakeRotaryEmbeddingOp);
  list.AddInDomain("ai.onnx.preview", "FlexAttention", {1}, MakeFlexAttentionOp);
}

}  // namespace onnxi
