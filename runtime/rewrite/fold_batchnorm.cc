// fold-batchnorm: Conv (constant W, optional constant B) -> BatchNormalization (inference,
// constant scale, B, mean, var) becomes one Conv with new weights:
//   s[m]  = scale[m] / sqrt(var[m] + epsilon)          m = output channel, W is (M, C/g, k...)
//   W'[m] = W[m] * s[m]
//   B'[m] = (B[m] - mean[m]) * s[m] + bias[m]          (B = 0 when the Conv has none)
// computed in double and rounded once to float32. The new W'/B' are new initializers; the
// old ones are dropped when nothing else reads them.
//
// Preconditions: opset >= 7 (no is_test / consumed_inputs forms), spatial absent or 1,
// training_mode 0 (opset >= 14), the running-statistics outputs absent or unread, all
// tensors float32, every per-channel tensor rank 1 with M elements, the Conv output read by
// the BatchNormalization only.
#include <cmath>

#include "runtime/rewrite/passes.h"

namespace onnxi {
namespace {

bool PerChannel(const Tensor* t, int64_t m) {
  return t && t->dtype() == DataType::kFloat && t->rank() == 1 && t->dim(0) == m;
}

bool TryFold(RewriteState& st, int i) {
  const Graph& g = st.graph();
  const Node& bn = g.nodes[i];
  if (!Is(bn, "BatchNormalization") || st.Opset("") < 7 || bn.inputs.size() != 5) return false;
  if (AttrInt(bn, "spatial", 1) != 1 || AttrInt(bn, "training_mode", 0) != 0) return false;
  if (bn.outputs.empty() || bn.outputs[0] < 0) return false;
  for (size_t k = 1; k < bn.outputs.size(); ++k) {
    const int v = bn.outputs[k];
    if (v >= 0 && (!st.Consumers(v).empty() || st.IsGraphOutput(v) || st.ReadBySubgraph(v))) {
      return false;
    }
  }
  const int x = bn.inputs[0];
  const int p = st.Producer(x);
  if (p < 0 || st.OnlyConsumer(x) != i) return false;
  const Node& conv = g.nodes[p];
  if (!Is(conv, "Conv") || conv.inputs.size() < 2 || conv.outputs.size() != 1) return false;
  const Tensor* w = st.Constant(conv.inputs[1]);
  if (!w || w->dtype() != DataType::kFloat || w->rank() < 3) return false;
  const int64_t m = w->dim(0);
  const Tensor* b = conv.inputs.size() >= 3 ? st.Constant(conv.inputs[2]) : nullptr;
  if (conv.inputs.size() >= 3 && conv.inputs[2] >= 0 && !PerChannel(b, m)) return false;
  const Tensor* scale = st.Constant(bn.inputs[1]);
  const Tensor* bias = st.Constant(bn.inputs[2]);
  const Tensor* mean = st.Constant(bn.inputs[3]);
  const Tensor* var = st.Constant(bn.inputs[4]);
  for (const Tensor* t : {scale, bias, mean, var}) {
    if (!PerChannel(t, m)) return false;
  }
  const double eps = AttrFloat(bn, "epsilon", 1e-5f);

  Tensor new_w = Tensor::Allocate(DataType::kFloat, w->shape());
  Tensor new_b = Tensor::Allocate(DataType::kFloat, {m});
  const int64_t per_channel = m == 0 ? 0 : w->num_elements() / m;  // C/group * k1 * k2 ...
  for (int64_t c = 0; c < m; ++c) {
    const double s = scale->data<float>()[c] / std::sqrt(double{var->data<float>()[c]} + eps);
    const float* src = w->data<float>() + c * per_channel;
    float* dst = new_w.data<float>() + c * per_channel;
    for (int64_t k = 0; k < per_channel; ++k) dst[k] = static_cast<float>(src[k] * s);
    const double b0 = b ? b->data<float>()[c] : 0.0;
    new_b.data<float>()[c] =
        static_cast<float>((b0 - mean->data<float>()[c]) * s + bias->data<float>()[c]);
  }
  Node fused = conv;  // copies: the edits below invalidate references into g
  fused.outputs = {bn.outputs[0]};
  const std::string w_name = g.values[conv.inputs[1]].name;
  const int y_bn = i;
  fused.inputs.resize(3);
  fused.inputs[1] = st.AddInitializer(w_name, std::move(new_w));
  fused.inputs[2] = st.AddInitializer(w_name + "_bias", std::move(new_b));
  const std::vector<int> old_inputs = conv.inputs;  // conv is gone after Replace
  st.Replace({p, y_bn}, std::move(fused), y_bn);
  for (int v : old_inputs) st.DropIfUnread(v);  // the folded W and B replaced them
  return true;
}

}  // namespace

Result<int> FoldBatchNorm(RewriteState& st) { return RewriteEveryMatch(st, TryFold); }

}  // namespace onnxi
