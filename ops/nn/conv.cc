// Conv: Y = X (*) W + B, N-D cross-correlation with groups (ONNX Conv, opsets 1, 11, 22).
//
// Shapes: X (N, C, D1..Dr), W (M, C / group, k1..kr), B (M) optional, Y (N, M, O1..Or), with
// r in 1..3 and Oi from window.h (pads, auto_pad, strides, dilations). kernel_shape, when
// given, must match W's spatial dims.
// Computed per image n and group g as im2col + GEMM:
//   Y[n, g] (M/group, O) = W[g] (M/group, C/group * K) x col (C/group * K, O)
// where K = k1 * .. * kr and O = O1 * .. * Or. A 1x1 kernel with unit strides and no pads reads
// X directly instead of building col.
// float32 picks its kernels in Prepare by shape and the session's Isa (ops/nn/conv_f32.h:
// depthwise direct kernels, a transposed GEMM with W packed once for few output pixels,
// SGEMM on X for 1x1, im2col + SGEMM otherwise; kReference: Im2Col + SgemmRef).
// FusedConv (domain ai.onnxi, version 1): onnxi's private op that graph rewrites emit:
//   inputs X, W, optional B, optional Z (same shape as Y); Conv's attributes plus activation,
//   activation_alpha, activation_beta (ops/common/fused_activation.h);
//   Y = act(Conv(X, W) + B + Z). float32 only.
// Other types (double, float16, bfloat16) run im2col + GemmRef.
// Types: float, double, float16; bfloat16 from opset 22. More than 3 spatial dims is
// not supported.
#include "kernels/conv/conv.h"

#include <vector>

#include "kernels/gemm/gemm.h"
#include "ops/common/dispatch.h"
#include "ops/common/fused_activation.h"
#include "ops/nn/conv_f32.h"
#include "ops/nn/window.h"
#include "ops/op.h"

namespace onnxi {
namespace {

class ConvOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    since_version_ = node.since_version();
    attrs_.Read(node);
    group_ = node.GetInt("group", 1);
    if (group_ < 1) node.Fail(Status::InvalidModel(StrCat("group ", group_, " is below 1")));
    fused_ = !node.domain().empty() && node.domain() != "ai.onnx";
    if (fused_) act_ = ReadFusedActivation(node);
    return node.status();
  }

