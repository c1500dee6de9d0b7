// DeformConv (opsets 19, 22): convolution whose taps are shifted by learned offsets.
//
// X (N, C, H, W), W (OC, C / group, kH, kW), offset (N, offset_group * kH * kW * 2, oH, oW),
// optional B (OC) and mask (N, offset_group * kH * kW, oH, oW) -> Y (N, OC, oH, oW),
// oH = (H + pad_top + pad_bottom - ((kH - 1) * dilation_h + 1)) / stride_h + 1 (same for W).
// See kernels/image/deform_conv.h for the math. Not supported: other than 2 spatial dims.
#include "kernels/image/deform_conv.h"
#include "ops/common/dispatch.h"
#include "ops/image/image_ops.h"

namespace onnxi {
namespace {

class DeformConvOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    since_ = node.since_version();
    dilations_ = node.GetInts("dilations");
    kernel_shape_ = node.GetInts("kernel_shape");
    pads_ = node.GetInts("pads");
    strides_ = node.GetInts("strides");
    params_.group = node.GetInt("group", 1);
    params_.offset_group = node.GetInt("offset_group", 1);
    if (params_.group < 1 || params_.offset_group < 1) {
      node.Fail(Status::InvalidModel(StrCat("group ", params_.group, " and offset_group ",
                                            params_.offset_group, " must be positive")));
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType dtype = ctx.input_dtype(0);
    if (since_ >= 22) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(0, dtype, kFloatTypes));
    } else {
      ONNXI_RETURN_IF_ERROR(
          CheckInputType(0, dtype, {DataType::kFloat, DataType::kDouble, DataType::kFloat16}));
    }
    for (int i = 1; i < 5; ++i) {
      if (ctx.has_input(i) && ctx.input_dtype(i) != dtype) {
        return Status::InvalidArgument(StrCat("input ", i, " has element type ",
                                              DataTypeName(ctx.input_dtype(i)), "; expected ",
                                              DataTypeName(dtype), " as X"));
      }
    }
    const Shape& x = ctx.input_shape(0);
    const Shape& w = ctx.input_shape(1);
    if (x.size() != 4 || w.size() != 4) {
      return Status::Unsupported(StrCat("X ", ShapeToString(x), " and W ", ShapeToString(w),
                                        ": only 2-D DeformConv (4-D X and W) is supported"));
    }
    kernels::DeformConvParams& p = params_;
    p.batch = x[0];
    p.channels = x[1];
    p.height = x[2];
    p.width = x[3];
    p.out_channels = w[0];
    if (w[1] * p.group != p.channels || p.out_channels % p.group != 0 ||
        p.channels % p.offset_group != 0) {
      return Status::InvalidArgument(StrCat("X ", ShapeToString(x), ", W ", ShapeToString(w),
                                            ", group ", p.group, ", offset_group ",
                                            p.offset_group,
                                            ": expected W dim 1 * group == C, OC divisible by "
                                            "group and C divisible by offset_group"));
    }
    if (!kernel_shape_.empty() && kernel_shape_ != std::vector<int64_t>{w[2], w[3]}) {
      return Status::InvalidArgument(StrCat("kernel_shape ", ShapeToString(kernel_shape_),
                                            " differs from W's ", ShapeToString(w)));
    }
    if ((!dilations_.empty() && dilations_.size() != 2) ||
        (!strides_.empty() && strides_.size() != 2) || (!pads_.empty() && pads_.size() != 4)) {
      return Status::InvalidArgument("dilations/strides/pads need 2/2/4 values for 2-D X");
    }
    p.kernel_h = w[2];
    p.kernel_w = w[3];
    p.dilation_h = dilations_.empty() ? 1 : dilations_[0];
    p.dilation_w = dilations_.empty() ? 1 : dilations_[1];
    p.stride_h = strides_.empty() ? 1 : strides_[0];
    p.stride_w = strides_.empty() ? 1 : strides_[1];
    p.pad_top = pads_.empty() ? 0 : pads_[0];
    p.pad_left = pads_.empty() ? 0 : pads_[1];
    const int64_t pad_bottom = pads_.empty() ? 0 : pads_[2];
    const int64_t pad_right = pads_.empty() ? 0 : pads_[3];
    if (p.dilation_h < 1 || p.dilation_w < 1 || p.stride_h < 1 || p.stride_w < 1 ||
        p.pad_top < 0 || p.pad_left < 0 || pad_bottom < 0 || pad_right < 0) {
      return Status::InvalidArgument("dilations and strides must be positive, pads >= 0");
    }
    const int64_t span_h = x[2] + p.pad_top + pad_bottom - ((p.kernel_h - 1) * p.dilation_h + 1);
    const int64_t span_w = x[3] + p.pad_left + pad_right - ((p.kernel_w - 1) * p.dilation_w + 1);
    if (span_h < 0 || span_w < 0) {
      return Status::InvalidArgument(StrCat("the dilated kernel is larger than the padded "
                                            "input ", ShapeToString(x)));
    }
    p.out_h = span_h / p.stride_h + 1;
    p.out_w = span_w / p.stride_w + 1;
    const int64_t taps = p.kernel_h * p.kernel_w;
    const Shape want_offset = {p.batch, p.offset_group * taps * 2, p.out_h, p.out_w};
    if (ctx.input_shape(2) != want_offset) {
      return Status::InvalidArgument(StrCat("offset has shape ",
                                            ShapeToString(ctx.input_shape(2)), "; expected ",
                                            ShapeToString(want_offset)));
    }
    if (ctx.has_input(3) && ctx.input_shape(3) != Shape{p.out_channels}) {
      return Status::InvalidArgument(StrCat("B has shape ", ShapeToString(ctx.input_shape(3)),
                                            "; expected (", p.out_channels, ")"));
    }
    const Shape want_mask = {p.batch, p.offset_group * taps, p.out_h, p.out_w};
    if (ctx.has_input(4) && ctx.input_shape(4) != want_mask) {
      return Status::InvalidArgument(StrCat("mask has shape ", ShapeToString(ctx.input_shape(4)),
                                            "; expected ", ShapeToString(want_mask)));
    }
    ctx.SetOutput(0, dtype, {p.batch, p.out_channels, p.out_h, p.out_w});
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    Tensor& y = ctx.output(0);
    return VisitFloatType(ctx.input(0).dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::DeformConv2d(ctx.input(0).data<T>(), ctx.input(1).data<T>(),
                            ctx.input(2).data<T>(),
                            ctx.has_input(3) ? ctx.input(3).data<T>() : nullptr,
                            ctx.has_input(4) ? ctx.input(4).data<T>() : nullptr, params_,
                            y.data<T>());
    });
  }

 private:
  int since_ = 0;
  std::vector<int64_t> dilations_, kernel_shape_, pads_, strides_;
  kernels::DeformConvParams params_;
};

}  // namespace

std::unique_ptr<Op> MakeDeformConvOp() { return std::make_unique<DeformConvOp>(); }

}  // namespace onnxi
