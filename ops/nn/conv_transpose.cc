// ConvTranspose: the gradient of Conv with respect to its input (ONNX ConvTranspose, opsets
// 1, 11, 22).
//
// Shapes: X (N, C, D1..Dr), W (C, M / group, k1..kr), B (M) optional, Y (N, M, O1..Or),
// r in 1..3. For each spatial dim (dk = (k - 1) * dilation + 1):
//   O = stride * (D - 1) + output_padding + dk - pad_begin - pad_end      (pads given)
//   O = D * stride                                                        (auto_pad SAME_*)
//   O = output_shape[i]                                                   (output_shape given)
// In the last two cases total_pad = stride * (D - 1) + output_padding + dk - O, clamped at 0
// (as ONNX Runtime does; a larger O just leaves bias-only outputs at the end), split with the
// odd unit at the end for SAME_UPPER and at the beginning otherwise.
// Computed per image n and group g as GEMM + col2im:
//   col (M/group * K, D) = W[g]^T x X[n, g] (C/group, D);  Y[n, g] += col2im(col)
// Types: float, double, float16; bfloat16 from opset 22. More than 3 spatial dims is not
// supported.
#include <algorithm>
#include <vector>

#include "kernels/conv/conv.h"
#include "kernels/gemm/gemm.h"
#include "ops/common/dispatch.h"
#include "ops/nn/window.h"
#include "ops/op.h"