  bool InferStaticShapes(const NodeView& node, const std::vector<StaticShape>& in,
                         std::vector<StaticShape>& out, Symbols& symbols) const override {
    if (in.size() < 2 || out.empty() || !in[1].known || in[1].dims.size() < 3) return false;
    WindowAttrs attrs;
    attrs.Read(node);
    const std::vector<int64_t>& w = in[1].dims;  // (M, C/group, k1, ...)
    std::vector<int64_t> kernel = attrs.kernel_shape;
    if (kernel.empty()) kernel.assign(w.begin() + 2, w.end());
    return StaticWindowShape(attrs, in[0], kernel, w[0], symbols, &out[0]);
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType dtype = ctx.input_dtype(0);
    if (fused_) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(0, dtype, {DataType::kFloat}));
    } else if (since_version_ >= 22) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(0, dtype, kFloatTypes));
    } else {
      ONNXI_RETURN_IF_ERROR(
          CheckInputType(0, dtype, {DataType::kFloat, DataType::kDouble, DataType::kFloat16}));
    }
    if (ctx.input_dtype(1) != dtype) {
      return Status::InvalidModel(StrCat("W has element type ", DataTypeName(ctx.input_dtype(1)),
                                         " but X has ", DataTypeName(dtype)));
    }
    const Shape& x = ctx.input_shape(0);
    const Shape& w = ctx.input_shape(1);
    ONNXI_RETURN_IF_ERROR(CheckSpatialRank(static_cast<int>(x.size()), "X"));
    if (w.size() != x.size()) {
      return Status::InvalidArgument(StrCat("W has shape ", ShapeToString(w), " (rank ", w.size(),
                                            ") but X has shape ", ShapeToString(x), " (rank ",
                                            x.size(), ")"));
    }
    const int64_t c = x[1], m = w[0];
    if (w[1] * group_ != c) {
      return Status::InvalidArgument(StrCat("W has ", w[1], " channels per group but X has ", c,
                                            " channels with group ", group_));
    }
    if (m % group_ != 0) {
      return Status::InvalidArgument(
          StrCat("W has ", m, " output channels, not divisible by group ", group_));
    }
    if (ctx.has_input(2)) {
      if (ctx.input_dtype(2) != dtype) {
        return Status::InvalidModel(StrCat("B has element type ", DataTypeName(ctx.input_dtype(2)),
                                           " but X has ", DataTypeName(dtype)));
      }
      const Shape& b = ctx.input_shape(2);
      if (b.size() != 1 || b[0] != m) {
        return Status::InvalidArgument(StrCat("B has shape ", ShapeToString(b), "; expected [", m,
                                              "] (one per output channel)"));
      }
    }
    std::vector<int64_t> in(x.begin() + 2, x.end());
    std::vector<int64_t> kernel(w.begin() + 2, w.end());
    if (!attrs_.kernel_shape.empty() && attrs_.kernel_shape != kernel) {
      return Status::InvalidArgument(StrCat("kernel_shape ", ShapeToString(attrs_.kernel_shape),
                                            " differs from W's spatial dims ",
                                            ShapeToString(kernel)));
    }
    ONNXI_ASSIGN_OR_RETURN(Window win, ResolveWindow(attrs_, in, kernel));
    geom_ = ToConvGeometry(win);
    batch_ = x[0];
    channels_ = c;
    out_channels_ = m;
    Shape y = {batch_, m};
    y.insert(y.end(), win.out.begin(), win.out.end());
    if (fused_ && ctx.has_input(3)) {
      if (ctx.input_dtype(3) != dtype || ctx.input_shape(3) != y) {
        return Status::InvalidArgument(StrCat("Z has shape ", ShapeToString(ctx.input_shape(3)),
                                              " and type ", DataTypeName(ctx.input_dtype(3)),
                                              "; expected Y's ", ShapeToString(y), " ",
                                              DataTypeName(dtype)));
      }
    }
    ctx.SetOutput(0, dtype, y);

    if (dtype == DataType::kFloat) {
      f32_.Prepare(win, geom_, {batch_, c, m, group_}, act_, ctx);
      return Status::Ok();
    }
    direct_ = true;  // 1x1, unit stride, no pads: col is X itself
    for (size_t i = 0; i < win.in.size(); ++i) {
      if (win.kernel[i] != 1 || win.stride[i] != 1 || win.pad_begin[i] != 0 ||
          win.pad_end[i] != 0) {
        direct_ = false;
      }
    }
    const int64_t col_elems = direct_ ? 0 : (c / group_) * geom_.kernel_size() * geom_.out_size();
    ctx.RequestScratch(static_cast<size_t>(col_elems) * DataTypeSize(dtype));
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    const Tensor* b = ctx.has_input(2) ? &ctx.input(2) : nullptr;
    Tensor& y = ctx.output(0);
    if (x.dtype() == DataType::kFloat) {
      const float* z = fused_ && ctx.has_input(3) ? ctx.input(3).data<float>() : nullptr;
      // W is gone when Prepare packed it (ReleaseConstantInput).
      const float* w = ctx.has_input(1) ? ctx.input(1).data<float>() : nullptr;
      f32_.Run(x.data<float>(), w, b ? b->data<float>() : nullptr, z, y.data<float>(),
               static_cast<float*>(ctx.scratch));
      return Status::Ok();
    }
    const Tensor& w = ctx.input(1);
    return VisitFloatType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      RunTyped<T>(x.data<T>(), w.data<T>(), b ? b->data<T>() : nullptr, y.data<T>(),
                  static_cast<T*>(ctx.scratch));
    });
  }

 private:
  template <class T>
  void RunTyped(const T* x, const T* w, const T* b, T* y, T* col) {
    const int64_t cg = channels_ / group_, mg = out_channels_ / group_;
    const int64_t in_size = geom_.in_size(), out_size = geom_.out_size();
    const int64_t ck = cg * geom_.kernel_size();
    if (b != nullptr) kernels::FillChannelBias(b, batch_, out_channels_, out_size, y);
    kernels::GemmParams p;
    p.m = mg;
    p.n = out_size;
    p.k = ck;
    p.lda = ck;
    p.ldb = out_size;
    p.ldc = out_size;
    p.beta = b != nullptr ? 1.0 : 0.0;
    for (int64_t n = 0; n < batch_; ++n) {
      for (int64_t g = 0; g < group_; ++g) {
        const T* xg = x + (n * channels_ + g * cg) * in_size;
        if (!direct_) kernels::Im2Col(xg, cg, geom_, col);
        kernels::GemmRef(p, w + g * mg * ck, direct_ ? xg : col,
                         y + (n * out_channels_ + g * mg) * out_size);
      }
    }
  }

  int since_version_ = 0;
  WindowAttrs attrs_;
  int64_t group_ = 1;
  kernels::ConvGeometry geom_;
  int64_t batch_ = 0, channels_ = 0, out_channels_ = 0;
  bool direct_ = false;
  bool fused_ = false;
  kernels::Activation act_;
  ConvF32 f32_;
};

}  // namespace

std::unique_ptr<Op> MakeConvOp() { return std::make_unique<ConvOp>(); }

}  // namespace onnxi
