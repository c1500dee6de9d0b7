// MaxUnpool (opsets 9, 11, 22): the partial inverse of MaxPool.
//
// X (N, C, D1..Dr), I (same shape, int64) and optional output_shape (int64, rank r + 2) -> Y.
// The default shape is (N, C, O1..Or), O_d = (D_d - 1) * strides_d + kernel_shape_d -
// pad_begin_d - pad_end_d; I holds flat positions in that shape (MaxPool's Indices) and Y is
// zero except those positions, which get X. An explicit output_shape pads (or crops) that
// result at the end of each axis, as the ONNX backend test data expects.
// output_shape must be known at Prepare (deferred to run time otherwise). Indices outside
// Y are an error at run time.
#include "kernels/image/unpool.h"
#include "ops/common/dispatch.h"
#include "ops/common/shape_util.h"
#include "ops/image/image_ops.h"

namespace onnxi {
namespace {

class MaxUnpoolOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    since_ = node.since_version();
    node.Require("kernel_shape");
    kernel_ = node.GetInts("kernel_shape");
    pads_ = node.GetInts("pads");
    strides_ = node.GetInts("strides");
    for (int64_t k : kernel_) {
      if (k < 1) node.Fail(Status::InvalidModel(StrCat("kernel_shape value ", k, " must be positive")));
    }
    for (int64_t s : strides_) {
      if (s < 1) node.Fail(Status::InvalidModel(StrCat("strides value ", s, " must be positive")));
    }
    for (int64_t p : pads_) {
      if (p < 0) node.Fail(Status::InvalidModel(StrCat("pads value ", p, " is negative")));
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
    ONNXI_RETURN_IF_ERROR(CheckInputType(1, ctx.input_dtype(1), {DataType::kInt64}));
    const Shape& x = ctx.input_shape(0);
    const int r = static_cast<int>(x.size()) - 2;
    if (r < 1 || r + 2 > kernels::kUnpoolMaxRank) {
      return Status::InvalidArgument(
          StrCat("X has shape ", ShapeToString(x), "; expected (N, C, D1, ...)"));
    }
    if (ctx.input_shape(1) != x) {
      return Status::InvalidArgument(StrCat("I has shape ", ShapeToString(ctx.input_shape(1)),
                                            "; expected X's shape ", ShapeToString(x)));
    }
    if (static_cast<int>(kernel_.size()) != r) {
      return Status::InvalidArgument(StrCat("kernel_shape has ", kernel_.size(),
                                            " values; X has ", r, " spatial dims"));
    }
    if ((!strides_.empty() && static_cast<int>(strides_.size()) != r) ||
        (!pads_.empty() && static_cast<int>(pads_.size()) != 2 * r)) {
      return Status::InvalidArgument(StrCat("strides has ", strides_.size(), " and pads ",
                                            pads_.size(), " values; expected ", r, " and ",
                                            2 * r, " for ", r, " spatial dims"));
    }
    Shape y = {x[0], x[1]};
    for (int d = 0; d < r; ++d) {
      const int64_t s = strides_.empty() ? 1 : strides_[d];
      const int64_t pads = pads_.empty() ? 0 : pads_[d] + pads_[d + r];
      const int64_t v = (x[d + 2] - 1) * s + kernel_[d] - pads;
      if (v < 0) {
        return Status::InvalidArgument(
            StrCat("output dim ", d + 2, " would be ", v, " (pads exceed the size)"));
      }
      y.push_back(v);
    }
    dims_ = y;
    if (ctx.has_input(2)) {
      const Tensor* t = ctx.input_data(2);
      if (t == nullptr) return Status::Deferred();
      ONNXI_ASSIGN_OR_RETURN(y, ReadInt64s(*t));
      if (static_cast<int>(y.size()) != r + 2) {
        return Status::InvalidArgument(StrCat("output_shape ", ShapeToString(y),
                                              " has rank ", y.size(), "; expected ", r + 2));
      }
      for (int64_t v : y) {
        if (v < 0) {
          return Status::InvalidArgument(
              StrCat("output_shape ", ShapeToString(y), " has a negative dim"));
        }
      }
    }
    ctx.SetOutput(0, dtype, y);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    const Tensor& ind = ctx.input(1);
    Tensor& y = ctx.output(0);
    int64_t bad = -1;
    ONNXI_RETURN_IF_ERROR(VisitFloatType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      bad = kernels::MaxUnpool(x.data<T>(), ind.data<int64_t>(), x.num_elements(),
                               static_cast<int>(dims_.size()), dims_.data(), y.shape().data(),
                               y.data<T>());
    }));
    if (bad >= 0) {
      return Status::InvalidArgument(StrCat("I value ", ind.data<int64_t>()[bad], " at ", bad,
                                            " is out of range [0, ", NumElements(dims_),
                                            ") for unpooled shape ", ShapeToString(dims_)));
    }
    return Status::Ok();
  }

 private:
  int since_ = 0;
  std::vector<int64_t> kernel_, pads_, strides_;
  Shape dims_;  // the default output shape, which I indexes
};

}  // namespace

std::unique_ptr<Op> MakeMaxUnpoolOp() { return std::make_unique<MaxUnpoolOp>(); }

}  // namespace onnxi
