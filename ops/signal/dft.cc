// DFT: discrete Fourier transform along one axis of a real or complex signal.
//
//   input (d0, ..., d_{r-2}, c) with c = 1 (real) or 2 (real, imag) -> output with the
//   transformed axis resized and c = 2; formulas in kernels/signal/dft.h.
//   dft_length (optional scalar input 1): the input is zero-padded or truncated to it.
//   onesided = 1, inverse = 0: only bins [0, n/2] are returned (RFFT).
//   onesided = 1, inverse = 1: the input is a one-sided spectrum, the output the real
//     signal of length dft_length (default 2 * (len - 1)) with c = 1 (IRFFT, as the
//     backend test data expects for both versions).
//
// Version 17: axis attribute (default 1). Version 20: axis is optional input 2 (scalar,
// default -2); axis counts the full rank, accepted range [-r, -2] U [0, r - 2].
// Types: float, double, float16, bfloat16 (computed in double).
#include <vector>

#include "kernels/signal/dft.h"
#include "ops/common/dispatch.h"
#include "ops/common/shape_util.h"
#include "ops/signal/signal_ops.h"

namespace onnxi {
namespace {

class DftOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    axis_input_ = node.since_version() >= 20;
    axis_ = axis_input_ ? -2 : node.GetInt("axis", 1);
    if (axis_input_ && node.has("axis")) {
      node.Fail(Status::InvalidModel("axis is an input since DFT-20, not an attribute"));
    }
    inverse_ = node.GetInt("inverse", 0) != 0;
    onesided_ = node.GetInt("onesided", 0) != 0;
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, ctx.input_dtype(0), kFloatTypes));
    const Shape& in = ctx.input_shape(0);
    const int rank = ctx.input_rank(0);
    if (rank < 2 || (in[rank - 1] != 1 && in[rank - 1] != 2)) {
      return Status::InvalidArgument(
          StrCat("input must have rank >= 2 and a last dimension of 1 (real) or 2 (complex), "
                 "got shape ",
                 ShapeToString(in)));
    }
    int64_t axis = axis_;
    if (axis_input_ && ctx.has_input(2)) {
      const Tensor* a = ctx.input_data(2);
      if (a == nullptr) return Status::Deferred();
      ONNXI_RETURN_IF_ERROR(CheckScalarInt(2, "axis", *a));
      axis = a->IntAt(0);
    }
    const int64_t norm_axis = axis < 0 ? axis + rank : axis;
    if (norm_axis < 0 || norm_axis > rank - 2) {
      return Status::InvalidArgument(StrCat("axis ", axis, " is out of range for a rank-", rank,
                                            " input (accepted: [", -rank, ", -2] or [0, ",
                                            rank - 2, "])"));
    }
    const int64_t len = in[norm_axis];
    int64_t n = -1;
    if (ctx.has_input(1)) {
      const Tensor* d = ctx.input_data(1);
      if (d == nullptr) return Status::Deferred();
      ONNXI_RETURN_IF_ERROR(CheckScalarInt(1, "dft_length", *d));
      n = d->IntAt(0);
      if (n < 1) return Status::InvalidArgument(StrCat("dft_length must be >= 1, got ", n));
    }
    p_ = kernels::DftParams();
    p_.hermitian = inverse_ && onesided_;
    if (n < 0) n = p_.hermitian ? 2 * (len - 1) : len;
    if (n < 1) {
      return Status::InvalidArgument(
          StrCat("the transform length is ", n, " (axis ", axis, " has ", len,
                 " values); give a positive dft_length"));
    }
    p_.inverse = inverse_;
    p_.dft_length = n;
    p_.in_len = len;
    p_.in_comp = in[rank - 1];
    p_.out_len = p_.hermitian ? n : (onesided_ ? n / 2 + 1 : n);
    p_.out_comp = p_.hermitian ? 1 : 2;
    p_.outer = 1;
    p_.inner = 1;
    for (int i = 0; i < norm_axis; ++i) p_.outer *= in[i];
    for (int i = static_cast<int>(norm_axis) + 1; i < rank - 1; ++i) p_.inner *= in[i];
    Shape out = in;
    out[norm_axis] = p_.out_len;
    out[rank - 1] = p_.out_comp;
    ctx.SetOutput(0, ctx.input_dtype(0), out);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    return VisitFloatType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::DftRef<T>(x.data<T>(), y.data<T>(), p_);
    });
  }

 private:
  static Status CheckScalarInt(int index, const char* name, const Tensor& t) {
    ONNXI_RETURN_IF_ERROR(CheckInputType(index, t.dtype(), {DataType::kInt32, DataType::kInt64}));
    if (t.num_elements() != 1 || t.rank() > 1) {
      return Status::InvalidArgument(StrCat(name, " (input ", index,
                                            ") must be a scalar, got shape ",
                                            ShapeToString(t.shape())));
    }
    return Status::Ok();
  }

  bool axis_input_ = false;
  int64_t axis_ = 1;
  bool inverse_ = false;
  bool onesided_ = false;
  kernels::DftParams p_;
};

}  // namespace

std::unique_ptr<Op> MakeDftOp() { return std::make_unique<DftOp>(); }

}  // namespace onnxi
