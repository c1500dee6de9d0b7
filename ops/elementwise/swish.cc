// Swish (since opset 24) and SwiGLU (since opset 28): gated sigmoid activations.
//
//   Swish(X) -> Y:     Y = X * sigmoid(alpha * X)             X, Y: same shape, any rank
//   SwiGLU(A, B) -> Y: Y = A * sigmoid(alpha * A) * B         A (gate), B (value), Y: one shape
//
// alpha: float attribute, default 1.0, for both. Element type T: float, double, float16,
// bfloat16 (the only versions so far, Swish-24 and SwiGLU-28, both allow these four).
// SwiGLU takes the gate and value as two inputs that must have identical shapes (the spec
// applies no broadcasting) and the same element type; it does not split a packed last axis
// itself (exporters do that upstream with Split/Slice). Kernels: kernels/elementwise/
// unary_swish.h.
#include <type_traits>

#include "kernels/elementwise/unary_swish.h"
#include "ops/common/dispatch.h"
#include "ops/elementwise/elementwise_ops.h"

namespace onnxi {
namespace {

class SwishOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    alpha_ = node.GetFloat("alpha", 1.0f);
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    if (!ctx.has_input(0)) return Status::InvalidModel("input 0 (X) is missing");
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, ctx.input_dtype(0), kFloatTypes));
    ctx.SetOutput(0, ctx.input_dtype(0), ctx.input_shape(0));
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    return VisitFloatType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::SwishRef<T>(x.data<T>(), y.data<T>(), x.num_elements(), alpha_);
    });
  }

 private:
  float alpha_ = 1.0f;
};

class SwiGluOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    alpha_ = node.GetFloat("alpha", 1.0f);
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    if (!ctx.has_input(0)) return Status::InvalidModel("input 0 (A) is missing");
    if (!ctx.has_input(1)) return Status::InvalidModel("input 1 (B) is missing");
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, ctx.input_dtype(0), kFloatTypes));
    if (ctx.input_dtype(1) != ctx.input_dtype(0)) {
      return Status::InvalidModel(StrCat("input 1 (B) has element type ",
                                         DataTypeName(ctx.input_dtype(1)), "; input 0 (A) has ",
                                         DataTypeName(ctx.input_dtype(0)), " and they must match"));
    }
    if (ctx.input_shape(0) != ctx.input_shape(1)) {
      return Status::InvalidArgument(StrCat(
          "input 0 (A) has shape ", ShapeToString(ctx.input_shape(0)), " and input 1 (B) has ",
          ShapeToString(ctx.input_shape(1)), "; SwiGLU needs identical shapes (no broadcasting)"));
    }
    ctx.SetOutput(0, ctx.input_dtype(0), ctx.input_shape(0));
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& a = ctx.input(0);
    const Tensor& b = ctx.input(1);
    Tensor& y = ctx.output(0);
    return VisitFloatType(a.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::SwiGluRef<T>(a.data<T>(), b.data<T>(), y.data<T>(), a.num_elements(), alpha_);
    });
  }

 private:
  float alpha_ = 1.0f;
};

}  // namespace

std::unique_ptr<Op> MakeSwishOp() { return std::make_unique<SwishOp>(); }
std::unique_ptr<Op> MakeSwiGluOp() { return std::make_unique<SwiGluOp>(); }

}  // namespace onnxi
