// fuse-layernorm: the LayerNorm that opset < 17 exporters spell out,
//   m = ReduceMean(x, axes=[-1]);  d = Sub(x, m)
//   v = ReduceMean(Pow(d, 2), axes=[-1]);  n = Div(d, Sqrt(Add(v, eps)))
//   y = Add(Mul(n, scale), bias)
// becomes ai.onnxi LayerNormalization(x, scale, bias) with axis -1 and epsilon = eps
// (ONNX LayerNormalization-17 semantics).
//
// Preconditions: keepdims 1 on both ReduceMeans, axes exactly [-1] (attribute before opset
// 18, constant input from 18); Pow's exponent, eps, scale and bias constant float32; scale
// and bias 1-D of the same length L (equal to x's last dim when that is known); every
// intermediate read only inside the pattern (d by the Pow and the Div). Not proven at load
// when x's last dim is unknown: that it is L rather than 1 (LayerNorm over a size-1 axis
// broadcast up to L, a degenerate graph that yields bias alone).
#include "runtime/rewrite/passes.h"

namespace onnxi {
namespace {

bool IsMeanOverLastAxis(RewriteState& st, const Node& n) {
  if (!Is(n, "ReduceMean") || n.outputs.size() != 1 || n.inputs.empty()) return false;
  if (AttrInt(n, "keepdims", 1) != 1) return false;
  if (st.Opset("") < 18) {
    const Attribute* axes = FindAttribute(n, "axes");
    return n.inputs.size() == 1 && axes && axes->type == Attribute::Type::kInts &&
           axes->ints == std::vector<int64_t>{-1};
  }
  if (n.inputs.size() != 2) return false;
  const Tensor* axes = st.Constant(n.inputs[1]);
  return axes && axes->dtype() == DataType::kInt64 && axes->num_elements() == 1 &&
         axes->rank() == 1 && axes->data<int64_t>()[0] == -1;
}

// n = op(v, constant) or op(constant, v) (commutative ops only when either_order).
bool WithConstant(const Node& n, const char* op, int v, bool either_order, int* constant) {
  if (!Is(n, op) || n.inputs.size() != 2 || n.outputs.size() != 1) return false;
  if (n.inputs[0] == v) {
    *constant = n.inputs[1];
    return true;
  }
  if (either_order && n.inputs[1] == v) {
    *constant = n.inputs[0];
    return true;
  }
  return false;
}

bool TryFuse(RewriteState& st, int r1) {
  const Graph& g = st.graph();
  if (!IsMeanOverLastAxis(st, g.nodes[r1])) return false;
  const int x = g.nodes[r1].inputs[0];
  const int sub = st.OnlyConsumer(g.nodes[r1].outputs[0]);
  if (sub < 0) return false;
  const Node& sn = g.nodes[sub];
  if (!Is(sn, "Sub") || sn.inputs.size() != 2 || sn.inputs[0] != x ||
      sn.inputs[1] != g.nodes[r1].outputs[0]) {
    return false;
  }
  const int d = sn.outputs[0];
  const std::vector<int>& readers = st.Consumers(d);
  if (readers.size() != 2) return false;
  int pow = readers[0], div = readers[1];
  if (!Is(g.nodes[pow], "Pow")) std::swap(pow, div);
  int c = -1;
  float value = 0;
  if (!WithConstant(g.nodes[pow], "Pow", d, false, &c) || !st.ConstantFloat(c, true, &value) ||
      value != 2.0f) {
    return false;
  }
  const Node& dn = g.nodes[div];
  if (!Is(dn, "Div") || dn.inputs.size() != 2 || dn.inputs[0] != d) return false;
  if (!st.ConsumedExactlyBy(d, {pow, div})) return false;
  const int r2 = st.OnlyConsumer(g.nodes[pow].outputs[0]);
  if (r2 < 0 || !IsMeanOverLastAxis(st, g.nodes[r2])) return false;
  const int add_eps = st.OnlyConsumer(g.nodes[r2].outputs[0]);
  float eps = 0;
  if (add_eps < 0 || !WithConstant(g.nodes[add_eps], "Add", g.nodes[r2].outputs[0], true, &c) ||
      !st.ConstantFloat(c, true, &eps)) {
    return false;
  }
  const int sqrt = st.OnlyConsumer(g.nodes[add_eps].outputs[0]);
  if (sqrt < 0 || !Is(g.nodes[sqrt], "Sqrt") || st.OnlyConsumer(g.nodes[sqrt].outputs[0]) != div ||
      dn.inputs[1] != g.nodes[sqrt].outputs[0]) {
    return false;
  }
  const int mul = st.OnlyConsumer(dn.outputs[0]);
  int scale_v = -1, bias_v = -1;
  if (mul < 0 || !WithConstant(g.nodes[mul], "Mul", dn.outputs[0], true, &scale_v)) return false;
  const int add = st.OnlyConsumer(g.nodes[mul].outputs[0]);
  if (add < 0 || !WithConstant(g.nodes[add], "Add", g.nodes[mul].outputs[0], true, &bias_v)) {
    return false;
  }
  const Tensor* scale = st.Constant(scale_v);
  const Tensor* bias = st.Constant(bias_v);
  if (!scale || !bias || scale->dtype() != DataType::kFloat || bias->dtype() != DataType::kFloat ||
      scale->rank() != 1 || scale->shape() != bias->shape()) {
    return false;
  }
  const StaticShape& xs = st.Shape(x);
  if (xs.known && (xs.dims.empty() || xs.dims.back() != scale->dim(0))) return false;

  Node ln;
  ln.name = g.nodes[add].name;
  ln.op_type = "LayerNormalization";
  ln.domain = kRewriteDomain;
  ln.inputs = {x, scale_v, bias_v};
  ln.outputs = {g.nodes[add].outputs[0]};
  ln.attributes = {MakeAttr("axis", int64_t{-1}), MakeAttr("epsilon", eps)};
  st.Replace({r1, sub, pow, r2, add_eps, sqrt, div, mul, add}, std::move(ln), add);
  return true;
}

}  // namespace

Result<int> FuseLayerNorm(RewriteState& st) { return RewriteEveryMatch(st, TryFuse); }

}  // namespace onnxi
