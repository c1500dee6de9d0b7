// LRN: local response normalization across channels of X (N, C, D1, ..., Dk).
//
//   square_sum[n, c, d] = sum of X[n, k, d]^2 over k in [c - floor((size-1)/2),
//                                                        c + ceil((size-1)/2)] within [0, C)
//   Y = X / (bias + alpha / size * square_sum)^beta
//
// Versions 1 and 13 (adds bfloat16). `size` is required and must be positive.
#include "kernels/normalization/lrn.h"
#include "ops/common/dispatch.h"
#include "ops/common/shape_util.h"
#include "ops/normalization/normalization_ops.h"

namespace onnxi {
namespace {

class LrnOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    node.Require("size");
    params_.size = node.GetInt("size", 1);
    params_.alpha = node.GetFloat("alpha", 1e-4f);
    params_.beta = node.GetFloat("beta", 0.75f);
    params_.bias = node.GetFloat("bias", 1.0f);
    if (params_.size <= 0) {
      node.Fail(Status::InvalidModel(StrCat("size ", params_.size, " must be positive")));
    }
    bfloat16_ok_ = node.since_version() >= 13;
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType dt = ctx.input_dtype(0);
    if (bfloat16_ok_) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(0, dt, kFloatTypes));
    } else {
      ONNXI_RETURN_IF_ERROR(
          CheckInputType(0, dt, {DataType::kFloat16, DataType::kFloat, DataType::kDouble}));
    }
    const Shape& in = ctx.input_shape(0);
    if (in.size() < 2) {
      return Status::InvalidArgument(
          StrCat("input must have rank >= 2 (N, C, ...), got shape ", ShapeToString(in)));
    }
    params_.n = in[0];
    params_.channels = in[1];
    params_.spatial = 1;
    for (size_t i = 2; i < in.size(); ++i) params_.spatial *= in[i];
    ctx.SetOutput(0, dt, in);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    return VisitFloatType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::LrnRef<T>(x.data<T>(), y.data<T>(), params_);
    });
  }

 private:
  bool bfloat16_ok_ = false;
  kernels::LrnParams params_;
};

}  // namespace

std::unique_ptr<Op> MakeLrnOp() { return std::make_unique<LrnOp>(); }

}  // namespace onnxi
