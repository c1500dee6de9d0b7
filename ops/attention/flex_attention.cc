// FlexAttention (ai.onnx.preview, version 1): scaled dot-product attention with
// optional user subgraphs on the scores and on the probabilities; float,
// double, float16, bfloat16.
//
//   Scores = (Q @ K^T) * scale                 (B, Hq, L, S), scale default
//   1/sqrt(E) Scores = score_mod(Scores)                 if the score_mod graph
//   attribute is given Probs  = Softmax(Scores, axis=-1) Probs  =
//   prob_mod(Probs)                   if the prob_mod graph attribute is given
//   Y      = Probs @ V                         (B, Hq, L, Ev)
// Q (B, Hq, L, E), K (B, Hkv, S, E), V (B, Hkv, S, Ev): rank 4; query head h
// reads K/V head h / (Hq / Hkv). Scores and probabilities are float tensors
// (double when Q is double): that is the type the subgraphs see, and each must
// return a tensor of that type and of shape (B, Hq, L, S). The kernels are in
// kernels/attention/flex_attention.h.
#include <cmath>
#include <memory>
#include <vector>

#include "kernels/attention/flex_attention.h"
#include "ops/attention/attention_ops.h"
#include "ops/common/dispatch.h"
#include "ops/subgraph.h"

namespace onnxi {
namespace {

class FlexAttentionOp : public Op {
public:
  Status Init(const NodeView &node) override {
    scale_ = node.GetFloat("scale", 0.0f);
    if (node.has("score_mod")) {
      ONNXI_ASSIGN_OR_RETURN(score_mod_, node.MakeSubgraph("score_mod"));
    }
    if (node.has("prob_mod")) {
      ONNXI_ASSIGN_OR_RETURN(prob_mod_, node.MakeSubgraph("prob_mod"));
    }
    for (const auto *g : {score_mod_.get(), prob_mod_.get()}) {
      if (g != nullptr && (g->num_inputs() != 1 || g->num_outputs() != 1)) {
        node.Fail(Status::InvalidModel(StrCat(
            "score_mod/prob_mod graphs take 1 input and give ",
            "1 output; got ", g->num_inputs(), " and ", g->num_outputs())));
      }
    }
    return node.status();
  }

  Status Prepare(PrepareContext &ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(3));
    const DataType dt = ctx.input_dtype(0);
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, dt, kFloatTypes));
    ONNXI_RETURN_IF_ERROR(CheckInputType(1, ctx.input_dtype(1), {dt}));
    ONNXI_RETURN_IF_ERROR(CheckInputType(2, ctx.input_dtype(2), {dt}));
    const Shape &qs = ctx.input_shape(0);
    const Shape &ks = ctx.input_shape(1);
    const Shape &vs = ctx.input_shape(2);
    if (qs.size() != 4 || ks.size() != 4 || vs.size() != 4) {
      return Status::InvalidArgument(
          StrCat("Q ", ShapeToString(qs), ", K ", ShapeToString(ks), " and V ",
                 ShapeToString(vs), " must all be 4-D"));
    }
    auto &p = params_;
    p.batch = qs[0];
    p.q_heads = qs[1];
    p.q_len = qs[2];
    p.head_size = qs[3];
    p.kv_heads = ks[1];
    p.kv_len = ks[2];
    p.v_head_size = vs[3];
    if (ks[0] != p.batch || vs[0] != p.batch || vs[1] != p.kv_heads ||
        vs[2] != p.kv_len || ks[3] != p.head_size) {
      return Status::InvalidArgument(
          StrCat("K ", ShapeToString(ks), " / V ", ShapeToString(vs),
                 " do not match Q ", ShapeToString(qs)));
    }
    if (p.kv_heads <= 0 || p.q_heads % p.kv_heads != 0) {
      return Status::InvalidArgument(
          StrCat("q_num_heads ", p.q_heads,
                 " is not a multiple of kv_num_heads ", p.kv_heads));
    }
    p.scale =
        scale_ != 0.0f
            ? static_cast<double>(scale_)
            : (p.head_size > 0 ? 1.0 / std::sqrt(double(p.head_size)) : 1.0);
    prec_ = dt == DataType::kDouble ? DataType::kDouble : DataType::kFloat;
    score_shape_ = {p.batch, p.q_heads, p.q_len, p.kv_len};
    scores_ = Tensor::Allocate(prec_, score_shape_);
    probs_ = Tensor::Allocate(prec_, score_shape_);
    ctx.SetOutput(0, dt, {p.batch, p.q_heads, p.q_len, p.v_head_size});
    return Status::Ok();
  }

  Status Run(RunContext &ctx) override {
    if (prec_ == DataType::kDouble)
      return RunWith<double>(ctx);
    return RunWith<float>(ctx);
  }

private:
  // Runs a score_mod/prob_mod graph on `in`; `out` receives its checked result.
  Status RunMod(SubgraphRunner &g, const char *what, const Tensor &in,
                const RunContext &parent, Value &out) {
    ONNXI_ASSIGN_OR_RETURN(std::vector<Value> outs,
                           g.Run({Value(in)}, parent));
    if (outs.empty() || !outs[0].is_tensor() ||
        outs[0].tensor().dtype() != prec_ ||
        outs[0].tensor().shape() != score_shape_) {
      return Status::InvalidModel(
          StrCat(what, " must return a ", DataTypeName(prec_),
                 " tensor of shape ", ShapeToString(score_shape_), "; got ",
                 outs.empty() || !outs[0].is_tensor()
                     ? std::string("no tensor")
                     : StrCat(DataTypeName(outs[0].tensor().dtype()),
                              ShapeToString(outs[0].tensor().shape()))));
    }
    out = std::move(outs[0]);
    return Status::Ok();
  }

  template <class P> Status RunWith(RunContext &ctx) {
    const DataType dt = ctx.input(0).dtype();
    ONNXI_RETURN_IF_ERROR(VisitFloatType(dt, [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::FlexScoresRef<T, P>(params_, ctx.input(0).data<T>(),
                                   ctx.input(1).data<T>(), scores_.data<P>());
    }));
    Value modded;
    const Tensor *scores = &scores_;
    if (score_mod_ != nullptr) {
      ONNXI_RETURN_IF_ERROR(
          RunMod(*score_mod_, "score_mod", scores_, ctx, modded));
      scores = &modded.tensor();
    }
    const int64_t rows = params_.batch * params_.q_heads * params_.q_len;
    kernels::SoftmaxRowsRef<P>(scores->data<P>(), rows, params_.kv_len,
                               probs_.data<P>());
    const Tensor *probs = &probs_;
    if (prob_mod_ != nullptr) {
      ONNXI_RETURN_IF_ERROR(
          RunMod(*prob_mod_, "prob_mod", probs_, ctx, modded));
      probs = &modded.tensor();
    }
    return VisitFloatType(dt, [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::FlexOutputRef<P, T>(params_, probs->data<P>(),
                                   ctx.input(2).data<T>(),
                                   ctx.output(0).data<T>());
    });
  }

  float scale_ = 0.0f;
  std::unique_ptr<SubgraphRunner> score_mod_, prob_mod_;
  kernels::FlexParams params_;
  DataType prec_ = DataType::kFloat;
  Shape score_shape_;
  Tensor scores_, probs_; // (B, Hq, L, S) in prec_, allocated by Prepare
};

} // namespace

std::unique_ptr<Op> MakeFlexAttentionOp() {
  return std::make_unique<FlexAttentionOp>();
}

} // namespace onnxi
