// BatchNormalization: per-channel affine normalization of X (N, C, D1, ..., Dk).
//
//   inference:  Y = scale * (X - input_mean) / sqrt(input_var + epsilon) + B
//   training (training_mode=1, from 14): the mean and population variance of the batch over
//   (N, D1..Dk) replace input_mean/input_var in Y, and the optional outputs are
//   running_mean = input_mean * momentum + batch_mean * (1 - momentum), likewise running_var.
//   scale, B, input_mean, input_var have shape (C).
//
// Versions 1, 6, 7, 9 (inference; `spatial`=0 in versions before 9 gives every element of
// X[n] its own parameters, of shape (C, D1, ..., Dk)), 14 (training_mode; mean/var may have a
// different float type), 15 (scale/B may also have their own float type).
// Not supported: the training-mode outputs of versions before 14 (mean, var, saved_mean,
// saved_var), reported as Unsupported when a node names them.
#include <vector>

#include "kernels/normalization/batch_norm.h"
#include "ops/common/dispatch.h"
#include "ops/common/shape_util.h"
#include "ops/normalization/normalization_ops.h"

namespace onnxi {
namespace {

class BatchNormOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    version_ = node.since_version();
    if (version_ == 1) node.Require("consumed_inputs");
    epsilon_ = node.GetFloat("epsilon", 1e-5f);
    momentum_ = node.GetFloat("momentum", 0.9f);
    if (version_ < 9) spatial_ = node.GetInt("spatial", 1) != 0;
    if (version_ >= 14) training_ = node.GetInt("training_mode", 0) != 0;
    if (version_ < 14 && node.num_outputs() > 1) {
      return Status::Unsupported(
          StrCat("training-mode outputs (mean, var, saved_mean, saved_var) of "
                 "BatchNormalization-", version_, " are not supported; node has ",
                 node.num_outputs(), " outputs"));
    }
    if (version_ >= 14 && !training_ && node.num_outputs() > 1) {
      node.Fail(Status::InvalidModel(
          "outputs running_mean and running_var require training_mode=1"));
    }
    return node.status();
  }

  bool InferStaticShapes(const NodeView& node, const std::vector<StaticShape>& in,
                         std::vector<StaticShape>& out, Symbols& symbols) const override {
    if (in.empty() || out.empty()) return false;
    out[0] = in[0];  // Y has X's shape; the training outputs are not known here
    return true;
  }