namespace onnxi {
namespace {

class ConvTransposeOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    since_version_ = node.since_version();
    attrs_.Read(node);
    group_ = node.GetInt("group", 1);
    output_padding_ = node.GetInts("output_padding");
    output_shape_ = node.GetInts("output_shape");
    if (group_ < 1) node.Fail(Status::InvalidModel(StrCat("group ", group_, " is below 1")));
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType dtype = ctx.input_dtype(0);
    if (since_version_ >= 22) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(0, dtype, kFloatTypes));
    } else {
      ONNXI_RETURN_IF_ERROR(CheckInputType(
          0, dtype, {DataType::kFloat, DataType::kDouble, DataType::kFloat16}));
    }
    for (int i = 1; i < 3; ++i) {
      if (ctx.has_input(i) && ctx.input_dtype(i) != dtype) {
        return Status::InvalidModel(StrCat(i == 1 ? "W" : "B", " has element type ",
                                           DataTypeName(ctx.input_dtype(i)), " but X has ",
                                           DataTypeName(dtype)));
      }
    }
    const Shape& x = ctx.input_shape(0);
    const Shape& w = ctx.input_shape(1);
    ONNXI_RETURN_IF_ERROR(CheckSpatialRank(static_cast<int>(x.size()), "X"));
    if (w.size() != x.size()) {
      return Status::InvalidArgument(StrCat("W has shape ", ShapeToString(w),
                                            " but X has shape ", ShapeToString(x),
                                            "; their ranks must match"));
    }
    const int64_t c = x[1];
    if (w[0] != c) {
      return Status::InvalidArgument(StrCat("W has ", w[0], " input channels but X has ", c));
    }
    if (c % group_ != 0) {
      return Status::InvalidArgument(
          StrCat("X has ", c, " channels, not divisible by group ", group_));
    }
    const int64_t m = w[1] * group_;
    if (ctx.has_input(2)) {
      const Shape& b = ctx.input_shape(2);
      if (b.size() != 1 || b[0] != m) {
        return Status::InvalidArgument(StrCat("B has shape ", ShapeToString(b), "; expected [",
                                              m, "] (one per output channel)"));
      }
    }
    const size_t r = x.size() - 2;
    std::vector<int64_t> in(x.begin() + 2, x.end());
    std::vector<int64_t> kernel(w.begin() + 2, w.end());
    if (!attrs_.kernel_shape.empty() && attrs_.kernel_shape != kernel) {
      return Status::InvalidArgument(StrCat("kernel_shape ", ShapeToString(attrs_.kernel_shape),
                                            " differs from W's spatial dims ",
                                            ShapeToString(kernel)));
    }
    // Reuse the window checks for attribute lengths and values (pads as given), on a probe
    // input large enough that no window check can fail on size.
    WindowAttrs check = attrs_;
    check.auto_pad = AutoPad::kNotSet;
    const std::vector<int64_t> probe(r, int64_t{1} << 40);
    ONNXI_ASSIGN_OR_RETURN(Window win, ResolveWindow(check, probe, kernel));
    std::vector<int64_t> adj = output_padding_.empty() ? std::vector<int64_t>(r, 0)
                                                       : output_padding_;
    if (adj.size() != r) {
      return Status::InvalidModel(StrCat("output_padding has ", adj.size(), " values for ", r,
                                         " spatial dims"));
    }
    std::vector<int64_t> want;
    if (!output_shape_.empty()) {
      want = output_shape_;
      if (want.size() == r + 2) want.erase(want.begin(), want.begin() + 2);
      if (want.size() != r) {
        return Status::InvalidModel(StrCat("output_shape ", ShapeToString(output_shape_),
                                           " has ", output_shape_.size(), " values for ", r,
                                           " spatial dims"));
      }
    }
    kernels::ConvGeometry g;  // image = Y, columns = X positions
    Shape y = {x[0], m};
    const size_t off = 3 - r;
    for (size_t i = 0; i < r; ++i) {
      const int64_t s = win.stride[i], dk = (kernel[i] - 1) * win.dilation[i] + 1;
      if (adj[i] < 0 || (adj[i] >= s && adj[i] >= win.dilation[i])) {
        return Status::InvalidModel(StrCat("output_padding ", ShapeToString(adj),
                                           " must be non-negative and below the stride or "
                                           "dilation"));
      }
      const int64_t natural = s * (in[i] - 1) + adj[i] + dk;
      int64_t out, pad_begin;
      if (!want.empty() || attrs_.auto_pad == AutoPad::kSameUpper ||
          attrs_.auto_pad == AutoPad::kSameLower) {
        out = !want.empty() ? want[i] : in[i] * s;
        const int64_t total = std::max<int64_t>(0, natural - out);
        pad_begin = attrs_.auto_pad == AutoPad::kSameUpper ? total / 2 : total - total / 2;
      } else if (attrs_.auto_pad == AutoPad::kValid) {
        out = natural;
        pad_begin = 0;
      } else {
        out = natural - win.pad_begin[i] - win.pad_end[i];
        pad_begin = win.pad_begin[i];
      }
      if (out < 0) {
        return Status::InvalidArgument(StrCat("output spatial dim ", i, " would be ", out,
                                              " (input ", in[i], ", pads ", win.pad_begin[i],
                                              "+", win.pad_end[i], ")"));
      }
      y.push_back(out);
      g.in[off + i] = out;
      g.out[off + i] = in[i];
      g.kernel[off + i] = kernel[i];
      g.stride[off + i] = s;
      g.dilation[off + i] = win.dilation[i];
      g.pad_begin[off + i] = pad_begin;
    }
    geom_ = g;
    batch_ = x[0];
    channels_ = c;
    out_channels_ = m;
    ctx.SetOutput(0, dtype, y);
    const int64_t col_elems = (m / group_) * g.kernel_size() * g.out_size();
    ctx.RequestScratch(static_cast<size_t>(col_elems) * DataTypeSize(dtype));
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    const Tensor& w = ctx.input(1);
    const Tensor* b = ctx.has_input(2) ? &ctx.input(2) : nullptr;
    Tensor& y = ctx.output(0);
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
    const int64_t x_size = geom_.out_size(), y_size = geom_.in_size();
    const int64_t mk = mg * geom_.kernel_size();
    kernels::FillChannelBias(b, batch_, out_channels_, y_size, y);  // zeros without B
    kernels::GemmParams p;
    p.m = mk;
    p.n = x_size;
    p.k = cg;
    p.trans_a = true;  // W[g] is stored (C/group, M/group * K)
    p.lda = mk;
    p.ldb = x_size;
    p.ldc = x_size;
    for (int64_t n = 0; n < batch_; ++n) {
      for (int64_t g = 0; g < group_; ++g) {
        kernels::GemmRef(p, w + g * cg * mk, x + (n * channels_ + g * cg) * x_size, col);
        kernels::Col2ImAdd(col, mg, geom_, y + (n * out_channels_ + g * mg) * y_size);
      }
    }
  }

  int since_version_ = 0;
  WindowAttrs attrs_;
  int64_t group_ = 1;
  std::vector<int64_t> output_padding_, output_shape_;
  kernels::ConvGeometry geom_;
  int64_t batch_ = 0, channels_ = 0, out_channels_ = 0;
};

}  // namespace

std::unique_ptr<Op> MakeConvTransposeOp() { return std::make_unique<ConvTransposeOp>(); }

}  // namespace onnxi
