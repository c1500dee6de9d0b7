// ConvInteger and QLinearConv (opset 10): N-D convolution of 8-bit integers.
//
// ConvInteger: Y (N, M, O...) int32 = (X - x_zero_point) (*) (W - w_zero_point), X (N, C, D...)
//   uint8/int8, W (M, C/group, k...) uint8/int8; x_zero_point per-tensor, w_zero_point
//   per-tensor or per output channel (M). Padding contributes zero (X - x_zp = 0 there).
// QLinearConv: Y = saturate(rint((conv + B) * x_scale * w_scale / y_scale) + y_zero_point),
//   inputs x 0, x_scale 1, x_zero_point 2, w 3, w_scale 4, w_zero_point 5, y_scale 6,
//   y_zero_point 7, B 8 (int32, (M)); w_scale/w_zero_point per-tensor or per-M. Y has
//   y_zero_point's type.
// Window attributes (kernel_shape, pads, auto_pad, strides, dilations, group) as in Conv;
// 1 to 3 spatial dims.
#include <vector>

#include "kernels/quantization/quantize.h"
#include "ops/common/dispatch.h"
#include "ops/nn/window.h"
#include "ops/op.h"
#include "ops/quantization/quant_ops.h"

namespace onnxi {
namespace {

constexpr std::initializer_list<DataType> kInt8Types = {DataType::kUint8, DataType::kInt8};

Result<int64_t> StrideOf(const Shape& s, int64_t count, const char* name) {
  if (NumElements(s) == 1 && s.size() <= 1) return int64_t{0};
  if (s.size() == 1 && s[0] == count) return int64_t{1};
  return Status::InvalidArgument(
      StrCat(name, " has shape ", ShapeToString(s), "; expected a scalar, [1] or [", count, "]"));
}

int32_t ZeroPointValue(const Tensor& t) {
  return t.dtype() == DataType::kUint8 ? static_cast<int32_t>(*t.data<uint8_t>())
                                       : static_cast<int32_t>(*t.data<int8_t>());
}

class ConvIntegerBase : public Op {
 public:
  Status Init(const NodeView& node) override {
    attrs_.Read(node);
    group_ = node.GetInt("group", 1);
    if (group_ < 1) node.Fail(Status::InvalidModel(StrCat("group ", group_, " is below 1")));
    return node.status();
  }

 protected:
  Status PrepareConv(PrepareContext& ctx, int xi, int xzp, int wi, int wzp) {
    ONNXI_RETURN_IF_ERROR(CheckInputType(xi, ctx.input_dtype(xi), kInt8Types));
    ONNXI_RETURN_IF_ERROR(CheckInputType(wi, ctx.input_dtype(wi), kInt8Types));
    const Shape& x = ctx.input_shape(xi);
    const Shape& w = ctx.input_shape(wi);
    ONNXI_RETURN_IF_ERROR(CheckSpatialRank(static_cast<int>(x.size()), "X"));
    if (w.size() != x.size() || w[1] * group_ != x[1] || w[0] % group_ != 0) {
      return Status::InvalidArgument(StrCat("W has shape ", ShapeToString(w), " but X has shape ",
                                            ShapeToString(x), " with group ", group_));
    }
    std::vector<int64_t> in(x.begin() + 2, x.end()), kernel(w.begin() + 2, w.end());
    if (!attrs_.kernel_shape.empty() && attrs_.kernel_shape != kernel) {
      return Status::InvalidArgument(StrCat("kernel_shape ", ShapeToString(attrs_.kernel_shape),
                                            " differs from W's spatial dims ",
                                            ShapeToString(kernel)));
    }
    ONNXI_ASSIGN_OR_RETURN(Window win, ResolveWindow(attrs_, in, kernel));
    const kernels::ConvGeometry g = ToConvGeometry(win);
    p_ = kernels::IntConvParams{};
    p_.batch = x[0];
    p_.channels = x[1];
    p_.out_channels = w[0];
    p_.group = group_;
    for (int i = 0; i < 3; ++i) {
      p_.in[i] = g.in[i];
      p_.out[i] = g.out[i];
      p_.kernel[i] = g.kernel[i];
      p_.stride[i] = g.stride[i];
      p_.dilation[i] = g.dilation[i];
      p_.pad_begin[i] = g.pad_begin[i];
    }
    out_shape_ = {x[0], w[0]};
    out_shape_.insert(out_shape_.end(), win.out.begin(), win.out.end());
    if (ctx.has_input(xzp)) {
      if (ctx.input_dtype(xzp) != ctx.input_dtype(xi)) {
        return Status::InvalidModel("x_zero_point's element type differs from x's");
      }
      ONNXI_ASSIGN_OR_RETURN(int64_t s, StrideOf(ctx.input_shape(xzp), 1, "x_zero_point"));
      (void)s;
    }
    w_zp_stride_ = 0;
    if (ctx.has_input(wzp)) {
      if (ctx.input_dtype(wzp) != ctx.input_dtype(wi)) {
        return Status::InvalidModel("w_zero_point's element type differs from w's");
      }
      ONNXI_ASSIGN_OR_RETURN(w_zp_stride_, StrideOf(ctx.input_shape(wzp), w[0], "w_zero_point"));
    }
    return Status::Ok();
  }

