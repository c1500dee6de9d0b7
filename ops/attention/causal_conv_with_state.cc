// CausalConvWithState (opset 27): stateful causal depthwise 1-D convolution,
// float, double, float16 and bfloat16.
//
// Inputs:  input (B, C, L), weight (C, 1, K), bias (C) optional, past_state (B,
// C, K-1)
//          optional (zeros when omitted).
// Outputs: output (B, C, L), present_state (B, C, K-1) (optional): the last K-1
// positions
//          of concat(past_state, input) along the length axis.
// Attribute activation: 'none' (default), 'silu' or its alias 'swish'.
// The formula is in kernels/attention/causal_conv.h. Only the rank-3 (1-D) form
// exists in the spec; higher ranks are reshaped by the model.
#include "kernels/attention/causal_conv.h"
#include "ops/attention/attention_ops.h"
#include "ops/common/dispatch.h"

namespace onnxi {
namespace {

class CausalConvWithStateOp : public Op {
public:
  Status Init(const NodeView &node) override {
    const std::string act = node.GetString("activation", "none");
    if (act == "silu" || act == "swish") {
      params_.silu = true;
    } else if (act != "none") {
      node.Fail(Status::InvalidModel(StrCat(
          "activation '", act, "' is not one of 'silu', 'swish', 'none'")));
    }
    return node.status();
  }

  Status Prepare(PrepareContext &ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(2));
    const DataType dt = ctx.input_dtype(0);
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, dt, kFloatTypes));
    for (int i = 1; i < 4; ++i) {
      if (ctx.has_input(i))
        ONNXI_RETURN_IF_ERROR(CheckInputType(i, ctx.input_dtype(i), {dt}));
    }
    const Shape &xs = ctx.input_shape(0);
    const Shape &ws = ctx.input_shape(1);
    if (xs.size() != 3) {
      return Status::InvalidArgument(
          StrCat("input must be 3-D (batch, channels, length); got ",
                 ShapeToString(xs)));
    }
    auto &p = params_;
    p.batch = xs[0];
    p.channels = xs[1];
    p.length = xs[2];
    if (ws.size() != 3 || ws[0] != p.channels || ws[1] != 1 || ws[2] < 1) {
      return Status::InvalidArgument(StrCat("weight has shape ",
                                            ShapeToString(ws), "; expected (",
                                            p.channels, ", 1, k) with k >= 1"));
    }
    p.kernel = ws[2];
    if (ctx.has_input(2) && ctx.input_shape(2) != Shape{p.channels}) {
      return Status::InvalidArgument(StrCat("bias has shape ",
                                            ShapeToString(ctx.input_shape(2)),
                                            "; expected [", p.channels, "]"));
    }
    const Shape state{p.batch, p.channels, p.kernel - 1};
    if (ctx.has_input(3) && ctx.input_shape(3) != state) {
      return Status::InvalidArgument(
          StrCat("past_state has shape ", ShapeToString(ctx.input_shape(3)),
                 "; expected ", ShapeToString(state)));
    }
    ctx.SetOutput(0, dt, xs);
    if (ctx.num_outputs() > 1)
      ctx.SetOutput(1, dt, state);
    return Status::Ok();
  }

  Status Run(RunContext &ctx) override {
    return VisitFloatType(ctx.input(0).dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T *bias = ctx.has_input(2) ? ctx.input(2).data<T>() : nullptr;
      const T *past = ctx.has_input(3) ? ctx.input(3).data<T>() : nullptr;
      T *present = ctx.has_output(1) ? ctx.output(1).data<T>() : nullptr;
      kernels::CausalConvWithStateRef<T>(params_, ctx.input(0).data<T>(),
                                         ctx.input(1).data<T>(), bias, past,
                                         ctx.output(0).data<T>(), present);
    });
  }

private:
  kernels::CausalConvParams params_;
};

} // namespace

std::unique_ptr<Op> MakeCausalConvWithStateOp() {
  return std::make_unique<CausalConvWithStateOp>();
}

} // namespace onnxi
