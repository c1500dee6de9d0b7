// remove-identity: Identity, and Dropout where it is the identity (inference), are removed
// and their readers read the input instead.
//
// Dropout is the identity when: opset < 7 and is_test != 0; opset 7-11 (always inference);
// opset >= 12 and training_mode is absent or a constant false, or a constant true with a
// constant ratio of 0 (torch exports of models in train mode with p = 0). Its mask output must be
// absent or unread. When the removed node's output is a graph output, the input's producer
// is made to write the output under the graph output's name instead; when that is not
// possible (the input is a graph input, an initializer or another graph output), the node
// stays. Values read by a subgraph by name are never renamed.
#include "runtime/rewrite/passes.h"

namespace onnxi {
namespace {

// Training mode with a constant ratio of 0 drops nothing and scales by 1 / (1 - 0): the
// identity too (ONNX's reference returns X and an all-true mask for ratio 0).
bool ZeroRatio(RewriteState& st, const Node& n) {
  const Tensor* r = n.inputs.size() >= 2 ? st.Constant(n.inputs[1]) : nullptr;
  if (!r || r->num_elements() != 1) return false;
  if (r->dtype() == DataType::kFloat) return r->data<float>()[0] == 0.0f;
  if (r->dtype() == DataType::kDouble) return r->data<double>()[0] == 0.0;
  return false;
}

bool IsInferenceDropout(RewriteState& st, const Node& n) {
  if (!Is(n, "Dropout") || n.inputs.empty() || n.outputs.empty()) return false;
  const int opset = st.Opset("");
  if (opset < 7 && AttrInt(n, "is_test", 0) == 0) return false;
  if (opset >= 12 && n.inputs.size() >= 3 && n.inputs[2] >= 0) {
    const Tensor* t = st.Constant(n.inputs[2]);
    if (!t || t->dtype() != DataType::kBool || t->num_elements() != 1) return false;
    if (t->data<bool>()[0] && !ZeroRatio(st, n)) return false;
  }
  if (n.outputs.size() >= 2 && n.outputs[1] >= 0) {
    const int mask = n.outputs[1];
    if (!st.Consumers(mask).empty() || st.IsGraphOutput(mask) || st.ReadBySubgraph(mask)) {
      return false;
    }
  }
  return true;
}

// Tries to remove node i; true when it did.
bool TryRemove(RewriteState& st, int i) {
  Graph& g = st.graph();
  const Node& n = g.nodes[i];
  const bool identity = Is(n, "Identity") && n.inputs.size() == 1 && n.outputs.size() == 1;
  if (!identity && !IsInferenceDropout(st, n)) return false;
  const int x = n.inputs[0], y = n.outputs[0];
  if (x < 0 || y < 0 || st.ReadBySubgraph(y)) return false;
  if (!st.IsGraphOutput(y)) {
    for (int c : st.Consumers(y)) {
      for (int& v : g.nodes[c].inputs) {
        if (v == y) v = x;
      }
    }
    st.Remove(i);
    return true;
  }
  // y is a graph output: x's producer writes y directly, and x's readers read y.
  const int p = st.Producer(x);
  if (p < 0 || st.IsGraphOutput(x) || st.IsGraphInput(x) || g.IsInitializer(x) ||
      st.ReadBySubgraph(x)) {
    return false;
  }
  for (int& v : g.nodes[p].outputs) {
    if (v == x) v = y;
  }
  for (int c : st.Consumers(x)) {
    for (int& v : g.nodes[c].inputs) {
      if (v == x) v = y;
    }
  }
  st.Remove(i);
  return true;
}

}  // namespace

Result<int> RemoveIdentity(RewriteState& st) {
  int count = 0;
  for (int i = 0; i < static_cast<int>(st.graph().nodes.size());) {
    if (TryRemove(st, i)) {
      ++count;  // node i is gone; the next node now sits at i
    } else {
      ++i;
    }
  }
  return count;
}

}  // namespace onnxi
