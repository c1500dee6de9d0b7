// LinearAttention (opset 27): recurrent linear attention for prefill (T > 1)
// and decode (T = 1), float, double, float16 and bfloat16.
//
// Inputs:  query (B, T, Hq*dk), key (B, T, Hkv*dk), value (B, T, Hkv*dv),
//          past_state (B, Hkv, dk, dv) optional (zeros), decay (B, T, Hkv*dk)
//          or (B, T, Hkv) (required by 'gated' and 'gated_delta'), beta (B, T,
//          Hkv) or (B, T, 1) (required by 'delta' and 'gated_delta').
// Outputs: output (B, T, Hq*dv), present_state (B, Hkv, dk, dv) (optional).
// Attributes: q_num_heads, kv_num_heads (required; Hq % Hkv == 0), update_rule
// ('linear' | 'gated' | 'delta' | 'gated_delta', default 'gated_delta'), scale
// (0 or absent = 1/sqrt(dk)). The recurrences are in
// kernels/attention/linear_attention.h. past_state must have the query's
// element type (a different state type is not supported). Inputs a rule does
// not use (decay for 'delta', ...) are ignored.
#include <cmath>
#include <vector>

#include "kernels/attention/linear_attention.h"
#include "ops/attention/attention_ops.h"
#include "ops/common/dispatch.h"

namespace onnxi {
namespace {

class LinearAttentionOp : public Op {
public:
  Status Init(const NodeView &node) override {
    node.Require("q_num_heads");
    node.Require("kv_num_heads");
    q_heads_ = node.GetInt("q_num_heads", 0);
    kv_heads_ = node.GetInt("kv_num_heads", 0);
    scale_ = node.GetFloat("scale", 0.0f);
    const std::string rule = node.GetString("update_rule", "gated_delta");
    if (rule == "linear") {
    } else if (rule == "gated") {
      params_.use_decay = true;
    } else if (rule == "delta") {
      params_.use_delta = true;
    } else if (rule == "gated_delta") {
      params_.use_decay = params_.use_delta = true;
    } else {
      node.Fail(Status::InvalidModel(
          StrCat("update_rule '", rule,
                 "' is not one of 'linear', 'gated', 'delta', 'gated_delta'")));
    }
    if (node.status().ok() &&
        (q_heads_ <= 0 || kv_heads_ <= 0 || q_heads_ % kv_heads_ != 0)) {
      node.Fail(Status::InvalidModel(
          StrCat("q_num_heads ", q_heads_,
                 " must be a positive multiple of kv_num_heads ", kv_heads_)));
    }
    return node.status();
  }

  Status Prepare(PrepareContext &ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(3));
    const DataType dt = ctx.input_dtype(0);
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, dt, kFloatTypes));
    for (int i = 1; i < 6; ++i) {
      if (ctx.has_input(i))
        ONNXI_RETURN_IF_ERROR(CheckInputType(i, ctx.input_dtype(i), {dt}));
    }
    const Shape &qs = ctx.input_shape(0);
    const Shape &ks = ctx.input_shape(1);
    const Shape &vs = ctx.input_shape(2);
    if (qs.size() != 3 || ks.size() != 3 || vs.size() != 3) {
      return Status::InvalidArgument(StrCat(
          "query ", ShapeToString(qs), ", key ", ShapeToString(ks),
          " and value ", ShapeToString(vs), " must all be 3-D (B, T, H*D)"));
    }
    auto &p = params_;
    p.batch = qs[0];
    p.seq = qs[1];
    p.q_heads = q_heads_;
    p.kv_heads = kv_heads_;
    if (qs[2] % q_heads_ != 0 || vs[2] % kv_heads_ != 0) {
      return Status::InvalidArgument(
          StrCat("query width ", qs[2], " / value width ", vs[2],
                 " are not multiples of q_num_heads ", q_heads_,
                 " / kv_num_heads ", kv_heads_));
    }
    p.dk = qs[2] / q_heads_;
    p.dv = vs[2] / kv_heads_;
    const Shape want_k{p.batch, p.seq, kv_heads_ * p.dk};
    if (ks != want_k || vs[0] != p.batch || vs[1] != p.seq) {
      return Status::InvalidArgument(
          StrCat("key ", ShapeToString(ks), " / value ", ShapeToString(vs),
                 " do not match query ", ShapeToString(qs), "; key must be ",
                 ShapeToString(want_k)));
    }
    const Shape state{p.batch, kv_heads_, p.dk, p.dv};
    if (ctx.has_input(3) && ctx.input_shape(3) != state) {
      return Status::InvalidArgument(
          StrCat("past_state has shape ", ShapeToString(ctx.input_shape(3)),
                 "; expected ", ShapeToString(state)));
    }
    if (p.use_decay) {
      if (!ctx.has_input(4))
        return Status::InvalidModel("this update_rule needs the decay input");
      const Shape &ds = ctx.input_shape(4);
      if (ds.size() != 3 || ds[0] != p.batch || ds[1] != p.seq ||
          (ds[2] != kv_heads_ * p.dk && ds[2] != kv_heads_)) {
        return Status::InvalidArgument(StrCat(
            "decay has shape ", ShapeToString(ds), "; expected (", p.batch,
            ", ", p.seq, ", ", kv_heads_ * p.dk, " or ", kv_heads_, ")"));
      }
      p.decay_width = ds[2] / kv_heads_;
    }
    if (p.use_delta) {
      if (!ctx.has_input(5))
        return Status::InvalidModel("this update_rule needs the beta input");
      const Shape &bs = ctx.input_shape(5);
      if (bs.size() != 3 || bs[0] != p.batch || bs[1] != p.seq ||
          (bs[2] != kv_heads_ && bs[2] != 1)) {
        return Status::InvalidArgument(
            StrCat("beta has shape ", ShapeToString(bs), "; expected (",
                   p.batch, ", ", p.seq, ", ", kv_heads_, " or 1)"));
      }
      p.beta_heads = bs[2];
    }
    p.scale =
        scale_ != 0.0f
            ? static_cast<double>(scale_)
            : (p.dk > 0 ? 1.0 / std::sqrt(static_cast<double>(p.dk)) : 1.0);
    state_.assign(static_cast<size_t>(NumElements(state)), 0.0);
    ctx.SetOutput(0, dt, {p.batch, p.seq, q_heads_ * p.dv});
    if (ctx.num_outputs() > 1)
      ctx.SetOutput(1, dt, state);
    return Status::Ok();
  }

  Status Run(RunContext &ctx) override {
    return VisitFloatType(ctx.input(0).dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      auto opt = [&](int i) -> const T * {
        return ctx.has_input(i) ? ctx.input(i).data<T>() : nullptr;
      };
      T *present = ctx.has_output(1) ? ctx.output(1).data<T>() : nullptr;
      kernels::LinearAttentionRef<T>(
          params_, ctx.input(0).data<T>(), ctx.input(1).data<T>(),
          ctx.input(2).data<T>(), opt(3), opt(4), opt(5),
          ctx.output(0).data<T>(), present, state_.data());
    });
  }

private:
  int64_t q_heads_ = 0, kv_heads_ = 0;
  float scale_ = 0.0f;
  kernels::LinearAttentionParams params_;
  std::vector<double> state_; // the recurrent state, (B, Hkv, dk, dv)
};

} // namespace

std::unique_ptr<Op> MakeLinearAttentionOp() {
  return std::make_unique<LinearAttentionOp>();
}

} // namespace onnxi