  void RunConv(RunContext& ctx, int xi, int xzp, int wi, int wzp, int32_t* y) {
    const Tensor& x = ctx.input(xi);
    const Tensor& w = ctx.input(wi);
    const int32_t zx = ctx.has_input(xzp) ? ZeroPointValue(ctx.input(xzp)) : 0;
    auto go = [&](auto xtag, auto wtag) {
      using X = typename decltype(xtag)::type;
      using W = typename decltype(wtag)::type;
      const W* zw = ctx.has_input(wzp) ? ctx.input(wzp).data<W>() : nullptr;
      kernels::ConvIntegerRef(p_, x.data<X>(), zx, w.data<W>(), zw, w_zp_stride_, y);
    };
    const bool xu = x.dtype() == DataType::kUint8, wu = w.dtype() == DataType::kUint8;
    if (xu && wu) go(Tag<uint8_t>{}, Tag<uint8_t>{});
    if (xu && !wu) go(Tag<uint8_t>{}, Tag<int8_t>{});
    if (!xu && wu) go(Tag<int8_t>{}, Tag<uint8_t>{});
    if (!xu && !wu) go(Tag<int8_t>{}, Tag<int8_t>{});
  }

  WindowAttrs attrs_;
  int64_t group_ = 1;
  kernels::IntConvParams p_;
  Shape out_shape_;
  int64_t w_zp_stride_ = 0;
};

class ConvIntegerOp : public ConvIntegerBase {
 public:
  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(PrepareConv(ctx, 0, 2, 1, 3));
    ctx.SetOutput(0, DataType::kInt32, out_shape_);
    return Status::Ok();
  }
  Status Run(RunContext& ctx) override {
    RunConv(ctx, 0, 2, 1, 3, ctx.output(0).data<int32_t>());
    return Status::Ok();
  }
};

class QLinearConvOp : public ConvIntegerBase {
 public:
  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(PrepareConv(ctx, 0, 2, 3, 5));
    const int64_t m = out_shape_[1];
    for (int i : {1, 4, 6}) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(i, ctx.input_dtype(i), {DataType::kFloat}));
    }
    ONNXI_ASSIGN_OR_RETURN(int64_t sx, StrideOf(ctx.input_shape(1), 1, "x_scale"));
    (void)sx;
    ONNXI_ASSIGN_OR_RETURN(w_scale_stride_, StrideOf(ctx.input_shape(4), m, "w_scale"));
    ONNXI_ASSIGN_OR_RETURN(int64_t sy, StrideOf(ctx.input_shape(6), 1, "y_scale"));
    (void)sy;
    const DataType yt = ctx.has_input(7) ? ctx.input_dtype(7) : ctx.input_dtype(0);
    ONNXI_RETURN_IF_ERROR(CheckInputType(7, yt, kInt8Types));
    if (ctx.has_input(7)) {
      ONNXI_ASSIGN_OR_RETURN(int64_t sz, StrideOf(ctx.input_shape(7), 1, "y_zero_point"));
      (void)sz;
    }
    if (ctx.has_input(8)) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(8, ctx.input_dtype(8), {DataType::kInt32}));
      if (ctx.input_shape(8) != Shape{m}) {
        return Status::InvalidArgument(
            StrCat("B has shape ", ShapeToString(ctx.input_shape(8)), "; expected [", m, "]"));
      }
    }
    acc_.assign(static_cast<size_t>(NumElements(out_shape_)), 0);
    multiplier_.assign(static_cast<size_t>(m), 0.0);
    ctx.SetOutput(0, yt, out_shape_);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    RunConv(ctx, 0, 2, 3, 5, acc_.data());
    const int64_t m = out_shape_[1];
    kernels::QLinearMultipliersRef(ctx.input(1).data<float>(), 0, ctx.input(4).data<float>(),
                                   w_scale_stride_, ctx.input(6).data<float>(), 0, m,
                                   multiplier_.data());
    const int32_t* bias = ctx.has_input(8) ? ctx.input(8).data<int32_t>() : nullptr;
    const int64_t inner = m == 0 ? 0 : NumElements(out_shape_) / (out_shape_[0] * m);
    Tensor& y = ctx.output(0);
    const bool has_zp = ctx.has_input(7);
    if (y.dtype() == DataType::kUint8) {
      kernels::RequantizeRef<uint8_t>(
          acc_.data(), bias, out_shape_[0], m, inner, multiplier_.data(), 1,
          has_zp ? ctx.input(7).data<uint8_t>() : nullptr, 0, y.data<uint8_t>());
    } else {
      kernels::RequantizeRef<int8_t>(acc_.data(), bias, out_shape_[0], m, inner, multiplier_.data(),
                                     1, has_zp ? ctx.input(7).data<int8_t>() : nullptr, 0,
                                     y.data<int8_t>());
    }
    return Status::Ok();
  }

 private:
  int64_t w_scale_stride_ = 0;
  std::vector<int32_t> acc_;
  std::vector<double> multiplier_;
};

}  // namespace

std::unique_ptr<Op> MakeConvIntegerOp() { return std::make_unique<ConvIntegerOp>(); }
std::unique_ptr<Op> MakeQLinearConvOp() { return std::make_unique<QLinearConvOp>(); }

}  // namespace onnxi
