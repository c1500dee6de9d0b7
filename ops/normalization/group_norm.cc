// GroupNormalization: X (N, C, D1, ..., Dk) split into num_groups groups of C / num_groups
// channels; each (n, group) block is normalized on its own.
//
//   y = scale * (x - mean[n, g]) / sqrt(var[n, g] + epsilon) + bias
//   mean/var over the group's channels and D1..Dk (population variance).
//
// Versions 18 (scale and bias of shape (num_groups): one pair per group) and 21 (shape (C):
// one pair per channel; adds stash_type, default 1 = float). Element types: float16, float,
// double, bfloat16; one type for all three inputs. Statistics are computed in double whatever
// stash_type says (stash_type is only checked to name a floating-point type), and the result
// is rounded once, so a float16 X is not rounded between the two stages as the spec's
// function body does.
#include "kernels/normalization/group_norm.h"
#include "ops/common/dispatch.h"
#include "ops/common/shape_util.h"
#include "ops/normalization/normalization_ops.h"

namespace onnxi {
namespace {

class GroupNormOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    node.Require("num_groups");
    groups_ = node.GetInt("num_groups", 1);
    if (groups_ <= 0) {
      node.Fail(Status::InvalidModel(StrCat("num_groups must be positive, got ", groups_)));
    }
    params_.epsilon = node.GetFloat("epsilon", 1e-5f);
    params_.per_group_params = node.since_version() < 21;
    if (node.since_version() >= 21) {
      const int64_t stash = node.GetInt("stash_type", 1);
      if (!IsKnownDataType(static_cast<int32_t>(stash)) ||
          !IsFloatingPoint(static_cast<DataType>(stash))) {
        node.Fail(Status::InvalidModel(
            StrCat("stash_type ", stash, " is not a floating-point element type")));
      }
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    if (ctx.num_inputs() < 3) {
      return Status::InvalidModel(StrCat("expected 3 inputs, got ", ctx.num_inputs()));
    }
    const DataType dt = ctx.input_dtype(0);
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, dt, kFloatTypes));
    for (int i = 1; i < 3; ++i) ONNXI_RETURN_IF_ERROR(CheckInputType(i, ctx.input_dtype(i), {dt}));
    const Shape& in = ctx.input_shape(0);
    if (in.size() < 2) {
      return Status::InvalidArgument(
          StrCat("input must have rank >= 2 (N, C, ...), got shape ", ShapeToString(in)));
    }
    params_.n = in[0];
    params_.channels = in[1];
    params_.groups = groups_;
    params_.spatial = 1;
    for (size_t i = 2; i < in.size(); ++i) params_.spatial *= in[i];
    if (params_.channels % groups_ != 0) {
      return Status::InvalidArgument(StrCat("num_groups ", groups_,
                                            " does not divide the channel count ",
                                            params_.channels, " of input shape ",
                                            ShapeToString(in)));
    }
    const int64_t want = params_.per_group_params ? groups_ : params_.channels;
    for (int i = 1; i < 3; ++i) {
      const Shape& s = ctx.input_shape(i);
      if (s.size() != 1 || s[0] != want) {
        return Status::InvalidArgument(
            StrCat(i == 1 ? "scale" : "bias", " has shape ", ShapeToString(s), ", expected [",
                   want, "] (", params_.per_group_params ? "num_groups" : "C",
                   ") for input of shape ", ShapeToString(in), " and num_groups ", groups_));
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
      kernels::GroupNormRef<T>(x.data<T>(), ctx.input(1).data<T>(), ctx.input(2).data<T>(),
                               y.data<T>(), params_);
    });
  }

 private:
  int64_t groups_ = 1;
  kernels::GroupNormParams params_;
};

}  // namespace

std::unique_ptr<Op> MakeGroupNormOp() { return std::make_unique<GroupNormOp>(); }

}  // namespace onnxi
