// fuse-activation: an activation right after a Conv, Gemm or MatMul moves into onnxi's
// fused op (domain ai.onnxi; see ops/common/fused_activation.h):
//   Conv -> act          => FusedConv(X, W, B) activation=act
//   Gemm -> act          => FusedGemm(A, B, C)
//   MatMul -> act        => FusedMatMul(A, B)       (FusedMatMul from matmul-add-to-gemm too)
//   Conv -> Add(Z) [-> act] => FusedConv(X, W, B, Z)  Y = act(conv(X, W) + B + Z)
// act: Relu, LeakyRelu(alpha), Clip(min, max), Sigmoid, HardSigmoid(alpha, beta), Tanh,
// Silu = Mul(y, Sigmoid(y)), and Gelu spelled out with Erf (runtime/rewrite/gelu_pattern.h).
//
// Preconditions: the weight (W of Conv, B of Gemm/MatMul) is a constant float32 tensor (so
// the output is float32; MatMul's B must be 2-D); the producer's output is read only by the
// activation pattern and is not a graph output; Clip's bounds are constant float32 scalars
// (opset >= 11) or attributes (opset < 11); a residual Z has a shape proven equal to the
// Conv output's (runtime/rewrite/static_shapes.h) so the Add does not broadcast.
#include <limits>

#include "runtime/rewrite/gelu_pattern.h"
#include "runtime/rewrite/passes.h"

