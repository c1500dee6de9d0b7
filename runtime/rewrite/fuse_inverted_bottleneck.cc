// fuse-inverted-bottleneck: MobileNet's block, after fuse-activation has folded its
// activations and residual Add into the convs,
//
//   1x1 Conv/FusedConv (expand) -> depthwise Conv/FusedConv -> 1x1 Conv/FusedConv (project)
//
// becomes one InvertedBottleneck (ai.onnxi; ops/nn/inverted_bottleneck.cc), which computes
// the block in bands of rows so that the expanded map never goes to memory.
//
// Preconditions: every weight is a constant float32 tensor; the depthwise conv has W
// (C, 1, K, K) with K 3 or 5, group C, equal strides 1 or 2, unit dilations, explicit pads
// (no auto_pad), no residual input; the 1x1 convs have group 1, unit strides, no pads; the
// expand has no residual input; each intermediate output is read only by the next conv; the
// depthwise input's shape is static (N, C, H, W).
// A block without an expand (MobileNetV2's first) is left alone: its input would have to be
// transposed to channels-last, which costs what the fusion saves.
#include "runtime/rewrite/passes.h"

namespace onnxi {
namespace {

bool IsConv(const Node& n) {
  return (Is(n, "Conv") || Is(n, "FusedConv", kRewriteDomain)) && n.outputs.size() == 1 &&
         n.inputs.size() >= 2;
}

bool HasResidual(const Node& n) { return n.inputs.size() > 3 && n.inputs[3] >= 0; }

bool AllEqual(const std::vector<int64_t>& v, int64_t value) {
  for (int64_t x : v) {
    if (x != value) return false;
  }
  return true;
}

bool ExplicitPads(const Node& n) { return AttrString(n, "auto_pad", "NOTSET") == "NOTSET"; }

// The constant float32 4-D weight of conv n, else nullptr.
const Tensor* Weight(RewriteState& st, const Node& n) {
  const Tensor* w = st.Constant(n.inputs[1]);
  return w && w->dtype() == DataType::kFloat && w->rank() == 4 ? w : nullptr;
}

// A 1x1 conv with group 1, unit strides and no pads.
bool IsPointwise(RewriteState& st, const Node& n) {
  const Tensor* w = IsConv(n) ? Weight(st, n) : nullptr;
  return w && w->shape()[2] == 1 && w->shape()[3] == 1 && AttrInt(n, "group", 1) == 1 &&
         AllEqual(AttrInts(n, "strides"), 1) && AllEqual(AttrInts(n, "pads"), 0) && ExplicitPads(n);
}

// Copies n's fused activation attributes under `prefix`.
void TakeActivation(const Node& n, const std::string& prefix, Node* fused) {
  for (const char* name : {"activation", "activation_alpha", "activation_beta"}) {
    if (const Attribute* a = FindAttribute(n, name)) {
      Attribute copy = *a;
      copy.name = prefix + name;
      fused->attributes.push_back(std::move(copy));
    }
  }
}

bool TryBlock(RewriteState& st, int i) {
  const Graph& g = st.graph();
  const Node& dw = g.nodes[i];
  if (!IsConv(dw) || HasResidual(dw) || !ExplicitPads(dw)) return false;
  const Tensor* wd = Weight(st, dw);
  if (wd == nullptr) return false;
  const int64_t ce = wd->shape()[0], k = wd->shape()[2];
  if (wd->shape()[1] != 1 || wd->shape()[3] != k || (k != 3 && k != 5)) return false;
  if (AttrInt(dw, "group", 1) != ce || !AllEqual(AttrInts(dw, "dilations"), 1)) return false;
  std::vector<int64_t> strides = AttrInts(dw, "strides"), pads = AttrInts(dw, "pads");
  if (strides.empty()) strides = {1, 1};
  if (pads.empty()) pads = {0, 0, 0, 0};
  if (strides.size() != 2 || strides[0] != strides[1] || (strides[0] != 1 && strides[0] != 2) ||
      pads.size() != 4) {
    return false;
  }
  const std::vector<int64_t> ks = AttrInts(dw, "kernel_shape");
  if (!ks.empty() && ks != std::vector<int64_t>{k, k}) return false;
  const StaticShape& in = st.Shape(dw.inputs[0]);
  if (!in.known || in.dims.size() != 4 || in.dims[1] != ce) return false;
  // The project conv reads the depthwise output and nothing else does.
  const int p = st.OnlyConsumer(dw.outputs[0]);
  if (p < 0 || !IsPointwise(st, g.nodes[p]) || g.nodes[p].inputs[0] != dw.outputs[0] ||
      Weight(st, g.nodes[p])->shape()[1] != ce) {
    return false;
  }
  // The expand conv, whose output nothing else reads.
  const int e = st.Producer(dw.inputs[0]);
  if (e < 0 || !IsPointwise(st, g.nodes[e]) || HasResidual(g.nodes[e]) ||
      st.OnlyConsumer(dw.inputs[0]) != i || Weight(st, g.nodes[e])->shape()[0] != ce) {
    return false;
  }
  const Node& proj = g.nodes[p];
  auto input = [](const Node& n, size_t k) { return k < n.inputs.size() ? n.inputs[k] : -1; };
  Node fused;
  fused.name = dw.name.empty() ? proj.name : dw.name;
  fused.op_type = "InvertedBottleneck";
  fused.domain = kRewriteDomain;
  const Node& ex = g.nodes[e];
  fused.inputs = {ex.inputs[0], ex.inputs[1],   input(ex, 2),   dw.inputs[1],
                  input(dw, 2), proj.inputs[1], input(proj, 2), input(proj, 3)};
  while (fused.inputs.back() < 0) fused.inputs.pop_back();
  fused.outputs = proj.outputs;
  fused.attributes = {MakeAttr("strides", strides), MakeAttr("pads", pads)};
  TakeActivation(ex, "expand_", &fused);
  TakeActivation(dw, "depthwise_", &fused);
  TakeActivation(proj, "project_", &fused);
  st.Replace({e, i, p}, std::move(fused), p);
  return true;
}

}  // namespace

Result<int> FuseInvertedBottleneck(RewriteState& st) { return RewriteEveryMatch(st, TryBlock); }

}  // namespace onnxi