  Status Prepare(PrepareContext& ctx) override {
    if (ctx.num_inputs() < 5) {
      return Status::InvalidModel(StrCat("expected 5 inputs, got ", ctx.num_inputs()));
    }
    const DataType dt = ctx.input_dtype(0);
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, dt, kFloatTypes));
    for (int i = 1; i < 5; ++i) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(i, ctx.input_dtype(i), kFloatTypes));
      // Type rules: one type T up to 9; 14 lets mean/var differ; 15 lets scale/B differ too.
      const bool may_differ = version_ >= 15 || (version_ == 14 && i >= 3);
      if (!may_differ && ctx.input_dtype(i) != dt) {
        return Status::InvalidModel(StrCat("input ", i, " has element type ",
                                           DataTypeName(ctx.input_dtype(i)), ", input 0 has ",
                                           DataTypeName(dt)));
      }
    }
    if (ctx.input_dtype(2) != ctx.input_dtype(1) || ctx.input_dtype(4) != ctx.input_dtype(3)) {
      return Status::InvalidModel("scale and B, and input_mean and input_var, must share a type");
    }
    const Shape& in = ctx.input_shape(0);
    if (in.size() < 2) {
      return Status::InvalidArgument(
          StrCat("input X must have rank >= 2 (N, C, ...), got shape ", ShapeToString(in)));
    }
    n_ = in[0];
    channels_ = in[1];
    spatial_size_ = 1;
    for (size_t i = 2; i < in.size(); ++i) spatial_size_ *= in[i];
    if (!spatial_) {  // one parameter per element of X[n]: view X as (N, C*D, 1)
      channels_ *= spatial_size_;
      spatial_size_ = 1;
    }
    static const char* kNames[] = {"X", "scale", "B", "input_mean", "input_var"};
    for (int i = 1; i < 5; ++i) {
      if (NumElements(ctx.input_shape(i)) != channels_) {
        return Status::InvalidArgument(StrCat(kNames[i], " has shape ",
                                              ShapeToString(ctx.input_shape(i)), ", expected ",
                                              channels_, " values for X of shape ",
                                              ShapeToString(in)));
      }
    }
    ctx.SetOutput(0, dt, in);
    for (int i = 1; i < ctx.num_outputs() && i < 3; ++i) {
      ctx.SetOutput(i, ctx.input_dtype(3), ctx.input_shape(3));
    }
    a_.assign(channels_, 0.0);
    b_.assign(channels_, 0.0);
    if (training_) {
      batch_mean_.assign(channels_, 0.0);
      batch_var_.assign(channels_, 0.0);
    }
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    const Tensor& scale = ctx.input(1);
    const Tensor& bias = ctx.input(2);
    const Tensor& mean = ctx.input(3);
    const Tensor& var = ctx.input(4);
    if (training_) {
      ONNXI_RETURN_IF_ERROR(VisitFloatType(x.dtype(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        kernels::ChannelMeanVar<T>(x.data<T>(), n_, channels_, spatial_size_,
                                   batch_mean_.data(), batch_var_.data());
      }));
      ONNXI_RETURN_IF_ERROR(VisitFloatType(scale.dtype(), [&](auto tag) {
        using TS = typename decltype(tag)::type;
        kernels::BatchNormCoefficients<TS, double>(scale.data<TS>(), bias.data<TS>(),
                                                   batch_mean_.data(), batch_var_.data(),
                                                   channels_, epsilon_, a_.data(), b_.data());
      }));
      ONNXI_RETURN_IF_ERROR(VisitFloatType(mean.dtype(), [&](auto tag) {
        using TM = typename decltype(tag)::type;
        if (ctx.has_output(1)) {
          kernels::BatchNormRunningStat<TM>(mean.data<TM>(), batch_mean_.data(), momentum_,
                                            channels_, ctx.output(1).data<TM>());
        }
        if (ctx.has_output(2)) {
          kernels::BatchNormRunningStat<TM>(var.data<TM>(), batch_var_.data(), momentum_,
                                            channels_, ctx.output(2).data<TM>());
        }
      }));
    } else {
      Status inner_status;
      ONNXI_RETURN_IF_ERROR(VisitFloatType(scale.dtype(), [&](auto stag) {
        using TS = typename decltype(stag)::type;
        inner_status = VisitFloatType(mean.dtype(), [&](auto mtag) {
          using TM = typename decltype(mtag)::type;
          kernels::BatchNormCoefficients<TS, TM>(scale.data<TS>(), bias.data<TS>(),
                                                 mean.data<TM>(), var.data<TM>(), channels_,
                                                 epsilon_, a_.data(), b_.data());
        });
      }));
      ONNXI_RETURN_IF_ERROR(inner_status);
    }
    Tensor& y = ctx.output(0);
    return VisitFloatType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::ChannelAffine<T>(x.data<T>(), y.data<T>(), a_.data(), b_.data(), n_, channels_,
                                spatial_size_);
    });
  }

 private:
  int version_ = 15;
  double epsilon_ = 1e-5;
  double momentum_ = 0.9;
  bool spatial_ = true;
  bool training_ = false;
  int64_t n_ = 0, channels_ = 0, spatial_size_ = 0;
  // Per-channel scratch sized in Prepare: y = a * x + b, and the batch statistics.
  std::vector<double> a_, b_, batch_mean_, batch_var_;
};

}  // namespace

std::unique_ptr<Op> MakeBatchNormOp() { return std::make_unique<BatchNormOp>(); }

}  // namespace onnxi