namespace onnxi {
namespace {

// The fused op a producer node becomes, or "" when it cannot take an activation.
std::string FusedName(RewriteState& st, const Node& n) {
  const bool onnxi = n.domain == kRewriteDomain;
  if (!n.domain.empty() && !onnxi) return "";
  if (n.outputs.size() != 1 || n.inputs.size() < 2 || FindAttribute(n, "activation")) return "";
  const Tensor* w = st.Constant(n.inputs[1]);
  if (!w || w->dtype() != DataType::kFloat) return "";
  if ((n.op_type == "Conv" && !onnxi) || (n.op_type == "FusedConv" && onnxi)) return "FusedConv";
  if ((n.op_type == "Gemm" && !onnxi && st.Opset("") >= 7 && !FindAttribute(n, "broadcast")) ||
      (n.op_type == "FusedGemm" && onnxi)) {
    return "FusedGemm";
  }
  if (((n.op_type == "MatMul" && !onnxi) || (n.op_type == "FusedMatMul" && onnxi)) &&
      w->rank() == 2) {
    return "FusedMatMul";
  }
  return "";
}

struct Act {
  std::string name;
  std::vector<Attribute> attrs;
  std::vector<int> nodes;  // the pattern's nodes
  int output = -1;
  int last = -1;
};

// The activation pattern reading y (the producer's only output), if any.
bool MatchActivation(RewriteState& st, int y, Act* act) {
  const Graph& g = st.graph();
  if (st.IsGraphOutput(y) || st.ReadBySubgraph(y)) return false;
  const std::vector<int>& readers = st.Consumers(y);
  if (readers.size() == 1) {
    const int c = readers[0];
    const Node& n = g.nodes[c];
    if (!n.domain.empty() || n.outputs.size() != 1 || n.inputs.empty() || n.inputs[0] != y) {
      return false;
    }
    act->nodes = {c};
    act->output = n.outputs[0];
    act->last = c;
    act->name = n.op_type;
    if (n.op_type == "Relu" || n.op_type == "Sigmoid" || n.op_type == "Tanh") return true;
    if (n.op_type == "LeakyRelu") {
      act->attrs = {MakeAttr("activation_alpha", AttrFloat(n, "alpha", 0.01f))};
      return true;
    }
    if (n.op_type == "HardSigmoid") {
      act->attrs = {MakeAttr("activation_alpha", AttrFloat(n, "alpha", 0.2f)),
                    MakeAttr("activation_beta", AttrFloat(n, "beta", 0.5f))};
      return true;
    }
    if (n.op_type == "Clip") {
      float lo = -std::numeric_limits<float>::infinity(), hi = -lo;
      if (st.Opset("") < 11) {
        lo = AttrFloat(n, "min", std::numeric_limits<float>::lowest());
        hi = AttrFloat(n, "max", std::numeric_limits<float>::max());
      } else {
        if (n.inputs.size() > 3) return false;
        if (n.inputs.size() >= 2 && n.inputs[1] >= 0 &&
            !st.ConstantFloat(n.inputs[1], false, &lo)) {
          return false;
        }
        if (n.inputs.size() >= 3 && n.inputs[2] >= 0 &&
            !st.ConstantFloat(n.inputs[2], false, &hi)) {
          return false;
        }
      }
      act->attrs = {MakeAttr("activation_alpha", lo), MakeAttr("activation_beta", hi)};
      return true;
    }
    return false;
  }
  if (readers.size() != 2) return false;
  // Silu: Mul(y, Sigmoid(y)).
  for (int k = 0; k < 2; ++k) {
    const Node& s = g.nodes[readers[k]];
    if (!Is(s, "Sigmoid") || s.outputs.size() != 1 || s.inputs.size() != 1) continue;
    const int mul = readers[1 - k];
    const Node& m = g.nodes[mul];
    if (st.OnlyConsumer(s.outputs[0]) != mul || !Is(m, "Mul") || m.inputs.size() != 2) continue;
    if (!((m.inputs[0] == y && m.inputs[1] == s.outputs[0]) ||
          (m.inputs[1] == y && m.inputs[0] == s.outputs[0]))) {
      continue;
    }
    act->name = "Silu";
    act->nodes = {readers[k], mul};
    act->output = m.outputs[0];
    act->last = std::max(readers[k], mul);
    return true;
  }
  GeluMatch gelu;
  if (MatchGelu(st, y, /*x_rank_known=*/true, &gelu) && st.ConsumedExactlyBy(y, gelu.x_consumers)) {
    act->name = "Gelu";
    act->nodes = gelu.nodes;
    act->output = gelu.output;
    act->last = gelu.last;
    return true;
  }
  return false;
}

// Conv -> Add(Z) into FusedConv with Z.
bool TryResidual(RewriteState& st, int i) {
  const Graph& g = st.graph();
  const Node& conv = g.nodes[i];
  if (FusedName(st, conv) != "FusedConv" || conv.inputs.size() > 3) return false;
  const int y = conv.outputs[0];
  const int a = st.OnlyConsumer(y);
  if (a < 0) return false;
  const Node& add = g.nodes[a];
  if (!Is(add, "Add") || add.inputs.size() != 2 || add.inputs[0] == add.inputs[1]) return false;
  const int z = add.inputs[0] == y ? add.inputs[1] : add.inputs[0];
  if (!(st.Shape(y) == st.Shape(z))) return false;
  Node fused = conv;
  fused.op_type = "FusedConv";
  fused.domain = kRewriteDomain;
  fused.inputs.resize(4, -1);
  fused.inputs[3] = z;
  fused.outputs = {add.outputs[0]};
  st.Replace({i, a}, std::move(fused), a);
  return true;
}

bool TryActivation(RewriteState& st, int i) {
  const Node& n = st.graph().nodes[i];
  const std::string fused_name = FusedName(st, n);
  if (fused_name.empty()) return false;
  Act act;
  if (!MatchActivation(st, n.outputs[0], &act)) return false;
  Node fused = n;
  fused.op_type = fused_name;
  fused.domain = kRewriteDomain;
  fused.outputs = {act.output};
  fused.attributes.push_back(MakeAttr("activation", act.name));
  for (Attribute& a : act.attrs) fused.attributes.push_back(std::move(a));
  std::vector<int> remove = act.nodes;
  remove.push_back(i);
  st.Replace(remove, std::move(fused), act.last);
  return true;
}

}  // namespace

Result<int> FuseActivation(RewriteState& st) {
  // Residual Adds first, so that the activation after them fuses into the same node.
  return RewriteEveryMatch(st, TryResidual) + RewriteEveryMatch(st, TryActivation);
}

}  // namespace onnxi
