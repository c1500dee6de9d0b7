// matmul-add-to-gemm: MatMul(A, B) -> Add(bias) with a constant float32 B (K, N) and a
// constant float32 bias of shape (N) or (1, N) becomes
//   Gemm(A, B, bias)                  when A is known to be 2-D (M, K)
//   ai.onnxi FusedMatMul(A, B, bias)  otherwise (N-D A, e.g. BERT's (1, 128, 768) x (768, 768))
// B may also be Transpose(W) of a constant 2-D W (perm absent or [1, 0]), as torch exports
// nn.Linear: Gemm then reads W with transB = 1, FusedMatMul a transposed copy of W.
//
// Preconditions: the MatMul output is read by the Add only; for a (1, N) bias with
// FusedMatMul, A must be known to have rank >= 2 (a 1-D A would give a (1, N) result).
#include "runtime/rewrite/passes.h"

namespace onnxi {
namespace {

Tensor Transposed(const Tensor& w) {  // (R, C) -> (C, R)
  const int64_t r = w.dim(0), c = w.dim(1);
  Tensor t = Tensor::Allocate(DataType::kFloat, {c, r});
  const float* src = w.data<float>();
  float* dst = t.data<float>();
  for (int64_t i = 0; i < r; ++i) {
    for (int64_t j = 0; j < c; ++j) dst[j * r + i] = src[i * c + j];
  }
  return t;
}

bool IsFloat2D(const Tensor* t) { return t && t->dtype() == DataType::kFloat && t->rank() == 2; }

bool TryFuse(RewriteState& st, int i) {
  const Graph& g = st.graph();
  const Node& mm = g.nodes[i];
  if (!Is(mm, "MatMul") || mm.inputs.size() != 2 || mm.outputs.size() != 1) return false;
  const int y = mm.outputs[0];
  const int a_index = st.OnlyConsumer(y);
  if (a_index < 0) return false;
  const Node& add = g.nodes[a_index];
  if (!Is(add, "Add") || add.inputs.size() != 2 || st.Opset("") < 7) return false;
  if (add.inputs[0] == add.inputs[1]) return false;
  const int bias_v = add.inputs[0] == y ? add.inputs[1] : add.inputs[0];

  // B: a constant, or Transpose of one.
  int b_v = mm.inputs[1], transpose_node = -1;
  const Tensor* b = st.Constant(b_v);
  bool trans_b = false;
  if (!b) {
    const int p = st.Producer(b_v);
    if (p < 0 || st.OnlyConsumer(b_v) != i) return false;
    const Node& tr = g.nodes[p];
    if (!Is(tr, "Transpose") || tr.inputs.size() != 1) return false;
    const Attribute* perm = FindAttribute(tr, "perm");
    if (perm && perm->ints != std::vector<int64_t>{1, 0}) return false;
    b = st.Constant(tr.inputs[0]);
    b_v = tr.inputs[0];
    trans_b = true;
    transpose_node = p;
  }
  if (!IsFloat2D(b)) return false;
  const int64_t n = trans_b ? b->dim(0) : b->dim(1);

  const Tensor* bias = st.Constant(bias_v);
  if (!bias || bias->dtype() != DataType::kFloat) return false;
  const bool bias_1d = bias->rank() == 1 && bias->dim(0) == n;
  const bool bias_row = bias->rank() == 2 && bias->dim(0) == 1 && bias->dim(1) == n;
  if (!bias_1d && !bias_row) return false;

  const StaticShape& a_shape = st.Shape(mm.inputs[0]);
  const bool a_2d = a_shape.known && a_shape.dims.size() == 2;
  if (!a_2d && bias_row && !(a_shape.known && a_shape.dims.size() >= 2)) return false;

  Node fused;
  fused.name = mm.name;
  fused.outputs = {add.outputs[0]};
  const int a_v = mm.inputs[0];
  std::vector<int> remove = {i, a_index};
  if (transpose_node >= 0) remove.push_back(transpose_node);
  if (a_2d) {
    fused.op_type = "Gemm";
    fused.inputs = {a_v, b_v, bias_v};
    if (trans_b) fused.attributes.push_back(MakeAttr("transB", int64_t{1}));
  } else {
    fused.op_type = "FusedMatMul";
    fused.domain = kRewriteDomain;
    const std::string base = g.values[b_v].name;
    Tensor b_copy = trans_b ? Transposed(*b) : Tensor();
    Tensor bias_1 = bias_row ? bias->Clone().Reshaped({n}) : Tensor();
    const int new_b = trans_b ? st.AddInitializer(base, std::move(b_copy)) : b_v;
    const int new_bias = bias_row ? st.AddInitializer(base + "_bias", std::move(bias_1)) : bias_v;
    fused.inputs = {a_v, new_b, new_bias};
  }
  const int at = a_index;
  st.Replace(remove, std::move(fused), at);
  if (trans_b && !a_2d) st.DropIfUnread(b_v);  // the transposed copy replaced W
  return true;
}

}  // namespace

Result<int> MatMulAddToGemm(RewriteState& st) { return RewriteEveryMatch(st, TryFuse); }

}  // namespace onnxi
