// InstanceNormalization: each (n, c) plane of X (N, C, D1, ..., Dk) normalized on its own.
//
//   y = scale[c] * (x - mean[n, c]) / sqrt(var[n, c] + epsilon) + B[c]
//   mean/var over D1..Dk (population variance); scale and B have shape (C).
//
// Versions 1 (consumed_inputs), 6, 22 (adds bfloat16). Element types: float types, one type
// for all three inputs.
#include "kernels/normalization/instance_norm.h"
#include "ops/common/dispatch.h"
#include "ops/common/shape_util.h"
#include "ops/normalization/normalization_ops.h"

namespace onnxi {
namespace {

class InstanceNormOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    epsilon_ = node.GetFloat("epsilon", 1e-5f);
    bfloat16_ok_ = node.since_version() >= 22;
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    if (ctx.num_inputs() < 3) {
      return Status::InvalidModel(StrCat("expected 3 inputs, got ", ctx.num_inputs()));
    }
    const DataType dt = ctx.input_dtype(0);
    if (bfloat16_ok_) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(0, dt, kFloatTypes));
    } else {
      ONNXI_RETURN_IF_ERROR(
          CheckInputType(0, dt, {DataType::kFloat16, DataType::kFloat, DataType::kDouble}));
    }
    for (int i = 1; i < 3; ++i) ONNXI_RETURN_IF_ERROR(CheckInputType(i, ctx.input_dtype(i), {dt}));
    const Shape& in = ctx.input_shape(0);
    if (in.size() < 2) {
      return Status::InvalidArgument(
          StrCat("input must have rank >= 2 (N, C, ...), got shape ", ShapeToString(in)));
    }
    n_ = in[0];
    channels_ = in[1];
    spatial_ = 1;
    for (size_t i = 2; i < in.size(); ++i) spatial_ *= in[i];
    for (int i = 1; i < 3; ++i) {
      if (NumElements(ctx.input_shape(i)) != channels_) {
        return Status::InvalidArgument(StrCat(i == 1 ? "scale" : "B", " has shape ",
                                              ShapeToString(ctx.input_shape(i)), ", expected (",
                                              channels_, ") for input of shape ",
                                              ShapeToString(in)));
      }
    }
    ctx.SetOutput(0, dt, in);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    return VisitFloatType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::InstanceNormRef<T>(x.data<T>(), ctx.input(1).data<T>(), ctx.input(2).data<T>(),
                                  y.data<T>(), n_, channels_, spatial_, epsilon_);
    });
  }

 private:
  double epsilon_ = 1e-5;
  bool bfloat16_ok_ = false;
  int64_t n_ = 0, channels_ = 0, spatial_ = 0;
};

}  // namespace

std::unique_ptr<Op> MakeInstanceNormOp() { return std::make_unique<InstanceNormOp>(); }

}  // namespace onnxi
